"""The agent-facing server names and the tools each offers. The provider's finance agents
call `mcp__screening__*`, `mcp__internal-gl__*` and `mcp__subledger__*`; an exported
plugin's `.mcp.json` registers `finagents mcp --server-name NAME` under each name, so
those agents find our tools there. `finagents` offers every tool.

This mapping is the one place these names live (`finagents export plugin` imports it); a
test checks each tool's own `servers` agrees with it."""

from __future__ import annotations

import difflib

from shared.errors import InputError

DEFAULT_SERVER = "finagents"

EVERY_TOOL = ("screen_names", "read_statement", "reconcile", "extract_financial_statements", "verify_citation",
              "run_workflow", "run_status")

SERVER_NAMES: dict[str, tuple[str, ...]] = {
    DEFAULT_SERVER: EVERY_TOOL,
    "screening": ("screen_names", "verify_citation", "run_workflow", "run_status"),
    "internal-gl": ("read_statement", "reconcile", "verify_citation", "run_status"),
    "subledger": ("reconcile", "read_statement", "verify_citation"),
}


def check_server_name(name: str) -> str:
    if name in SERVER_NAMES:
        return name
    close = difflib.get_close_matches(name, list(SERVER_NAMES), n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise InputError("--server-name", f"'{name}' is not a server name{hint}; the names: {', '.join(SERVER_NAMES)}")

