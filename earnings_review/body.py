"""result.json's `body` for an earnings review: every fact with its citation, and the
tables the memo and report show."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from earnings_review.facts import Fact, Period

TITLES = {"income": "Income statement", "balance": "Balance sheet", "cash_flow": "Cash flow statement"}


def body(state: Mapping[str, Any]) -> dict[str, Any]:
    facts = state.get("facts", [])
    memo = state.get("memo")
    return {
        "filing": {**state.get("filing", {}), "period_end": _period_end(facts)},
        "statements": [_statement(name, facts) for name in TITLES if any(f.statement == name for f in facts)],
        "facts": [{"id": f.id, **f.model_dump(mode="json")} for f in facts],
        "segments": _segments(state.get("segments", [])),
        "unmapped": [_unmapped(row) for row in state.get("unmapped", [])],
        "tieouts": [t.model_dump(mode="json") for t in state.get("tieouts", [])],
        "metrics": [{**m.model_dump(mode="json"), "period": m.period.describe()} for m in state.get("metrics", [])],
        "comparisons": [_comparison(c) for c in state.get("comparisons", [])],
        "memo": memo.model_dump(mode="json") if memo else None,
    }


def _period_end(facts: Sequence[Fact]) -> str | None:
    from earnings_review.memo import current_period

    period = current_period(facts)
    return str(period.end) if period else None


def _statement(name: str, facts: Sequence[Fact]) -> dict[str, Any]:
    own = [f for f in facts if f.statement == name]
    periods = sorted({f.period.key: f.period for f in own}.values(), key=_column_order)
    rows: dict[tuple[str, str], dict[Any, str]] = {}
    for fact in own:
        rows.setdefault((fact.label, fact.concept), {})[fact.period.key] = fact.citation.text
    pages = sorted({f.citation.page for f in own if hasattr(f.citation, "page")})
    return {"statement": name, "title": TITLES[name], "pages": pages, "periods": [p.describe() for p in periods],
            "rows": [{"label": label, "concept": concept, "cells": [cells.get(p.key, "") for p in periods]}
                     for (label, concept), cells in rows.items()]}


def _column_order(period: Period) -> tuple:
    end = period.end or period.instant
    return (period.months or 0, -end.toordinal())


def _unmapped(row: Any) -> dict[str, Any]:
    return {"statement": row.statement, "label": row.label, "section": row.section, "printed": list(row.printed),
            "citations": [c.model_dump(mode="json") for c in row.citations]}


def _comparison(comparison: Any) -> dict[str, Any]:
    data = comparison.model_dump(mode="json")
    data["period"] = comparison.period.describe()
    if comparison.expected is None:
        data["expected"] = f"{comparison.low} to {comparison.high}"
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
        tables.append({"concept": concept, "periods": [p.describe() for p in periods],
                       "rows": [_segment_row(member, cells, periods) for member, cells in rows.items()]})
    return tables


def _segment_row(member: str, cells: dict[Any, Fact], periods: Sequence[Period]) -> dict[str, Any]:
    found = [cells.get(p.key) for p in periods]
    return {"member": member, "cells": [f.citation.text if f else "" for f in found],
            "citations": [f.citation.model_dump(mode="json") if f else None for f in found]}
