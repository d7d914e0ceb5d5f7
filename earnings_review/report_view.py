"""A statement as printed, for the memo and the report: its lines in the order of the
page, each figure in the column it was printed in, and the lines the label table does
not know among them (marked unmapped), so that the rows add up as they do on the page.

Where a figure stands. A fact's column is its period, except that a balance printed in a
period's column (the cash at the end of the period, on the cash flow statement) is a
fact at an instant: it goes to the column it was printed in, known from the statement's
own line (the reader keeps such a line as an unmapped line too), else to the period
column ending (or starting) that day. A printed line that is partly facts and partly
not shows both in one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from earnings_review.extract import UnmappedRow
from earnings_review.facts import DAYS_SLACK, Fact, Period, period_end, prior_end
from shared.documents.citation import Bbox, HtmlCitation, PdfCitation

Spot = tuple[int, Bbox]  # a printed figure's page and box
RowKey = tuple[str, str | int]  # (label, concept) for a fact's row, ("line", n) for an unmapped line's


def _spot(citation: PdfCitation | HtmlCitation) -> Spot | None:
    return (citation.page, citation.bbox) if isinstance(citation, PdfCitation) else None


def _column_order(period: Period) -> tuple[int, int]:
    return (period.months or 0, -period_end(period).toordinal())


def placeable(line: UnmappedRow) -> bool:
    """A line can stand in its statement when each printed figure's column is known."""
    return bool(line.citations) and len(line.periods) == len(line.citations) and all(line.periods)


def _balance_column(day: date, durations: Sequence[Period]) -> Period | None:
    """The period column a balance at `day` is printed in: the one ending then, else the
    one starting the day after (an opening balance)."""
    ending = [d for d in durations if abs((period_end(d) - day).days) <= DAYS_SLACK]
    starting = [d for d in durations if abs((prior_end(d) - day).days) <= DAYS_SLACK]
    return next(iter(sorted(ending or starting, key=_column_order)), None)


def _column(fact: Fact, printed_in: dict[Spot, Period], durations: Sequence[Period]) -> Period:
    spot = _spot(fact.citation)
    if spot is not None and spot in printed_in:
        return printed_in[spot]
    if fact.period.instant is not None and durations:
        return _balance_column(fact.period.instant, durations) or fact.period
    return fact.period


def _position(citations: Sequence[PdfCitation | HtmlCitation], order: int) -> tuple[float, ...]:
    """Where a row is printed: page, then height on the page; rows without a page (an
    iXBRL filing's) keep the order they were read in."""
    placed = [(c.page, c.bbox[1]) for c in citations if isinstance(c, PdfCitation)]
    return (*min(placed), order) if placed else (0, 0, order)


def _printed_in(lines: Sequence[UnmappedRow]) -> dict[Spot, Period]:
    """The column each figure of the unmapped lines is printed in, by where it is printed."""
    return {spot: p for line in lines for p, c in zip(line.periods, line.citations)
            if p is not None and (spot := _spot(c)) is not None}


def statement_rows(facts: Sequence[Fact],
                   lines: Sequence[UnmappedRow]) -> tuple[list[Period], list[dict[str, Any]]]:
    """The columns (periods, in the report's order) and rows of one statement, from its
    facts and its placeable unmapped lines."""
    printed_in = _printed_in(lines)
    durations = sorted({p.key: p for p in [f.period for f in facts] + list(printed_in.values())
                        if p.end is not None}.values(), key=_column_order)
    placed = {f.id: _column(f, printed_in, durations) for f in facts}
    rows: dict[tuple[str, str], dict[tuple, Fact]] = {}
    for fact in facts:
        cells = rows.setdefault((fact.label, fact.concept), {})
        if placed[fact.id].key in cells:  # its printed column is taken in its row: its own period's
            placed[fact.id] = fact.period
        cells[placed[fact.id].key] = fact
    columns = sorted({p.key: p for p in [*placed.values(), *printed_in.values()]}.values(), key=_column_order)
    return columns, _rows(rows, lines, columns)


def _rows(fact_rows: dict[tuple[str, str], dict[tuple, Fact]], lines: Sequence[UnmappedRow],
          columns: Sequence[Period]) -> list[dict[str, Any]]:
    facts_at = {_spot(f.citation): (label, concept) for (label, concept), cells in fact_rows.items()
                for f in cells.values()}
    built: dict[RowKey, dict[str, Any]] = {key: _fact_row(*key, cells, columns) for key, cells in fact_rows.items()}
    positions: dict[RowKey, tuple[float, ...]] = {
        key: _position([f.citation for f in cells.values()], n) for n, (key, cells) in enumerate(fact_rows.items())}
    for n, line in enumerate(lines):
        left = [(p, c) for p, c in zip(line.periods, line.citations) if p is not None and _spot(c) not in facts_at]
        shared = next((facts_at[_spot(c)] for c in line.citations if _spot(c) in facts_at), None)
        if shared is not None:
            _fill(built[shared], left, columns)  # a line partly mapped: one row
        elif left:
            built[("line", n)] = _fill(_line_row(line, columns), left, columns)
            positions[("line", n)] = _position(line.citations, 10_000 + n)
    return [built[key] for key in sorted(built, key=lambda k: positions[k])]


def _fact_row(label: str, concept: str, cells: dict[tuple, Fact], columns: Sequence[Period]) -> dict[str, Any]:
    found = [cells.get(p.key) for p in columns]
    return {"label": label, "concept": concept, "unmapped": False, "section": "",
            "cells": [f.citation.text if f else "" for f in found], "facts": [f.id if f else None for f in found],
            "citations": [None for _ in columns]}


def _line_row(line: UnmappedRow, columns: Sequence[Period]) -> dict[str, Any]:
    return {"label": line.label, "concept": None, "unmapped": True, "section": line.section.rstrip(": "),
            "cells": ["" for _ in columns], "facts": [None for _ in columns], "citations": [None for _ in columns]}


def _fill(row: dict[str, Any], cells: Sequence[tuple[Period, PdfCitation]],
          columns: Sequence[Period]) -> dict[str, Any]:
    """Put an unmapped line's figures in their columns of `row`, where free."""
    index = {p.key: i for i, p in enumerate(columns)}
    for period, citation in cells:
        i = index[period.key]
        if not row["cells"][i]:
            row["cells"][i], row["citations"][i] = citation.text, citation.model_dump(mode="json")
    return row
