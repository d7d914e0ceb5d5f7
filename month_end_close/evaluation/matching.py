"""Reconciliation accuracy on generated closes whose truth is known: precision and recall
of matched (bank line, ledger line) pairs, the categories of what is left, and the
unexplained difference. A pair counts once however the match groups it, so a deposit
of three receipts is three pairs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

TRUTH_FILE = ".truth.json"


@dataclass(frozen=True)
class CaseScore:
    name: str
    true_pairs: int
    found_pairs: int
    right_pairs: int
    categories: int
    categories_right: int
    unexplained: Decimal
    unexplained_expected: Decimal
    wrong: tuple[str, ...]  # a few wrong or missed pairs, to show where it went wrong

    @property
    def precision(self) -> Decimal:
        return ratio(self.right_pairs, self.found_pairs)

    @property
    def recall(self) -> Decimal:
        return ratio(self.right_pairs, self.true_pairs)


def ratio(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else Decimal("1")


def pairs(matches: Iterable[Any]) -> set[tuple[str, str]]:
    return {(b, l) for m in matches for b in _get(m, "bank_ids") for l in _get(m, "ledger_ids")}


def _get(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


def score_case(folder: Path) -> CaseScore:
    from month_end_close.bank_to_book import reconcile_close
    from month_end_close.context import Context
    from month_end_close.folder import cash_account, read_books, read_statements
    from shared.engagement import read_toml

    truth = json.loads((folder / TRUTH_FILE).read_text(encoding="utf-8"), parse_float=Decimal)
    settings = Context.model_validate(read_toml(folder / "close.toml")) if (folder / "close.toml").is_file() else Context()
    statements, books = read_statements(folder, settings), read_books(folder, settings)
    rec = reconcile_close(statements, books, cash_account(books, settings.cash_account, folder), settings)
    expected, found = pairs(truth["matches"]), pairs(rec.matches)
    categories = {(u["id"], u["category"]) for u in truth["bank_only"] + truth["ledger_only"]}
    given = {(u.id, u.category) for u in rec.bank_only + rec.ledger_only}
    wrong = sorted(f"found {b}~{l}" for b, l in found - expected)[:5] + sorted(
        f"missed {b}~{l}" for b, l in expected - found)[:5]
    return CaseScore(folder.name, len(expected), len(found), len(expected & found), len(categories),
                     len(categories & given), rec.statement.unexplained_difference,
                     Decimal(str(truth.get("unexplained_difference", "0"))), tuple(wrong))
