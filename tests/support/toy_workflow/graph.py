from pathlib import Path

from shared.runs.context import RunContext
from shared.runs.gate import add_review_gate
from shared.runs.nodes import audited
from shared.runs.outputs import RunOutputs

from . import nodes
from .state import State


def build_graph():
    from langgraph.graph import START, StateGraph

    graph = StateGraph(State, context_schema=RunContext)
    graph.add_node("read", audited("read", nodes.read))
    graph.add_node("label", audited("label", nodes.label))
    graph.add_edge(START, "read")
    graph.add_edge("read", "label")
    outputs = RunOutputs(Path(__file__).parent / "reports", body=nodes.body, review_items=nodes.review_items)
    add_review_gate(graph, after="label", outputs=outputs)
    return graph
