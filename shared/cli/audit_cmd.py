"""`finagents audit verify RUN`: a run folder, or an archive made by `finagents archive`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from shared.cli.common import EngagementOption, runs_dir

if TYPE_CHECKING:
    from shared.runs.verify import Verdict


def build() -> typer.Typer:
    from shared.cli.usage import PlainUsage

    group = typer.Typer(no_args_is_help=True)
    group.command("verify", cls=PlainUsage,
                  help="Check a run's hash-chained audit log and the outputs it signed off; names the first bad "
                       "line and every file changed since sign-off.")(verify)
    return group


def verify(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id, run folder, or a run's archive (.zip)."),
    engagement: Path | None = EngagementOption,
) -> None:
    from shared.runs.store import resolve_run
    from shared.runs.verify import verify_run_folder

    if Path(run_ref).is_file():  # a run is a folder: a file given as RUN is its archive
        from shared.runs.archive import verify_archive

        verdict = verify_archive(Path(run_ref))
    else:
        verdict = verify_run_folder(resolve_run(run_ref, runs_dir(engagement)), os.environ)
    show(verdict)
    if not verdict.ok:
        raise typer.Exit(1)


def show(verdict: Verdict) -> None:
    """What passed on stdout, each problem on stderr."""
    for line in verdict.passed:
        typer.echo(line)
    for line in verdict.failed:
        typer.echo(line, err=True)
