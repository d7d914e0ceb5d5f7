"""Graphs that run on LangGraph Server (`langgraph dev` included) as they run from
`finagents run`, writing the same run folder.

The server passes no live objects (model, audit log, prompts) and keeps the checkpoints
itself, so a served graph is the workflow's own graph with one step before its first,
`open_run`: from the graph input (CONTRACT.md: `{"input", "engagement"?, "model"?,
"budget_usd"?, "out"?}`, the command line's meanings) it does what `finagents run` does
before invoking (`shared.runs.driver.open_run`) and puts the run folder in the state. Every
later node is given the run's context rebuilt from that folder (`shared.runs.nodes`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from langchain_core.runnables import RunnableConfig
from langgraph.graph import START

from shared.engagement import find_engagement
from shared.errors import InputError
from shared.runs.driver import announce_start, claimed, graph_builder_for, open_run
from shared.runs.nodes import served_context
from shared.runs.progress import SILENT
from shared.workflows import get_workflow

OPEN_RUN = "open_run"


class ServedInput(TypedDict, total=False):
    """A served graph's input: the options of `finagents run`, as JSON."""

    input: str
    engagement: str | None
    model: str | None
    budget_usd: str | None
    out: str | None


def served_graph(workflow: str) -> Any:
    """The uncompiled graph the server compiles with its own saver: the graph a run of
    `workflow` uses under the engagement of the server's folder, `open_run` first. Built
    when the server asks (a factory), never at import."""
    spec = get_workflow(workflow)
    engagement = find_engagement(None, Path.cwd())
    served = engagement.config.table(spec.name).get("graph")
    builder = graph_builder_for(spec, engagement)()
    firsts = [edge for edge in builder.edges if edge[0] == START]
    if len(firsts) != 1:
        raise InputError(workflow, "has no single first step, so no place for open_run")
    # The server builds no RunContext (it cannot: live objects), and its input is ours.
    builder.context_schema = None
    builder.input_schema = ServedInput
    builder._add_schema(ServedInput, allow_managed=False)  # as StateGraph.__init__ does for its input
    builder.add_node(OPEN_RUN, lambda state, config: _open_run(spec.name, served, state, config),
                     input_schema=ServedInput)
    builder.edges.discard(firsts[0])
    builder.add_edge(START, OPEN_RUN)
    builder.add_edge(OPEN_RUN, firsts[0][1])
    return builder


def _open_run(workflow: str, served: str | None, state: Mapping[str, Any], config: RunnableConfig) -> dict[str, Any]:
    if not state.get("input"):
        raise InputError("input", "the graph input names no input file or folder ({\"input\": PATH})")
    input_path = Path(state["input"])
    if not input_path.exists():
        raise InputError(input_path, "does not exist")
    engagement = find_engagement(_path(state.get("engagement")), Path.cwd())
    opened = open_run(get_workflow(workflow), input_path, engagement=engagement,
                      options={"model": state.get("model"), "budget_usd": state.get("budget_usd")},
                      out=_path(state.get("out")), environ=os.environ, progress=SILENT,
                      server_thread=str(config.get("configurable", {}).get("thread_id", "")))
    if opened.settings.workflow.value.graph != served:  # the graph was built before the input came
        raise InputError(engagement.root or "engagement", f"runs {workflow} on another graph than this server "
                                                          "serves; start the server from that engagement's folder")
    with claimed(opened):
        context = served_context(str(opened.run_dir))
        announce_start(context, opened)
    return {"run_dir": str(opened.run_dir), "input_path": str(opened.manifest.input_path),
            "findings": opened.findings, "audit_head": context.audit.head}


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None
