"""Subtotals foot: a "Total ..." line equals the sum of the lines above it in its section.

Run on the parsed tables (facts alone have lost the order of the lines), for every
column. Only sections whose lines can all be read take part: one unreadable figure and
the section is not footed, rather than reported wrongly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from earnings_review.tables import Row, Table


@dataclass(frozen=True)
class Footing:
    """A total and the lines it should be the sum of, for one column."""

    page: int
    column: int
    total: Row
    parts: tuple[Row, ...]


def footings(table: Table) -> list[Footing]:
    found = []
    for index, row in enumerate(table.rows):
        if row.label.lower().startswith("total") and row.section:
            parts = _parts(table.rows[:index], row.section)
            if len(parts) >= 2:
                found += [Footing(table.page, cell.column, row, parts) for cell in row.cells]
    return found


def _parts(above: Sequence[Row], section: str) -> tuple[Row, ...]:
    parts: list[Row] = []
    for row in reversed(above):
        if row.section != section or row.label.lower().startswith("total"):
            break
        parts.append(row)
    return tuple(reversed(parts))


def cell_text(row: Row, column: int) -> str | None:
    return next((c.text for c in row.cells if c.column == column), None)


def sums(footing: Footing, amount: Callable[[str], Decimal | None]) -> tuple[Decimal, Decimal] | None:
    """(sum of the parts, the total) as printed, or None when a figure is unreadable."""
    total_text = cell_text(footing.total, footing.column)
    texts = [cell_text(part, footing.column) for part in footing.parts]
    values = [amount(t) if t is not None else None for t in [total_text, *texts]]
    if total_text is None or any(t is None for t in texts):
        return None
    figures = [v if v is not None else Decimal(0) for v in values]  # a dash is zero
    return sum(figures[1:], Decimal(0)), figures[0]
