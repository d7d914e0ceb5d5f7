"""Computed metrics, each citing the facts it used: margins, growth, operating leverage,
free cash flow and working-capital signals; and actuals against expectations.

Percentages are in percent (44.52), rounded half-even to two places; every other value
is exact. All listed metrics are "higher is better" for beat and miss.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable, Literal, Protocol, Sequence

from pydantic import BaseModel, ConfigDict

from earnings_review.checks import printed_tolerance
from earnings_review.facts import Fact, Period
from earnings_review.memo import format_value
from earnings_review.vocabulary import METRIC_CONCEPTS, concept_class
from shared.documents.citation import CsvCitation, HtmlCitation, PdfCitation
from shared.findings import Finding
from shared.money import Money

CENT = Decimal("0.01")
Citation = PdfCitation | HtmlCitation


class Metric(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    period: Period
    value: Money
    unit: Literal["USD", "USD/share", "percent", "ratio"]
    formula: str
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...]


def _metric(name: str, period: Period, value: Decimal, unit: str, formula: str, facts: Sequence[Fact]) -> Metric:
    return Metric(id=f"metric:{name}:{period.describe()}", name=name, period=period, value=value, unit=unit,
                  formula=formula, inputs=tuple(f.id for f in facts), citations=tuple(f.citation for f in facts))


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator / denominator * 100).quantize(CENT, rounding=ROUND_HALF_EVEN)


class _Index:
    def __init__(self, facts: Iterable[Fact]) -> None:
        self.by_key: dict[tuple, Fact] = {}
        for fact in facts:
            for member in concept_class(fact.concept):
                self.by_key.setdefault((member, fact.period.key), fact)

    def get(self, concept: str, period: Period) -> Fact | None:
        return self.by_key.get((concept, period.key))

    def earlier(self, concept: str, period: Period, months_back: int) -> Fact | None:
        """The same concept for the period ending `months_back` earlier (±8 days)."""
        for (member, key), fact in self.by_key.items():
            same_kind = (fact.period.instant is None) == (period.instant is None)
            if member == concept and same_kind and fact.period.months == period.months:
                if _ends_before(fact.period, period, months_back):
                    return fact
        return None


def _end(period: Period):
    return period.end or period.instant


def _ends_before(earlier: Period, later: Period, months_back: int) -> bool:
    gap = _end(later) - _end(earlier)
    return abs(gap - timedelta(days=round(months_back * 30.44))) <= timedelta(days=8)


MARGINS = (("gross_margin", "GrossProfit"), ("operating_margin", "OperatingIncomeLoss"), ("net_margin", "NetIncomeLoss"))


def margins(index: _Index, period: Period) -> list[Metric]:
    revenue = index.get("Revenues", period)
    out = []
    for name, concept in MARGINS:
        part = index.get(concept, period)
        if revenue and part and revenue.value:
            out.append(_metric(name, period, _pct(part.value, revenue.value), "percent",
                               f"{name.split('_')[0]} {'profit' if concept == 'GrossProfit' else 'income'} / revenue x 100",
                               [part, revenue]))
    return out


def growth(index: _Index, period: Period) -> list[Metric]:
    out = []
    for name, months_back in (("revenue_growth_yoy", 12), ("revenue_growth_sequential", 3)):
        if name.endswith("sequential") and period.months != 3:
            continue
        now, before = index.get("Revenues", period), index.earlier("Revenues", period, months_back)
        if now and before and before.value:
            out.append(_metric(name, period, _pct(now.value - before.value, before.value), "percent",
                               "(revenue - revenue a period earlier) / revenue a period earlier x 100", [now, before]))
    return out


def operating_leverage(index: _Index, period: Period) -> list[Metric]:
    facts = [index.get("OperatingIncomeLoss", period), index.earlier("OperatingIncomeLoss", period, 12),
             index.get("Revenues", period), index.earlier("Revenues", period, 12)]
    if not all(facts) or not facts[1].value or not facts[3].value:
        return []
    income_change = (facts[0].value - facts[1].value) / facts[1].value
    revenue_change = (facts[2].value - facts[3].value) / facts[3].value
    if not revenue_change:
        return []
    value = (income_change / revenue_change).quantize(CENT, rounding=ROUND_HALF_EVEN)
    return [_metric("operating_leverage", period, value, "ratio",
                    "% change in operating income / % change in revenue, year on year", facts)]


def free_cash_flow(index: _Index, period: Period) -> list[Metric]:
    operating = index.get("NetCashProvidedByUsedInOperatingActivities", period)
    capex = index.get("PaymentsToAcquirePropertyPlantAndEquipment", period)
    if not (operating and capex):
        return []
    return [_metric("free_cash_flow", period, operating.value - capex.value, "USD",
                    "operating cash flow - payments for property, plant and equipment", [operating, capex])]


def working_capital(index: _Index, period: Period) -> list[Metric]:
    """Receivables and inventory growth against revenue growth over the same year."""
    out = []
    for name, concept in (("receivables_growth_yoy", "AccountsReceivableNetCurrent"),
                          ("inventory_growth_yoy", "InventoryNet")):
        now, before = index.get(concept, period), index.earlier(concept, period, 12)
        if now and before and before.value:
            out.append(_metric(name, period, _pct(now.value - before.value, before.value), "percent",
                               f"({concept} - {concept} a year earlier) / {concept} a year earlier x 100", [now, before]))
    return out


def compute_metrics(facts: Sequence[Fact]) -> tuple[Metric, ...]:
    index = _Index(facts)
    periods = {f.period.key: f.period for f in facts}.values()
    steps = (margins, growth, operating_leverage, free_cash_flow, working_capital)
    return tuple(m for period in periods for step in steps for m in step(index, period))


def metric_findings(metrics: Sequence[Metric], threshold_pct: Decimal) -> tuple[Finding, ...]:
    """A receivables or inventory balance growing faster than revenue by more than the
    threshold (percentage points, year on year) is a working-capital warning."""
    revenue = {m.period.end: m for m in metrics if m.name == "revenue_growth_yoy" and m.period.months == 12}
    findings = []
    for metric in metrics:
        if metric.name in ("receivables_growth_yoy", "inventory_growth_yoy"):
            sales = revenue.get(metric.period.instant)
            if sales and metric.value - sales.value > threshold_pct:
                findings.append(_signal(metric, sales))
    return tuple(findings)


def _signal(metric: Metric, sales: Metric) -> Finding:
    what = "Receivables" if metric.name.startswith("receivables") else "Inventory"
    return Finding(id=f"signal:{metric.name}:{metric.period.describe()}", code="working_capital_signal",
                   severity="warning", subject=metric.name, citations=metric.citations + sales.citations,
                   message=f"{what} grew {metric.value}% in the year to {metric.period.instant} while revenue grew "
                           f"{sales.value}%: a gap of {metric.value - sales.value} percentage points.")


# -- against expectations ----------------------------------------------------------------


class Expectation(Protocol):
    metric: str
    period: Period


class Comparison(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    metric: str
    period: Period
    unit: str
    actual: Money
    expected: Money | None = None
    low: Money | None = None
    high: Money | None = None
    outcome: Literal["beat", "miss", "in_line", "above_range", "below_range", "within_range"]
    difference: Money
    difference_pct: Money | None = None
    summary: str
    citations: tuple[PdfCitation | HtmlCitation | CsvCitation, ...]


def _actual(name: str, period: Period, facts: _Index, metrics: Sequence[Metric]) -> tuple[Decimal, str, Decimal, tuple] | None:
    """(value, unit, tolerance, citations) of a metric name or us-gaap concept."""
    concept = METRIC_CONCEPTS.get(name, name)
    fact = facts.get(concept, period)
    if fact is not None:
        return fact.value, fact.unit, printed_tolerance(fact), (fact.citation,)
    metric = next((m for m in metrics if m.name == name and m.period.key == period.key), None)
    if metric is not None:
        return metric.value, metric.unit, CENT / 2, metric.citations
    return None


def compare_expectations(metrics: Sequence[Metric], facts: Sequence[Fact], estimates: Sequence, guidance: Sequence
                         ) -> tuple[Comparison, ...]:
    index = _Index(facts)
    out = [_against_estimate(e, index, metrics) for e in estimates]
    out += [_against_range(g, index, metrics) for g in guidance]
    return tuple(c for c in out if c is not None)


def _against_estimate(estimate, index: _Index, metrics) -> Comparison | None:
    found = _actual(estimate.metric, estimate.period, index, metrics)
    if found is None:
        return None
    actual, unit, tolerance, citations = found
    difference = actual - estimate.estimate
    outcome = "in_line" if abs(difference) <= tolerance else ("beat" if difference > 0 else "miss")
    pct = _pct(difference, abs(estimate.estimate)) if estimate.estimate else None
    return Comparison(id=f"consensus:{estimate.metric}:{estimate.period.describe()}", metric=estimate.metric,
                      period=estimate.period, unit=unit, actual=actual, expected=estimate.estimate, outcome=outcome,
                      difference=difference, difference_pct=pct, citations=citations + (estimate.citation,),
                      summary=f"actual {format_value(actual, unit)} against {format_value(estimate.estimate, unit)} expected")


def _against_range(guide, index: _Index, metrics) -> Comparison | None:
    found = _actual(guide.metric, guide.period, index, metrics)
    if found is None:
        return None
    actual, unit, _, citations = found
    if actual > guide.high:
        outcome, difference = "above_range", actual - guide.high
    elif actual < guide.low:
        outcome, difference = "below_range", actual - guide.low
    else:
        outcome, difference = "within_range", Decimal(0)
    return Comparison(id=f"guidance:{guide.metric}:{guide.period.describe()}", metric=guide.metric,
                      period=guide.period, unit=unit, actual=actual, low=guide.low, high=guide.high, outcome=outcome,
                      difference=difference, citations=citations + tuple(guide.citations),
                      summary=f"actual {format_value(actual, unit)} against guidance of "
                              f"{format_value(guide.low, unit)} to {format_value(guide.high, unit)}")
