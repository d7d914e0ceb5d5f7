"""The books: `ledger.csv` (the period's general-ledger detail), trial balances and a
budget (`account, name, balance`, debits positive) and the chart (`accounts.csv`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from pathlib import Path

from month_end_close.cells import amount_cell, citer, date_cell, date_formats, header_for, unique_ids
from month_end_close.records import Account, AccountBalance, AccountType, LedgerLine
from shared.bulk import collection_paused
from shared.documents.errors import MissingColumns
from shared.documents.tabular import CsvDocument, open_csv
from shared.errors import InputError

ACCOUNT_TYPES: tuple[AccountType, ...] = ("asset", "liability", "equity", "revenue", "expense")


def read_ledger(path: Path, columns: Mapping[str, str] = {}) -> tuple[LedgerLine, ...]:
    """Every line, debit positive: an `amount` column, or `debit` and `credit`."""
    document = open_csv(path)
    name = partial(header_for, dict(columns))
    document.require_columns(*(name(c) for c in ("id", "date", "account", "description")))
    ids, signed, cite = unique_ids(document, name("id")), _amount_reader(document, name), citer(document)
    date_column, account, text = name("date"), name("account"), name("description")
    reference = name("reference") if name("reference") in document.header else None
    formats = date_formats(document, date_column)
    lines = []
    with collection_paused():
        for row, cells in enumerate(document.rows, 1):
            amount, column = signed(row)
            lines.append(LedgerLine(
                ids[row - 1], date_cell(document, row, date_column, formats), cells[account].strip(),
                cells[text].strip(), amount, cite(row, column),
                (cells[reference].strip() or None) if reference else None))
    return tuple(lines)


def _amount_reader(document: CsvDocument, name):
    """Reads a row's signed amount and names the column it came from."""
    if name("amount") in document.header:
        column = name("amount")
        return lambda row: (amount_cell(document, row, column), column)
    debit, credit = name("debit"), name("credit")
    missing = [column for column in (debit, credit) if column not in document.header]
    if missing:
        # With neither of the pair, the column the user most likely misnamed is `amount`.
        raise MissingColumns(document.path, missing if len(missing) == 1 else [name("amount")], document.header)

    def from_pair(row: int) -> tuple[Decimal, str]:
        cells = document.rows[row - 1]
        dr = amount_cell(document, row, debit) if cells[debit].strip() else Decimal("0")
        cr = amount_cell(document, row, credit) if cells[credit].strip() else Decimal("0")
        return dr - cr, debit if dr else credit
    return from_pair


def read_balances(path: Path) -> tuple[AccountBalance, ...]:
    """A trial balance or budget: one balance per account, debits positive."""
    document = open_csv(path).require_columns("account", "name", "balance")
    cite = citer(document)
    rows = [AccountBalance(cells["account"].strip(), cells["name"].strip(), amount_cell(document, row, "balance"),
                           cite(row, "balance")) for row, cells in enumerate(document.rows, 1)]
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
        kind = _account_type(path, row, cells["type"])
        cash = cells.get("cash", "").strip().lower() in ("true", "yes", "1", "y")
        accounts.append(Account(cells["account"].strip(), cells["name"].strip(), kind, cash))
    return tuple(accounts)


def _account_type(path: Path, row: int, cell: str) -> AccountType:
    kind = cell.strip().lower()
    for known in ACCOUNT_TYPES:
        if kind == known:
            return known
    raise InputError(path, f"row {row}, column 'type': '{cell}' is not one of {', '.join(ACCOUNT_TYPES)}")
