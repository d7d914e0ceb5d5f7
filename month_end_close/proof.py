"""Proving bank statements: do the lines read add up to the balances the bank printed?

Four checks, each a finding when it fails (the data is readable but wrong, so the run
goes on):

- the closing balance: opening + every line = closing, the difference to the cent;
- the summary box's totals, where printed: money in and money out of the lines;
- the running balances, where printed: each must equal the opening plus the lines so
  far. The first line where one breaks is named and cited; from there the check carries on
  from the printed figure, so one wrong line is reported once. When the summary's totals
  show which side is off by the same amount, the line on that side within the break is
  named as the likely one;
- continuity: one account's statements in date order, each opening on the previous one's
  closing. Balances that do not chain across a gap in the dates mean a statement is
  missing, a warning rather than an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from month_end_close.records import BankLine, CitedAmount, Statement
from shared.documents.citation import Citation, CsvCitation, Mt940Citation, OfxCitation, PdfCitation, TextCitation
from shared.findings import Finding, finding

_ZERO = Decimal("0")


def prove(statements: Sequence[Statement]) -> list[Finding]:
    findings = [f for statement in statements for f in (*statement.findings, *statement_findings(statement))]
    return findings + _continuity(statements)


def statement_findings(statement: Statement) -> list[Finding]:
    """Every check on one statement on its own (continuity needs its neighbours)."""
    return [*_closing_check(statement), *_totals_check(statement), *_running_check(statement)]


def proof_summary(statement: Statement) -> dict[str, object]:
    """The figures of the proof for a report: what the lines give beside what is printed."""
    money_in, money_out = _money_in(statement.lines), _money_out(statement.lines)
    opening = statement.opening.value if statement.opening else None
    computed = opening + money_in - money_out if opening is not None else None
    printed = statement.closing.value if statement.closing else None
    return {
        "opening": opening, "money_in": money_in, "money_out": money_out,
        "money_in_printed": statement.total_in.value if statement.total_in else None,
        "money_out_printed": statement.total_out.value if statement.total_out else None,
        "closing_computed": computed, "closing_printed": printed,
        "difference": printed - computed if printed is not None and computed is not None else None,
        "proves": computed is not None and printed is not None
        and not any(f.severity == "error" for f in statement_findings(statement)),
    }


# -- the closing balance --------------------------------------------------------------


def _closing_check(statement: Statement) -> list[Finding]:
    label, total = describe(statement), _total(statement.lines)
    if statement.opening is None or statement.closing is None:
        return [_unproved(statement, label, total)]
    computed = statement.opening.value + total
    difference = statement.closing.value - computed
    if difference == 0:
        return []
    message = (f"{label} does not prove: opening {money(statement.opening.value)} + {len(statement.lines)} lines "
               f"({signed(total)}) = {money(computed)}, but the closing balance printed"
               f"{where(statement.closing.citation)} is {money(statement.closing.value)}: "
               f"a difference of {money(abs(difference))}")
    return [finding("statement_does_not_prove", label, message, "error",
                    _citations(statement.opening, statement.closing))]


def _unproved(statement: Statement, label: str, total: Decimal) -> Finding:
    missing = " and ".join(name for name, figure in (("opening", statement.opening), ("closing", statement.closing))
                           if figure is None)
    message = f"{label} has no {missing} balance, so its lines cannot be proved against one"
    if statement.closing is not None and statement.opening is None:
        message += f"; they imply an opening balance of {money(statement.closing.value - total)}"
    return finding("statement_unproved", label, message, "warning",
                   _citations(statement.opening, statement.closing))


# -- the summary box's totals ---------------------------------------------------------


def _totals_check(statement: Statement) -> list[Finding]:
    findings = []
    for side, printed, computed in (("money in", statement.total_in, _money_in(statement.lines)),
                                    ("money out", statement.total_out, _money_out(statement.lines))):
        if printed is None or printed.value == computed:
            continue
        label = describe(statement)
        message = (f"{label}: the lines' {side} comes to {money(computed)}, but the summary prints "
                   f"{money(printed.value)}{where(printed.citation)}: a difference of "
                   f"{money(abs(printed.value - computed))}")
        findings.append(finding("statement_total_differs", f"{label} {side}", message, "error",
                                _citations(printed)))
    return findings


# -- running balances ---------------------------------------------------------------


def _running_check(statement: Statement) -> list[Finding]:
    return [_break(statement, group, agreed, running) if agreed else _misprint(statement, group[-1], running)
            for group, agreed, running in _disagreements(statement)]


def _disagreements(statement: Statement) -> Iterator[tuple[Sequence[BankLine], CitedAmount | None, Decimal]]:
    """Each printed running balance the lines do not reach, with the lines since the last
    one that agreed, that balance, and what the lines give; a misprint has no `agreed`."""
    if statement.opening is None:
        return
    running, since, agreed = statement.opening.value, 0, statement.opening
    for i, line in enumerate(statement.lines):
        running += line.amount
        if line.balance is None:
            continue
        if line.balance.value != running:
            if _cut_short(line.balance.value, running) and _misprinted(statement, i, running):
                yield (line,), None, running
                continue
            yield statement.lines[since : i + 1], agreed, running
            running = line.balance.value
        since, agreed = i + 1, line.balance


def likely_errors(statement: Statement) -> dict[str, Decimal]:
    """The lines a running-balance break names as the likely error (the summary's totals
    point to one line), each with the amount the statement's own balances carry for it:
    its printed amount plus the break."""
    found = {}
    for group, agreed, running in _disagreements(statement):
        if agreed is None:
            continue
        assert group[-1].balance is not None  # a break is always on a printed balance
        difference = group[-1].balance.value - running
        suspects = _suspects(statement, group, difference)
        if len(suspects) == 1:
            found[suspects[0].id] = suspects[0].amount + difference
    return found


def _cut_short(printed: Decimal, running: Decimal) -> bool:
    """A balance printed with its leading digits lost ("3978.53" for 73,978.53): a figure
    too wide for its print field, not a different figure."""
    shown, whole = f"{abs(printed):.2f}", f"{abs(running):.2f}"
    return len(shown) < len(whole) and whole.endswith(shown) and (printed >= 0) == (running >= 0)


def _misprinted(statement: Statement, i: int, running: Decimal) -> bool:
    """A lone printed balance cut short while the next one (or the closing balance)
    agrees with the lines carried on from before it: the print lost digits, and the
    lines on both sides of it are right. Any other disagreement is a break: a balance
    the bank printed with other digits is its figure, and the statement does not prove."""
    for line in statement.lines[i + 1 :]:
        running += line.amount
        if line.balance is not None:
            return line.balance.value == running
    return statement.closing is not None and statement.closing.value == running


def _misprint(statement: Statement, line: BankLine, running: Decimal) -> Finding:
    assert line.balance is not None  # the caller checks only printed balances
    message = (f"{describe(statement)}: the running balance printed after '{line.description}' ({line.id}) on "
               f"{line.date:%d %b %Y}{where(line.balance.citation)} is {money(line.balance.value)}, but the lines "
               f"give {money(running)}: its leading digits were lost in print, and the balances before and after it "
               f"agree with the lines")
    return finding("running_balance_misprint", line.id, message, "warning",
                   [line.balance.citation] if line.balance.citation else [])


def first_break(statement: Statement) -> str | None:
    """The id of the first line whose printed running balance the lines do not reach."""
    return next((f.subject for f in _running_check(statement) if f.code == "running_balance_break"), None)


def _break(statement: Statement, group: Sequence[BankLine], agreed: CitedAmount, running: Decimal) -> Finding:
    """The first line whose printed balance disagrees, and the lines since the last one
    that agreed, where the error must be."""
    line = group[-1]
    assert line.balance is not None  # the caller breaks only on a printed balance
    difference = line.balance.value - running
    label, suspects = describe(statement), _suspects(statement, group, difference)
    message = (f"{label}: the running balance breaks on {line.date:%d %b %Y}{where(line.balance.citation)}: after "
               f"'{line.description}' ({line.id}) the bank printed {money(line.balance.value)}, but "
               f"{money(agreed.value)} and the {len(group)} line(s) since give {money(running)}: a difference of "
               f"{money(abs(difference))}. {_suspect_text(group, suspects, difference)}")
    cited = suspects if len(suspects) == 1 else list(group)
    return finding("running_balance_break", line.id, message, "error",
                   [line.balance.citation, *(item.citation for item in cited)] if line.balance.citation
                   else [item.citation for item in cited])


def _suspects(statement: Statement, group: Sequence[BankLine], difference: Decimal) -> list[BankLine]:
    """The group's lines on the side whose printed total is off by the same amount: a
    balance printed too high means money in read too low, or money out too high."""
    gap_in = statement.total_in.value - _money_in(statement.lines) if statement.total_in else None
    gap_out = statement.total_out.value - _money_out(statement.lines) if statement.total_out else None
    if gap_in == difference and gap_out != -difference:
        return [line for line in group if line.amount > 0]
    if gap_out == -difference and gap_in != difference:
        return [line for line in group if line.amount < 0]
    return []


def _suspect_text(group: Sequence[BankLine], suspects: Sequence[BankLine], difference: Decimal) -> str:
    if len(suspects) == 1:
        line = suspects[0]
        side = "money in" if line.amount > 0 else "money out"
        return (f"The summary's {side} differs from the lines' by the same {money(abs(difference))}, and this is "
                f"the break's only {side} line: the line in error is likely {line.id} ({line.date:%d %b %Y}, "
                f"'{line.description}', {signed(line.amount)})")
    shown = ", ".join(line.id for line in group[:6]) + (", ..." if len(group) > 6 else "")
    return f"The error is in one of these lines: {shown}"


# -- continuity -----------------------------------------------------------------------


def _continuity(statements: Sequence[Statement]) -> list[Finding]:
    accounts: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.account:
            accounts[statement.account].append(statement)
    findings = []
    for same_account in accounts.values():
        ordered = sorted(same_account, key=_start)
        findings += [f for before, after in pairwise(ordered) for f in _chain(before, after)]
    return findings


def _chain(before: Statement, after: Statement) -> list[Finding]:
    if before.closing is None or after.opening is None or before.closing.value == after.opening.value:
        return []
    if (before.period_start, before.period_end) == (after.period_start, after.period_end):
        return []  # the same statement twice (a copy): nothing to chain
    first, second = describe(before), describe(after)
    subject = f"{first} to {second}"
    if before.period_end and after.period_start and (after.period_start - before.period_end).days > 1:
        message = (f"No statement between {first} (closing {money(before.closing.value)}) and {second} (opening "
                   f"{money(after.opening.value)}), from {before.period_end:%d %b %Y} to "
                   f"{after.period_start:%d %b %Y}: a statement may be missing")
        return [finding("statement_gap", subject, message, "warning", _citations(before.closing, after.opening))]
    message = (f"{second} opens at {money(after.opening.value)}{where(after.opening.citation)}, but {first} closed "
               f"at {money(before.closing.value)}{where(before.closing.citation)}: a difference of "
               f"{money(abs(after.opening.value - before.closing.value))}")
    return [finding("statement_discontinuity", subject, message, "error", _citations(before.closing, after.opening))]


def _start(statement: Statement) -> tuple[date, date]:
    first = statement.lines[0].date if statement.lines else date.min
    return (statement.period_start or first, statement.period_end or statement.period_start or first)


# -- shared wording -------------------------------------------------------------------


def describe(statement: Statement) -> str:
    """The statement as a reviewer finds it: the file, and for a file that may hold several
    statements (OFX, MT940) the account and the period."""
    name = Path(statement.path).name
    if statement.format not in ("ofx", "mt940"):
        return name
    period = f", to {statement.period_end:%d %b %Y}" if statement.period_end else ""
    return f"{name} ({statement.account or 'no account'}{period})"


def where(citation: Citation | None) -> str:
    """Where a figure is, in the words of its kind of document ("on page 3")."""
    if isinstance(citation, PdfCitation):
        return f" on page {citation.page}"
    if isinstance(citation, CsvCitation):
        return f" at row {citation.row}, column '{citation.column}'"
    if isinstance(citation, (Mt940Citation, OfxCitation)):
        return f" in record {citation.record} (lines {citation.lines[0]}-{citation.lines[1]})"
    if isinstance(citation, TextCitation):
        return f" at line {citation.line}"
    return ""


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def signed(value: Decimal) -> str:
    return f"{value:+,.2f}"


def _total(lines: Sequence[BankLine]) -> Decimal:
    return sum((line.amount for line in lines), _ZERO)


def _money_in(lines: Sequence[BankLine]) -> Decimal:
    return sum((line.amount for line in lines if line.amount > 0), _ZERO)


def _money_out(lines: Sequence[BankLine]) -> Decimal:
    return -sum((line.amount for line in lines if line.amount < 0), _ZERO)


def _citations(*figures: CitedAmount | None) -> list[Citation]:
    return [figure.citation for figure in figures if figure is not None and figure.citation is not None]
