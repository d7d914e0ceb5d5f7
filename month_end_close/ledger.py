"""The books: `ledger.csv` (the period's general-ledger detail), trial balances and a
budget (`account, name, balance`, debits positive) and the chart (`accounts.csv`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Mapping

from month_end_close.cells import amount_cell, date_cell, header_for
from month_end_close.records import Account, AccountBalance, LedgerLine
from shared.documents.citation import CsvCitation
from shared.documents.tabular import CsvDocument, open_csv
from shared.errors import InputError

ACCOUNT_TYPES = ("asset", "liability", "equity", "revenue", "expense")


def read_ledger(path: Path, columns: Mapping[str, str] = {}) -> tuple[LedgerLine, ...]:
    """Every line, debit positive: an `amount` column, or `debit` and `credit`."""
    document = open_csv(path)
    name = lambda ours: header_for(dict(columns), ours)  # noqa: E731 - a local shorthand
    document.require_columns(*(name(c) for c in ("id", "date", "account", "description")))
    signed = _amount_reader(document, name)
    reference = name("reference") if name("reference") in document.header else None
    lines = []
    for row, cells in enumerate(document.rows, 1):
        amount, column = signed(row)
        lines.append(LedgerLine(
            cells[name("id")].strip(), date_cell(document, row, name("date")), cells[name("account")].strip(),
            cells[name("description")].strip(), amount, _cite(document, row, column),
            (cells[reference].strip() or None) if reference else None))
    _unique_ids(document, lines)
    return tuple(lines)


def _amount_reader(document: CsvDocument, name):
    """Reads a row's signed amount and names the column it came from."""
    if name("amount") in document.header:
        column = name("amount")
        return lambda row: (amount_cell(document, row, column), column)
    debit, credit = name("debit"), name("credit")
    if debit not in document.header or credit not in document.header:
        raise InputError(document.path, f"has no '{name('amount')}' column, nor '{debit}' and '{credit}' "
                                        f"(its columns: {', '.join(document.header)})")

    def from_pair(row: int) -> tuple[Decimal, str]:
        cells = document.rows[row - 1]
        dr = amount_cell(document, row, debit) if cells[debit].strip() else Decimal("0")
        cr = amount_cell(document, row, credit) if cells[credit].strip() else Decimal("0")
        return dr - cr, debit if dr else credit
    return from_pair


def _cite(document: CsvDocument, row: int, column: str) -> CsvCitation:
    # Built without validation: a close has a hundred thousand lines, and every field
    # here comes from the document just read.
    return CsvCitation.model_construct(kind="csv", doc_sha256=document.sha256, path=str(document.path),
                                       text=document.rows[row - 1][column].strip(), row=row, column=column)


def _unique_ids(document: CsvDocument, lines: list) -> None:
    seen: dict[str, int] = {}
    for row, line in enumerate(lines, 1):
        if not line.id:
            raise InputError(document.path, f"row {row}: the id is empty")
        if line.id in seen:
            raise InputError(document.path, f"row {row}: id '{line.id}' is used again (first at row {seen[line.id]})")
        seen[line.id] = row


def read_balances(path: Path) -> tuple[AccountBalance, ...]:
    """A trial balance or budget: one balance per account, debits positive."""
    document = open_csv(path).require_columns("account", "name", "balance")
    rows = [AccountBalance(cells["account"].strip(), cells["name"].strip(), amount_cell(document, row, "balance"),
                           _cite(document, row, "balance")) for row, cells in enumerate(document.rows, 1)]
    _unique_accounts(document, rows)
    return tuple(rows)


def _unique_accounts(document: CsvDocument, rows: list) -> None:
    seen: set[str] = set()
    for row, balance in enumerate(rows, 1):
        if balance.account in seen:
            raise InputError(document.path, f"row {row}: account '{balance.account}' appears twice")
        seen.add(balance.account)


def read_accounts(path: Path) -> tuple[Account, ...]:
    document = open_csv(path).require_columns("account", "name", "type")
    accounts = []
    for row, cells in enumerate(document.rows, 1):
        kind = cells["type"].strip().lower()
        if kind not in ACCOUNT_TYPES:
            raise InputError(path, f"row {row}, column 'type': '{cells['type']}' is not one of {', '.join(ACCOUNT_TYPES)}")
        cash = cells.get("cash", "").strip().lower() in ("true", "yes", "1", "y")
        accounts.append(Account(cells["account"].strip(), cells["name"].strip(), kind, cash))
    return tuple(accounts)
