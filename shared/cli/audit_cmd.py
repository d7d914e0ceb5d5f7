"""`finagents audit verify RUN`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

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
    from shared.audit import AUDIT_FILE, verify_audit
    from shared.runs.driver import expected_audit_head
    from shared.runs.store import resolve_run

    run_dir = resolve_run(run_ref, runs_dir(engagement))
    report = verify_audit(run_dir / AUDIT_FILE, expected_audit_head(run_dir, os.environ))
    typer.echo(report.message(), err=not report.ok)
    if not report.ok:
        raise typer.Exit(1)
