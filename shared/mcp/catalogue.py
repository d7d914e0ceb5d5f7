"""The tools installed: each workflow's own (its spec's `tools`) and the core's (the run
tools and `verify_citation`), and those one agent-facing server offers. Each tool's
description is rendered from its template (`prompts/tools/<name>.j2`) through the
declaring workflow's prompts, with the engagement's overrides in front."""

from __future__ import annotations

from dataclasses import replace

from shared.engagement import Engagement
from shared.errors import InputError
from shared.mcp.citations import VERIFY_CITATION
from shared.mcp.run_tools import RUN_STATUS, RUN_WORKFLOW
from shared.mcp.servers import DEFAULT_SERVER, check_server_name
from shared.mcp.tool import Tool
from shared.prompts import PromptLibrary
from shared.workflows import WorkflowSpec, all_workflows


def core_tools() -> tuple[Tool, ...]:
    return VERIFY_CITATION, RUN_WORKFLOW, RUN_STATUS


def installed_tools(engagement: Engagement | None = None) -> tuple[Tool, ...]:
    """Every tool, the workflows' first, described; two tools of one name are refused,
    naming it."""
    found: dict[str, Tool] = {}
    declared = [(tool, _library(flow, engagement)) for flow in all_workflows() if flow.tools is not None
                for tool in flow.tools.load()()]
    core = PromptLibrary()
    for tool, library in (*declared, *((tool, core) for tool in core_tools())):
        if tool.name in found:
            raise InputError(tool.name, "is declared as a tool twice: two installed workflows name it")
        found[tool.name] = replace(tool, description=library.render(tool.template).text.strip())
    return tuple(found.values())


def _library(flow: WorkflowSpec, engagement: Engagement | None) -> PromptLibrary:
    return flow.prompt_library(engagement.prompts_dir(flow.name) if engagement is not None else None)


def tools_for(server_name: str, engagement: Engagement | None = None) -> tuple[Tool, ...]:
    """What `finagents mcp --server-name NAME` offers: every tool under `finagents`."""
    name = check_server_name(server_name)
    return tuple(t for t in installed_tools(engagement) if name == DEFAULT_SERVER or name in t.servers)


def instructions() -> str:
    """What the server tells an agent of itself, from `shared/prompts/tools/instructions.j2`."""
    return PromptLibrary().render("tools/instructions.j2").text.strip()
