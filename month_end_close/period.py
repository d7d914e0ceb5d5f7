"""The close period against the documents: a statement that does not touch the month, or
books with no line in it, are not this close's (an error finding); ledger lines dated
outside the month are a warning, with how many and the first of them. A statement that
straddles two months (9 Dec to 8 Jan) is how banks issue them: nothing to say."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from month_end_close.records import LedgerLine, Statement
from shared.findings import Finding, finding

FIRST_SHOWN = 5  # the out-of-period lines a warning names


def month(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a `YYYY-MM` period."""
    year, number = (int(part) for part in period.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def period_findings(period: str | None, statements: Sequence[Statement], ledger: Sequence[LedgerLine],
                    ledger_name: str = "ledger.csv") -> list[Finding]:
    if not period:
        return []
    start, end = month(period)
    findings = [f for s in statements if (f := _statement_outside(s, period, start, end))]
    return findings + _ledger_findings(ledger, period, start, end, ledger_name)


def _span(statement: Statement) -> tuple[dt.date, dt.date] | None:
    dates = [line.date for line in statement.lines]
    first = statement.period_start or (min(dates) if dates else None)
    last = statement.period_end or (max(dates) if dates else None)
    return (first, last) if first and last else None


def _statement_outside(statement: Statement, period: str, start: dt.date, end: dt.date) -> Finding | None:
    span = _span(statement)
    if span is None or (span[0] <= end and span[1] >= start):
        return None
    name = Path(statement.path).name
    return finding("statement_outside_period", name, f"{name} runs from {span[0]:%d %b %Y} to {span[1]:%d %b %Y}, "
                   f"which does not overlap the close period {period} ({start:%d %b %Y} to {end:%d %b %Y}): it is "
                   "not this month's statement", "error")


def _ledger_findings(ledger: Sequence[LedgerLine], period: str, start: dt.date, end: dt.date,
                     name: str) -> list[Finding]:
    outside = [line for line in ledger if not start <= line.date <= end]
    if not ledger:
        return [finding("ledger_outside_period", name, f"{name} has no lines: nothing of the close period {period}",
                        "error")]
    if len(outside) == len(ledger):
        first, last = min(l.date for l in ledger), max(l.date for l in ledger)
        return [finding("ledger_outside_period", name, f"{name} has no line dated in the close period {period}: its "
                        f"{len(ledger)} lines run from {first:%d %b %Y} to {last:%d %b %Y}", "error",
                        [l.citation for l in outside[:FIRST_SHOWN]])]
    if not outside:
        return []
    shown = ", ".join(f"{l.id} ({l.date:%d %b %Y})" for l in outside[:FIRST_SHOWN])
    more = f" and {len(outside) - FIRST_SHOWN} more" if len(outside) > FIRST_SHOWN else ""
    return [finding("ledger_lines_outside_period", name, f"{len(outside)} of the {len(ledger)} lines of {name} are "
                    f"dated outside the close period {period} ({start:%d %b %Y} to {end:%d %b %Y}): {shown}{more}",
                    "warning", [l.citation for l in outside[:FIRST_SHOWN]])]
