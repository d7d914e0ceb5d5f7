"""CSV cells of a close folder as amounts and dates, or one clear line naming the file,
the row and the column when a cell is neither."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

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
