"""Bank and ledger lines written tersely for matching tests: `bank("B1", "2024-03-05",
"BP ACME LTD 10234", "-120.00")`. Citations point at a made-up CSV cell: these tests are
about matching, and the readers' tests check real citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from month_end_close.records import BankLine, LedgerLine
from shared.documents.citation import CsvCitation

_SHA = "0" * 64


def _cite(path: str, row: int, amount: str) -> CsvCitation:
    return CsvCitation(doc_sha256=_SHA, path=path, text=amount, row=row, column="amount")


def bank(id: str, day: str, description: str, amount: str) -> BankLine:
    return BankLine(id, date.fromisoformat(day), description, Decimal(amount), _cite("bank.csv", 1, amount))


def book(id: str, day: str, description: str, amount: str, account: str = "1000",
         reference: str | None = None) -> LedgerLine:
    return LedgerLine(id, date.fromisoformat(day), account, description, Decimal(amount),
                      _cite("ledger.csv", 1, amount), reference)
