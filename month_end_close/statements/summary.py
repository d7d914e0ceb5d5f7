"""What a statement prints about itself: its opening and closing balances and totals
(wherever printed: a summary box, a balance line in the table, "Alter Kontostand" over
its figure), its period, account, bank and currency, and words that say it is a card.

A labelled figure is the first figure right of its label on the label's line, or, when
the label heads a little box of its own, the figure under it on the next line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from month_end_close.statements.dates import DateParts, dates_in_text, period_in_text
from month_end_close.statements.figures import Figure, figures_in
from month_end_close.statements.headings import parse_header
from month_end_close.statements.words import CARD_WORDS, find, squash
from shared.documents.layout import TextLine

_LABEL_CELL_WORDS = 6  # a label line longer than this is prose, with no figure under it
_ACCOUNT = re.compile(
    r"\b(?:IBAN|Account(?:\s*(?:number|no\.?))?|Konto(?:nummer)?|Card\s*number|Kartennummer)\s*:?\s*"
    r"([A-Z]{2}\d{2}(?:\s?[\dA-Z]{4}){2,7}(?:\s?[\dA-Z]{1,3})?|\d[\d\s-]{5,22}\d)", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[\dA-Z]{4}){3,7}(?: ?[\dA-Z]{1,3})?\b")
_CODES = ("EUR", "USD", "GBP", "AUD", "SGD", "CHF", "CAD", "NZD", "HKD", "JPY", "SEK", "NOK", "DKK", "PLN")
_SYMBOLS = {"£": "GBP", "€": "EUR", "S$": "SGD", "A$": "AUD"}
_STATEMENT_DATE = ("statementdate", "closingdate", "statementclosingdate", "abrechnungsdatum", "auszugsdatum",
                   "dateofstatement", "statementissued")


@dataclass(frozen=True)
class Placed:
    """A line of the statement and the page it is on."""

    page: int
    line: TextLine


@dataclass(frozen=True)
class Labelled:
    key: str
    page: int
    figure: Figure
    index: int  # of the label's line among the lines searched


def labelled(lines: Sequence[Placed], keys: Sequence[str], comma: bool) -> list[Labelled]:
    """Every figure printed under or beside one of the labels, in reading order."""
    found = []
    for i, placed in enumerate(lines):
        label = find(placed.line.words, keys)
        if label is None or parse_header(placed.line.words) is not None:
            continue  # a column heading ("Money in") heads a column, not a total
        figure = _right_of(placed.line, label.x1, comma) or _below(lines, i, label.x0, comma)
        if figure is not None:
            found.append(Labelled(label.key, lines[i].page, figure, i))
    return found


def _right_of(line: TextLine, x: float, comma: bool) -> Figure | None:
    return next((f for f in figures_in(line.words, comma) if f.x0 >= x - 1), None)


def _below(lines: Sequence[Placed], i: int, x: float, comma: bool) -> Figure | None:
    """The figure under a label that heads its own box ("Alter Kontostand" over "+2.853,82")."""
    label_line = lines[i]
    if len(label_line.line.words) > _LABEL_CELL_WORDS + 2 or i + 1 >= len(lines):
        return None
    below = lines[i + 1]
    height = max(w.bottom - w.top for w in label_line.line.words)
    if below.page != label_line.page or below.line.words[0].top - label_line.line.words[0].top > 2.2 * height:
        return None
    right = [f for f in figures_in(below.line.words, comma) if f.x1 >= x]
    return right[0] if right else None


# -- period, account, bank, currency ----------------------------------------------------


def period(lines: Sequence[Placed]) -> tuple[DateParts, DateParts] | None:
    for placed in lines:
        found = period_in_text(placed.line.text) or period_in_text(placed.line.text.replace(" ", ""))
        if found is not None:
            return found
    return None


def statement_date(lines: Sequence[Placed]) -> DateParts | None:
    """The date a statement was drawn up (a card statement's only date), by its label."""
    for placed in lines:
        label = find(placed.line.words, _STATEMENT_DATE)
        if label is None:
            continue
        after = " ".join(w.text for w in placed.line.words if w.x0 >= label.x1)
        dated = [parts for _, _, parts in dates_in_text(after) if parts.year is not None]
        if dated:
            return dated[0]
    return None


def latest_year(lines: Sequence[Placed]) -> DateParts | None:
    """The last full date printed, for a year when nothing else gives one."""
    dated = [parts for placed in lines for _, _, parts in dates_in_text(placed.line.text) if parts.year]
    return max(dated, key=lambda p: (p.year, p.b if p.kind != "iso" else p.a), default=None)


def account(lines: Sequence[Placed]) -> str | None:
    for placed in lines:
        match = _ACCOUNT.search(placed.line.text) or _IBAN.search(placed.line.text)
        if match is not None:
            return " ".join((match.group(1) if match.groups() else match.group(0)).split())
    return None


def bank(lines: Sequence[Placed]) -> str | None:
    """The first short line on page 1 that names a bank."""
    for placed in lines:
        if placed.page == lines[0].page and re.search(r"bank", placed.line.text, re.IGNORECASE) \
                and len(placed.line.words) <= 6 and not figures_in(placed.line.words, False):
            return placed.line.text
    return None


def currency(lines: Sequence[Placed]) -> str | None:
    text = " ".join(p.line.text for p in lines)
    codes = [code for code in _CODES if re.search(rf"(?<![A-Z]){code}(?![A-Z])", text)]
    if len(codes) == 1:
        return codes[0]
    symbols = {code for symbol, code in _SYMBOLS.items() if symbol in text}
    return symbols.pop() if len(symbols) == 1 and not codes else None


def is_card(lines: Sequence[Placed]) -> bool:
    """Whether the statement's own words say it is a card's (a balance owed): two of
    them at least, since an account's statement may advertise a credit card."""
    said = {key for p in lines for key in CARD_WORDS if key in squash(p.line.text)}
    return len(said) >= 2
