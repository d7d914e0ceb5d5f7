"""`finagents new`, `update` and `check`: client projects."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Filled in by issue 7."""
