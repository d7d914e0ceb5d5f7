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
# Formats whose day and month cannot be confused (ISO, a month name), and numeric
# day/month/year, whose order each column settles from its own dates (`date_formats`).
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%Y/%m/%d")
_MONTH_FIRST = tuple("%m/%d/%Y" if f == "%d/%m/%Y" else f for f in _DATE_FORMATS)
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/\d{4}")


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


def date_formats(document: CsvDocument, column: str) -> tuple[str, ...]:
    """How `column` writes its numeric dates: day first unless a date shows otherwise.
    A date with a day over 12 settles the order for the column (a US export's 03/15/2024,
    a UK one's 15/03/2024); a column showing both orders, or holding a date such as
    02/03/2024 that nothing settles, cannot be read without guessing, so it is refused
    naming the row (never read as the pack's default order)."""
    day_first, month_first, unsettled = _orders(document, column)
    if day_first and month_first:
        raise InputError(document.path, f"column '{column}' writes dates both day first (row {day_first}) and "
                                        f"month first (row {month_first})")
    if unsettled and not (day_first or month_first):
        text = document.rows[unsettled - 1][column].strip()
        raise InputError(document.path, f"row {unsettled}, column '{column}': '{text}' could be day first or month "
                                        "first, and no date in the column settles which (none has a day over 12): "
                                        "write dates as YYYY-MM-DD")
    return _MONTH_FIRST if month_first else _DATE_FORMATS


def _orders(document: CsvDocument, column: str) -> tuple[int, int, int]:
    """The first row showing day-first, month-first and an unsettled numeric date (0: none)."""
    seen = {"day": 0, "month": 0, "unsettled": 0}
    for row, cells in enumerate(document.rows, 1):
        found = _NUMERIC.fullmatch(cells[column].strip())
        if found is None:
            continue
        first, second = int(found[1]), int(found[2])
        kind = "day" if first > 12 >= second else "month" if second > 12 >= first else \
            "unsettled" if first != second and first <= 12 and second <= 12 else None
        if kind and not seen[kind]:
            seen[kind] = row
    return seen["day"], seen["month"], seen["unsettled"]


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
