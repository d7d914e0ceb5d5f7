"""The MCP server: the tools of one agent-facing server name over stdio, with the
official SDK's low-level `Server`. Each call is validated against the tool's argument
model, run on a worker thread (the engines' calls one at a time: they keep per-process caches),
and answered with structured content plus the same JSON as text; a failure is an
`isError` result carrying the command line's one-line message, never a crash."""

from __future__ import annotations

import difflib
import json
import threading
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from functools import partial
from typing import Any

import anyio
import anyio.to_thread
import mcp_types as types
from mcp.server import Server
from mcp.server.stdio import stdio_server
from pydantic import ValidationError

from shared import __version__
from shared.mcp.errors import bad_arguments, one_line
from shared.mcp.tool import Tool, ToolContext


def build_server(name: str, tools: Sequence[Tool], context: ToolContext, instructions: str = "") -> Server[Any]:
    by_name = {tool.name: tool for tool in tools}
    one_at_a_time = threading.Lock()
    listed = types.ListToolsResult(tools=[_listed(tool) for tool in tools])

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return listed

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        work = partial(answer, by_name, params.name, params.arguments or {}, context, one_at_a_time)
        return await anyio.to_thread.run_sync(work)

    return Server(name, version=__version__, instructions=instructions or None, on_list_tools=list_tools,
                  on_call_tool=call_tool)


def _listed(tool: Tool) -> types.Tool:
    return types.Tool(name=tool.name, description=tool.description, input_schema=tool.input_schema(),
                      output_schema=tool.output_schema())


def answer(by_name: Mapping[str, Tool], name: str, arguments: Mapping[str, Any], context: ToolContext,
           lock: threading.Lock) -> types.CallToolResult:
    tool = by_name.get(name)
    if tool is None:
        return _error(f"{name}: no such tool{_closest(name, by_name)} (this server's tools: {', '.join(by_name)})")
    try:
        given = tool.arguments.model_validate(dict(arguments))
    except ValidationError as error:
        return _error(f"{name}: {bad_arguments(error, list(tool.arguments.model_fields))}")
    try:
        with lock if tool.serial else nullcontext():
            result = tool.call(given, context)
    except Exception as error:  # any failure is the caller's answer; the server goes on
        return _error(one_line(error))
    data = result.model_dump(mode="json")
    return types.CallToolResult(content=[types.TextContent(text=json.dumps(data, ensure_ascii=False))],
                                structured_content=data)


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=message)], is_error=True)


def _closest(name: str, known: Mapping[str, Tool]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def serve(server: Server[Any]) -> None:
    """Until the client closes stdin. While it serves, the SDK points fd 1 at stderr, so
    nothing but the protocol reaches stdout."""
    anyio.run(_serve, server)


async def _serve(server: Server[Any]) -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())
