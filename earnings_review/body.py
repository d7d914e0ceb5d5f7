"""result.json's `body` for an earnings review: every fact with its citation, and the
tables the memo and report show.

A statement is shown as printed (`report_view`): its lines in the order of the page, the
lines the label table does not know among them, marked unmapped. Figures the memo and
report write out carry a `*_text` beside the value, in the one way money is written
everywhere (`wording.money`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from earnings_review.cover import describe_period
from earnings_review.facts import Fact, Period, period_end
from earnings_review.memo import current_period
from earnings_review.report_view import placeable, statement_rows
from earnings_review.wording import difference_unit, filing_scale, identifiers_in_words, metric_words, money, share_of

TITLES = {"income": "Income statement", "balance": "Balance sheet", "cash_flow": "Cash flow statement"}


def body(state: Mapping[str, Any]) -> dict[str, Any]:
    facts = state.get("facts", [])
    memo = state.get("memo")
    unmapped = state.get("unmapped", [])
    scale = filing_scale(facts)
    statements = [_statement(name, facts, unmapped) for name in TITLES
                  if any(f.statement == name for f in facts) or any(r.statement == name for r in unmapped)]
    return {
        "filing": _filing(state.get("filing", {}), facts),
        "statements": statements,
        "facts": [{"id": f.id, **f.model_dump(mode="json")} for f in facts],
        "segments": _segments(state.get("segments", [])),
        "unmapped": [_unmapped(row, placed=_placed(row, statements)) for row in unmapped],
        "tieouts": [_tieout(t, scale) for t in state.get("tieouts", [])],
        "metrics": [_metric(m, scale) for m in state.get("metrics", [])],
        "comparisons": [_comparison(c, scale) for c in state.get("comparisons", [])],
        "memo": memo.model_dump(mode="json") if memo else None,
    }


def _filing(filing: Mapping[str, Any], facts: Sequence[Fact]) -> dict[str, Any]:
    """The filing as read (company, kind, period and where each came from); runs made
    before the cover was read give the period of the statements alone."""
    if "period_text" in filing:
        return dict(filing)
    period = current_period(facts)
    return {**filing, "period_end": str(period.end) if period else None, "period_text": describe_period(period)}


# -- statements as printed ----------------------------------------------------------------------


def _statement(name: str, facts: Sequence[Fact], unmapped: Sequence[Any]) -> dict[str, Any]:
    own = [f for f in facts if f.statement == name]
    lines = [r for r in unmapped if r.statement == name and placeable(r)]
    columns, rows = statement_rows(own, lines)
    pages = sorted({c.page for c in [f.citation for f in own] + [c for r in lines for c in r.citations]
                    if hasattr(c, "page")})
    return {"statement": name, "title": TITLES[name], "pages": pages, "periods": [p.describe() for p in columns],
            "rows": rows}


def _placed(row: Any, statements: Sequence[Mapping[str, Any]]) -> bool:
    return placeable(row) and any(s["statement"] == row.statement for s in statements)


def _column_order(period: Period) -> tuple[int, int]:
    return (period.months or 0, -period_end(period).toordinal())


def _unmapped(row: Any, placed: bool) -> dict[str, Any]:
    return {"statement": row.statement, "label": row.label, "section": row.section, "printed": list(row.printed),
            "citations": [c.model_dump(mode="json") for c in row.citations], "placed": placed}


# -- figures written out -----------------------------------------------------------------------


def _metric(metric: Any, scale: Decimal) -> dict[str, Any]:
    return {**metric.model_dump(mode="json"), "period": metric.period.describe(),
            "name_text": metric_words(metric.name),
            "value_text": money(metric.value, metric.unit, scale), "formula_text": identifiers_in_words(metric.formula)}


def _tieout(tieout: Any, scale: Decimal) -> dict[str, Any]:
    data = tieout.model_dump(mode="json")
    unit = getattr(tieout, "unit", "USD")
    texts = {f"{field}_text": money(getattr(tieout, field), unit, scale)
             for field in ("expected", "actual", "difference", "tolerance")}
    return {**data, **texts, "check_text": identifiers_in_words(tieout.check)}


def _comparison(comparison: Any, scale: Decimal) -> dict[str, Any]:
    data = comparison.model_dump(mode="json")
    data["period"] = comparison.period.describe()
    unit = comparison.unit
    if comparison.expected is None:
        data["expected"] = f"{comparison.low} to {comparison.high}"
        data["expected_text"] = f"{money(comparison.low, unit, scale)} to {money(comparison.high, unit, scale)}"
    else:
        data["expected_text"] = money(comparison.expected, unit, scale)
    data.update(metric_text=metric_words(comparison.metric), actual_text=money(comparison.actual, unit, scale),
                difference_text=money(comparison.difference, difference_unit(unit), scale),
                difference_pct_text=None if comparison.difference_pct is None else share_of(comparison.difference_pct))
    return data


def _segments(facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """One table per concept: segments as rows, periods as columns, printed figures, and
    beside each row its cells' citations (None where a period has no figure)."""
    tables = []
    for concept in sorted({f.concept for f in facts}):
        own = [f for f in facts if f.concept == concept]
        periods = sorted({f.period.key: f.period for f in own}.values(), key=_column_order)
        rows: dict[str, dict[Any, Fact]] = {}
        for fact in own:
            rows.setdefault(fact.member or "", {})[fact.period.key] = fact
        tables.append({"concept": concept, "concept_text": metric_words(concept),
                       "periods": [p.describe() for p in periods],
                       "rows": [_segment_row(member, cells, periods) for member, cells in rows.items()]})
    return tables


def _segment_row(member: str, cells: dict[Any, Fact], periods: Sequence[Period]) -> dict[str, Any]:
    found = [cells.get(p.key) for p in periods]
    return {"member": member, "cells": [f.citation.text if f else "" for f in found],
            "citations": [f.citation.model_dump(mode="json") if f else None for f in found]}
