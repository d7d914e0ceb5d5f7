"""`finagents batch`: every case of a folder as its own run, N at a time, each in a child
process of its own (the `finagents` command of this interpreter), so that a crash, a hang
or a memory blow-up in one case is that case's failure and the rest go on.

The batch folder holds `batch.json` (the cases and how each went, rewritten atomically
after each change), `batch.csv` (one row a case, for a spreadsheet) and `logs/`, each
case's stderr. `finagents batch resume` finishes a batch that was killed or had failures:
a case whose run reached the review gate is left alone, one whose run stopped short is
continued as `finagents resume` continues it, one never started is started. A case's run
is found by its manifest (the input it ran on, started since the case was), not by the
batch's record alone: a run that reached its gate while the batch was being killed is
never run twice.
"""

from shared.runs.batch.children import Ended, error_line
from shared.runs.batch.records import (
    CSV_FILE,
    BatchOptions,
    BatchRecord,
    CaseRecord,
    case_paths,
    claim_folder,
    csv_table,
    load,
    new_batch,
    utc_now,
)
from shared.runs.batch.runner import progress_line, run_batch, status_counts
from shared.runs.batch.runs import find_run, refreshed, run_fields

__all__ = [
    "CSV_FILE",
    "BatchOptions",
    "BatchRecord",
    "CaseRecord",
    "Ended",
    "case_paths",
    "claim_folder",
    "csv_table",
    "error_line",
    "find_run",
    "load",
    "new_batch",
    "progress_line",
    "refreshed",
    "run_batch",
    "run_fields",
    "status_counts",
    "utc_now",
]
