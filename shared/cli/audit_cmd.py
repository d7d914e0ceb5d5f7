"""`finagents audit verify RUN`."""

from __future__ import annotations

from typing import Optional
from pathlib import Path

import typer

from shared.cli.common import EngagementOption, runs_dir


def build() -> typer.Typer:
    group = typer.Typer(no_args_is_help=True)
    group.command("verify", help="Check a run's hash-chained audit log; names the first bad line.")(verify)
    return group


def verify(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    engagement: Optional[Path] = EngagementOption,
) -> None:
    from shared.errors import FinagentsError
    from shared.runs.store import resolve_run

    resolve_run(run_ref, runs_dir(engagement))
    raise FinagentsError("audit verify", "needs the audit log, which this version of the pack does not have yet")
