"""The agent-facing server names (shared.mcp.servers, which `finagents export plugin`
imports) agree with what each installed tool says it serves."""

from __future__ import annotations

import pytest

from shared.mcp.catalogue import installed_tools, tools_for
from shared.mcp.servers import DEFAULT_SERVER, SERVER_NAMES


@pytest.mark.parametrize("name", list(SERVER_NAMES))
def test_each_server_offers_the_tools_it_is_declared_with(name: str) -> None:
    assert sorted(t.name for t in tools_for(name)) == sorted(SERVER_NAMES[name])


def test_every_installed_tool_is_under_finagents_and_names_only_known_servers() -> None:
    tools = installed_tools()
    assert sorted(t.name for t in tools) == sorted(SERVER_NAMES[DEFAULT_SERVER])
    assert all(set(t.servers) <= set(SERVER_NAMES) - {DEFAULT_SERVER} for t in tools)


def test_the_tools_come_from_the_workflows_specs() -> None:
    from shared.workflows import get_workflow

    assert [t.name for t in get_workflow("kyc").tools.load()()] == ["screen_names"]
    assert [t.name for t in get_workflow("month_end_close").tools.load()()] == ["read_statement", "reconcile"]
    assert [t.name for t in get_workflow("earnings_review").tools.load()()] == ["extract_financial_statements"]
