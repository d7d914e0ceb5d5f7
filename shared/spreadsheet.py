"""Text bound for a spreadsheet, written so that no spreadsheet runs it.

A CSV the pack writes (`finagents statement --csv`, a batch summary) is opened in Excel or
LibreOffice, which treat a cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula: a payee written `=HYPERLINK(...)` or `=1+cmd|...` by
whoever made the client's statement would run on the reviewer's machine. OWASP's rule:
such a cell is prefixed with a single quote, which spreadsheets show as text. Only text
is touched; numbers are written as numbers, so a negative amount stays a number.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """`value` as a CSV cell that a spreadsheet shows and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
