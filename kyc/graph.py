"""The KYC graph: wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyc import nodes
from kyc.body import body, review_items
from kyc.dispositions import RememberingOutputs
from kyc.report_view import report_view
from kyc.state import State
from shared.runs.wiring import linear_graph

REPORTS = Path(__file__).parent / "reports"
STEPS = ("read_packet", "read_free_text", "map_ownership", "check_documents", "screen", "adjudicate_hits", "rate_risk")


def build_graph() -> Any:
    """The uncompiled graph; the run store compiles it with its checkpointer."""
    # On approval the reviewer's false positives go to the engagement's memory (kyc/dispositions.py).
    return linear_graph(State, nodes, STEPS, RememberingOutputs(REPORTS, body=body, review_items=review_items,
                                                                report_view=report_view))
