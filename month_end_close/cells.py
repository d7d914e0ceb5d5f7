"""CSV cells of a close folder as amounts and dates, or one clear line naming the file,
the row and the column when a cell is neither."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from shared.documents.citation import CsvCitation
from shared.documents.tabular import CsvDocument
from shared.errors import InputError
from shared.money import AmountError, to_decimal

# Most exports write plain figures; those skip the full notation parser (a close has a
# hundred thousand of them), everything else goes through it.
_PLAIN = re.compile(r"-?\d+(\.\d+)?")
# Formats whose day and month cannot be confused: ISO, day-first with a month name, and
# the UK's day/month/year (the pack's default; a US export is mapped in `[columns]`).
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%Y/%m/%d")


def amount_cell(document: CsvDocument, row: int, column: str) -> Decimal:
    text = document.rows[row - 1][column].strip()
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    try:
        return to_decimal(text)
    except AmountError:
        raise InputError(document.path, f"row {row}, column '{column}': '{text}' is not an amount") from None


def date_cell(document: CsvDocument, row: int, column: str, formats: tuple[str, ...] = _DATE_FORMATS) -> date:
    text = document.rows[row - 1][column].strip()
    found = _parse_date(text, formats)
    if found is None:
        shown = ", ".join(f.replace("%", "") for f in formats)
        raise InputError(document.path, f"row {row}, column '{column}': '{text}' is not a date in a known format "
                                        f"({shown})")
    return found


@lru_cache(maxsize=4096)
def _parse_date(text: str, formats: tuple[str, ...]) -> date | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def header_for(columns: dict[str, str], name: str) -> str:
    """The export's header for one of the pack's column names (`[columns]` maps pack
    name = export header); citations keep the export's header so they verify."""
    return columns.get(name, name)


def unique_ids(document: CsvDocument, column: str) -> list[str]:
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


def citer(document: CsvDocument) -> Callable[[int, str], CsvCitation]:
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
