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
    head = expected_audit_head(run_dir, os.environ)
    report = verify_audit(run_dir / AUDIT_FILE, head)
    if report.ok and head is None:
        # Without the head kept in the run's state, lines cut from the end cannot be seen.
        typer.echo(f"{run_dir / AUDIT_FILE}: chain intact for {report.entries} entries, but the run has no "
                   "checkpointed state, so lines removed from the end could not be ruled out", err=True)
        raise typer.Exit(1)
    typer.echo(report.message(), err=not report.ok)
    if not report.ok:
        raise typer.Exit(1)
