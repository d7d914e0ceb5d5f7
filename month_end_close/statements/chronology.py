"""Which number of "03/04" is the day, and which year a "03/04" is in.

The proof cannot tell day-first from month-first: both readings have the same amounts.
So the document decides, in this order: a number over 12 in either place (the period's
dates count too); else the order the lines are printed in (a statement lists its lines
by date, one way or the other, within each table) and the statement period (every line
falls within it); else nothing settles it, and the reading says so as a finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from month_end_close.statements.assemble import Draft
from month_end_close.statements.dates import DateParts, YearRule, needs_order, order_evidence, resolve


@dataclass(frozen=True)
class Chronology:
    """How a statement's printed dates become dates."""

    day_first: bool
    years: YearRule
    period: tuple[date, date] | None
    doubt: str | None = None  # why the order is a guess, when it is


def chronology(drafts: Sequence[Draft], period: tuple[DateParts, DateParts] | None,
               anchor: DateParts | None, month_first_country: bool) -> Chronology | None:
    """The order and years for these lines; None when no year is printed anywhere."""
    parts = [d.date for d in drafts if d.date is not None] + list(period or ()) + ([anchor] if anchor else [])
    evidence = order_evidence(parts) if needs_order(parts) else True
    if evidence is not None:
        return _made(evidence, period, anchor)
    fitting = [order for order in (True, False) if _fits(drafts, _made(order, period, anchor))]
    if len(fitting) == 1:
        return _made(fitting[0], period, anchor)
    made = _made(not month_first_country, period, anchor)
    return made and Chronology(made.day_first, made.years, made.period, _doubt(made.day_first, parts))


def _made(day_first: bool, period: tuple[DateParts, DateParts] | None, anchor: DateParts | None) -> Chronology | None:
    if period is not None:
        end = resolve(period[1], day_first, YearRule(None, None))
        start = resolve(period[0], day_first, YearRule(None, end)) if end else None
        if start is not None and end is not None and start <= end:
            return Chronology(day_first, YearRule(start, end), (start, end))
    if anchor is None or anchor.year is None:
        return None
    anchored = resolve(anchor, day_first, YearRule(None, None))
    return Chronology(day_first, YearRule(None, anchored), None) if anchored else None


def _fits(drafts: Sequence[Draft], made: Chronology | None) -> bool:
    """Whether every line's date is a date, each table's dates run one way, and all fall
    within the period."""
    if made is None:
        return False
    tables: dict[int, list[date]] = {}
    for draft in drafts:
        day = resolve(draft.date, made.day_first, made.years) if draft.date else None
        if draft.date is not None and day is None:
            return False
        tables.setdefault(draft.table, []).extend([day] if day else [])
    slack = timedelta(days=7)  # a card line may be dated a few days before its period
    in_period = made.period is None or all(made.period[0] - slack <= d <= made.period[1] + slack
                                           for days in tables.values() for d in days)
    return in_period and all(_one_way(days) for days in tables.values())


def _one_way(days: Sequence[date]) -> bool:
    steps = [b >= a for a, b in pairwise(days)]
    return all(steps) or all(b <= a for a, b in pairwise(days))


def _doubt(day_first: bool, parts: Sequence[DateParts]) -> str:
    sample = next((p for p in parts if p.kind == "numeric"), None)
    shown = f"{sample.a:02d}/{sample.b:02d}" if sample else "the dates"
    way = "day first" if day_first else "month first"
    return (f"its dates (such as {shown}) were read {way}: no day over 12, the order of the lines and the statement "
            "period do not settle whether the day or the month comes first")
