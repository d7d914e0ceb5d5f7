"""A case's run, found by its manifest (the input it ran on, started since the case was)
rather than by the batch's record alone: a run that reached its gate while the batch was
being killed is never run twice."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from shared.audit import AUDIT_FILE, read_data
from shared.errors import InputError
from shared.findings import SeverityCounts
from shared.runs.batch.records import DONE, FAILED, BatchRecord, CaseRecord
from shared.runs.manifest import RunManifest
from shared.runs.result_file import read_result
from shared.workflows import get_workflow


def find_run(batch: BatchRecord, case: CaseRecord) -> Path | None:
    """The case's run: the one recorded, else the newest run on the case's input started
    since the case was (the batch may have been killed before it could record it)."""
    if case.run_id is not None:
        return batch.runs_dir / case.run_id
    if case.started is None:
        return None
    found = runs_on(batch.runs_dir, batch.workflow, case.path, case.started)
    return found[-1] if found else None


def runs_on(runs_dir: Path, workflow: str, input_path: Path, since: datetime) -> list[Path]:
    """Runs of `workflow` on `input_path` started at or after `since`, oldest first."""
    if not runs_dir.is_dir():
        return []
    # A run id starts with its UTC start time to the second: later runs sort after.
    stamp = f"{since.astimezone(UTC):%Y%m%d-%H%M%S}"
    folders = sorted(p for p in runs_dir.iterdir() if p.name[:len(stamp)] >= stamp and f"-{workflow}-" in p.name)
    return [folder for folder in folders if _ran_on(folder, workflow, input_path)]


def _ran_on(folder: Path, workflow: str, input_path: Path) -> bool:
    try:
        manifest = RunManifest.read(folder)
    except InputError:  # not a run, or one killed before it wrote its manifest
        return False
    return manifest.workflow == workflow and manifest.input_path == input_path


def run_fields(run_dir: Path, workflow: str) -> dict[str, Any]:
    """What the case record says of its run: id, state, headline, findings, cost."""
    fields: dict[str, Any] = {"run_id": run_dir.name, "status": FAILED}
    try:
        result = read_result(run_dir / "result.json")
    except (OSError, ValueError):  # killed before it wrote a result
        return fields
    body = result.get("body")
    return {**fields, "status": str(result.get("status", FAILED)),
            "headline": get_workflow(workflow).headline(body) if isinstance(body, Mapping) else None,
            "findings": SeverityCounts.of(result.get("findings", ())),
            "cost_usd": _cost(result.get("usage"))}


def _cost(usage: Any) -> Decimal | None:
    try:
        return Decimal(str(usage["cost_usd"]))
    except (TypeError, KeyError, InvalidOperation):
        return None


def has_begun(run_dir: Path) -> bool:
    """Whether the run got as far as its first step. Before that it holds nothing that
    `resume` could continue (perhaps not even its first checkpoint), so the case is
    started again instead."""
    try:
        return bool(read_data(run_dir / AUDIT_FILE, "node_started"))
    except ValueError:  # a log that cannot be read: `resume` repairs or says why
        return True


def refreshed(batch: BatchRecord) -> BatchRecord:
    """Each started case as its run stands now: a run that reached its gate while the
    batch was being killed counts as done, and a run reviewed since shows its review."""
    for index, case in enumerate(batch.cases):
        run_dir = find_run(batch, case)
        if run_dir is not None and run_dir.is_dir():
            fields = run_fields(run_dir, batch.workflow)
            batch = batch.replaced(index, **fields, **({"error": None} if fields["status"] in DONE else {}))
    return batch
