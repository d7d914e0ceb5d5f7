"""The earnings review's graph: wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from earnings_review import nodes
from earnings_review.body import body
from earnings_review.state import State
from shared.runs.outputs import RunOutputs
from shared.runs.wiring import linear_graph

REPORTS = Path(__file__).parent / "reports"
STEPS = ("read_filing", "classify_labels", "check", "analyse", "write_memo")


def build_graph() -> Any:
    """The uncompiled graph; the run store compiles it with its checkpointer."""
    return linear_graph(State, nodes, STEPS, RunOutputs(REPORTS, body=body))
