"""A bank statement exported as CSV (`bank*.csv`).

Headers `id, date, description, amount`, optionally `balance` (the running balance) and
`reference`; or `debit` and `credit` instead of `amount`, read from the account holder's
side: a credit is money in. `columns` maps the pack's names onto a client's headers
(`{"amount": "Value"}`), and citations keep the client's header so they verify.

A statement can only be proved with an opening and a closing balance: given (from
`close.toml`'s `[bank]`), or read from the balance column. A file exported newest first
is turned round, so the running balances follow the lines.

A close has a hundred thousand lines: the rows are read in one pass, and the citations
are built without validation (every field comes from the document just read).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from pathlib import Path

from month_end_close.cells import amount_cell, citer, date_cell, date_formats, header_for, unique_ids
from month_end_close.records import BankLine, CitedAmount, Statement
from shared.bulk import collection_paused
from shared.documents.errors import MissingColumns
from shared.documents.tabular import CsvDocument, open_csv
from shared.errors import InputError

_Amount = Callable[[int, dict[str, str]], tuple[Decimal, str]]  # (row, cells) -> signed amount, its column


def read_bank_csv(
    path: Path, columns: Mapping[str, str] = {}, opening: Decimal | None = None, closing: Decimal | None = None
) -> Statement:
    document = open_csv(path)
    name = partial(header_for, dict(columns))
    document.require_columns(name("id"), name("date"), name("description"))
    amount_of = _amount_reader(document, name)
    ids = unique_ids(document, name("id"))
    with collection_paused():
        lines = _lines(document, name, ids, amount_of)
    if len(lines) > 1 and lines[0].date > lines[-1].date:
        lines.reverse()
    return Statement(
        path=str(path), sha256=document.sha256, format="csv", lines=tuple(lines),
        opening=_opening(lines, opening), closing=_closing(lines, closing),
    )


def _lines(document: CsvDocument, name: Callable[[str], str], ids: list[str], amount_of: _Amount) -> list[BankLine]:
    """The lines, in one pass over the rows."""
    cite = citer(document)
    date_column, text_column = name("date"), name("description")
    balance, reference = (c if c in document.header else None for c in (name("balance"), name("reference")))
    formats = date_formats(document, date_column)
    lines = []
    for row, cells in enumerate(document.rows, 1):
        amount, column = amount_of(row, cells)
        printed = CitedAmount(amount_cell(document, row, balance), cite(row, balance)) \
            if balance and cells[balance].strip() else None
        lines.append(BankLine(
            ids[row - 1], date_cell(document, row, date_column, formats), " ".join(cells[text_column].split()), amount,
            cite(row, column), printed, (cells[reference].strip() or None) if reference else None))
    return lines


def _amount_reader(document: CsvDocument, name: Callable[[str], str]) -> _Amount:
    """Reads a row's signed amount (money in positive) and names the column it came from."""
    if name("amount") in document.header:
        column = name("amount")
        return lambda row, cells: (amount_cell(document, row, column), column)
    debit, credit = name("debit"), name("credit")
    missing = [column for column in (debit, credit) if column not in document.header]
    if missing:
        # With neither of the pair, the column the user most likely misnamed is `amount`.
        raise MissingColumns(document.path, missing if len(missing) == 1 else [name("amount")], document.header)
    return partial(_debit_or_credit, document, debit, credit)


def _debit_or_credit(
    document: CsvDocument, debit: str, credit: str, row: int, cells: dict[str, str]
) -> tuple[Decimal, str]:
    """Exports print a debit as "25.00" or "-25.00": either way it is money out."""
    filled = [column for column in (debit, credit) if cells[column].strip()]
    if len(filled) != 1:
        problem = "both have an amount" if filled else "neither has an amount"
        raise InputError(document.path, f"row {row}, columns '{debit}' and '{credit}': {problem}")
    magnitude = abs(amount_cell(document, row, filled[0]))
    return (-magnitude if filled[0] == debit else magnitude), filled[0]


def _opening(lines: list[BankLine], given: Decimal | None) -> CitedAmount | None:
    """The given opening, else the balance before the first line (its printed balance less
    its amount); that figure is worked out, not printed, so it has no citation."""
    if given is not None:
        return CitedAmount(given)
    first = lines[0] if lines else None
    if first is None or first.balance is None:
        return None
    return CitedAmount(first.balance.value - first.amount)


def _closing(lines: list[BankLine], given: Decimal | None) -> CitedAmount | None:
    if given is not None:
        return CitedAmount(given)
    return lines[-1].balance if lines else None
