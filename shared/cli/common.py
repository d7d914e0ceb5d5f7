"""Options and helpers the commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from shared.engagement import Engagement

EngagementOption = typer.Option(
    None,
    "--engagement",
    help="Client project folder (holds engagement.toml). Default: the nearest one at or above the current folder.",
    file_okay=False,
)


def engagement_in_force(option: Optional[Path]) -> "Engagement":
    from shared.engagement import find_engagement

    return find_engagement(option, Path.cwd())


def runs_dir(option: Optional[Path]) -> Path:
    return engagement_in_force(option).runs_dir(Path.cwd())


def console() -> "Console":
    from rich.console import Console

    # Paths and prompt text contain [brackets]; never let rich read them as markup.
    return Console(markup=False, highlight=False, soft_wrap=True)


def node_progress():  # -> Callable[[str], None]
    """Show each finished step on stderr when a person is watching; stay silent in pipes."""
    import sys

    if not sys.stderr.isatty():
        return lambda node: None
    from rich.console import Console

    err = Console(stderr=True, markup=False, highlight=False)
    return lambda node: err.print(f"  done: {node}", style="dim")
