"""What an earnings review carries from step to step (and through the checkpointer)."""

from __future__ import annotations

from typing import Any

from earnings_review.checks import TieOut
from earnings_review.expectations import Estimate, Guidance
from earnings_review.extract import UnmappedRow
from earnings_review.facts import Fact
from earnings_review.memo import Memo
from earnings_review.metrics import Comparison, Metric
from shared.runs.state import RunState


class State(RunState, total=False):
    filing: dict[str, Any]
    facts: list[Fact]
    segments: list[Fact]
    unmapped: list[UnmappedRow]
    estimates: list[Estimate]
    guidance: list[Guidance]
    footings: list[TieOut]
    tieouts: list[TieOut]
    metrics: list[Metric]
    comparisons: list[Comparison]
    memo: Memo
