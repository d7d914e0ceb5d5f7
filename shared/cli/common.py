"""Options and helpers the commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from shared.engagement import Engagement
    from shared.runs.progress import StderrProgress

EngagementOption = typer.Option(
    None,
    "--engagement",
    metavar="DIR",
    help="Client project folder (holds engagement.toml). Default: the nearest one at or above the current folder.",
    file_okay=False,
)


def engagement_in_force(option: Path | None) -> Engagement:
    from shared.engagement import find_engagement

    return find_engagement(option, Path.cwd())


def runs_dir(option: Path | None) -> Path:
    return engagement_in_force(option).runs_dir(Path.cwd())


def console() -> Console:
    from rich.console import Console

    # Paths and prompt text contain [brackets]; never let rich read them as markup.
    return Console(markup=False, highlight=False, soft_wrap=True)


def stderr_progress(quiet: bool = False) -> StderrProgress:
    """Progress on stderr: a live count on a terminal, plain lines otherwise."""
    from shared.runs.progress import StderrProgress

    return StderrProgress(quiet=quiet)


QuietOption = typer.Option(False, "--quiet", "-q", help="Say only the run's first and last lines on stderr.")
