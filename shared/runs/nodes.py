"""Nodes that record themselves: every node's start and end go to the audit log, and the
chain's head goes into the checkpointed state (so lines dropped from the log's end show)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from shared.runs.context import NodeRuntime

# A step: the state so far (LangGraph's state is a dict of the workflow's fields, of any
# type) and the runtime; it returns what it changed.
Node = Callable[[Mapping[str, Any], NodeRuntime], Mapping[str, Any] | None]


def audited(name: str, node: Node, *, announce: bool = True) -> Node:
    """`node` with its start and end logged. `announce=False` leaves logging the start to
    the node itself: a node that waits in `interrupt()` runs again from the top when the
    answer comes, and its start should be logged once, after the wait."""

    @functools.wraps(node)
    def run(state: Mapping[str, Any], runtime: NodeRuntime) -> dict[str, Any]:
        audit = runtime.context.audit
        if announce:
            audit.node_started(name, runtime.context.run_id)
        update = dict(node(state, runtime) or {})
        audit.node_finished(name, runtime.context.run_id, summary=_summary(update))
        update["audit_head"] = audit.head
        return update

    return run


def _summary(update: Mapping[str, Any]) -> dict[str, Any]:
    """What the node changed; templates it rendered without a model call (an offline
    memo) are named with their source and hash, as a model call's are."""
    summary: dict[str, Any] = {"updated": sorted(update)}
    if update.get("prompts"):
        summary["prompts"] = list(update["prompts"])
    return summary
