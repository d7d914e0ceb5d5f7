"""`finagents archive RUN DEST.zip`: a run folder with its evidence, in one zip that
`finagents audit verify DEST.zip` checks."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from shared.cli.common import EngagementOption, runs_dir


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("archive", cls=PlainUsage,
                help="Put a run folder and its evidence in a zip that `audit verify` checks.")(archive)


def archive(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    dest: Path = typer.Argument(..., metavar="DEST.zip", help="The zip to write (never overwritten)."),
    engagement: Path | None = EngagementOption,
) -> None:
    from shared.cli.audit_cmd import show
    from shared.errors import FinagentsError
    from shared.runs.archive import check_dest, write_archive
    from shared.runs.store import resolve_run
    from shared.runs.verify import verify_run_folder

    run_dir = resolve_run(run_ref, runs_dir(engagement))
    check_dest(run_dir, dest)
    verdict = verify_run_folder(run_dir, os.environ)
    if not verdict.ok:  # an archive is kept as the record: it must not start out failing
        show(verdict)
        raise FinagentsError(run_dir, "does not verify, so it was not archived")
    count = write_archive(run_dir, dest)
    typer.echo(f"{dest}: {count} files of {run_dir}")
