"""Earnings facts: a figure from a statement, with its concept, period, unit and source.

Periods follow the contract: statements print an end date and a length (three, six, nine
or twelve months; 13/26/39/52/53 weeks count as 3/6/9/12), rarely a start, so a duration
is `{end, months, start?}` and facts are compared on end date and months; a balance is
`{instant}`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from earnings_review.vocabulary import concept_class
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
    def _one_kind(self) -> Period:
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


PRIMARY = frozenset({"income", "balance", "cash_flow"})
DAYS_SLACK = 8  # 52/53-week years end on a weekday, up to a week off the calendar month


def period_end(period: Period) -> date:
    """The instant, or the end of a duration."""
    end = period.end or period.instant
    assert end is not None  # Period's own check refuses a period with neither
    return end


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def prior_end(period: Period) -> date:
    """The end of the period before a duration: `months` before its end."""
    if period.end is None or period.months is None:
        raise ValueError(f"the period {period.describe()} is not a duration")
    return months_before(period.end, period.months)


class FactIndex:
    """Consolidated primary-statement facts by concept (any member of its class) and
    period; segment figures are left out so they never stand in for a total."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self._concept_class = concept_class
        self.facts = [f for f in facts if f.statement in PRIMARY and f.member is None]
        self.by_key: dict[tuple, Fact] = {}
        for fact in self.facts:
            for member in concept_class(fact.concept):
                self.by_key.setdefault((member, fact.period.key), fact)

    def get(self, concept: str, period: Period) -> Fact | None:
        return self.by_key.get((concept, period.key))

    def first(self, concepts: Sequence[str], period: Period) -> Fact | None:
        return next((f for f in (self.get(c, period) for c in concepts) if f is not None), None)

    def periods(self) -> list[Period]:
        return list({f.period.key: f.period for f in self.facts}.values())

    def earlier(self, concept: str, period: Period, months_back: int) -> Fact | None:
        """The same concept for the same kind and length of period ending `months_back`
        months earlier (within eight days), the closest if several."""
        target = months_before(period_end(period), months_back)
        near = [f for f in self.facts if concept in self._concept_class(f.concept) and f.period.months == period.months
                and (f.period.instant is None) == (period.instant is None)
                and abs((period_end(f.period) - target).days) <= DAYS_SLACK]
        return min(near, key=lambda f: abs((period_end(f.period) - target).days), default=None)
