"""Extended thinking, off unless the engagement gives a budget, and then only for the
steps that ask with `thinking`: the request, the answer read past its thinking block,
the audit record, and the budget's estimate counting the thinking as output."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shared.engagement import load_engagement
from shared.errors import ConfigError
from shared.llm import AnthropicModel, Budget, BudgetExceeded, make_client
from shared.llm.estimate import estimated_cost
from tests.shared.llm.conftest import SONNET, TEST_KEY
from tests.shared.llm.outputs import Facts
from tests.support.messages_api import Scripted, message

GOOD = '{"facts": [{"concept": "Revenues", "value": "81797"}]}'


def _thought_then(text: str) -> Scripted:
    """An answer as the API gives it with thinking on: a thinking block, then the text."""
    scripted = message(text)
    thinking = {"type": "thinking", "thinking": "Revenue is printed once, on page 3.", "signature": "c2ln"}
    return Scripted(200, {**scripted.body, "content": [thinking, *scripted.body["content"]]},
                    computed_usage=True)


def test_a_step_asking_with_thinking_gets_the_engagements_budget(make_model, messages_api, system, prompt):
    messages_api.script(_thought_then(GOOD))
    records = []
    reply = make_model(thinking_budget=2048, on_call=records.append).ask(
        system=system, prompt=prompt, output_type=Facts, max_tokens=1000, thinking=True)

    body = messages_api.requests[0].body
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert body["max_tokens"] == 3048  # room for the thinking and the answer
    assert reply.output.facts[0].value == Decimal("81797") and reply.raw_text == GOOD
    assert records[0]["thinking_budget"] == 2048


@pytest.mark.parametrize(("budget", "thinking"), [(2048, False), (0, True)])
def test_no_thinking_unless_both_the_step_and_the_engagement_ask(make_model, messages_api, system, prompt, budget,
                                                                 thinking):
    messages_api.script(message(GOOD))
    records = []
    make_model(thinking_budget=budget, on_call=records.append).ask(
        system=system, prompt=prompt, output_type=Facts, max_tokens=1000, thinking=thinking)

    body = messages_api.requests[0].body
    assert "thinking" not in body and body["max_tokens"] == 1000
    assert "thinking_budget" not in records[0]


@pytest.mark.parametrize(("model_id", "sent"), [
    ("claude-opus-4-6", {"type": "adaptive"}),
    ("claude-sonnet-4-6", {"type": "enabled", "budget_tokens": 2048}),
    ("claude-fable-5", None)])
def test_the_thinking_each_model_takes(messages_api, system, prompt, model_id, sent):
    """Opus 4.6 takes adaptive thinking only; Fable 5 none, so it is asked without."""
    messages_api.script(message(GOOD))
    model = AnthropicModel(make_client(TEST_KEY, base_url=messages_api.url), model_id, prices=SONNET,
                           budget=Budget(Decimal("5")), thinking_budget=2048)
    model.ask(system=system, prompt=prompt, output_type=Facts, max_tokens=1000, thinking=True)
    body = messages_api.requests[0].body
    assert body.get("thinking") == sent
    assert body["max_tokens"] == (1000 if sent is None else 3048)


@pytest.mark.parametrize(("budget", "answer", "sent_budget", "max_tokens"), [
    (200_000, 4096, 128_000 - 4096, 128_000),  # cut to what the limit leaves the answer
    (2048, 127_500, None, 127_500),  # too little room left to think at all: asked without
])
def test_a_thinking_budget_never_crowds_out_the_answer(messages_api, system, prompt, budget, answer, sent_budget,
                                                       max_tokens):
    messages_api.script(message(GOOD))
    model = AnthropicModel(make_client(TEST_KEY, base_url=messages_api.url), "claude-sonnet-4-6", prices=SONNET,
                           budget=Budget(Decimal("50")), thinking_budget=budget)
    model.ask(system=system, prompt=prompt, output_type=Facts, max_tokens=answer, thinking=True)
    body = messages_api.requests[0].body
    assert body.get("thinking", {}).get("budget_tokens") == sent_budget and body["max_tokens"] == max_tokens


def test_the_budget_counts_the_thinking_before_the_request_is_sent(make_model, messages_api, system, prompt):
    messages_api.script(message(GOOD))
    make_model().ask(system=system, prompt=prompt, output_type=Facts, max_tokens=1000)
    sent = messages_api.requests[0].body
    without = estimated_cost(sent["system"], sent["messages"], 1000, SONNET)
    with_thinking = estimated_cost(sent["system"], sent["messages"], 1000 + 4096, SONNET)

    model = make_model(budget=Budget((without + with_thinking) / 2), thinking_budget=4096)
    with pytest.raises(BudgetExceeded) as caught:
        model.ask(system=system, prompt=prompt, output_type=Facts, max_tokens=1000, thinking=True)
    assert len(messages_api.requests) == 1  # refused before it was sent
    assert f"may cost up to ${with_thinking:.4f}" in str(caught.value)


def _engagement(tmp_path: Path, budget: int) -> Path:
    root = tmp_path / "client"
    root.mkdir(parents=True)
    (root / "engagement.toml").write_text(f'[engagement]\nmodel = "offline"\nthinking_budget = {budget}\n')
    return root


def test_the_engagement_setting_is_off_by_default_and_refuses_a_budget_the_api_would(tmp_path):
    assert load_engagement(_engagement(tmp_path / "a", 0)).config.engagement.thinking_budget == 0
    assert load_engagement(_engagement(tmp_path / "b", 1024)).config.engagement.thinking_budget == 1024
    with pytest.raises(ConfigError) as caught:
        load_engagement(_engagement(tmp_path / "c", 500))
    assert "engagement.thinking_budget" in str(caught.value)
    assert "500 is under the API's minimum of 1024 tokens (0 turns thinking off)" in str(caught.value)
