"""`finagents open`: a run's report."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Filled in by issue 8."""
