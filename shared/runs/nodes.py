"""Nodes that record themselves: every node's start and end go to the audit log, and the
chain's head goes into the checkpointed state (so lines dropped from the log's end show).

A node is given the run's `RunContext` as `runtime.context`. `finagents run` passes it in;
LangGraph Server passes none (it cannot build live objects), so there the context is
rebuilt from the run folder that `open_run` put in the state (shared/runs/served.py)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.errors import FinagentsError, LimitReached
from shared.runs.context import NodeRuntime, RunContext

# A step: the state so far (LangGraph's state is a dict of the workflow's fields, of any
# type) and the runtime; it returns what it changed.
Node = Callable[[Mapping[str, Any], NodeRuntime], Mapping[str, Any] | None]


def audited(name: str, node: Node, *, announce: bool = True) -> Node:
    """`node` with its start and end logged. `announce=False` leaves logging the start to
    the node itself: a node that waits in `interrupt()` runs again from the top when the
    answer comes, and its start should be logged once, after the wait."""

    @functools.wraps(node)
    def run(state: Mapping[str, Any], runtime: NodeRuntime) -> dict[str, Any]:
        if isinstance(getattr(runtime, "context", None), RunContext):
            return _audited_step(name, node, state, runtime, announce)
        served = _ServedRuntime(served_context(_run_dir(state)))
        try:
            return _audited_step(name, node, state, served, announce)
        except FinagentsError as exc:  # recorded as `finagents run` records it (shared/runs/driver.py: _invoke)
            _served_end(state, served.context, "stopped" if isinstance(exc, LimitReached) else "failed", exc)
            raise

    return run


def _audited_step(name: str, node: Node, state: Mapping[str, Any], runtime: NodeRuntime,
                  announce: bool) -> dict[str, Any]:
    audit = runtime.context.audit
    if announce:
        audit.node_started(name, runtime.context.run_id)
    update = dict(node(state, runtime) or {})
    audit.node_finished(name, runtime.context.run_id, summary=_summary(update))
    update["audit_head"] = audit.head
    return update


def _summary(update: Mapping[str, Any]) -> dict[str, Any]:
    """What the node changed; templates it rendered without a model call (an offline
    memo) are named with their source and hash, as a model call's are."""
    summary: dict[str, Any] = {"updated": sorted(update)}
    if update.get("prompts"):
        summary["prompts"] = list(update["prompts"])
    return summary


@dataclass(frozen=True)
class _ServedRuntime:
    """A NodeRuntime carrying the context rebuilt from the run folder."""

    context: RunContext


def _run_dir(state: Mapping[str, Any]) -> str:
    """The run folder of a served run, which `open_run` put in the state."""
    run_dir = state.get("run_dir")
    if not run_dir:
        raise FinagentsError("run", "no run context was given and the state names no run folder; "
                                    "a served graph starts with open_run (shared/runs/served.py)")
    return str(run_dir)


def _served_end(state: Mapping[str, Any], context: RunContext, status: str, error: Exception) -> None:
    # Late: the driver imports the gate, which imports this module.
    from shared.runs.driver import record_end  # noqa: PLC0415

    record_end(state, context, status, error)


@functools.lru_cache(maxsize=64)
def served_context(run_dir: str) -> RunContext:
    """One context per run folder in this process, kept across steps and the review's wait:
    its audit log object holds the chain's head, and two on one file would fork the chain."""
    # Late: the driver imports the gate, which imports this module.
    from shared.runs.driver import folder_context  # noqa: PLC0415

    return folder_context(Path(run_dir), os.environ)
