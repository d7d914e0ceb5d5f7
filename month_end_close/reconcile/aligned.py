"""Lines of one amount and one payee, paired in date order: a subscription charged every
week, a direct debit the books record when the statement arrives. Such lines cannot be
told apart by amount or payee, only by their order, so the k-th on the bank pairs with
the k-th in the books, up to `days` apart in either direction. How many days the books
run behind or ahead is taken from the lines themselves, not from a setting tuned to one
client: the pairing that matches the most lines with the least total distance wins.

An amount found once in the whole period on each side pairs up to `days` apart, and
further with the same payee: nothing else in the period could be its counterpart."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.pool import Pool, lag, pair_reason
from month_end_close.reconcile.text import name_words, payee_alike, references, same_name, shares_name
from month_end_close.records import BankLine, LedgerLine

Line = TypeVar("Line", BankLine, LedgerLine)

# Beyond this many lines of one amount in a window, only those sharing a payee word are
# compared (a popular amount paid to hundreds of payees in a large close).
_ALL_BELOW = 64
# A group larger than this on both sides is paired greedily by distance instead of by
# the date-order table (whose size is the product of the two sides).
_TABLE_CELLS = 250_000


def aligned_pass(pool: Pool, days: int) -> int:
    """Free lines of one amount whose payees agree, in date order, up to `days` apart."""
    bank_by_amount, ledger_by_amount = _by_amount(pool.bank.values()), _by_amount(pool.ledger.values())
    taken = 0
    for amount in sorted(bank_by_amount.keys() & ledger_by_amount.keys()):
        for bank, ledger, edges in _payee_groups(bank_by_amount[amount], ledger_by_amount[amount], days):
            for match in _date_order(bank, ledger, days, edges):
                pool.claim(match)
                taken += 1
    return taken


def unique_amount_pass(pool: Pool, bank: Sequence[BankLine], ledger: Sequence[LedgerLine], within: int) -> int:
    """An amount that occurs once in the period on each side, both lines still free:
    paired whatever the distance when they name the same payee, and up to `within` days
    apart when they do not (a factor paying for a customer, "Amex" for "AMERICAN
    EXPRESS") unless the amount is a round one, which anything may cost."""
    once_bank = _once(bank)
    once_ledger = _once(ledger)
    taken = 0
    for amount in sorted(once_bank.keys() & once_ledger.keys()):
        b, l = once_bank[amount], once_ledger[amount]
        if b.id in pool.bank and l.id in pool.ledger and not _references_disagree(b, l):
            days = lag(b.date, l.date)
            if _alike(b, l):
                why = "the only line of this amount in the period on either side, and the same payee"
            elif abs(days) <= within and amount != amount.to_integral_value():
                why = f"the only line of this amount in the period on either side, within {within} days"
            else:
                continue
            pool.claim(Match((b.id,), (l.id,), "exact" if not days else "date_window", max(0, 80 - abs(days)),
                             Decimal("0"), f"dates {abs(days)} days apart; {why}"))
            taken += 1
    return taken


def _references_disagree(bank: BankLine, line: LedgerLine) -> bool:
    ours, theirs = references(bank.description, bank.reference), references(line.description, line.reference)
    return bool(ours and theirs and not ours & theirs)


def _once(lines: Sequence[Line]) -> dict[Decimal, Line]:
    counts = Counter(line.amount for line in lines)
    return {line.amount: line for line in lines if counts[line.amount] == 1}


def _by_amount(lines) -> dict[Decimal, list]:
    groups: dict[Decimal, list] = {}
    for line in lines:
        groups.setdefault(line.amount, []).append(line)
    return groups


def _alike(bank: BankLine, line: LedgerLine) -> bool:
    """A shared reference number, or the same payee named on both sides. Numbers that
    differ do not rule a named payee out (a bank's transaction id beside the books'
    invoice number); lines sharing a number were paired before this pass."""
    ours, theirs = references(bank.description, bank.reference), references(line.description, line.reference)
    if ours & theirs or shares_name(bank.description, line.description):
        return True
    return not (ours and theirs) and payee_alike(bank.description, line.description)


def _apart(bank: BankLine, line: LedgerLine) -> int:
    """How far apart a pair is, for choosing among alike pairs: days, and a week more
    when only part of a name agrees ("KIRKBY ELEC" and Kirkby Veterinary)."""
    return abs(lag(bank.date, line.date)) + (0 if same_name(bank.description, line.description) else _PART_NAME)


_PART_NAME = 7


def _payee_groups(bank: list[BankLine], ledger: list[LedgerLine],
                  days: int) -> Iterator[tuple[list, list, set[tuple[str, str]]]]:
    """The lines of one amount split into groups joined by payee-alike pairs within
    `days`: each group one payee's run of charges (or a single pair), with its alike
    pairs (bank id, ledger id), so the date-order table need not ask again."""
    ledger = sorted(ledger, key=lambda l: (l.date, l.id))
    ordinals = [l.date.toordinal() for l in ledger]
    parent: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    for b in bank:
        for l in _near(b, ledger, ordinals, days):
            if _alike(b, l):
                edges.add((b.id, l.id))
                _union(parent, b.id, "L" + l.id)
    groups: dict[str, tuple[list, list]] = {}
    for b in bank:
        if b.id in parent:
            groups.setdefault(_root(parent, b.id), ([], []))[0].append(b)
    for l in ledger:
        if "L" + l.id in parent:
            groups.setdefault(_root(parent, "L" + l.id), ([], []))[1].append(l)
    for group_bank, group_ledger in groups.values():
        yield group_bank, group_ledger, edges


def _near(bank: BankLine, ledger: list[LedgerLine], ordinals: list[int], days: int) -> list[LedgerLine]:
    day = bank.date.toordinal()
    found = ledger[bisect_left(ordinals, day - days):bisect_right(ordinals, day + days)]
    if len(found) > _ALL_BELOW:
        mine = name_words(bank.description)
        found = [l for l in found if mine & name_words(l.description)]
    return found


def _union(parent: dict[str, str], a: str, b: str) -> None:
    parent.setdefault(a, a)
    parent.setdefault(b, b)
    parent[_root(parent, a)] = _root(parent, b)


def _root(parent: dict[str, str], node: str) -> str:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _date_order(bank: list[BankLine], ledger: list[LedgerLine], days: int,
                edges: set[tuple[str, str]]) -> list[Match]:
    bank = sorted(bank, key=lambda l: (l.date, l.id))
    ledger = sorted(ledger, key=lambda l: (l.date, l.id))
    if len(bank) == 1 and len(ledger) == 1:
        return [_match(bank[0], ledger[0], "the only line of this amount and payee within "
                                           f"{days} days on either side")]
    if len(bank) * len(ledger) > _TABLE_CELLS:
        return [_match(bank[i], ledger[j], "nearest in date among many lines of this amount and payee")
                for i, j in _nearest_first(bank, ledger, days)]
    pairs = _in_order(bank, ledger, days, lambda b, l: (b.id, l.id) in edges)
    why = f"{len(bank)} bank and {len(ledger)} book lines of this amount and payee, paired in date order"
    matches = [_match(bank[i], ledger[j], why) for i, j in pairs]
    return matches + _left_over(bank, ledger, pairs)


def _left_over(bank: list[BankLine], ledger: list[LedgerLine], pairs: list[tuple[int, int]]) -> list[Match]:
    """Lines of the run still unpaired on both sides (the books posting a month's charges
    together at the close, weeks after the bank took them) pair in date order however far
    apart: nothing else in the period could be their counterparts."""
    bank_left = [b for i, b in enumerate(bank) if i not in {i for i, _ in pairs}]
    ledger_left = [l for j, l in enumerate(ledger) if j not in {j for _, j in pairs}]
    if not bank_left or not ledger_left:
        return []
    why = ("left over once this payee's lines of this amount were paired; paired in date order, as nothing "
           "else in the period could be their counterparts")
    return [_match(bank_left[i], ledger_left[j], why)
            for i, j in _in_order(bank_left, ledger_left, _ANY_DISTANCE, _alike)]


_ANY_DISTANCE = 366


def _in_order(bank: list[BankLine], ledger: list[LedgerLine], days: int,
              alike: Callable[[BankLine, LedgerLine], bool]) -> list[tuple[int, int]]:
    """The order-keeping pairing with the most pairs, then the least total distance (an
    alignment table, as for two sequences): the k-th charge pairs with the k-th booking."""
    rows, cols = len(bank), len(ledger)
    best = [[(0, 0)] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            value = max(best[i - 1][j], best[i][j - 1])
            if abs(lag(bank[i - 1].date, ledger[j - 1].date)) <= days and alike(bank[i - 1], ledger[j - 1]):
                pairs, cost = best[i - 1][j - 1]
                value = max(value, (pairs + 1, cost - _apart(bank[i - 1], ledger[j - 1])))
            best[i][j] = value
    return _trace(best, bank, ledger, days)


def _trace(best: list[list[tuple[int, int]]], bank: list, ledger: list, days: int) -> list[tuple[int, int]]:
    pairs, i, j = [], len(bank), len(ledger)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _nearest_first(bank: list[BankLine], ledger: list[LedgerLine], days: int) -> list[tuple[int, int]]:
    """For a group too large for the table: nearest dates first, each line once."""
    ordinals = [l.date.toordinal() for l in ledger]
    options = sorted((_apart(b, ledger[j]), i, j) for i, b in enumerate(bank)
                     for j in range(bisect_left(ordinals, b.date.toordinal() - days),
                                    bisect_right(ordinals, b.date.toordinal() + days)) if _alike(b, ledger[j]))
    used_bank, used_ledger, pairs = set(), set(), []
    for _, i, j in options:
        if i not in used_bank and j not in used_ledger:
            used_bank.add(i)
            used_ledger.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _match(bank: BankLine, line: LedgerLine, why: str) -> Match:
    """The score rests on the payee and the distance, in either direction (how far the
    books run behind or ahead is the client's habit, not a doubt about the pair)."""
    days = lag(bank.date, line.date)
    _, evidence = pair_reason(bank, line)
    first = "" if not days else f" ({'books first' if days > 0 else 'bank first'})"
    return Match((bank.id,), (line.id,), "exact" if not days else "date_window", max(0, 95 - 2 * abs(days)),
                 Decimal("0"), f"{evidence}{first}; {why}")
