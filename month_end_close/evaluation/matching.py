"""Reconciliation accuracy on generated closes whose truth is known: precision and recall
of matched (bank line, ledger line) pairs, the categories of what is left, and the
unexplained difference. A pair counts once however the match groups it, so a deposit
of three receipts is three pairs.

Interchangeable lines count as right whichever way they are paired: two charges of the
same amount and description (a weekly subscription) cannot be told apart by anyone, so
pairing the first bank line with the second book line is as right as the truth's way.
Lines are interchangeable when they share an amount and their meaningful words (a date
printed in a card line's description aside), or when the truth lists them in one
`interchangeable` group."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.bank_to_book import reconcile_close
from month_end_close.context import Context
from month_end_close.folder import cash_account, read_books, read_statements
from month_end_close.reconcile.text import words
from shared.engagement import read_toml

TRUTH_FILE = ".truth.json"
Pair = tuple[str, str]


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
    by_kind: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # kind: (right, true)

    @property
    def precision(self) -> Decimal:
        return ratio(self.right_pairs, self.found_pairs)

    @property
    def recall(self) -> Decimal:
        return ratio(self.right_pairs, self.true_pairs)

    @property
    def categories_ratio(self) -> Decimal:
        return ratio(self.categories_right, self.categories)


def ratio(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else Decimal("1")


def pairs(matches: Iterable[Any]) -> set[Pair]:
    return {(b, l) for m in matches for b in _get(m, "bank_ids") for l in _get(m, "ledger_ids")}


def _get(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


# A date a card line prints in its description ("PURCHASE 05/15 FACEBK") is when it was
# made, not what it is: two charges of one series differ only by it.
_PRINTED_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")


class Classes:
    """Each line id's class: lines of one class are interchangeable. A line alone in its
    class is its own class, so for most pairs this is plain equality."""

    def __init__(self, lines: Iterable[Any], groups: Iterable[Iterable[str]] = ()) -> None:
        # A class is only ever compared with another: an amount and words, or a group.
        self._of: dict[str, tuple[object, object]] = {
            line.id: (line.amount, words(_PRINTED_DATE.sub(" ", line.description))) for line in lines}
        for n, group in enumerate(groups):
            for line_id in group:
                self._of[line_id] = ("group", n)

    def of(self, line_id: str) -> Any:
        return self._of.get(line_id, line_id)


def score_reconciliation(name: str, truth: Mapping[str, Any], rec: Any, bank_lines: Iterable[Any],
                         ledger_lines: Iterable[Any]) -> CaseScore:
    groups = truth.get("interchangeable", ())
    bank, ledger = Classes(bank_lines, groups), Classes(ledger_lines, groups)

    def key(pair: Pair) -> tuple:
        return bank.of(pair[0]), ledger.of(pair[1])

    expected, found = pairs(truth["matches"]), pairs(rec.matches)
    # A found pair is right when it is a true pair or stands in for one of its classes
    # (each true pair once); a true pair is covered when found or stood in for.
    right = (found & expected) | _standing_in(found - expected, expected - found, key)
    covered = (found & expected) | _standing_in(expected - found, right - expected, key)
    categories = {(u["id"], u["category"]) for u in truth["bank_only"] + truth["ledger_only"]}
    given = {(u.id, u.category) for u in rec.bank_only + rec.ledger_only}
    wrong = sorted(f"found {b}~{l}" for b, l in found - right)[:5] + sorted(
        f"missed {b}~{l}" for b, l in expected - covered)[:5]
    return CaseScore(name, len(expected), len(found), len(right), len(categories), len(categories & given),
                     rec.statement.unexplained_difference, Decimal(str(truth.get("unexplained_difference", "0"))),
                     tuple(wrong), _by_kind(truth["matches"], covered))


def _standing_in(candidates: set[Pair], others: set[Pair], key: Callable[[Pair], tuple]) -> set[Pair]:
    """The candidates each matched, class for class, by one of `others` (each used once)."""
    spare = Counter(key(pair) for pair in others)
    chosen = set()
    for pair in sorted(candidates):
        if spare[key(pair)] > 0:
            spare[key(pair)] -= 1
            chosen.add(pair)
    return chosen


def pooled_precision(cases: Iterable[CaseScore]) -> Decimal:
    cases = list(cases)
    return ratio(sum(c.right_pairs for c in cases), sum(c.found_pairs for c in cases))


def pooled_recall(cases: Iterable[CaseScore]) -> Decimal:
    cases = list(cases)
    return ratio(sum(c.right_pairs for c in cases), sum(c.true_pairs for c in cases))


def _by_kind(matches: Iterable[Mapping[str, Any]], covered: set[Pair]) -> dict[str, tuple[int, int]]:
    totals: dict[str, list[int]] = {}
    for match in matches:
        own = pairs([match])
        tally = totals.setdefault(match["kind"], [0, 0])
        tally[0] += len(own & covered)
        tally[1] += len(own)
    return {kind: (right, true) for kind, (right, true) in sorted(totals.items())}


def score_case(folder: Path) -> CaseScore:
    truth = json.loads((folder / TRUTH_FILE).read_text(encoding="utf-8"), parse_float=Decimal)
    toml = folder / "close.toml"
    settings = Context.model_validate(read_toml(toml)) if toml.is_file() else Context()
    statements, books = read_statements(folder, settings), read_books(folder, settings)
    cash = cash_account(books, settings.cash_account, folder)
    rec = reconcile_close(statements, books, cash, settings)
    return score_reconciliation(folder.name, truth, rec, [l for s in statements for l in s.lines],
                                [l for l in books.ledger if l.account == cash])
