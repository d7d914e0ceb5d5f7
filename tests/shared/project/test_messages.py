"""Issue 18, "Error messages point to the fix", on projects made with `finagents new`:
`check` suggests the key a misspelt one meant, shows a bad period as YYYY-MM, and warns
(without failing) when a model id is set and no API key is in the environment."""

from __future__ import annotations

import pytest

from tests.shared.project.conftest import cli, set_setting

MODEL_WARNING = ("model 'claude-sonnet-4-6' is set but ANTHROPIC_API_KEY is not in the environment: runs will stop "
                 "until it is exported, or {fix} to run without a model")


@pytest.mark.parametrize(("workflow", "line", "typo", "suggested"), [
    ("month_end_close", "materiality_amount = 1000", "materialty_amount = 1000", "month_end_close.materialty_amount"
     "' (did you mean 'materiality_amount'?)"),
    ("month_end_close", 'suspense = "9999"', 'suspence = "9999"', "month_end_close.entry_accounts.suspence' "
     "(did you mean 'suspense'?)"),
    ("kyc", 'model = "offline"', 'modle = "offline"', "engagement.modle' (did you mean 'model'?)"),
    ("kyc", "screening_threshold = ", "screening_treshold = ", "kyc.screening_treshold' "
     "(did you mean 'screening_threshold'?)"),
])
def test_an_unknown_key_suggests_the_closest_known_key(new_project, capsys, workflow, line, typo, suggested) -> None:
    project = new_project(workflow)
    toml = project / "engagement.toml"
    assert line in toml.read_text()
    toml.write_text(toml.read_text().replace(line, typo, 1))
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {toml}: unknown key '{suggested}"]


def test_a_key_like_no_known_one_is_named_without_a_guess(new_project, capsys) -> None:
    project = new_project("month_end_close")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace("[month_end_close.bank]\n", "[month_end_close.bank]\nsort_code = 1\n"))
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {toml}: unknown key 'month_end_close.bank.sort_code'"]


def test_a_bad_period_in_engagement_toml_shows_yyyy_mm(new_project, capsys) -> None:
    project = new_project("month_end_close")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace("# period =\n", 'period = "2024-13"\n', 1))
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {toml}: month_end_close.period '2024-13' is not a month: write it as "
                                'YYYY-MM, e.g. "2024-12"']


def test_check_warns_for_a_model_without_an_api_key_and_still_passes(new_project, capsys) -> None:
    project = new_project("kyc")
    set_setting(project, "model", '"claude-sonnet-4-6"')
    status, out, err = cli(capsys, "check", str(project))
    assert status == 0 and out.startswith(f"{project}: settings valid")
    fix = 'set model = "offline"'
    assert err.splitlines() == [f"warning: {project / 'engagement.toml'}: {MODEL_WARNING.format(fix=fix)}"]


def test_check_warns_for_a_model_from_the_environment(new_project, capsys, monkeypatch) -> None:
    project = new_project("kyc")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace('model = "offline"\n', ""))
    monkeypatch.setenv("FINAGENTS_MODEL", "claude-sonnet-4-6")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 0
    assert err.splitlines() == [f"warning: FINAGENTS_MODEL: {MODEL_WARNING.format(fix='unset it')}"]


@pytest.mark.parametrize("case", ["offline", "key present"])
def test_check_is_silent_offline_or_with_a_key(new_project, capsys, monkeypatch, case) -> None:
    project = new_project("kyc")
    if case == "key present":
        set_setting(project, "model", '"claude-sonnet-4-6"')
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-not-a-real-key")
    status, out, err = cli(capsys, "check", str(project))
    assert (status, err) == (0, "")
    assert out.startswith(f"{project}: settings valid")


def test_a_bad_graph_reference_shows_how_to_write_one(new_project, capsys) -> None:
    project = new_project("month_end_close")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace("[month_end_close]\n", '[month_end_close]\ngraph = "acme graph"\n', 1))
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {toml}: month_end_close.graph 'acme graph' is not a graph reference: "
                                'write it as package.module:build_graph, e.g. "acme_close.graph:build_graph"']
