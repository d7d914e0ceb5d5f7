"""The one-to-one matching passes, strictest first: a line taken by an earlier pass is
never offered to a later one, so each match is made on the strongest evidence there is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from month_end_close.reconcile.model import Match, MatchKind
from month_end_close.reconcile.pool import (
    ByAmount,
    Candidate,
    Pool,
    assign,
    lag,
    pair_reason,
    pair_score,
    scores_against,
)
from month_end_close.reconcile.text import name_words, payee_alike, references
from month_end_close.records import BankLine, LedgerLine


def exact_pass(pool: Pool, *, same_payee: bool = False) -> int:
    """Same amount, same date, no conflicting reference (and, when `same_payee`, the
    same payee: run first, so that a popular amount's same-day lines pair by payee
    before any look-alike of another payee can take them)."""
    ledger = ByAmount(pool.ledger.values())
    options = {}
    for bank in pool.bank.values():
        lines = ledger.between(bank.amount, bank.date, bank.date, bank)
        if lines:
            options[bank.id] = _same_day_options(bank, lines, same_payee)
    return assign(pool, _ranked(pool, options, "exact"), _build)


def _same_day_options(bank: BankLine, lines: list[LedgerLine], same_payee: bool) -> list[LedgerLine]:
    """The lines whose reference does not disagree with the bank line's (and, when
    `same_payee`, that share its reference or a payee word, or read alike)."""
    refs = references(bank.description, bank.reference)
    kept = []
    for line in lines:
        theirs = references(line.description, line.reference)
        if refs and theirs and not refs & theirs:
            continue
        if same_payee and not (refs & theirs or payee_alike(bank.description, line.description)):
            continue
        kept.append(line)
    return kept


def window_pass(pool: Pool, window_days: int, lead_days: int) -> int:
    """Same amount, the books up to `window_days` ahead of the bank (or `lead_days`
    behind it)."""
    ledger = ByAmount(pool.ledger.values())
    options = {bank.id: [line for line in ledger.between(bank.amount, *_window(bank.date, window_days, lead_days), bank)
                         if not _round_with_other_payee(bank, line)] for bank in pool.bank.values()}
    return assign(pool, _ranked(pool, options, "date_window"), _build)


def _round_with_other_payee(bank: BankLine, line: LedgerLine) -> bool:
    """A round amount (250.00) is the price of many things: on different days, with each
    side naming a different payee, the amount alone does not make them one payment. (On
    the same day it does: the books often name the expense, "Advertising", not the payee.)"""
    if bank.amount != bank.amount.to_integral_value():
        return False
    mine, theirs = name_words(bank.description), name_words(line.description)
    return bool(mine and theirs) and not payee_alike(bank.description, line.description)


# A bank line's best few options are kept for the assignment: when dozens of lines share
# an amount and a date, the rest would only lose to them, and ranking every pair of a
# dense day grows with the square of its size.
_KEEP = 8


def _ranked(pool: Pool, options: dict[str, list[LedgerLine]], kind: MatchKind) -> list[Candidate]:
    """Candidates for each bank line. A pair that competes with no other (each line is
    the other's only option) needs no ranking, so it is scored only once taken: in a
    large close most pairs are like that."""
    narrowed = {bank_id: _sharing_reference(pool.bank[bank_id], lines) for bank_id, lines in options.items()}
    wanted: dict[str, int] = {}
    for lines in narrowed.values():
        for line in lines:
            wanted[line.id] = wanted.get(line.id, 0) + 1
    candidates = []
    for bank_id, lines in narrowed.items():
        bank = pool.bank[bank_id]
        if len(lines) == 1 and wanted[lines[0].id] == 1 and len(options[bank_id]) == 1:
            candidates.append(Candidate(100, 0, (bank_id,), (lines[0].id,), (bank, lines[0], kind, None, 0)))
        else:
            scored = sorted(zip(scores_against(bank, lines), lines), key=lambda pair: -pair[0])[:_KEEP]
            candidates += [Candidate(score, abs(lag(bank.date, line.date)), (bank_id,), (line.id,),
                                     (bank, line, kind, "", 0)) for score, line in scored]
    return candidates


def _sharing_reference(bank: BankLine, lines: list[LedgerLine]) -> list[LedgerLine]:
    """Where some of a bank line's options carry its reference number, only those: a
    cheque or invoice number on both sides outweighs any other likeness."""
    refs = references(bank.description, bank.reference) if len(lines) > 1 else None
    if not refs:
        return lines
    sharing = [line for line in lines if refs & references(line.description, line.reference)]
    return sharing or lines


def difference_pass(pool: Pool, window_days: int, lead_days: int, *, referenced: bool = True) -> int:
    """An amount recorded wrongly on one side: two digits swapped (a
    transposition), or (when `referenced`) the same reference number with an amount
    within 10%. Transpositions are looked for before the subset passes, so that chance
    sums of other lines cannot take their lines; near amounts only after them, since a
    receipt carrying a paying-in's slip number is near the paying-in's amount too."""
    by_digits: dict[tuple[bool, str], list[LedgerLine]] = {}
    by_reference: dict[str, list[LedgerLine]] = {}
    for line in pool.ledger.values():
        by_digits.setdefault(_digits_key(line.amount), []).append(line)
        for ref in references(line.description, line.reference) if referenced else ():
            by_reference.setdefault(ref, []).append(line)
    candidates = [c for bank in pool.bank.values() for c in _difference_candidates(
        bank, by_digits, by_reference, window_days, lead_days)]
    return assign(pool, candidates, _build)


def _difference_candidates(bank: BankLine, by_digits: dict, by_reference: dict, window: int,
                           lead: int) -> Iterator[Candidate]:
    start, end = _window(bank.date, window, lead)
    refs = references(bank.description, bank.reference)
    for line in by_digits.get(_digits_key(bank.amount), ()):
        near = start <= line.date <= end or _shares_reference(refs, line, bank)
        if near and _transposed(bank.amount, line.amount) and not _references_conflict(bank, line):
            yield _candidate(bank, line, "amount_difference", penalty=10, why="two digits transposed")
    referenced = {l.id: l for ref in refs for l in by_reference.get(ref, ())}
    for line in referenced.values():
        if abs(lag(bank.date, line.date)) <= REFERENCE_DAYS and _close_amounts(bank.amount, line.amount):
            yield _candidate(bank, line, "amount_difference", penalty=15, why="the same reference, amounts within 10%")


# A reference number on both sides pairs lines this many days apart either way: the
# number is the evidence, whichever side recorded the payment first.
REFERENCE_DAYS = 10


def _shares_reference(refs: frozenset[str], line: LedgerLine, bank: BankLine) -> bool:
    return bool(refs & references(line.description, line.reference)) and \
        abs(lag(bank.date, line.date)) <= REFERENCE_DAYS


def reference_pass(pool: Pool) -> int:
    """Same amount and a reference number on both sides (a cheque, invoice or remittance
    number), up to `REFERENCE_DAYS` apart either way: run first, since such a number
    outweighs any other likeness and any habit of the dates."""
    by_key: dict[tuple[Decimal, str], list[LedgerLine]] = {}
    for line in pool.ledger.values():
        for ref in references(line.description, line.reference):
            by_key.setdefault((line.amount, ref), []).append(line)
    options = {}
    for bank in pool.bank.values():
        found = {l.id: l for ref in references(bank.description, bank.reference)
                 for l in by_key.get((bank.amount, ref), ()) if abs(lag(bank.date, l.date)) <= REFERENCE_DAYS}
        if found:
            options[bank.id] = list(found.values())
    wanted = Counter(line.id for lines in options.values() for line in lines)
    candidates = []
    for bank_id, lines in options.items():
        bank = pool.bank[bank_id]
        for line in lines:
            kind: MatchKind = "exact" if line.date == bank.date else "date_window"
            if len(lines) == 1 and wanted[line.id] == 1:  # nothing competes: scored once taken
                candidates.append(Candidate(100, abs(lag(bank.date, line.date)), (bank_id,), (line.id,),
                                            (bank, line, kind, "", 0)))
            else:
                candidates.append(_candidate(bank, line, kind))
    return assign(pool, candidates, _build)


def _close_amounts(a: Decimal, b: Decimal) -> bool:
    return a != b and (a > 0) == (b > 0) and abs(a - b) <= abs(a) / 10


def _transposed(a: Decimal, b: Decimal) -> bool:
    """Two digits swapped in keying (1,243.00 for 1,423.00): the same digits, differing
    in exactly two places. Any reordering would pair amounts of different size by chance."""
    left, right = _digit_string(a), _digit_string(b)
    differ = [i for i, (x, y) in enumerate(zip(left, right)) if x != y]
    return len(left) == len(right) and len(differ) == 2 and left[differ[0]] == right[differ[1]] \
        and left[differ[1]] == right[differ[0]]


def _digit_string(amount: Decimal) -> str:
    return format(abs(amount).quantize(Decimal("0.01")), "f").replace(".", "").lstrip("0")


def _digits_key(amount: Decimal) -> tuple[bool, str]:
    return amount > 0, "".join(sorted(_digit_string(amount)))


def _window(bank_date: date, window_days: int, lead_days: int) -> tuple[date, date]:
    return bank_date - timedelta(days=window_days), bank_date + timedelta(days=lead_days)


def _references_conflict(bank: BankLine, line: LedgerLine) -> bool:
    ours, theirs = references(bank.description, bank.reference), references(line.description, line.reference)
    return bool(ours and theirs and not ours & theirs)


def _candidate(bank: BankLine, line: LedgerLine, kind: MatchKind, penalty: int = 0, why: str = "") -> Candidate:
    """A pair ranked by its score (a reference on both sides counts in it)."""
    score = max(0, pair_score(bank, line) - penalty)
    return Candidate(score, abs(lag(bank.date, line.date)), (bank.id,), (line.id,), (bank, line, kind, why, penalty))


def _build(candidate: Candidate) -> Match:
    bank, line, kind, why, penalty = candidate.detail
    if why is None:
        return _alone(bank, line, kind)
    score, reason = pair_reason(bank, line)
    return Match((bank.id,), (line.id,), kind, max(0, score - penalty), bank.amount - line.amount,
                 f"{why}; {reason}" if why else reason)


def _alone(bank: BankLine, line: LedgerLine, kind: MatchKind) -> Match:
    """A pair nothing else competed for: the amount is the evidence, the dates' distance
    the only doubt (the bank ahead of the books counts double, as in `pair_score`)."""
    days = lag(bank.date, line.date)
    score = 100 - (3 * days if days >= 0 else 6 * -days)
    when = "same date" if not days else f"dates {abs(days)} day{'s' if abs(days) != 1 else ''} apart"
    return Match((bank.id,), (line.id,), kind, max(0, score), bank.amount - line.amount,
                 f"{when}; the only line of this amount within the window on either side")
