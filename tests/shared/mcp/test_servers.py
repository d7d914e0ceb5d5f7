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


def test_each_description_is_its_prompt_file_and_an_engagement_may_override_it(tmp_path) -> None:
    """Model-facing text is a file (DESIGN.md, principle 6): the workflow's
    `prompts/tools/<name>.j2`, the core's in shared/prompts, the engagement's in front."""
    from shared.engagement import load_engagement
    from shared.mcp.catalogue import instructions

    described = {t.name: t.description for t in installed_tools()}
    assert described["screen_names"].startswith("Screen parties (name, type, date of birth, country)")
    assert described["verify_citation"].startswith("Re-open a cited document")
    assert "{#" not in described["reconcile"] and all(described.values())
    assert "sign-off is `finagents review`, by a person" in instructions()
    (tmp_path / "engagement.toml").write_text("[engagement]\n")
    override = tmp_path / "prompts" / "kyc" / "tools" / "screen_names.j2"
    override.parent.mkdir(parents=True)
    override.write_text("Screen this client's parties; escalate any hit to the MLRO.\n")
    tuned = {t.name: t.description for t in installed_tools(load_engagement(tmp_path))}
    assert tuned["screen_names"] == "Screen this client's parties; escalate any hit to the MLRO."
    assert tuned["reconcile"] == described["reconcile"]
