"""The close's records: bank statements and their lines, the ledger and trial balances.

Immutable dataclasses (not pydantic models): a large close has a hundred thousand lines a
side, and these are built, matched and checkpointed in bulk. Every amount is a `Decimal`
seen from the account holder's side: money into the account is positive on the bank side
and on the book side alike (a debit to cash is positive). A credit card statement follows
the same rule, so what the holder owes is a negative balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from shared.documents.citation import Citation
from shared.findings import Finding

StatementFormat = Literal["pdf", "ofx", "mt940", "csv"]
ReadBy = Literal["rules", "model"]
AccountType = Literal["asset", "liability", "equity", "revenue", "expense"]


@dataclass(frozen=True, slots=True)
class CitedAmount:
    """A figure printed on a document (a balance, a summary total) and where it is."""

    value: Decimal
    citation: Citation | None = None


@dataclass(frozen=True, slots=True)
class BankLine:
    """One transaction on a statement. `balance` is the running balance the bank printed
    after this line, where it printed one (HSBC prints it on a day's last line only).
    `verified` is False for a line a model read off a page with no text layer (a scan):
    its citation names the page only, and nothing on the page could confirm it."""

    id: str
    date: dt.date
    description: str
    amount: Decimal
    citation: Citation
    balance: CitedAmount | None = None
    reference: str | None = None
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement file (or one account's statement within it) as the bank issued it.

    `total_in` and `total_out` are the summary box's printed totals (both positive), when
    the statement has one; the proof checks the lines against them. `method` says who
    read the lines (the pack's rules or a model), and `findings` what the reading itself
    found (a reading that does not prove, dates whose order nothing settles).
    """

    path: str
    sha256: str
    format: StatementFormat
    lines: tuple[BankLine, ...]
    account: str | None = None
    currency: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    opening: CitedAmount | None = None
    closing: CitedAmount | None = None
    total_in: CitedAmount | None = None
    total_out: CitedAmount | None = None
    bank: str | None = None
    method: ReadBy = "rules"
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One general-ledger line. `amount` is debit positive (for the cash account: money in)."""

    id: str
    date: dt.date
    account: str
    description: str
    amount: Decimal
    citation: Citation
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class AccountBalance:
    """A trial-balance (or budget) row: debit balances positive."""

    account: str
    name: str
    balance: Decimal
    citation: Citation


@dataclass(frozen=True, slots=True)
class Account:
    """A chart-of-accounts row (`accounts.csv`)."""

    account: str
    name: str
    type: AccountType
    cash: bool = False
