"""`finagents rescreen`: the short command for a `kyc_rescreen` run on the engagement's
runs folder. The run is an ordinary run of that workflow: `runs`, `review`, `resume` and
`audit verify` take it as they take any other."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from shared.cli.common import EngagementOption, QuietOption, engagement_in_force, stderr_progress

WORKFLOW = "kyc_rescreen"


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    help_text = ("Screen every party of the engagement's approved KYC runs against the lists now in force and "
                 "report what changed (new hits, changed entries, delistings); it stops at the review gate.")
    app.command("rescreen", cls=PlainUsage, help=help_text)(rescreen)


def rescreen(
    engagement: Path | None = EngagementOption,
    out: Path | None = typer.Option(None, "--out", help="Put the run folder here."),
    quiet: bool = QuietOption,
) -> None:
    from shared.cli.runs_cmds import report
    from shared.runs.driver import start_run
    from shared.workflows import get_workflow

    found = engagement_in_force(engagement)
    progress = stderr_progress(quiet)
    # The rescreen asks no model: offline, whatever model the engagement names.
    outcome = start_run(get_workflow(WORKFLOW), found.runs_dir(Path.cwd()), engagement=found,
                        options={"model": "offline"}, out=out, environ=os.environ, progress=progress)
    progress.end(f"{outcome.status}: {outcome.run_id}")
    report(outcome)
