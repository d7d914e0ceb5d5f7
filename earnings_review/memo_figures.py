"""The figures the model is given for the memo, each with an id it cites ("F12"), and the
periods it compares: the same numbering is rebuilt from the run's state when the memo is
checked, so a figure written with an id is checked against that figure alone.

Consensus and guidance are the analyst's own files, not the filing: each comparison says
which it is. The periods are read from the facts: the current one (`memo.current_period`)
and the same length of period a year earlier, and for balances the latest date and the
one before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from earnings_review.facts import DAYS_SLACK, Fact, Period, months_before, period_end
from earnings_review.memo import current_period

KEY_FACTS_LIMIT = 120
SOURCES = {"consensus": "consensus (analysts' estimate)", "guidance": "guidance (the company's guided range)"}


@dataclass(frozen=True)
class GivenFigures:
    """What the prompt shows (`lines`) and what each id stands for: (value, is_percent)."""

    lines: Mapping[str, list[dict[str, Any]]]
    values: Mapping[str, tuple[Decimal, bool]]


class _Numbering:
    def __init__(self) -> None:
        self.values: dict[str, tuple[Decimal, bool]] = {}

    def add(self, value: Decimal, percent: bool) -> str:
        ident = f"F{len(self.values) + 1}"
        self.values[ident] = (value, percent)
        return ident


def given_figures(state: Mapping[str, Any]) -> GivenFigures:
    """Facts (the first `KEY_FACTS_LIMIT`), metrics, then each comparison's figures, numbered
    in that order."""
    ids = _Numbering()
    facts = [_fact_line(f, ids) for f in state["facts"][:KEY_FACTS_LIMIT]]
    metrics = [_metric_line(m, ids) for m in state.get("metrics", ())]
    comparisons = [_comparison_line(c, ids) for c in state.get("comparisons", ())]
    return GivenFigures({"facts": facts, "metrics": metrics, "comparisons": comparisons}, dict(ids.values))


def _fact_line(fact: Fact, ids: _Numbering) -> dict[str, Any]:
    return {"id": ids.add(fact.value, fact.unit == "pure"), "label": fact.label, "concept": fact.concept,
            "period": fact.period.describe(), "value": str(fact.value), "unit": fact.unit}


def _metric_line(metric: Any, ids: _Numbering) -> dict[str, Any]:
    return {"id": ids.add(metric.value, metric.unit == "percent"), "name": metric.name,
            "period": metric.period.describe(), "value": str(metric.value), "unit": metric.unit,
            "formula": metric.formula}


def _comparison_line(comparison: Any, ids: _Numbering) -> dict[str, Any]:
    """A comparison's figures, each with its id; `expected` is one figure, or a guided
    range's two bounds."""
    percent = comparison.unit == "percent"
    actual_id = ids.add(comparison.actual, percent)
    bounds = [comparison.expected] if comparison.expected is not None else [comparison.low, comparison.high]
    line = {"metric": comparison.metric, "period": comparison.period.describe(), "outcome": comparison.outcome,
            "source": SOURCES.get(comparison.id.split(":", 1)[0], "expectation"),
            "actual": str(comparison.actual), "actual_id": actual_id,
            "expected": [{"value": str(b), "id": ids.add(b, percent)} for b in bounds],
            "difference": str(comparison.difference), "difference_id": ids.add(comparison.difference, percent),
            "difference_pct": None, "difference_pct_id": None}
    if comparison.difference_pct is not None:
        line.update(difference_pct=str(comparison.difference_pct),
                    difference_pct_id=ids.add(comparison.difference_pct, True))
    return line


def compared_periods(facts: Sequence[Fact]) -> dict[str, str]:
    """The current period (and its end) and what it is compared with, as the figures
    describe them ("3 months to 2025-09-30"); "none in the filing" where one is missing."""
    current = current_period(facts)
    if current is None:
        return {"period_end": "unknown", "current_period": "unknown", "comparison_period": "none in the filing",
                "balance_dates": _balance_dates(facts)}
    earlier = _year_before(current, [f.period for f in facts if f.statement == "income"])
    return {"period_end": str(current.end), "current_period": current.describe(),
            "comparison_period": earlier.describe() if earlier else "none in the filing",
            "balance_dates": _balance_dates(facts)}


def _year_before(current: Period, periods: Sequence[Period]) -> Period | None:
    target = months_before(period_end(current), 12)
    near = [p for p in periods if p.months == current.months and abs((period_end(p) - target).days) <= DAYS_SLACK]
    return near[0] if near else None


def _balance_dates(facts: Sequence[Fact]) -> str:
    days = sorted({f.period.instant for f in facts if f.statement == "balance" and f.period.instant}, reverse=True)
    if not days:
        return "none in the filing"
    return f"at {days[0]}" + (f", against at {days[1]}" if len(days) > 1 else "")
