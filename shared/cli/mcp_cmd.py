"""`finagents mcp`: the pack's engines as an MCP server over stdio, for Claude agents
(shared.mcp). stdout belongs to the protocol; whatever else is said goes to stderr."""

from __future__ import annotations

from pathlib import Path

import typer

from shared.cli.common import EngagementOption


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("mcp", cls=PlainUsage, help="Serve the pack's tools to an MCP client (a Claude agent) over stdio. "
                                            "No tool approves or rejects a run.")(mcp)


def mcp(
    engagement: Path | None = EngagementOption,
    server_name: str = typer.Option("finagents", "--server-name", metavar="NAME",
                                    help="Which tools to serve: finagents (all), screening, internal-gl or "
                                         "subledger, the server names the provider's finance agents call."),
) -> None:
    import os

    from shared.cli.common import engagement_in_force
    from shared.mcp.catalogue import instructions, tools_for
    from shared.mcp.server import build_server, serve
    from shared.mcp.tool import ToolContext

    in_force = engagement_in_force(engagement)
    tools = tools_for(server_name, in_force)  # an unknown name, or a broken plugin, is exit 2 before serving
    context = ToolContext(in_force, Path.cwd(), dict(os.environ))
    serve(build_server(server_name, tools, context, instructions()))
