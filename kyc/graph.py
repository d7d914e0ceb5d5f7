"""The KYC graph: wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPORTS = Path(__file__).parent / "reports"
STEPS = ("read_packet", "map_ownership", "check_documents", "screen", "adjudicate_hits", "rate_risk")


def build_graph() -> Any:
    """The uncompiled graph; the run store compiles it with its checkpointer."""
    from langgraph.graph import START, StateGraph

    from kyc import nodes
    from kyc.body import body, review_items
    from kyc.state import State
    from shared.runs.context import RunContext
    from shared.runs.gate import add_review_gate
    from shared.runs.nodes import audited
    from shared.runs.outputs import RunOutputs

    graph = StateGraph(State, context_schema=RunContext)
    for step in STEPS:
        graph.add_node(step, audited(step, getattr(nodes, step)))
    graph.add_edge(START, STEPS[0])
    for before, after in zip(STEPS, STEPS[1:]):
        graph.add_edge(before, after)
    add_review_gate(graph, after=STEPS[-1], outputs=RunOutputs(REPORTS, body=body, review_items=review_items))
    return graph
