"""The memo's narrative: a template over the computed figures offline, the model's draft
with Claude; either way every figure in it is checked against the run's facts and
metrics, and any that matches none is marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from earnings_review.cover import describe_period
from earnings_review.facts import Fact, Period, period_end
from earnings_review.memo_check import check_numbers, cut_citations, mark_unverified, numbers_in
from earnings_review.wording import MILLION, filing_scale, metric_words, money, size

HEADLINE_CONCEPTS = {
    "revenue": ("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
                "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet"),
    "net_income": ("NetIncomeLoss",),
    "eps_diluted": ("EarningsPerShareDiluted",),
    "operating_income": ("OperatingIncomeLoss",),
}


class QuoteCheck(BaseModel):
    """A reason the model quoted from the filing, and whether it is on the page cited
    (`found_on`: the pages it is on instead, when it is elsewhere)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    movement: str
    quote: str
    page: int
    found: bool
    found_on: tuple[int, ...] = ()
    too_short: bool = False  # a few words could be found anywhere: not checked, not found


class Memo(BaseModel):
    """The narrative as it goes into the memo, with the result of its number check and,
    for a model's memo, of its quote check."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: str
    headline: str
    text: str
    figures_checked: int
    unverified: tuple[str, ...]
    quotes: tuple[QuoteCheck, ...] = ()


def current_period(facts: Sequence[Fact]) -> Period | None:
    """The period the filing reports on: the latest end date of its income statement,
    and the shortest length ending then (the quarter of a 10-Q, the year of a 10-K)."""
    durations = [f.period for f in facts if f.statement == "income" and f.period.end]
    if not durations:
        return None
    latest = max(period_end(p) for p in durations)
    # A duration always has its months (Period's own check): `or 0` only satisfies the type.
    return min((p for p in durations if p.end == latest), key=lambda p: p.months or 0)


def headline_figures(facts: Sequence[Fact], metrics: Sequence[Any], period: Period) -> dict[str, dict[str, Any]]:
    """The figures the offline narrative speaks of (`_figure`): those of the current
    period, and cash-flow figures for the latest period they exist for (a 10-Q's cash
    flow statement is year to date, not the quarter)."""
    figures: dict[str, dict[str, Any]] = {}
    scale = filing_scale(facts)
    for name, concepts in HEADLINE_CONCEPTS.items():
        fact = next((f for f in facts if f.concept in concepts and f.period == period), None)
        if fact is not None:
            figures[name] = _figure(fact.value, fact.unit, fact.period, scale)
    for metric in metrics:
        if metric.period == period or (metric.name in YEAR_TO_DATE and metric.period.end == period.end):
            figures.setdefault(metric.name, _figure(metric.value, metric.unit, metric.period, scale))
    return figures


YEAR_TO_DATE = {"free_cash_flow", "operating_cash_flow", "capex"}


def _figure(value: Decimal, unit: str, period: Period, scale: Decimal) -> dict[str, Any]:
    """`value` unscaled; `text` as written (`wording.money`); `size` without its sign and
    `negative`, for prose that says "down 1.40%"; `period_text` as a reader says it."""
    return {"value": str(value), "text": money(value, unit, scale), "size": size(value, unit, scale),
            "negative": value < 0,
            "period_text": describe_period(period)}


def known_figures(facts: Sequence[Fact], metrics: Sequence[Any], comparisons: Sequence[Any],
                  findings: Sequence[Any] = ()) -> list[tuple[str, Decimal, bool]]:
    """Every value a memo may quote: facts, metrics, the expectations compared, and the
    figures the run's own findings state (a failed tie-out's difference, say)."""
    known = [(f.id, f.value, f.unit == "pure") for f in facts]
    known += [(f.id, n.value, n.percent) for f in findings for n in numbers_in(f.message)]
    known += [(m.id, m.value, m.unit == "percent") for m in metrics]
    for comparison in comparisons:
        for field in ("expected", "low", "high", "difference", "difference_pct"):
            value = getattr(comparison, field, None)
            if isinstance(value, Decimal):
                known.append((f"{comparison.metric}:{field}", value, field == "difference_pct" or _is_pct(comparison)))
    return known


def _is_pct(comparison: Any) -> bool:
    return getattr(comparison, "unit", "") == "percent"


def checked_memo(method: str, headline: str, text: str, known: list[tuple[str, Decimal, bool]],
                 given: Mapping[str, tuple[Decimal, bool]] | None = None) -> Memo:
    """The memo with every figure checked and unmatched ones marked. Figure ids a model
    cites ("[F12]", the ids of `given`) are taken out, and the figure each follows is
    checked against that figure alone."""
    headline, head_ids = cut_citations(headline)
    text, text_ids = cut_citations(text)
    cited = {**head_ids, **{at + len(headline) + 1: ids for at, ids in text_ids.items()}}
    checks = check_numbers(headline + "\n" + text, known, cited, given)
    head_checks = [c for c in checks if c.number.end <= len(headline)]
    body_checks = [_shift(c, len(headline) + 1) for c in checks if c.number.start > len(headline)]
    return Memo(
        method=method,
        headline=mark_unverified(headline, head_checks),
        text=mark_unverified(text, body_checks),
        figures_checked=len(checks),
        unverified=tuple(c.number.text for c in checks if c.matched is None),
    )


def _shift(check: Any, offset: int) -> Any:
    number = replace(check.number, start=check.number.start - offset, end=check.number.end - offset)
    return replace(check, number=number)


def render_offline(library: Any, filing: Mapping[str, Any], facts: Sequence[Fact], metrics: Sequence[Any],
                   comparisons: Sequence[Any], findings: Sequence[Any]) -> tuple[str, str, dict[str, str]]:
    """Headline, text and the template's record, from `narrative.md.j2` over the figures."""
    period = current_period(facts)
    figures = headline_figures(facts, metrics, period) if period else {}
    rendered = library.render("narrative.md.j2", filing=dict(filing), figures=figures, findings=list(findings),
                              comparisons=[{"metric": metric_words(c.metric), "outcome": c.outcome.replace("_", " "),
                                            "summary": c.summary} for c in comparisons])
    headline, _, text = rendered.text.partition("\n")
    return headline.strip(), text.strip(), rendered.record()


def format_value(value: Decimal, unit: str, scale: Decimal = MILLION) -> str:
    """A figure as a reader writes it: $81,797 million, $(2,722) million, $1.26, 44.52%."""
    return money(value, unit, scale)
