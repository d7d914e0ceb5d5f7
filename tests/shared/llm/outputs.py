"""Output types the tests ask the model for."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shared.money import Money


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    concept: str
    value: Money


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: list[Fact]


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    verdict: str
