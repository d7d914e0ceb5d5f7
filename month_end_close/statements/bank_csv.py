"""A bank statement exported as CSV (`bank*.csv`).

Headers `id, date, description, amount`, optionally `balance` (the running balance) and
`reference`; or `debit` and `credit` instead of `amount`, read from the account holder's
side: a credit is money in. `columns` maps the pack's names onto a client's headers
(`{"amount": "Value"}`), and citations keep the client's header so they verify.

A statement can only be proved with an opening and a closing balance: given (from
`close.toml`'s `[bank]`), or read from the balance column. A file exported newest first
is turned round, so the running balances follow the lines.

A close has a hundred thousand lines: each column is converted in one pass, and the
citations are built without validation (every field comes from the document just read).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


def read_bank_csv(
    path: Path, columns: Mapping[str, str] = {}, opening: Decimal | None = None, closing: Decimal | None = None
) -> Statement:
    document = open_csv(path)
    name = partial(header_for, dict(columns))
    document.require_columns(name("id"), name("date"), name("description"))
    ids = _ids(document, name("id"))
    lines = _lines(document, name, ids, _citer(document))
    if len(lines) > 1 and lines[0].date > lines[-1].date:
        lines.reverse()
    return Statement(
        path=str(path), sha256=document.sha256, format="csv", lines=tuple(lines),
        opening=_opening(lines, opening), closing=_closing(lines, closing),
    )


def _lines(document: CsvDocument, name: Callable[[str], str], ids: list[str], cite: _Cite) -> list[BankLine]:
    amounts = _amounts(document, name, cite)
    dates = [date_cell(document, row, name("date")) for row in range(1, len(ids) + 1)]
    descriptions = [" ".join(cells[name("description")].split()) for cells in document.rows]
    balances = _balances(document, name("balance"), cite)
    references = _optional_texts(document, name("reference"))
    return [
        BankLine(ids[i], dates[i], descriptions[i], amount, citation, balances[i], references[i])
        for i, (amount, citation) in enumerate(amounts)
    ]


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


def _amounts(document: CsvDocument, name: Callable[[str], str], cite: _Cite) -> list[tuple[Decimal, CsvCitation]]:
    """Each row's signed amount (money in positive) and the citation of the cell it came from."""
    if name("amount") in document.header:
        column = name("amount")
        return [(amount_cell(document, row, column), cite(row, column))
                for row in range(1, len(document.rows) + 1)]
    debit, credit = name("debit"), name("credit")
    missing = [column for column in (debit, credit) if column not in document.header]
    if missing:
        # With neither of the pair, the column the user most likely misnamed is `amount`.
        raise MissingColumns(document.path, missing if len(missing) == 1 else [name("amount")], document.header)
    return [_debit_or_credit(document, row, debit, credit, cite) for row in range(1, len(document.rows) + 1)]


def _debit_or_credit(
    document: CsvDocument, row: int, debit: str, credit: str, cite: _Cite
) -> tuple[Decimal, CsvCitation]:
    """Exports print a debit as "25.00" or "-25.00": either way it is money out."""
    cells = document.rows[row - 1]
    filled = [column for column in (debit, credit) if cells[column].strip()]
    if len(filled) != 1:
        problem = "both have an amount" if filled else "neither has an amount"
        raise InputError(document.path, f"row {row}, columns '{debit}' and '{credit}': {problem}")
    column = filled[0]
    magnitude = abs(amount_cell(document, row, column))
    return (-magnitude if column == debit else magnitude), cite(row, column)


def _balances(document: CsvDocument, column: str, cite: _Cite) -> list[CitedAmount | None]:
    if column not in document.header:
        return [None] * len(document.rows)
    return [CitedAmount(amount_cell(document, row, column), cite(row, column))
            if cells[column].strip() else None for row, cells in enumerate(document.rows, 1)]


def _optional_texts(document: CsvDocument, column: str) -> list[str | None]:
    if column not in document.header:
        return [None] * len(document.rows)
    return [cells[column].strip() or None for cells in document.rows]


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
    rows, sha256, path, fields_set = document.rows, document.sha256, str(document.path), template.__pydantic_fields_set__
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
