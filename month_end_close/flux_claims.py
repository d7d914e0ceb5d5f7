"""Checking what a flux explanation says against the books: every ledger line it names is
a line of ledger.csv, on the account, moving it the way it moved (or said to offset
that); a figure quoted beside named lines is one of theirs, not another line's; every
figure is one of the close's own; and the direction it gives is the account's.

The model's explanation is refused when any of these fails (the offline text, made
from the same facts, stays). Words are matched, not understood: an explanation that
mentions a rise in a price while the account fell is refused too, which costs a
reviewer the model's sentence, never a false one in the close package."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from month_end_close.flux import FluxRow, direction
from month_end_close.records import LedgerLine

# A figure stands alone: digits inside an identifier (L000153, J7000010) are not one.
_FIGURE = re.compile(r"(?<![A-Za-z\d])\d[\d,]*(?:\.\d+)?")
_TOKEN = re.compile(r"[A-Za-z0-9][\w/-]*")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_UP = re.compile(r"\b(increase[sd]?|increasing|rose|rise[sn]?|risen|higher|grew|grown|growth)\b", re.I)
_DOWN = re.compile(r"\b(decrease[sd]?|decreasing|fell|fallen|lower|dropped|declined?|reduced|reduction)\b", re.I)
_AGAINST = re.compile(r"\b(offset|offsetting|partly|partially|reversal|reversed|refund|credit note)\b", re.I)


@dataclass(frozen=True)
class LedgerIndex:
    """ledger.csv's lines by id, and the shapes its ids take ("L" and six digits), so
    that an id the text invents in the same shape is seen as one."""

    lines: Mapping[str, LedgerLine]
    shapes: re.Pattern[str] | None

    @classmethod
    def of(cls, ledger: Iterable[LedgerLine]) -> LedgerIndex:
        lines = {line.id: line for line in ledger}
        shapes = {(m.group(1), len(m.group(2))) for i in lines if (m := re.fullmatch(r"([A-Za-z]+)(\d+)", i))}
        pattern = "|".join(f"{re.escape(prefix)}\\d{{{digits}}}" for prefix, digits in sorted(shapes))
        return cls(lines, re.compile(f"(?:{pattern})") if pattern else None)

    def named(self, text: str) -> list[str]:
        """The line ids a text names, in order, once each."""
        found = [t for t in _TOKEN.findall(text) if t in self.lines or (self.shapes and self.shapes.fullmatch(t))]
        return list(dict.fromkeys(found))


def claim_problems(text: str, driver_ids: Sequence[str], row: FluxRow, ledger: LedgerIndex) -> list[str]:
    """What in an explanation of `row` the books do not bear out; empty when it all holds."""
    named = dict.fromkeys([*driver_ids, *ledger.named(text)])
    problems = [p for i in named if (p := _line_problem(i, text, row, ledger))]
    problems += _figure_problems(text, row, ledger)
    return problems + _direction_problems(text, row)


def _line_problem(line_id: str, text: str, row: FluxRow, ledger: LedgerIndex) -> str | None:
    line = ledger.lines.get(line_id)
    if line is None:
        return f"it names {line_id}, which is not a line of ledger.csv"
    if line.account != row.account:
        return f"it names {line_id}, a line of account {line.account}, not {row.account}"
    change = row.prior.change
    if change and line.amount and (line.amount > 0) != (change > 0) and not _said_against(line_id, text):
        return f"it gives {line_id} ({line.amount:,.2f}) as moving the account, which it moved the other way " \
               f"(change {change:,.2f})"
    return None


def _said_against(line_id: str, text: str) -> bool:
    """A line named in the sentence that says it offsets the change."""
    return any(line_id in s and _AGAINST.search(s) for s in _SENTENCE.split(text))


def _figure_problems(text: str, row: FluxRow, ledger: LedgerIndex) -> list[str]:
    known = known_figures(row)
    unknown = sorted(figures(text) - known)
    problems = [f"it uses figures the close did not give it: {', '.join(str(f) for f in unknown)}"] if unknown else []
    own = _row_figures(row)
    on_account = {abs(l.amount): l.id for l in row.drivers}
    for sentence in _SENTENCE.split(text):
        named = set(ledger.named(sentence))
        for figure in sorted(figures(sentence)) if named else ():
            other = on_account.get(figure)
            mine = {abs(ledger.lines[i].amount) for i in named if i in ledger.lines}
            if other and other not in named and figure not in mine and figure not in own:
                problems.append(f"it quotes {figure:,.2f} beside {', '.join(sorted(named))}, but that is the amount "
                                f"of {other}")
    return problems


def _direction_problems(text: str, row: FluxRow) -> list[str]:
    """The text says the account went one way only, and every flagged comparison went the other."""
    said = {word for word, pattern in (("up", _UP), ("down", _DOWN)) if pattern.search(text)}
    moved = {direction(row, c) for c in (row.prior, row.budget) if c is not None and c.flagged and c.change}
    if len(said) != 1 or not moved or said & moved:
        return []
    (word,) = said
    return [f"it says the account went {word}, but it went {' and '.join(sorted(moved))} "
            f"({'credit' if row.credit_normal else 'debit'} balance)"]


def figures(text: str) -> set[Decimal]:
    found = set()
    for match in _FIGURE.findall(text):
        try:
            found.add(abs(Decimal(match.replace(",", ""))))
        except InvalidOperation:
            continue
    return {f for f in found if f >= 10}  # small numbers are counts and days, not figures


def _row_figures(row: FluxRow) -> set[Decimal]:
    values = [row.current, row.prior.base, row.prior.change, row.prior.percent, row.ledger_net,
              Decimal(row.ledger_lines)]
    if row.budget:
        values += [row.budget.base, row.budget.change, row.budget.percent]
    known = {abs(v) for v in values if v is not None}
    return known | {v.quantize(Decimal("1")) for v in known}


def known_figures(row: FluxRow) -> set[Decimal]:
    """The row's own figures and its drivers' amounts, rounded to units too."""
    known = _row_figures(row) | {abs(d.amount) for d in row.drivers}
    # Invoice numbers and dates quoted from the entries are not figures it made up.
    for d in row.drivers:
        known |= figures(d.description) | {Decimal(d.date.year)}
    return known | {v.quantize(Decimal("1")) for v in known}
