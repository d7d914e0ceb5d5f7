"""Computed metrics, each citing the facts it used: margins, growth, operating leverage,
free cash flow and working-capital signals; and actuals against expectations.

Rounding. Percentages are in percent (44.52, not 0.4452) and ratios are plain; both are
rounded half-even to two places, once, from the exact quotient of the facts. Amounts
(free cash flow) are exact. Each metric carries its `tolerance`: half a unit of its
second place for a percentage or ratio, the printed rounding of its inputs for an
amount; that is what "in line" means for it.

Periods. Year on year compares the same length of period ending one year earlier,
sequential a quarter with the quarter ending three months earlier, each within eight
days (52/53-week years end on a weekday). Only consolidated figures of the primary
statements take part (segment facts are left out).

Direction. Every metric listed (revenue, profits, margins, EPS, cash flows) is "higher
is better": above the estimate is a beat. A lower-is-better metric (costs, leverage)
would need its outcome flipped; none is listed yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from earnings_review.checks import printed_tolerance
from earnings_review.facts import Fact, FactIndex, Period, period_end
from earnings_review.memo import format_value
from earnings_review.vocabulary import METRIC_CONCEPTS
from earnings_review.wording import MILLION, change, filing_scale, metric_words
from shared.documents.citation import CsvCitation, HtmlCitation, PdfCitation
from shared.findings import Finding
from shared.money import Money

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
REVENUE = METRIC_CONCEPTS["revenue"]
OPERATING_INCOME = METRIC_CONCEPTS["operating_income"]
OPERATING_CASH = METRIC_CONCEPTS["operating_cash_flow"]
CAPEX = METRIC_CONCEPTS["capex"]
MetricUnit = Literal["USD", "USD/share", "percent", "ratio"]


class Metric(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    period: Period
    value: Money
    unit: MetricUnit
    formula: str
    inputs: tuple[str, ...]  # the ids of the facts used
    citations: tuple[PdfCitation | HtmlCitation, ...]
    tolerance: Money = HALF_CENT


def _metric(name: str, period: Period, value: Decimal, unit: MetricUnit, formula: str, facts: Sequence[Fact],
            tolerance: Decimal = HALF_CENT) -> Metric:
    return Metric(id=f"metric:{name}:{period.describe()}", name=name, period=period, value=value, unit=unit,
                  formula=formula, inputs=tuple(f.id for f in facts), citations=tuple(f.citation for f in facts),
                  tolerance=tolerance)


def _round(value: Decimal) -> Decimal:
    rounded = value.quantize(CENT, rounding=ROUND_HALF_EVEN)
    return rounded.copy_abs() if rounded.is_zero() else rounded  # "-0.00" would only confuse a reader


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    return _round(numerator / denominator * 100)


def _change(now: Decimal, before: Decimal) -> Decimal:
    """Growth in percent; against a negative base the sign says better or worse."""
    return _pct(now - before, abs(before))


# -- looking facts up -------------------------------------------------------------------------


# -- the metrics ------------------------------------------------------------------------------

MARGINS = (
    ("gross_margin", "GrossProfit", "gross_profit / revenue × 100"),
    ("operating_margin", OPERATING_INCOME, "operating_income / revenue × 100"),
    ("net_margin", "NetIncomeLoss", "net_income / revenue × 100"),
)


def margins(index: FactIndex, period: Period) -> list[Metric]:
    revenue = index.get(REVENUE, period)
    if revenue is None or not revenue.value:
        return []
    found = [(name, index.get(concept, period), formula) for name, concept, formula in MARGINS]
    return [_metric(name, period, _pct(part.value, revenue.value), "percent", formula, [part, revenue])
            for name, part, formula in found if part is not None]


GROWTH = (("revenue_growth_yoy", 12, "year"), ("revenue_growth_sequential", 3, "quarter"))


def growth(index: FactIndex, period: Period) -> list[Metric]:
    now = index.get(REVENUE, period)
    out = []
    for name, months_back, span in GROWTH:
        if now is None or (months_back == 3 and period.months != 3):
            continue
        before = index.earlier(REVENUE, period, months_back)
        if before is not None and before.value:
            formula = f"(revenue - revenue a {span} earlier) / |revenue a {span} earlier| × 100"
            out.append(_metric(name, period, _change(now.value, before.value), "percent", formula, [now, before]))
    return out


def operating_leverage(index: FactIndex, period: Period) -> list[Metric]:
    """% change in operating income / % change in revenue, year on year, from the exact
    changes (not the rounded growth metrics)."""
    income, revenue = index.get(OPERATING_INCOME, period), index.get(REVENUE, period)
    income_before = index.earlier(OPERATING_INCOME, period, 12)
    revenue_before = index.earlier(REVENUE, period, 12)
    if period.end is None or not (income and income_before and revenue and revenue_before):
        return []
    if not income_before.value or not revenue_before.value:
        return []
    revenue_change = (revenue.value - revenue_before.value) / abs(revenue_before.value)
    if not revenue_change:
        return []
    income_change = (income.value - income_before.value) / abs(income_before.value)
    return [_metric("operating_leverage", period, _round(income_change / revenue_change), "ratio",
                    "% change in operating_income / % change in revenue, year on year",
                    [income, income_before, revenue, revenue_before])]


def free_cash_flow(index: FactIndex, period: Period) -> list[Metric]:
    """Operating cash flow - capital expenditure. Capex facts follow XBRL: payments to
    acquire property are positive amounts even where the statement prints "(8,796)"."""
    operating, capex = index.get(OPERATING_CASH, period), index.get(CAPEX, period)
    if not (operating and capex):
        return []
    return [_metric("free_cash_flow", period, operating.value - capex.value, "USD",
                    "operating_cash_flow - capex", [operating, capex],
                    printed_tolerance(operating) + printed_tolerance(capex))]


WORKING_CAPITAL = (
    ("receivables_growth_yoy", "receivables_vs_revenue_growth", "AccountsReceivableNetCurrent", "Receivables"),
    ("inventory_growth_yoy", "inventory_vs_revenue_growth", "InventoryNet", "Inventory"),
)


def working_capital(index: FactIndex, period: Period) -> list[Metric]:
    """Receivables and inventory at a balance-sheet date against a year earlier. A 10-Q's
    balance sheet rarely has the year-earlier date; then there is nothing to compute."""
    out = []
    for name, _, concept, what in WORKING_CAPITAL if period.instant else ():
        now, before = index.get(concept, period), index.earlier(concept, period, 12)
        if now and before and before.value:
            out.append(_metric(name, period, _change(now.value, before.value), "percent",
                               f"({what} - {what} a year earlier) / {what} a year earlier × 100", [now, before]))
    return out


def revenue_growth_at(metrics: Sequence[Metric], day: date) -> Metric | None:
    """Revenue growth year on year for the period ending `day`: the shortest such period
    (the quarter in a 10-Q), since a balance at a date reflects the latest sales most."""
    found = [m for m in metrics if m.name == "revenue_growth_yoy" and m.period.end == day]
    # Each has an end, so its months (Period's own check): `or 0` only satisfies the type.
    return min(found, key=lambda m: m.period.months or 0, default=None)


def signals(metrics: Sequence[Metric]) -> list[Metric]:
    """Percentage points by which receivables or inventory grew faster than revenue."""
    out = []
    for name, signal, *_ in WORKING_CAPITAL:
        for asset in (m for m in metrics if m.name == name):
            sales = revenue_growth_at(metrics, period_end(asset.period))
            if sales is not None:
                out.append(Metric(
                    id=f"metric:{signal}:{asset.period.describe()}", name=signal, period=asset.period,
                    value=asset.value - sales.value, unit="percent", inputs=asset.inputs + sales.inputs,
                    formula=f"{name} - revenue_growth_yoy ({sales.period.describe()}), in percentage points",
                    citations=asset.citations + sales.citations))
    return out


STEPS = (margins, growth, operating_leverage, free_cash_flow, working_capital)


def compute_metrics(facts: Sequence[Fact]) -> tuple[Metric, ...]:
    index = FactIndex(facts)
    metrics = [m for period in index.periods() for step in STEPS for m in step(index, period)]
    return tuple(metrics + signals(metrics))


def metric_findings(metrics: Sequence[Metric], threshold_pct: Decimal = Decimal("10")) -> tuple[Finding, ...]:
    """A receivables or inventory balance growing faster than revenue, year on year, by
    more than `threshold_pct` percentage points is a working-capital warning."""
    by_id = {m.id: m for m in metrics}
    return tuple(_signal(m, by_id, metrics) for m in metrics
                 if m.name in {s for _, s, _, _ in WORKING_CAPITAL} and m.value > threshold_pct)


def _signal(signal: Metric, by_id: dict[str, Metric], metrics: Sequence[Metric]) -> Finding:
    name, _, _, what = next(w for w in WORKING_CAPITAL if w[1] == signal.name)
    asset = by_id[f"metric:{name}:{signal.period.describe()}"]
    sales = revenue_growth_at(metrics, period_end(signal.period))
    if sales is None:  # signals() makes a signal only where revenue growth is there to compare
        raise ValueError(f"{signal.id}: no revenue growth for its date among the metrics")
    return Finding(id=f"signal:{name}:{signal.period.describe()}", code="working_capital_signal",
                   severity="warning", subject=signal.name, citations=signal.citations,
                   message=f"{what} {change(asset.value)} in the year to {signal.period.instant} while revenue "
                           f"{change(sales.value)} ({sales.period.describe()}): a gap of {signal.value} percentage "
                           "points.")


# -- against expectations ---------------------------------------------------------------------


class Estimate(Protocol):
    """A consensus estimate; a `citation` attribute, where present, is cited too."""

    metric: str
    period: Period
    estimate: Decimal


class Guidance(Protocol):
    """A guided range; a `citations` attribute, where present, is cited too."""

    metric: str
    period: Period
    low: Decimal
    high: Decimal


Outcome = Literal["beat", "miss", "in_line", "above_range", "below_range", "within_range"]


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
    outcome: Outcome
    difference: Money  # actual - expected, or actual - the bound passed (0 within range)
    difference_pct: Money | None = None  # of the estimate or bound; None for percentages
    summary: str
    citations: tuple[PdfCitation | HtmlCitation | CsvCitation, ...]



@dataclass(frozen=True)
class Actual:
    """What an expectation is compared with: a fact or a computed metric."""

    value: Decimal
    unit: str
    tolerance: Decimal
    citations: tuple


def find_actual(name: str, period: Period, index: FactIndex, metrics: Sequence[Metric]) -> Actual | None:
    """A metric name (`vocabulary.METRICS`; a direct figure through `METRIC_CONCEPTS`,
    margins and free cash flow from the computed metrics) or a us-gaap concept (any
    member of its class) for `period`."""
    fact = index.get(METRIC_CONCEPTS.get(name, name), period)
    if fact is not None:
        return Actual(fact.value, fact.unit, printed_tolerance(fact), (fact.citation,))
    metric = next((m for m in metrics if m.name == name and m.period.key == period.key), None)
    if metric is not None:
        return Actual(metric.value, metric.unit, metric.tolerance, metric.citations)
    return None


def compare_expectations(metrics: Sequence[Metric], facts: Sequence[Fact], estimates: Sequence[Estimate],
                         guidance: Sequence[Guidance]) -> tuple[Comparison, ...]:
    """Each estimate and guided range whose actual the filing reports; `unmatched_expectations`
    names the others."""
    index, scale = FactIndex(facts), filing_scale(facts)
    out = [_against_estimate(e, a, scale) for e in estimates if (a := find_actual(e.metric, e.period, index, metrics))]
    out += [_against_range(g, a, scale) for g in guidance if (a := find_actual(g.metric, g.period, index, metrics))]
    return tuple(out)


def _percent_of(difference: Decimal, reference: Decimal, unit: str) -> Decimal | None:
    # A percentage's difference is already in points; a percent of it would mislead.
    if unit in ("percent", "ratio", "pure") or not reference:
        return None
    return _pct(difference, abs(reference))


def _against_estimate(estimate: Estimate, actual: Actual, scale: Decimal = MILLION) -> Comparison:
    """In line when the difference is within the rounding of the printed actual."""
    difference = actual.value - estimate.estimate
    outcome = "in_line" if abs(difference) <= actual.tolerance else ("beat" if difference > 0 else "miss")
    return Comparison(
        id=f"consensus:{estimate.metric}:{estimate.period.describe()}", metric=estimate.metric,
        period=estimate.period, unit=actual.unit, actual=actual.value, expected=estimate.estimate, outcome=outcome,
        difference=difference, difference_pct=_percent_of(difference, estimate.estimate, actual.unit),
        citations=actual.citations + _cited(estimate, "citation"),
        summary=f"actual {format_value(actual.value, actual.unit, scale)} against "
                f"{format_value(estimate.estimate, actual.unit, scale)} expected")


def _against_range(guide: Guidance, actual: Actual, scale: Decimal = MILLION) -> Comparison:
    """Bounds are inclusive; outside, the difference is from the bound passed."""
    bound = guide.high if actual.value > guide.high else guide.low if actual.value < guide.low else None
    outcome = "within_range" if bound is None else "above_range" if bound == guide.high else "below_range"
    difference = Decimal(0) if bound is None else actual.value - bound
    return Comparison(
        id=f"guidance:{guide.metric}:{guide.period.describe()}", metric=guide.metric, period=guide.period,
        unit=actual.unit, actual=actual.value, low=guide.low, high=guide.high, outcome=outcome, difference=difference,
        difference_pct=None if bound is None else _percent_of(difference, bound, actual.unit),
        citations=actual.citations + _cited(guide, "citations"),
        summary=f"actual {format_value(actual.value, actual.unit, scale)} against guidance of "
                f"{format_value(guide.low, actual.unit, scale)} to {format_value(guide.high, actual.unit, scale)}")


def _cited(expectation: Any, attribute: str) -> tuple:
    found = getattr(expectation, attribute, None)
    return () if found is None else tuple(found) if isinstance(found, (tuple, list)) else (found,)


def unmatched_expectations(metrics: Sequence[Metric], facts: Sequence[Fact], estimates: Sequence[Estimate],
                           guidance: Sequence[Guidance]) -> tuple[Finding, ...]:
    """An expectation for a figure the filing does not report (or that was not
    extracted) is a warning, so that it is not silently left out of the comparison."""
    index = FactIndex(facts)
    return tuple(_unmatched(e, "consensus", "citation") for e in estimates
                 if find_actual(e.metric, e.period, index, metrics) is None) + \
        tuple(_unmatched(g, "guidance", "citations") for g in guidance
              if find_actual(g.metric, g.period, index, metrics) is None)


def _unmatched(expectation: Any, kind: str, attribute: str) -> Finding:
    where = f"{expectation.metric}:{expectation.period.describe()}"
    return Finding(id=f"{kind}_unmatched:{where}", code="expectation_not_reported", severity="warning",
                   subject=expectation.metric, citations=_cited(expectation, attribute),
                   message=f"The {kind} names {metric_words(expectation.metric)} ({expectation.metric}) for "
                           f"{expectation.period.describe()}, which the "
                           "filing's extracted statements and metrics do not report: it is not compared.")
