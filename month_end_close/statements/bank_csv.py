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

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from pathlib import Path

from month_end_close.cells import amount_cell, date_cell, header_for
from month_end_close.records import BankLine, CitedAmount, Statement
from shared.documents.citation import CsvCitation
from shared.documents.errors import MissingColumns
from shared.documents.tabular import CsvDocument, open_csv
from shared.errors import InputError

_Cite = Callable[[int, str], CsvCitation]  # (row, column) -> the cell's citation
_Amount = Callable[[int, dict[str, str]], tuple[Decimal, str]]  # (row, cells) -> signed amount, its column


def read_bank_csv(
    path: Path, columns: Mapping[str, str] = {}, opening: Decimal | None = None, closing: Decimal | None = None
) -> Statement:
    document = open_csv(path)
    name = partial(header_for, dict(columns))
    document.require_columns(name("id"), name("date"), name("description"))
    amount_of = _amount_reader(document, name)
    ids = _ids(document, name("id"))
    with _collection_paused():
        lines = _lines(document, name, ids, amount_of)
    if len(lines) > 1 and lines[0].date > lines[-1].date:
        lines.reverse()
    return Statement(
        path=str(path), sha256=document.sha256, format="csv", lines=tuple(lines),
        opening=_opening(lines, opening), closing=_closing(lines, closing),
    )


def _lines(document: CsvDocument, name: Callable[[str], str], ids: list[str], amount_of: _Amount) -> list[BankLine]:
    """The lines, in one pass over the rows."""
    cite = _citer(document)
    date_column, text_column = name("date"), name("description")
    balance, reference = (c if c in document.header else None for c in (name("balance"), name("reference")))
    lines = []
    for row, cells in enumerate(document.rows, 1):
        amount, column = amount_of(row, cells)
        printed = CitedAmount(amount_cell(document, row, balance), cite(row, balance)) \
            if balance and cells[balance].strip() else None
        lines.append(BankLine(
            ids[row - 1], date_cell(document, row, date_column), " ".join(cells[text_column].split()), amount,
            cite(row, column), printed, (cells[reference].strip() or None) if reference else None))
    return lines


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Building a hundred thousand small records sets off the garbage collector's full
    passes again and again, each walking every cell of the file; none of these records
    forms a cycle, so collection waits until they are built (a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _ids(document: CsvDocument, column: str) -> list[str]:
    """The lines' ids: none empty, none used twice (the reconciliation keys on them)."""
    ids = [cells[column].strip() for cells in document.rows]
    if all(ids) and len(set(ids)) == len(ids):
        return ids
    first_row: dict[str, int] = {}
    for row, line_id in enumerate(ids, 1):
        if not line_id:
            raise InputError(document.path, f"row {row}, column '{column}': the id is empty")
        if line_id in first_row:
            raise InputError(document.path, f"row {row}, column '{column}': id '{line_id}' is used again "
                                            f"(first at row {first_row[line_id]})")
        first_row[line_id] = row
    return ids


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


def _citer(document: CsvDocument) -> _Cite:
    """Citations of this document's cells, built without validation (every field comes
    from the document just read).

    Even `model_construct` costs several microseconds a call, which a hundred thousand
    lines with balances turn into seconds. So each citation is made as pydantic's own
    `__copy__` makes one: a bare instance given its field dict and the three attributes
    pydantic keeps beside it, taken from one citation built by `model_construct`.
    """
    template = CsvCitation.model_construct(kind="csv", doc_sha256=document.sha256, path=str(document.path),
                                           text="", row=1, column="")
    rows, sha256, path = document.rows, document.sha256, str(document.path)
    fields_set = template.__pydantic_fields_set__
    new, put = object.__new__, object.__setattr__

    def cite(row: int, column: str) -> CsvCitation:
        citation = new(CsvCitation)
        put(citation, "__dict__", {"kind": "csv", "doc_sha256": sha256, "path": path,
                                   "text": rows[row - 1][column].strip(), "row": row, "column": column})
        put(citation, "__pydantic_fields_set__", fields_set)
        put(citation, "__pydantic_extra__", None)
        put(citation, "__pydantic_private__", None)
        return citation

    return cite


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
