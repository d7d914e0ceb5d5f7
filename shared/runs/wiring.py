"""The shape every workflow's graph has: its steps in a line, then the review gate."""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import Any

from langgraph.graph import START, StateGraph

from shared.runs.context import RunContext
from shared.runs.gate import WorkflowOutputs, add_review_gate
from shared.runs.nodes import audited


def linear_graph(state: type, nodes: ModuleType, steps: Sequence[str],
                 outputs: WorkflowOutputs) -> StateGraph[Any, RunContext, Any, Any]:
    """An uncompiled StateGraph running `nodes.<step>` for each step in order (each
    audited), ending at the review gate; the run store compiles it with its checkpointer."""
    # Any: LangGraph's add_node admits a node only as typed by a state class (a TypedDict
    # or model); ours take the state as a Mapping, which none of its overloads accept.
    graph: Any = StateGraph(state, context_schema=RunContext)
    for step in steps:
        graph.add_node(step, audited(step, getattr(nodes, step)))
    graph.add_edge(START, steps[0])
    for before, after in zip(steps, steps[1:]):
        graph.add_edge(before, after)
    add_review_gate(graph, after=steps[-1], outputs=outputs)
    return graph
