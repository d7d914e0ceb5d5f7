"""Readings of one statement, and the proof as the judge between them.

What the page cannot say for certain is tried both ways and the proof decides:
- whether the balance is the holder's money or an amount owed (a card): with paid-out and
  paid-in columns only one of the two proves; with one signed column both do, and the
  statement's own words ("credit limit", "minimum payment") decide;
- which tables are the statement's: a table that repeats lines already read, or lists
  pending items, makes the balances fail; a reading without it may prove;
- which way the running balances run, when the lines are printed latest first.

Signs are `signs`' business: a mark printed, the column, the section, the table's habit.

The reading taken is the first that proves, in the order of the evidence (the words'
choice first, every table first). When none proves, the first is presented with a
`statement_unproved` finding naming where it breaks: never as proven.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from month_end_close.proof import describe, first_break, money, statement_findings
from month_end_close.records import BankLine, CitedAmount, Statement
from month_end_close.statements.assemble import Draft
from month_end_close.statements.chronology import Chronology
from month_end_close.statements.dates import resolve
from month_end_close.statements.figures import Figure
from month_end_close.statements.signs import balance_value, line_amount, unmarked_convention
from month_end_close.statements.summary import Labelled
from shared.documents.citation import PdfCitation
from shared.findings import Finding, finding

Cite = Callable[[int, Figure], PdfCitation]
_MAX_DROPPED = 12  # tables beyond this many are not tried one by one
WAYS_FORWARD = ("read it with a model (--model MODEL_ID, with ANTHROPIC_API_KEY set), or ask the bank for an "
                "export of the account (CSV, OFX or MT940)")


@dataclass(frozen=True)
class Printed:
    """What the statement prints besides its lines."""

    opening: Labelled | None
    closing: Labelled | None
    total_in: Labelled | None
    total_out: Labelled | None
    account: str | None
    bank: str | None
    currency: str | None
    card: bool


@dataclass(frozen=True)
class Reading:
    owed: bool  # the balance is an amount owed (a card), not money held
    dropped: frozenset[int]  # tables left out
    newest_first: bool = False  # printed latest line first: the balances run from the bottom up


@dataclass(frozen=True)
class Source:
    """One statement as read from the page: everything every reading of it shares."""

    path: str
    sha256: str
    drafts: tuple[Draft, ...]
    ids: tuple[str, ...]
    printed: Printed
    chronology: Chronology
    cite: Cite


# -- one reading ----------------------------------------------------------------------


def build(source: Source, reading: Reading) -> Statement:
    conventions = {t: unmarked_convention(source.drafts, t) for t in {d.table for d in source.drafts}}
    lines = tuple(_line(source, draft, line_id, reading.owed, conventions[draft.table])
                  for draft, line_id in zip(source.drafts, source.ids) if draft.table not in reading.dropped)
    lines = lines[::-1] if reading.newest_first else lines
    printed, chronology = source.printed, source.chronology
    return Statement(
        path=source.path, sha256=source.sha256, format="pdf", lines=lines, account=printed.account,
        currency=printed.currency, period_start=chronology.period[0] if chronology.period else None,
        period_end=chronology.period[1] if chronology.period else chronology.years.end,
        opening=_balance(source, printed.opening, reading.owed),
        closing=_balance(source, printed.closing, reading.owed),
        total_in=_total(source, printed.total_in), total_out=_total(source, printed.total_out), bank=printed.bank,
    )


def _line(source: Source, draft: Draft, line_id: str, owed: bool, unmarked_out: bool | None) -> BankLine:
    chronology = source.chronology
    assert draft.date is not None  # drafts without a date are refused before any reading
    day = resolve(draft.date, chronology.day_first, chronology.years)
    assert day is not None  # so are dates that are no date
    balance = CitedAmount(balance_value(draft.balance, owed), source.cite(draft.page, draft.balance)) \
        if draft.balance else None
    return BankLine(id=line_id, date=day, description=draft.description,
                    amount=line_amount(draft, owed, unmarked_out), citation=source.cite(draft.page, draft.figure),
                    balance=balance)


def _balance(source: Source, label: Labelled | None, owed: bool) -> CitedAmount | None:
    if label is None:
        return None
    return CitedAmount(balance_value(label.figure, owed), source.cite(label.page, label.figure))


def _total(source: Source, label: Labelled | None) -> CitedAmount | None:
    return CitedAmount(label.figure.magnitude, source.cite(label.page, label.figure)) if label else None


def proves(statement: Statement) -> bool:
    if statement.opening is None or statement.closing is None:
        return False
    return not any(f.severity == "error" for f in statement_findings(statement))


# -- choosing -------------------------------------------------------------------------


def readings(source: Source) -> Iterator[Reading]:
    tables = sorted({d.table for d in source.drafts})
    for owed in (source.printed.card, not source.printed.card):
        yield Reading(owed, frozenset())
    if _newest_first(source):
        for owed in (source.printed.card, not source.printed.card):
            yield Reading(owed, frozenset(), newest_first=True)
    for owed in (source.printed.card, not source.printed.card):
        for cut in range(1, len(tables)):
            yield Reading(owed, frozenset(tables[-cut:]))
        for table in tables[:-1] if len(tables) <= _MAX_DROPPED else ():
            yield Reading(owed, frozenset({table}))


def _newest_first(source: Source) -> bool:
    """Whether the lines are printed latest first, with balances to follow up the page."""
    chronology = source.chronology
    days = [resolve(d.date, chronology.day_first, chronology.years) for d in source.drafts if d.date]
    return any(d.balance for d in source.drafts) and days[0] != days[-1] and all(
        a >= b for a, b in zip(days, days[1:]) if a and b)


def choose(source: Source) -> Statement:
    """The first reading that proves; else the first reading, with why it does not."""
    first = None
    for reading in readings(source):
        statement = build(source, reading)
        if statement.lines and proves(statement):
            return _with_doubt(statement, source)
        first = first or statement
    assert first is not None  # the first reading is always tried
    return _with_doubt(_unproved(first), source)


def _with_doubt(statement: Statement, source: Source) -> Statement:
    doubt = source.chronology.doubt
    if doubt is None:
        return statement
    label = describe(statement)
    found = finding("statement_dates_ambiguous", label, f"{label}: {doubt}. Check a few lines against the bank's "
                    "records, or give the close a statement that prints the year and month in words", "error")
    return replace(statement, findings=(*statement.findings, found))


def _unproved(statement: Statement) -> Statement:
    if statement.opening is None or statement.closing is None:
        return statement  # the proof says what is missing
    return replace(statement, findings=(*statement.findings, unproved_finding(statement)))


def unproved_finding(statement: Statement) -> Finding:
    label, line = describe(statement), _first_broken(statement)
    message = (f"{label} could not be read so that it proves: {where_unproved(statement)}. Its lines are shown as "
               f"read and are not proven; {WAYS_FORWARD}")
    return finding("statement_unproved", label, message, "error", [line.citation] if line else [])


def where_unproved(statement: Statement) -> str:
    """Where a statement with an opening and a closing fails its proof."""
    line = _first_broken(statement)
    if line is not None:
        return f"the running balance first breaks at {line.id} ({line.date:%d %b %Y}, '{line.description}')"
    return _closing_gap(statement)


def _first_broken(statement: Statement) -> BankLine | None:
    broken = first_break(statement)
    return next((line for line in statement.lines if line.id == broken), None)


def _closing_gap(statement: Statement) -> str:
    assert statement.opening is not None and statement.closing is not None
    computed = statement.opening.value + sum((l.amount for l in statement.lines), Decimal(0))
    if computed == statement.closing.value:
        return "the lines' money in or money out differs from the total the statement prints"
    return (f"opening {money(statement.opening.value)} and the {len(statement.lines)} lines give "
            f"{money(computed)}, but the closing balance printed is {money(statement.closing.value)}")
