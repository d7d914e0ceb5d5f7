"""Each workflow's system prompt is its stable context: the same for every call of a run
and long enough for the model to cache, so a run's second call reads it from the cache
(as the loopback server works the usage out from the requests, not from a script)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from earnings_review.concepts import TABLE
from shared.cli import main
from shared.llm.request import cacheable
from shared.prompts import PromptLibrary
from shared.workflows import get_workflow
from tests.support.messages_api import message

PACK = Path(__file__).resolve().parents[2]
MODEL = "claude-sonnet-4-6"
KEY = "sk-ant-loopback-test-key-0123456789"
WORKFLOWS = ("earnings_review", "kyc", "month_end_close")


def system_prompt(workflow: str) -> str:
    return PromptLibrary(PACK / workflow / "prompts").render("system.j2").text


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_the_system_prompt_reaches_the_cache_minimum_of_sonnet(workflow):
    text = system_prompt(workflow)
    assert cacheable(text, MODEL), f"{workflow}: {len(text)} characters, under 4 x 2,048"
    assert "<document name=" not in text  # stable: no client document in it


def test_the_earnings_glossary_names_exactly_the_concepts_the_pack_reports():
    table = tomllib.loads(TABLE.read_text())
    reported = {entry["concept"] for entry in table["concept"]}
    glossary = set(re.findall(r"^- ([A-Za-z]+): (?:income|balance|cash_flow):", system_prompt("earnings_review"), re.M))
    assert glossary == reported


def test_the_second_call_of_a_run_reads_the_system_prompt_from_the_cache(messages_api, monkeypatch, isolated_home,
                                                                        tmp_path, capsys):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    # The labels step answers at once; the memo's answers never validate (3 attempts, then
    # the template memo): what matters here is what each request cost.
    messages_api.script(message('{"choices": []}'), *[message("{}")] * 3)
    out = tmp_path / "run"
    main(["run", "earnings_review", str(get_workflow("earnings_review").sample_dir), "--out", str(out),
          "--model", MODEL])
    capsys.readouterr()
    calls = [json.loads(line)["data"] for line in (out / "audit.jsonl").read_text().splitlines()
             if json.loads(line)["type"] == "model_call"]
    labels, memo = (c["usage"] for c in calls)
    system_tokens = -(-len(system_prompt("earnings_review")) // 4)
    assert (labels["cache_write_tokens"], labels["cache_read_tokens"]) == (system_tokens, 0)
    assert (memo["cache_write_tokens"], memo["cache_read_tokens"]) == (0, 3 * system_tokens)
    result = json.loads((out / "result.json").read_text())
    assert result["usage"]["cache_read_tokens"] == 3 * system_tokens
