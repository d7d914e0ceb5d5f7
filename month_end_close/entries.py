"""Proposed adjusting entries: drafts for a person to post, never posted. Each balances
in Decimal and names the lines that support it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from month_end_close.context import EntryAccounts
from month_end_close.reconcile.model import Match, Reconciliation, Unmatched
from month_end_close.records import BankLine, LedgerLine

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class EntryLine:
    account: str
    debit: Decimal
    credit: Decimal


@dataclass(frozen=True, slots=True)
class ProposedEntry:
    id: str
    description: str
    lines: tuple[EntryLine, ...]
    support: tuple[str, ...]

    @property
    def balanced(self) -> bool:
        return sum((l.debit for l in self.lines), ZERO) == sum((l.credit for l in self.lines), ZERO)


def _pair(cash: str, other: str, cash_amount: Decimal) -> tuple[EntryLine, ...]:
    """Cash moves by `cash_amount` (positive: into the account); `other` takes the rest."""
    size = abs(cash_amount)
    if cash_amount > 0:
        return EntryLine(cash, size, ZERO), EntryLine(other, ZERO, size)
    return EntryLine(other, size, ZERO), EntryLine(cash, ZERO, size)


def propose(rec: Reconciliation, bank: Mapping[str, BankLine], ledger: Sequence[LedgerLine], cash: str,
            accounts: EntryAccounts) -> tuple[ProposedEntry, ...]:
    contra = _contra_accounts(ledger, cash)
    by_id = {l.id: l for l in ledger if l.account == cash}
    drafts = [d for item in rec.bank_only if (d := _for_bank_item(item, bank[item.id], cash, accounts))]
    drafts += [_for_difference(m, by_id, contra, cash, accounts) for m in rec.matches if m.kind == "amount_difference"]
    drafts += [_for_duplicate(item, by_id[item.id], contra, cash, accounts)
               for item in rec.ledger_only if item.category == "error"]
    return tuple(ProposedEntry(f"AJE-{n:03d}", *draft) for n, draft in enumerate(drafts, 1))


def _for_bank_item(item: Unmatched, line: BankLine, cash: str, accounts: EntryAccounts):
    if item.category == "error":
        return None  # the bank's mistake: the bank corrects it, the books do not
    other = {"fee": accounts.bank_charges, "returned_item": accounts.receivables,
             "interest": accounts.interest_income if line.amount > 0 else accounts.interest_expense,
             }.get(item.category, accounts.suspense)
    label = {"fee": "Bank charge", "interest": "Bank interest", "returned_item": "Returned item",
             }.get(item.category, "Unidentified bank item to suspense, to investigate")
    return f"{label}: {line.description} ({line.date.isoformat()})", _pair(cash, other, line.amount), (item.id,)


def _for_difference(match: Match, by_id: Mapping[str, LedgerLine], contra: Mapping, cash: str,
                    accounts: EntryAccounts):
    book = by_id[match.ledger_ids[0]]
    other, note = _other_side(contra, book.id, accounts)
    text = f"Correct {book.id} '{book.description}': the bank shows {book.amount + match.difference:,.2f}, " \
           f"the books {book.amount:,.2f}{note}"
    return text, _pair(cash, other, match.difference), (*match.bank_ids, *match.ledger_ids)


def _for_duplicate(item: Unmatched, line: LedgerLine, contra: Mapping, cash: str, accounts: EntryAccounts):
    other, note = _other_side(contra, line.id, accounts)
    return f"Reverse duplicate posting {line.id} '{line.description}'{note}", _pair(cash, other, -line.amount), (item.id,)


def _contra_accounts(ledger: Sequence[LedgerLine], cash: str) -> dict[str, tuple[str, bool]]:
    """For each cash line with a reference, the account its journal posted the other
    side to, and whether the journal posted to several (then the largest takes the
    correction, and the entry says to check the split, e.g. the tax on it)."""
    journals: dict[str, dict[str, Decimal]] = {}
    for line in ledger:
        if line.reference and line.account != cash:
            accounts = journals.setdefault(line.reference, {})
            accounts[line.account] = accounts.get(line.account, ZERO) + abs(line.amount)
    contra = {}
    for line in ledger:
        accounts = journals.get(line.reference or "") if line.account == cash else None
        if accounts:
            contra[line.id] = (max(sorted(accounts), key=lambda a: accounts[a]), len(accounts) > 1)
    return contra


def _other_side(contra: Mapping[str, tuple[str, bool]], line_id: str, accounts: EntryAccounts) -> tuple[str, str]:
    account, several = contra.get(line_id, (accounts.suspense, False))
    note = f" (its journal posts to several accounts: {account}, the largest, takes it; check the split)" \
        if several else "" if line_id in contra else " (no journal found: to suspense)"
    return account, note
