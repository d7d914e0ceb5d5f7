"""What an unmatched line most likely is, with the reason: the reviewer sees why each
item is on the reconciliation, and an item nothing explains says so (`unknown`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from month_end_close.reconcile.model import Match, Unmatched
from month_end_close.reconcile.near_miss import NearMisses
from month_end_close.reconcile.text import words
from month_end_close.records import BankLine, LedgerLine

# Words banks print on their own charges, interest and returned items (UK and US). A
# charge for a returned item is a charge ("UNPAID ITEM CHARGE"), so fees are looked for
# first.
_BANK_WORDS = (
    ("fee", re.compile(r"\b(fee|fees|charge|charges|commission|service chg|maintenance)\b")),
    ("returned_item", re.compile(r"\b(returned|return|unpaid|rtn|nsf|refer to drawer|bounced|chargeback|"
                                 r"reversed deposit|account closed)\b")),
    ("interest", re.compile(r"\b(interest|int paid|int earned|gross int)\b")),
    ("error", re.compile(r"\b(correction|bank error|reversal of error)\b")),
)


def bank_item(description: str) -> tuple[str, str] | None:
    """The category of a bank's own item and the word that says so, or None."""
    text = description.casefold()
    for category, pattern in _BANK_WORDS:
        found = pattern.search(text)
        if found:
            return category, found.group(0)
    return None


def classify_bank(line: BankLine, near: NearMisses) -> Unmatched:
    own = bank_item(line.description)
    if own is not None:
        return Unmatched(line.id, own[0], f"on the statement only; its description says '{own[1]}'; "
                                          f"{near.for_bank(line)}")
    return Unmatched(line.id, "unknown", f"on the statement only, and its description names no bank charge, interest "
                                         f"or return; {near.for_bank(line)}")


def classify_ledger(lines: Sequence[LedgerLine], matched: Iterable[LedgerLine], as_of: date,
                    in_transit_days: int, near: NearMisses) -> list[Unmatched]:
    """Unmatched book lines: a copy of a matched posting is an error; a receipt in the
    last days is a deposit in transit; a payment is outstanding until the bank pays it."""
    seen = {_posting_key(line): line.id for line in matched}
    result = []
    for line in lines:
        key = _posting_key(line)
        if key in seen:
            result.append(Unmatched(line.id, "error", f"posted twice: the same date, amount and description as "
                                    f"{seen[key]}, and the bank has the money once"))
            continue
        seen[key] = line.id
        timing = _timing(line, as_of, in_transit_days)
        result.append(Unmatched(line.id, timing.category, f"{timing.reason}; {near.for_ledger(line)}"))
    return result


def _timing(line: LedgerLine, as_of: date, in_transit_days: int) -> Unmatched:
    age = (as_of - line.date).days
    if line.amount < 0:
        return Unmatched(line.id, "outstanding_payment", f"paid in the books {age} days before the statement date, "
                         "not yet through the bank")
    if age <= in_transit_days:
        return Unmatched(line.id, "deposit_in_transit", f"received in the books {age} days before the statement "
                         "date, not yet through the bank")
    return Unmatched(line.id, "unknown", f"a receipt in the books {age} days before the statement date that the "
                     f"bank has not credited (more than {in_transit_days} days: not in transit)")


def _posting_key(line: LedgerLine) -> tuple:
    return line.date, line.amount, words(line.description)


def matched_ledger(matches: Iterable[Match], ledger: dict[str, LedgerLine]) -> list[LedgerLine]:
    return [ledger[i] for m in matches for i in m.ledger_ids]
