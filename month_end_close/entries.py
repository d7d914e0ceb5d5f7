"""Proposed adjusting entries: drafts for a person to post, never posted. Each balances
in Decimal and names the lines that support it.

An entry is proposed only for money one side holds and the other lacks. It is withheld,
with the reason, where the close shows the money accounted for elsewhere, because posting
it would count that money twice:
- an amount difference on the line the statement's proof names as its likely error: the
  statement is wrong, its balances carry the true amount, and the books are not corrected
  to a misprint;
- a bank-only line the books hold an unpaired line of the same amount for (the books
  recorded it, outside the matcher's reach), and a "duplicate" posting whose amount an
  unpaired bank line has (it is that line's record, not a copy);
- a bank-only line that makes up an amount difference (a fee the bank took beside a
  payment the books hold as one line): neither the fee nor the difference is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from month_end_close.context import EntryAccounts
from month_end_close.reconcile.model import Match, Reconciliation, Unmatched
from month_end_close.records import BankLine, LedgerLine
from shared.documents.citation import Citation
from shared.findings import Finding, finding

ZERO = Decimal("0")
# How far apart a charge may be from the payment it came with: banks take it the same day
# or the next working one.
SPLIT_DAYS = 3


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


@dataclass(frozen=True, slots=True)
class Withheld:
    """An entry not proposed, the lines it would have rested on, and why."""

    support: tuple[str, ...]
    reason: str
    citations: tuple[Citation, ...] = ()

    def finding(self) -> Finding:
        return finding("entry_not_proposed", ", ".join(self.support), f"No entry proposed for "
                       f"{' and '.join(self.support)}: {self.reason}", "warning", list(self.citations))


def _pair(cash: str, other: str, cash_amount: Decimal) -> tuple[EntryLine, ...]:
    """Cash moves by `cash_amount` (positive: into the account); `other` takes the rest."""
    size = abs(cash_amount)
    if cash_amount > 0:
        return EntryLine(cash, size, ZERO), EntryLine(other, ZERO, size)
    return EntryLine(other, size, ZERO), EntryLine(cash, ZERO, size)


def propose(rec: Reconciliation, bank: Mapping[str, BankLine], ledger: Sequence[LedgerLine], cash: str,
            accounts: EntryAccounts, flagged: Mapping[str, Decimal] | None = None) -> tuple[ProposedEntry, ...]:
    return proposals(rec, bank, ledger, cash, accounts, flagged)[0]


def proposals(rec: Reconciliation, bank: Mapping[str, BankLine], ledger: Sequence[LedgerLine], cash: str,
              accounts: EntryAccounts, flagged: Mapping[str, Decimal] | None = None,
              ) -> tuple[tuple[ProposedEntry, ...], tuple[Withheld, ...]]:
    """The entries, and those withheld. `flagged`: the bank lines the statements' proof
    names as likely errors, with the amount the statement's balances carry for each."""
    contra = _contra_accounts(ledger, cash)
    by_id = {l.id: l for l in ledger if l.account == cash}
    held = withheld(rec, bank, by_id, flagged or {})
    drafts = [d for item in rec.bank_only if ("bank", (item.id,)) not in held
              and (d := _for_bank_item(item, bank[item.id], cash, accounts))]
    drafts += [_for_difference(m, by_id, contra, cash, accounts) for m in rec.matches
               if m.kind == "amount_difference" and ("match", _support(m)) not in held]
    drafts += [_for_duplicate(item, by_id[item.id], contra, cash, accounts)
               for item in rec.ledger_only if item.category == "error" and ("ledger", (item.id,)) not in held]
    entries = tuple(ProposedEntry(f"AJE-{n:03d}", *draft) for n, draft in enumerate(drafts, 1))
    return entries, tuple(held.values())


def _support(match: Match) -> tuple[str, ...]:
    return (*match.bank_ids, *match.ledger_ids)


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
    return text, _pair(cash, other, match.difference), _support(match)


def _for_duplicate(item: Unmatched, line: LedgerLine, contra: Mapping, cash: str, accounts: EntryAccounts):
    other, note = _other_side(contra, line.id, accounts)
    wording = f"Reverse duplicate posting {line.id} '{line.description}'{note}"
    return wording, _pair(cash, other, -line.amount), (item.id,)


# -- what is withheld -------------------------------------------------------------------


def withheld(rec: Reconciliation, bank: Mapping[str, BankLine], books: Mapping[str, LedgerLine],
             flagged: Mapping[str, Decimal]) -> dict[tuple[str, tuple[str, ...]], Withheld]:
    """The entries that would count money the close already accounts for, by what they
    would rest on: ("match", its ids), ("bank", (id,)) or ("ledger", (id,)); bank and
    ledger ids are separate namespaces."""
    held = {}
    for match in rec.matches:
        if why := _misprinted(match, bank, books, flagged):
            held[("match", _support(match))] = _withheld(why, match.bank_ids, match.ledger_ids, bank, books)
    for match, item, why in _splits(rec, bank, books):
        held.setdefault(("match", _support(match)), _withheld(why, match.bank_ids, match.ledger_ids, bank, books))
        held.setdefault(("bank", (item.id,)), _withheld(why, (item.id,), (), bank, books))
    open_books = _by_amount(books[u.id] for u in rec.ledger_only)
    for item in (u for u in rec.bank_only if u.category != "error" and ("bank", (u.id,)) not in held):
        if same := open_books.get(bank[item.id].amount):
            held[("bank", (item.id,))] = _withheld(_held_in_books(bank[item.id], same), (item.id,), (), bank, books)
    open_bank = _by_amount(bank[u.id] for u in rec.bank_only)
    for item in (u for u in rec.ledger_only if u.category == "error"):
        if same := open_bank.get(books[item.id].amount):
            held[("ledger", (item.id,))] = _withheld(_held_by_bank(books[item.id], same), (), (item.id,), bank, books)
    return held


def _withheld(reason: str, bank_ids: Sequence[str], ledger_ids: Sequence[str], bank: Mapping[str, BankLine],
              books: Mapping[str, LedgerLine]) -> Withheld:
    """Cited by the lines it rests on, the bank's first."""
    cited = [bank[i].citation for i in bank_ids] + [books[i].citation for i in ledger_ids]
    return Withheld((*bank_ids, *ledger_ids), reason, tuple(cited))


def _by_amount(lines: Iterable[BankLine | LedgerLine]) -> dict[Decimal, list]:
    found: dict[Decimal, list] = defaultdict(list)
    for line in lines:
        found[line.amount].append(line)
    return found


def _misprinted(match: Match, bank: Mapping[str, BankLine], books: Mapping[str, LedgerLine],
                flagged: Mapping[str, Decimal]) -> str | None:
    if match.kind != "amount_difference" or not set(match.bank_ids) & flagged.keys():
        return None
    line = next(bank[i] for i in match.bank_ids if i in flagged)
    carried, book = flagged[line.id], sum((books[i].amount for i in match.ledger_ids), ZERO)
    agree = "as the books have it" if carried == book else f"and the books {book:,.2f}: to investigate"
    return (f"the statement's proof names {line.id} as its likely error: it prints {line.amount:,.2f}, but the "
            f"statement's own balances carry {carried:,.2f}, {agree}. A bank error, for the bank to correct; the "
            "books are not corrected to it")


def _splits(rec: Reconciliation, bank: Mapping[str, BankLine],
            books: Mapping[str, LedgerLine]) -> Iterable[tuple[Match, Unmatched, str]]:
    """A bank-only line that is exactly what an amount difference lacks, within days of its
    bank line and the only one that is: the bank took in two lines (a payment and its
    charge) what the books hold as one. A difference whose amounts are the same digits in
    another order is a transposition, which explains it on its own; and each bank-only line
    explains one difference at most."""
    by_amount: dict[Decimal, list[Unmatched]] = defaultdict(list)
    for item in rec.bank_only:
        by_amount[bank[item.id].amount].append(item)
    used: set[str] = set()
    for match in (m for m in rec.matches if m.kind == "amount_difference" and len(m.ledger_ids) == 1):
        first, book = bank[match.bank_ids[0]], books[match.ledger_ids[0]]
        if len(match.bank_ids) != 1 or _transposed(first.amount, book.amount):
            continue
        near = [u for u in by_amount.get(-match.difference, ())
                if u.id not in used and abs((bank[u.id].date - first.date).days) <= SPLIT_DAYS]
        if len(near) == 1:
            used.add(near[0].id)
            line = bank[near[0].id]
            yield match, near[0], (f"{line.id} ({line.amount:,.2f}, {line.date.isoformat()}) and {first.id} "
                                   f"({first.amount:,.2f}) together are {book.id}'s {book.amount:,.2f}: the bank took "
                                   "in two lines what the books hold as one, so neither is missing from the books")


def _transposed(a: Decimal, b: Decimal) -> bool:
    digits = [sorted(f"{abs(x):.2f}".replace(".", "").lstrip("0")) for x in (a, b)]
    return digits[0] == digits[1]


def _held_in_books(line: BankLine, same: Sequence[LedgerLine]) -> str:
    shown = ", ".join(f"{l.id} ({l.date.isoformat()})" for l in same[:3])
    return (f"the books hold {shown} for the same {line.amount:,.2f}, not paired with it: if that is this line's "
            "record, an entry would put the money in the books twice. Pair them or investigate")


def _held_by_bank(line: LedgerLine, same: Sequence[BankLine]) -> str:
    shown = ", ".join(f"{b.id} ({b.date.isoformat()})" for b in same[:3])
    return (f"the statement has {shown} for the same {line.amount:,.2f}, not paired with anything: if it is that "
            "line's money, this posting is no duplicate and reversing it would take it out of the books twice. "
            "Pair them or investigate")


# -- the other side of a correction -----------------------------------------------------


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
        posted = journals.get(line.reference or "") if line.account == cash else None
        if posted:
            contra[line.id] = (max(sorted(posted), key=lambda a: posted[a]), len(posted) > 1)
    return contra


def _other_side(contra: Mapping[str, tuple[str, bool]], line_id: str, accounts: EntryAccounts) -> tuple[str, str]:
    account, several = contra.get(line_id, (accounts.suspense, False))
    note = f" (its journal posts to several accounts: {account}, the largest, takes it; check the split)" \
        if several else "" if line_id in contra else " (no journal found: to suspense)"
    return account, note
