"""A run as `run_workflow` and `run_status` report it: read from its folder (result.json
once there is one), so a run started here, from the command line or by a batch reads
the same."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from shared.findings import SeverityCounts
from shared.mcp.tool import Answer
from shared.runs.manifest import RunManifest
from shared.runs.result_file import read_result
from shared.workflows import get_workflow

NEXT_STEP = {
    "running": "call run_status with the run id until it reaches its review gate",
    "awaiting_review": "a person reviews it with `finagents review {run} --approve|--reject --reviewer NAME`; "
                       "no tool can",
    "approved": "approved by its reviewer; the outputs are final",
    "rejected": "rejected by its reviewer; a new run is needed",
    "stopped": "stopped at its budget; a person continues it with `finagents resume {run}`",
    "failed": "failed; its result.json says why",
}


class RunFinding(BaseModel):
    code: str
    severity: str
    message: str
    subject: str | None = None
    citations: list[dict[str, Any]] = []


class RunState(Answer):
    run_id: str
    run_folder: str
    workflow: str
    status: str = Field(description="running, awaiting_review (stopped at the review gate), approved, rejected, "
                                    "stopped or failed.")
    headline: str | None = None
    findings_by_severity: SeverityCounts = SeverityCounts()
    findings: list[RunFinding] = Field(default_factory=list)
    outputs: dict[str, str] = Field({}, description="The run folder's files by name (result.json, memo.md, "
                                                    "report.html, audit.jsonl), as absolute paths.")
    error: str | None = Field(None, description="Why the run failed or stopped, when it did.")
    next_step: str = ""


def run_state(run_dir: Path) -> RunState:
    manifest = RunManifest.read(run_dir)
    result = _result(run_dir)
    status = str(result.get("status", "running"))
    body = result.get("body") if isinstance(result.get("body"), Mapping) else {}
    findings = [_finding(item) for item in result.get("findings", ()) if isinstance(item, Mapping)]
    return RunState(
        run_id=manifest.run_id, run_folder=str(run_dir.resolve()), workflow=manifest.workflow, status=status,
        headline=get_workflow(manifest.workflow).headline(body) if body else None,
        findings_by_severity=SeverityCounts.of(result.get("findings", ())),
        findings=findings, outputs=_outputs(run_dir), error=body.get("error") if body else None,
        next_step=NEXT_STEP.get(status, "").format(run=manifest.run_id))


def _result(run_dir: Path) -> dict[str, Any]:
    try:
        return read_result(run_dir / "result.json")
    except (OSError, ValueError):  # not written yet: the run is still going
        return {}


def _finding(item: Mapping[str, Any]) -> RunFinding:
    citations = [c for c in item.get("citations", ()) if isinstance(c, Mapping)]
    return RunFinding(code=str(item.get("code", "")), severity=str(item.get("severity", "")),
                      message=str(item.get("message", "")), subject=item.get("subject"),
                      citations=[dict(c) for c in citations])


def _outputs(run_dir: Path) -> dict[str, str]:
    return {p.name: str(p.resolve()) for p in sorted(run_dir.iterdir()) if p.is_file() and not p.name.startswith(".")}
