"""engagement.toml: strict keys, Decimal money, and the contract's precedence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shared.engagement import (
    Engagement,
    EngagementConfig,
    check_model_access,
    find_engagement,
    load_engagement,
    run_settings,
)
from shared.errors import ConfigError, InputError

GOOD = """
[engagement]
client = "Acme Holdings plc"
reviewers = ["J. Smith", "A. Jones"]
model = "offline"
budget_usd = 12.50

[prices."claude-sonnet-5-5"]
input = 3
output = 15
cache_write = 3.75
cache_read = 0.30
"""


def _project(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "client"
    root.mkdir(exist_ok=True)
    (root / "engagement.toml").write_text(text, encoding="utf-8")
    return root


def test_a_good_engagement_loads_with_exact_decimals(tmp_path: Path) -> None:
    engagement = load_engagement(_project(tmp_path, GOOD))
    section = engagement.config.engagement
    assert section.client == "Acme Holdings plc"
    assert section.reviewers == ("J. Smith", "A. Jones")
    assert str(section.budget_usd) == "12.50"
    assert str(engagement.config.prices["claude-sonnet-5-5"].cache_read) == "0.30"
    assert engagement.runs_dir(Path("/elsewhere")) == tmp_path / "client" / "runs"
    assert engagement.prompts_dir("kyc") == tmp_path / "client" / "prompts" / "kyc"


@pytest.mark.parametrize(
    ("text", "key", "hint"),
    [
        ("[engagment]\nclient = 'x'\n", "engagment", " (did you mean 'engagement'?)"),
        ("[engagement]\nmodle = 'x'\n", "engagement.modle", " (did you mean 'model'?)"),
        ("[kyc]\nthreshhold = 0.25\n", "kyc.threshhold", " (did you mean 'screening_threshold'?)"),
        ("[month_end_close]\nmateriality = 5\n", "month_end_close.materiality", " (did you mean 'materiality_pct'?)"),
        ("[prices.m]\ninput = 1\noutput = 1\ncache_write = 1\ncache_read = 1\nbatch = 1\n", "prices.m.batch", ""),
    ],
)
def test_unknown_keys_are_errors_naming_key_and_file(tmp_path: Path, text: str, key: str, hint: str) -> None:
    root = _project(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_engagement(root)
    assert str(caught.value) == f"{root / 'engagement.toml'}: unknown key '{key}'{hint}"
    assert caught.value.key == key and caught.value.exit_code == 2


def test_bad_values_name_the_key(tmp_path: Path) -> None:
    root = _project(tmp_path, "[engagement]\nbudget_usd = 'lots'\n")
    with pytest.raises(ConfigError, match=r"engagement\.toml: 'engagement\.budget_usd': .*decimal"):
        load_engagement(root)


def test_broken_toml_is_a_one_line_error(tmp_path: Path) -> None:
    root = _project(tmp_path, "[engagement\nclient = 'x'\n")
    with pytest.raises(ConfigError, match=r"engagement\.toml: is not valid TOML"):
        load_engagement(root)


def test_graph_key_for_with_code_projects_is_checked(tmp_path: Path) -> None:
    ok = load_engagement(_project(tmp_path, "[kyc]\ngraph = 'acme_kyc.graph:build_graph'\n"))
    assert ok.config.kyc == {"graph": "acme_kyc.graph:build_graph"}
    with pytest.raises(ConfigError, match=r"kyc\.graph 'not a reference' is not a graph reference: write it as "
                                          r"package\.module:build_graph"):
        load_engagement(_project(tmp_path, "[kyc]\ngraph = 'not a reference'\n"))


def test_engagement_in_force(tmp_path: Path) -> None:
    assert find_engagement(None, tmp_path).root is None
    root = _project(tmp_path, GOOD)
    assert find_engagement(None, root).root == root
    assert find_engagement(root, tmp_path).root == root
    with pytest.raises(InputError, match="is not a client project"):
        find_engagement(tmp_path, tmp_path)


def _settings(engagement: Engagement, *, options=None, input_file=None, environ=None):
    return run_settings(
        "earnings_review",
        engagement,
        options=options or {},
        input_file=input_file,
        environ=environ or {},
    )


def test_precedence_command_line_then_engagement_then_environment_then_default(tmp_path: Path) -> None:
    engagement = load_engagement(_project(tmp_path, "[engagement]\nmodel = 'claude-from-file'\n"))
    environ = {"FINAGENTS_MODEL": "claude-from-env", "FINAGENTS_BUDGET_USD": "7.25"}

    from_cli = _settings(engagement, options={"model": "claude-from-cli"}, environ=environ).engagement
    assert from_cli.value.model == "claude-from-cli" and from_cli.origins["model"] == "--model"

    from_file = _settings(engagement, options={"model": None}, environ=environ).engagement
    assert from_file.value.model == "claude-from-file"
    assert from_file.origins["model"] == str(engagement.file)
    assert from_file.value.budget_usd == Decimal("7.25") and from_file.origins["budget_usd"] == "FINAGENTS_BUDGET_USD"

    defaults = _settings(Engagement(None)).engagement
    assert defaults.value.model == "offline" and defaults.origins["model"] == "default"
    assert defaults.value.budget_usd == Decimal("5.00")


def test_input_folder_file_beats_engagement_table(tmp_path: Path) -> None:
    engagement = load_engagement(_project(tmp_path, "[month_end_close]\nperiod = '2024-01'\n"))
    folder_file = tmp_path / "close.toml"
    folder_file.write_text("period = '2024-02'\n", encoding="utf-8")
    resolved = _close_settings(engagement, folder_file).workflow
    assert resolved.value.period == "2024-02" and resolved.origins["period"] == str(folder_file)
    assert _close_settings(engagement, None).workflow.origins["period"] == str(engagement.file)


def test_an_unknown_key_in_the_input_folder_file_names_that_file(tmp_path: Path) -> None:
    folder_file = tmp_path / "close.toml"
    folder_file.write_text("perod = '2024-01'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{folder_file}: 'perod' cannot be set in an input folder's close.toml "
                                          r"\(it may set only period, entity, currency, bank, columns, cash_account\)"):
        _close_settings(Engagement(None), folder_file)


@pytest.mark.parametrize("line", ["graph = 'os:abort'", "graph = 'inputs.evilcase.pwn:build_graph'",
                                  "materiality_amount = '1000000'", "[entry_accounts]\nsuspense = '1000'"])
def test_an_input_folder_cannot_set_what_changes_how_the_pack_runs(tmp_path: Path, line: str) -> None:
    folder_file = tmp_path / "close.toml"
    folder_file.write_text(f"period = '2024-01'\n{line}\n", encoding="utf-8")
    key = line.split()[0].strip("[]")
    with pytest.raises(ConfigError, match=rf"'{key}' cannot be set in an input folder's close.toml") as raised:
        _close_settings(Engagement(None), folder_file)
    assert raised.value.key == key and raised.value.source == str(folder_file)


def _close_settings(engagement: Engagement, input_file: Path | None):
    return run_settings("month_end_close", engagement, options={}, input_file=input_file, environ={})


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match=r"^FINAGENTS_BUDGET_USD: 'budget_usd'"):
        _settings(Engagement(None), environ={"FINAGENTS_BUDGET_USD": "ten dollars"})


def test_settings_record_is_json_ready() -> None:
    record = _settings(Engagement(None), options={"budget_usd": "2.5"}).record()
    assert record["engagement"]["budget_usd"] == "2.5"
    assert record["origins"]["engagement"]["budget_usd"] == "--budget-usd"


def test_a_model_id_without_a_key_is_refused_never_downgraded() -> None:
    settings = _settings(Engagement(None), options={"model": "claude-sonnet-5-5"}).engagement
    with pytest.raises(InputError) as caught:
        check_model_access(settings, {})
    assert str(caught.value) == ("--model: model 'claude-sonnet-5-5' needs ANTHROPIC_API_KEY in the environment "
                                 "(or use --model offline)")
    check_model_access(settings, {"ANTHROPIC_API_KEY": "sk-test"})
    check_model_access(_settings(Engagement(None)).engagement, {})


def test_default_config_is_empty_and_offline() -> None:
    config = EngagementConfig()
    assert config.engagement.model == "offline" and config.prices == {}
