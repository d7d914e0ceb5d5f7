"""Usage, cost and prices."""

from __future__ import annotations

import typing
from decimal import Decimal

import anthropic
import pytest
from anthropic._data import DEPRECATED_MODELS
from pydantic import ValidationError

from shared.engagement import Prices
from shared.errors import ConfigError
from shared.llm import Usage, cost_of, default_prices, prices_for
from tests.shared.llm.conftest import SONNET


def test_cost_is_exact_decimal():
    usage = Usage(input_tokens=1000, output_tokens=200, cache_write_tokens=300, cache_read_tokens=500)
    assert cost_of(usage, SONNET) == Decimal("0.007275")
    assert usage.priced(SONNET).cost_usd == Decimal("0.007275")
    one_token = Usage(input_tokens=1).priced(SONNET)
    assert one_token.cost_usd == Decimal("0.000003")


def test_usage_adds_up_and_dumps_cost_as_string():
    a = Usage(input_tokens=1, output_tokens=2, cache_write_tokens=3, cache_read_tokens=4, cost_usd=Decimal("0.10"))
    total = a + a + Usage()
    assert total == Usage(input_tokens=2, output_tokens=4, cache_write_tokens=6, cache_read_tokens=8,
                          cost_usd=Decimal("0.20"))
    assert total.model_dump(mode="json")["cost_usd"] == "0.20"
    assert Usage.model_validate_json(total.model_dump_json()) == total


def test_usage_refuses_float_cost_and_negative_tokens():
    with pytest.raises(ValidationError):
        Usage(cost_usd=0.1)
    with pytest.raises(ValidationError):
        Usage(input_tokens=-1)


def _current_sdk_models() -> set[str]:
    literal = typing.get_args(anthropic.types.Model)[0]
    return set(typing.get_args(literal)) - set(DEPRECATED_MODELS)


def test_shipped_prices_cover_every_current_sdk_model():
    prices = default_prices()
    assert _current_sdk_models() <= set(prices), "add the missing ids to shared/llm/prices.toml"
    assert not set(prices) & set(DEPRECATED_MODELS)
    for model_id, price in prices.items():
        assert price.cache_read < price.input < price.cache_write, model_id
        assert all(isinstance(v, Decimal) for v in price.model_dump().values())


def test_family_defaults():
    prices = default_prices()
    assert prices["claude-sonnet-4-6"] == SONNET
    assert (prices["claude-opus-4-8"].input, prices["claude-opus-4-8"].output) == (Decimal(5), Decimal(25))
    assert prices["claude-haiku-4-5"].cache_write == Decimal("1.25")


def test_engagement_prices_win_and_unknown_models_are_refused():
    own = Prices(input=Decimal(1), output=Decimal(2), cache_write=Decimal(3), cache_read=Decimal("0.5"))
    assert prices_for("claude-sonnet-4-6", {"claude-sonnet-4-6": own}) is own
    assert prices_for("claude-sonnet-4-6", {}) == SONNET
    assert prices_for("my-fine-tune", {"my-fine-tune": own}) is own
    with pytest.raises(ConfigError) as caught:
        prices_for("claude-unknown-9", {})
    assert "claude-unknown-9" in str(caught.value) and '[prices."claude-unknown-9"]' in str(caught.value)
    assert caught.value.exit_code == 2


def test_default_prices_is_a_fresh_copy():
    prices = default_prices()
    prices.clear()
    assert default_prices()
