"""Which printed figures are deductions: the income statement's own arithmetic decides.

Statements print an expense either as a positive figure that the reader subtracts
("Cost of sales 60,000") or as a negative one that adds up ("Cost of products (57,394)").
us-gaap states expenses and tax expense as positive amounts either way (CONTRACT.md,
earnings facts), so the figure's sign must follow the presentation, which the statement
shows by its sums: between two results ("Total revenues" and "Loss from operations"), the
lines in between either add up to the second as printed, or they do not. When they do,
in every column that can be read, each deduction between them (a cost, an expense, the
income tax) was printed as a negative contribution, and its sign is turned. Lines a
"Total ..." line adds up are counted once, through their total; a line whose label
already says its sign is printed the other way round (`negate` in the label table) is
left to the label table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from earnings_review.concepts import Mapping, arithmetic
from earnings_review.tables import Row
from shared.money import tolerance

Amount = Callable[[str], Decimal | None]


def printed_as_deductions(rows: Sequence[Row], mappings: Sequence[Mapping | None], amount: Amount) -> set[int]:
    """Indices of the rows whose figures are deductions printed as negative numbers."""
    results, deductions = arithmetic()
    anchors = [i for i, m in enumerate(mappings) if m is not None and m.concept in results]
    flips: set[int] = set()
    for first, last in zip(anchors, anchors[1:]):
        between = _counted(rows, range(first + 1, last), amount)
        turned = [i for i in between if (m := mappings[i]) is not None and m.concept in deductions and not m.negate]
        if turned and _adds_up(rows[first], [rows[i] for i in between], rows[last], amount):
            flips.update(turned)
    return flips


def _counted(rows: Sequence[Row], span: range, amount: Amount) -> list[int]:
    """The lines of a span that count toward the next result: a "Total ..." line that
    adds up the lines before it (since the span's start or the last total) stands for them."""
    kept: list[int] = []
    since = 0  # where the lines the next total may add up start, in `kept`
    for index in span:
        row = rows[index]
        parts = kept[since:]
        if row.label.lower().startswith("total") and parts and _adds_up(None, [rows[i] for i in parts], row, amount):
            kept = kept[:since]
        kept.append(index)
        if row.label.lower().startswith("total"):
            since = len(kept)
    return kept


def _adds_up(base: Row | None, parts: Sequence[Row], result: Row, amount: Amount) -> bool:
    """base + parts = result as printed, within rounding, in every column all of them
    print readably (a dash is zero); False when no column can be checked."""
    checked = 0
    for cell in result.cells:
        figures = [_figure(row, cell.column, amount) for row in ([base] if base else []) + list(parts)]
        total = _figure(result, cell.column, amount)
        if total is None or any(f is None for f in figures):
            continue
        known = [f for f in figures if f is not None]
        if abs(sum(known, Decimal(0)) - total) > tolerance(total, *known):
            return False
        checked += 1
    return checked > 0


def differs_by(base: Row, part: Row, result: Row, amount: Amount) -> bool:
    """result = base + part as printed (a deduction printed negative) or base - part (printed
    positive), the same way in every column that can be read."""
    negated = Row(part.label, part.section, part.indent, tuple(
        replace(c, text=str(-value)) if (value := amount(c.text)) is not None else c for c in part.cells))
    return _adds_up(base, [part], result, amount) or _adds_up(base, [negated], result, amount)


def _figure(row: Row, column: int, amount: Amount) -> Decimal | None:
    cell = next((c for c in row.cells if c.column == column), None)
    if cell is None:
        return None
    value = amount(cell.text)
    return Decimal(0) if value is None and cell.text.strip("$ ()") in ("—", "–", "-", "−") else value
