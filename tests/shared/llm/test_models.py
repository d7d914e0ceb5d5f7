"""FakeModel, OfflineModel, build_model and the retry policy's arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared.errors import FinagentsError, InputError
from shared.llm import (
    AnthropicModel,
    Budget,
    BudgetExceeded,
    DocumentInput,
    FakeModel,
    ModelUnavailable,
    OfflineModel,
    RetryPolicy,
    Usage,
    build_model,
    is_offline,
)
from tests.shared.llm.outputs import Fact, Facts, Verdict

ONE = Facts(facts=[Fact(concept="Revenues", value=Decimal("1"))])


# -- FakeModel -------------------------------------------------------------------------


def test_fake_returns_answers_in_order_and_records_calls(system, prompt):
    records = []
    fake = FakeModel([ONE, Verdict(verdict="clear")], on_call=records.append)
    doc = DocumentInput("a.pdf", "d" * 64, "text")

    first = fake.ask(system=system, prompt=prompt, output_type=Facts, documents=[doc])
    second = fake.ask(system=system, prompt=prompt, output_type=Verdict)

    assert (first.output, second.output.verdict) == (ONE, "clear")
    assert [c.output_type for c in fake.calls] == [Facts, Verdict]
    assert fake.calls[0].system == system.text and fake.calls[0].prompt == prompt.text
    assert fake.calls[0].documents == (doc,)
    assert [r["documents"] for r in records] == [[{"name": "a.pdf", "sha256": "d" * 64}], []]
    assert fake.remaining == 0 and not is_offline(fake)


def test_fake_asserts_the_answer_type(system, prompt):
    fake = FakeModel([Verdict(verdict="clear")])
    with pytest.raises(AssertionError, match="expected an answer of type Facts, but the queued answer is Verdict"):
        fake.ask(system=system, prompt=prompt, output_type=Facts)


def test_fake_with_empty_queue_says_so(system, prompt):
    fake = FakeModel([])
    with pytest.raises(AssertionError, match="call 1 asked for Facts but no answers are left"):
        fake.ask(system=system, prompt=prompt, output_type=Facts)


def test_fake_raises_queued_errors_and_charges_the_budget(system, prompt):
    budget = Budget(Decimal("0.01"))
    cost = Usage(input_tokens=10, cost_usd=Decimal("0.01"))
    fake = FakeModel([ONE, ONE], usage=cost, budget=budget)
    assert fake.ask(system=system, prompt=prompt, output_type=Facts).usage == cost
    with pytest.raises(BudgetExceeded):
        fake.ask(system=system, prompt=prompt, output_type=Facts)

    failing = FakeModel([FinagentsError("model x", "boom")])
    with pytest.raises(FinagentsError, match="boom"):
        failing.ask(system=system, prompt=prompt, output_type=Facts)


# -- offline and build_model -----------------------------------------------------------


def test_offline_model_refuses_to_answer(system, prompt):
    model = OfflineModel()
    assert is_offline(model) and model.model_id == "offline"
    with pytest.raises(ModelUnavailable, match="deterministic baseline"):
        model.ask(system=system, prompt=prompt, output_type=Facts)


def test_build_model_offline_needs_nothing():
    assert isinstance(build_model("offline", api_key=None, prices={}, budget=Budget(Decimal(1))), OfflineModel)


def test_build_model_without_key_is_an_input_error():
    with pytest.raises(InputError) as caught:
        build_model("claude-sonnet-4-6", api_key=None, prices={}, budget=Budget(Decimal(1)))
    assert caught.value.exit_code == 2
    assert "model 'claude-sonnet-4-6' needs ANTHROPIC_API_KEY" in str(caught.value)


def test_build_model_with_key_builds_the_anthropic_model():
    model = build_model(
        "claude-sonnet-4-6", api_key="sk-test", prices={}, budget=Budget(Decimal(1)), base_url="http://127.0.0.1:9"
    )
    assert isinstance(model, AnthropicModel) and model.model_id == "claude-sonnet-4-6"
    assert not is_offline(model)


def test_build_model_with_unpriced_model_is_a_config_error():
    with pytest.raises(InputError, match="no price known"):
        build_model("claude-unknown-9", api_key="sk-test", prices={}, budget=Budget(Decimal(1)))


# -- retry arithmetic ------------------------------------------------------------------


def test_backoff_doubles_without_jitter_up_to_the_cap():
    policy = RetryPolicy()
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 6)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]


@pytest.mark.parametrize(
    "headers, expected",
    [({"retry-after": "2"}, 2.0), ({"retry-after-ms": "1500"}, 1.5), ({"retry-after": "90"}, 30.0),
     ({"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"}, 1.0), ({"retry-after": "-3"}, 1.0), ({}, 1.0)],
)  # fmt: skip
def test_retry_after_headers(headers, expected):
    assert RetryPolicy().delay(1, headers) == expected
