"""The tools installed: each workflow's own (its spec's `tools`) and the core's (the run
tools and `verify_citation`), and those one agent-facing server offers."""

from __future__ import annotations

from shared.errors import InputError
from shared.mcp.citations import VERIFY_CITATION
from shared.mcp.run_tools import RUN_STATUS, RUN_WORKFLOW
from shared.mcp.servers import DEFAULT_SERVER, check_server_name
from shared.mcp.tool import Tool
from shared.workflows import all_workflows


def core_tools() -> tuple[Tool, ...]:
    return VERIFY_CITATION, RUN_WORKFLOW, RUN_STATUS


def installed_tools() -> tuple[Tool, ...]:
    """Every tool, the workflows' first; two tools of one name are refused, naming it."""
    found: dict[str, Tool] = {}
    workflow_tools = [tool for flow in all_workflows() if flow.tools is not None for tool in flow.tools.load()()]
    for tool in (*workflow_tools, *core_tools()):
        if tool.name in found:
            raise InputError(tool.name, "is declared as a tool twice: two installed workflows name it")
        found[tool.name] = tool
    return tuple(found.values())


def tools_for(server_name: str) -> tuple[Tool, ...]:
    """What `finagents mcp --server-name NAME` offers: every tool under `finagents`."""
    name = check_server_name(server_name)
    return tuple(t for t in installed_tools() if name == DEFAULT_SERVER or name in t.servers)
