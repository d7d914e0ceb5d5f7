"""Earnings review as the core finds it: the `finagents.workflows` entry point names SPEC."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.body import table
from shared.workflows import Lazy, WorkflowSpec


def headline(body: Mapping[str, Any]) -> str | None:
    """The memo's own headline."""
    memo = table(body, "memo")
    return f"Headline: {memo['headline']}" if memo.get("headline") else None


SPEC = WorkflowSpec(
    name="earnings_review",
    summary="Filing in; cited statements, tie-outs, metrics, beats and misses, and a memo out.",
    input_help="a 10-Q/10-K/earnings-release PDF or inline-XBRL HTML, or a folder holding one",
    package="earnings_review",
    graph=Lazy("earnings_review.graph:build_graph"),
    settings=Lazy("earnings_review.context:Context"),
    headline=headline,
    evaluation=Lazy("earnings_review.evaluate:evaluate"),
    tools=Lazy("earnings_review.tools:tools"),
)
