"""Earnings facts: a figure from a statement, with its concept, period, unit and source.

Periods follow the contract: statements print an end date and a length (three, six, nine
or twelve months; 13/26/39/52/53 weeks count as 3/6/9/12), rarely a start, so a duration
is `{end, months, start?}` and facts are compared on end date and months; a balance is
`{instant}`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from shared.documents.citation import HtmlCitation, PdfCitation
from shared.money import Money

Statement = Literal["income", "balance", "cash_flow", "segment"]
Unit = Literal["USD", "USD/share", "shares", "pure"]
MONTHS = (3, 6, 9, 12)


class Period(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    instant: date | None = None
    end: date | None = None
    months: int | None = None
    start: date | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Period":
        if (self.instant is None) == (self.end is None):
            raise ValueError("a period is either an instant or a duration with an end")
        if self.end is not None and self.months not in MONTHS:
            raise ValueError(f"a duration lasts 3, 6, 9 or 12 months, not {self.months}")
        return self

    @property
    def key(self) -> tuple:
        """What two periods are compared on: the instant, or the end date and months."""
        return ("instant", self.instant) if self.instant else ("duration", self.end, self.months)

    def describe(self) -> str:
        return f"at {self.instant}" if self.instant else f"{self.months} months to {self.end}"


def instant(day: date) -> Period:
    return Period(instant=day)


def duration(end: date, months: int, start: date | None = None) -> Period:
    return Period(end=end, months=months, start=start)


def months_between(start: date, end: date) -> int | None:
    """A period's length in whole months from its dates (XBRL gives start and end):
    91 days is 3 months, 364 days is 12; None when it is not a quarter multiple."""
    days = (end - start).days + 1
    for months in MONTHS:
        if abs(days - months * 30.44) <= 8:
            return months
    return None


class Fact(BaseModel):
    """One figure: `value` is unscaled (as in XBRL), `citation` is where it was printed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    concept: str
    label: str
    period: Period
    value: Money
    unit: Unit
    statement: Statement
    citation: PdfCitation | HtmlCitation
    # How the concept was chosen: "table" (the maintained label table), "ixbrl" (tagged
    # in the filing), or the id of the model that classified an unknown label.
    mapped_by: str = "table"
    # For a segment figure: the segment it belongs to ("Americas", "AWS").
    member: str | None = None

    @property
    def id(self) -> str:
        member = f"[{self.member}]" if self.member else ""
        return f"{self.statement}:{self.concept}{member}:{self.period.describe()}"
