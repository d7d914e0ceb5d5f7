"""The rescreen graph (`kyc_rescreen`): wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyc.dispositions import RememberingOutputs
from kyc.rescreen import nodes
from kyc.rescreen.body import body, review_items
from kyc.rescreen.state import State
from shared.runs.wiring import linear_graph

REPORTS = Path(__file__).parent / "reports"
STEPS = ("read_book", "rescreen_book")


def build_graph() -> Any:
    """The uncompiled graph; the run store compiles it with its checkpointer."""
    # On approval the reviewer's false positives go to the engagement's memory (kyc/dispositions.py).
    return linear_graph(State, nodes, STEPS, RememberingOutputs(REPORTS, body=body, review_items=review_items))
