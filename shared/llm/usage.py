"""Tokens and what they cost, in exact Decimal dollars.

Prices are USD per million tokens. The pack ships defaults in `prices.toml`; an
engagement overrides them per model in `engagement.toml` (`[prices."MODEL_ID"]`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from shared.engagement import Prices
from shared.errors import ConfigError
from shared.money import Money

PRICES_FILE = Path(__file__).with_name("prices.toml")
_PER_MILLION = Decimal(1_000_000)


class Usage(BaseModel):
    """Token counts of one or more responses and their cost (a string in JSON)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input_tokens: int = Field(0, ge=0)
    output_tokens: int = Field(0, ge=0)
    cache_write_tokens: int = Field(0, ge=0)
    cache_read_tokens: int = Field(0, ge=0)
    cost_usd: Money = Decimal(0)

    def __add__(self, other: Usage) -> Usage:
        if not isinstance(other, Usage):
            return NotImplemented
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
            cost_usd=self.cost_usd + other.cost_usd,
        )

    def priced(self, prices: Prices) -> Usage:
        """The same tokens with their cost at `prices`."""
        return self.model_copy(update={"cost_usd": cost_of(self, prices)})


def cost_of(usage: Usage, prices: Prices) -> Decimal:
    """Exact cost of `usage`'s tokens (its own `cost_usd` is ignored)."""
    total = (
        usage.input_tokens * prices.input
        + usage.output_tokens * prices.output
        + usage.cache_write_tokens * prices.cache_write
        + usage.cache_read_tokens * prices.cache_read
    )
    return total / _PER_MILLION


@cache
def _shipped_prices() -> dict[str, Prices]:
    data = tomllib.loads(PRICES_FILE.read_text(encoding="utf-8"), parse_float=Decimal)
    return {model_id: Prices.model_validate(table) for model_id, table in data.items()}


def default_prices() -> dict[str, Prices]:
    """The pack's price list, per model id (a fresh dict: callers may merge into it)."""
    return dict(_shipped_prices())


def prices_for(model_id: str, overrides: Mapping[str, Prices]) -> Prices:
    """The engagement's price for `model_id`, else the pack's; an unknown model is an error,
    because a model without a price would make the budget meaningless."""
    if model_id in overrides:
        return overrides[model_id]
    shipped = _shipped_prices()
    if model_id in shipped:
        return shipped[model_id]
    raise ConfigError(
        model_id,
        f'no price known for this model; add [prices."{model_id}"] with input, output, '
        "cache_write and cache_read (USD per million tokens) to engagement.toml",
        key=f'prices."{model_id}"',
    )
