"""result.json's `body` for a close: the reconciliation as CONTRACT.md gives it, the
statements and their proof, the parsed lines, the proposed entries and the flux table.
Bulk parts are dumped by pydantic in compiled code: a large close has a hundred thousand
lines a side."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from month_end_close.entries import ProposedEntry
from month_end_close.flux import FluxRow
from month_end_close.proof import proof_summary
from month_end_close.reconcile.model import Match, ReconciliationStatement, Unmatched
from month_end_close.records import BankLine, CitedAmount, LedgerLine
from month_end_close.state import books_of, entries_of, flux_of, reconciliation_of, statements_of

# The parsed lines grow with the close: a large result writes them as tables, and every
# citation by reference (shared.runs.result_file); readers get them back as lists. The
# reconciliation keeps the shape CONTRACT.md gives it, whatever the size.
BULK = (("bank_lines",), ("ledger_lines",))


@lru_cache(maxsize=16)
def _adapter(kind: Any) -> Any:
    return TypeAdapter(kind)


def dump(value: Any, kind: Any) -> Any:
    return _adapter(kind).dump_python(value, mode="json")


def body(state: Mapping[str, Any]) -> dict[str, Any]:
    statements, books, rec = statements_of(state), books_of(state), reconciliation_of(state)
    cash = state.get("cash_account")
    ledger = [l for l in books.ledger if l.account == cash] if books else []
    return {
        "cash_account": cash,
        "statements": [_statement(s) for s in statements],
        "bank_lines": dump(tuple(l for s in statements for l in s.lines), tuple[BankLine, ...]),
        "ledger_lines": dump(tuple(ledger), tuple[LedgerLine, ...]),
        "reconciliation": _reconciliation(rec) if rec else None,
        "entries": _entries(entries_of(state)),
        "flux": _flux(flux_of(state)),
    }


def _statement(statement: Any) -> dict[str, Any]:
    fields = ("opening", "closing", "total_in", "total_out")
    printed = {name: dump(getattr(statement, name), CitedAmount | None) for name in fields}
    return {"path": statement.path, "sha256": statement.sha256, "format": statement.format,
            "method": statement.method, "account": statement.account, "currency": statement.currency,
            "period_start": _iso(statement.period_start), "period_end": _iso(statement.period_end),
            "lines": len(statement.lines), "printed": printed, "proof": _jsonable(proof_summary(statement))}


def _reconciliation(rec: Any) -> dict[str, Any]:
    return {"matches": dump(rec.matches, tuple[Match, ...]),
            "bank_only": dump(rec.bank_only, tuple[Unmatched, ...]),
            "ledger_only": dump(rec.ledger_only, tuple[Unmatched, ...]),
            "statement": dump(rec.statement, ReconciliationStatement),
            "proven": rec.statement.unexplained_difference == 0,
            "as_of": rec.as_of.isoformat() if rec.as_of else None,
            "counts": {"matches": dict(Counter(m.kind for m in rec.matches)),
                       "bank_only": dict(Counter(u.category for u in rec.bank_only)),
                       "ledger_only": dict(Counter(u.category for u in rec.ledger_only))}}


def _entries(entries: Any) -> list[dict[str, Any]]:
    return [{**dump(e, ProposedEntry), "balanced": e.balanced} for e in entries]


def _flux(rows: Any) -> list[dict[str, Any]]:
    return [{**dump(r, FluxRow), "flagged": r.flagged} for r in rows]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
