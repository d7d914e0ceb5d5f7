"""The MCP servers the plugin registers: `finagents mcp` under each name it serves.

The names and their tools are `shared.mcp.servers.SERVER_NAMES`, the MCP server's own
table, so the export never lists a tool the server does not have. It is imported when
an export runs, not before: the MCP server is built beside this command.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path

from shared.errors import InputError
from shared.export.files import PluginFile, json_file

# The server with every tool; the others are the names the provider's own agents call.
MAIN_SERVER = "finagents"


def server_names() -> Mapping[str, tuple[str, ...]]:
    try:
        module = importlib.import_module("shared.mcp.servers")
    except ImportError:
        raise InputError("finagents mcp", "is not in this version of the pack, so no plugin can start it") from None
    names: Mapping[str, tuple[str, ...]] = module.SERVER_NAMES
    return names


def server_args(server: str, engagement: Path | None) -> list[str]:
    args = ["mcp"]
    if engagement is not None:
        args += ["--engagement", str(engagement.resolve())]
    if server != MAIN_SERVER:
        args += ["--server-name", server]
    return args


def mcp_config_file(servers: Mapping[str, tuple[str, ...]], engagement: Path | None) -> PluginFile:
    """`.mcp.json`: `finagents` on the PATH, one entry per server name."""
    return json_file(".mcp.json", {"mcpServers": {
        name: {"command": "finagents", "args": server_args(name, engagement)} for name in servers}})


def tool_names(servers: Mapping[str, tuple[str, ...]], plugin: str) -> tuple[str, ...]:
    """The names under which an agent may call the main server's tools. Claude Code names a
    plugin's server's tools `mcp__plugin_<plugin>_<server>__<tool>` and a project's or
    user's `mcp__<server>__<tool>`: both are listed, so the agent finds its tools whether
    the plugin is installed or its .mcp.json is added to a project."""
    tools = servers.get(MAIN_SERVER, ())
    return (*(f"mcp__{MAIN_SERVER}__{tool}" for tool in tools),
            *(f"mcp__plugin_{plugin}_{MAIN_SERVER}__{tool}" for tool in tools))
