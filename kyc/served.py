"""The kyc graph as LangGraph Server runs it (langgraph.json names `graph`)."""

from __future__ import annotations

from typing import Any

from shared.runs.served import served_graph


def graph() -> Any:
    """Called by the server for each run; builds nothing at import."""
    return served_graph("kyc")
