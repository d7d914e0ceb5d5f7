"""A batch as it is recorded: the cases and how each went (`batch.json`, rewritten
atomically after each change) and the table for a spreadsheet (`batch.csv`)."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from shared.errors import InputError
from shared.findings import SeverityCounts
from shared.money import Money
from shared.runs.manifest import write_atomic
from shared.spreadsheet import csv_text

BATCH_FILE, CSV_FILE, LOGS, LOCK_FILE = "batch.json", "batch.csv", "logs", ".lock"
DONE = frozenset({"awaiting_review", "approved", "rejected"})  # the run reached its review gate
PENDING, RUNNING, FAILED = "pending", "running", "failed"
CSV_COLUMNS = ("case", "run_id", "status", "headline", "findings_error", "findings_warning", "findings_info",
               "cost_usd", "failure")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


# -- records ------------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CaseRecord(_Record):
    name: str
    path: Path
    log: str  # the case's stderr, every attempt one after the other, relative to the batch folder
    status: str = PENDING
    run_id: str | None = None
    exit_status: int | None = None
    error: str | None = None
    started: datetime | None = None
    ended: datetime | None = None
    attempts: int = 0
    headline: str | None = None
    findings: SeverityCounts = SeverityCounts()
    cost_usd: Money | None = None
    # Runs of this case killed before their first step: nothing to continue, so the case
    # was started again; their folders are left where they are.
    abandoned_runs: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status in DONE


class BatchOptions(_Record):
    jobs: int = 1
    model: str | None = None
    budget_usd: str | None = None
    engagement: Path | None = None
    case_timeout: int | None = None  # seconds; None: a case may take as long as it takes
    batch_api: bool = False  # each case's model requests through the Message Batches API


class BatchRecord(_Record):
    batch_id: str
    workflow: str
    cases_dir: Path
    # Where the children run: the engagement and the runs folder are found from here, as
    # `finagents run` finds them, whichever folder `batch resume` is given from.
    workdir: Path
    runs_dir: Path
    options: BatchOptions
    created_at: datetime
    cases: tuple[CaseRecord, ...]

    def replaced(self, index: int, **changes: Any) -> BatchRecord:
        cases = list(self.cases)
        cases[index] = cases[index].model_copy(update=changes)
        return self.model_copy(update={"cases": tuple(cases)})

    def with_options(self, **changes: Any) -> BatchRecord:
        return self.model_copy(update={"options": self.options.model_copy(update=changes)})

    def failed(self) -> list[CaseRecord]:
        return [case for case in self.cases if not case.done]


# -- a new batch ---------------------------------------------------------------------------


def case_paths(cases_dir: Path) -> list[Path]:
    """Each folder or file directly under `cases_dir`, hidden ones left out, by name."""
    if not cases_dir.is_dir():
        raise InputError(cases_dir, "is not a folder of cases")
    found = sorted(path for path in cases_dir.iterdir() if not path.name.startswith("."))
    if not found:
        raise InputError(cases_dir, "holds no case (a case is a folder or a file directly under it; "
                                    "hidden ones are left out)")
    return found


def new_batch(workflow: str, cases_dir: Path, *, runs_dir: Path, workdir: Path, options: BatchOptions,
              now: datetime) -> BatchRecord:
    cases = tuple(CaseRecord(name=path.name, path=path.resolve(), log=f"{LOGS}/{number:03d}.log")
                  for number, path in enumerate(case_paths(cases_dir), start=1))
    return BatchRecord(batch_id=f"batch-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}", workflow=workflow,
                       cases_dir=cases_dir.resolve(), workdir=workdir.resolve(), runs_dir=runs_dir.resolve(),
                       options=options, created_at=now, cases=cases)


def claim_folder(folder: Path, given: bool) -> Path:
    """The batch folder, made now; one given with --out must be new or empty."""
    if given and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(folder, "already exists and is not an empty folder; give --out a new folder")
    (folder / LOGS).mkdir(parents=True, exist_ok=True)
    return folder.resolve()


# -- batch.json and batch.csv -----------------------------------------------------------------


def save(batch: BatchRecord, folder: Path) -> None:
    write_atomic(folder / BATCH_FILE, batch.model_dump_json(indent=2) + "\n")
    write_atomic(folder / CSV_FILE, csv_table(batch))


def load(folder: Path) -> BatchRecord:
    try:
        return BatchRecord.model_validate_json((folder / BATCH_FILE).read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(folder, f"is not a batch folder ({BATCH_FILE} cannot be read: {type(exc).__name__})") from None


def csv_table(batch: BatchRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(case) for case in batch.cases)
    return out.getvalue()


def csv_row(case: CaseRecord) -> list[object]:
    """Text cells made safe for a spreadsheet: a case is named by whoever sent it."""
    cost = "" if case.cost_usd is None else str(case.cost_usd)
    cells = [case.name, case.run_id or "", case.status, case.headline or "", case.findings.error,
             case.findings.warning, case.findings.info, cost, case.error or ""]
    return [csv_text(cell) for cell in cells]
