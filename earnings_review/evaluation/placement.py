"""Which tables of an iXBRL filing are its primary statements, read from the document.

The filing's R files and FilingSummary are not at hand, so the document itself decides,
the way a reader of it would: a statement is a table of tagged figures under a statement's
title. The title is the last title line between the previous table of figures and the
table's first tagged row: lines of text above it (the company's name, then "CONSOLIDATED
STATEMENTS OF INCOME", then "(In millions)"), or the table's own first rows. A table
with no title line of its own, and nothing but page furniture above it (a page number,
"Table of Contents"), goes on the statement of the table before it.

Only the income statement (or statement of operations, of earnings), the balance sheet
(or statement of financial position) and the cash flow statement count; a statement of
comprehensive income or of equity, and the notes, are titles too, so that their tables
are not taken for the statement before them. This is the evaluation's judge, written
apart from the reader's own title patterns (`earnings_review.locate`), so that a reader
mistake is not also the judge's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

BLOCKS = frozenset({"div", "p", "tr", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "td", "th"})
_LEAD = r"^(?:.{0,80}?\s)?(?:(?:condensed|consolidated|combined|interim|unaudited)\s+)*"
_TAIL = r"\s*(?:\([^()]{0,60}\)\s*)*(?:[-–—,:]?\s*\(?continued\)?)?\s*(?:\([^()]{0,60}\)\s*)*$"
_OF = r"statements?\s+of\s+(?:consolidated\s+)?"
_KINDS = {
    "income": rf"{_OF}(?:net\s+)?(?:income|operations|earnings|loss)"
              r"(?:\s+and\s+(?:comprehensive|retained)\s+\w+(?:\s+\(\w+\))?)?|(?:income|earnings)\s+statements?",
    "balance": rf"balance\s+sheets?|{_OF}financial\s+(?:position|condition)|{_OF}condition",
    "cash_flow": rf"{_OF}cash\s+flows?|cash\s+flows?\s+statements?",
    "other": rf"{_OF}(?:comprehensive|changes|(?:share|stock)(?:holders|owners)|equity|partners)\b.*"
             r"|notes\s+to\s+.*financial\s+statements.*|.*\bschedule\s+[ivx]+\b.*",
}
TITLES = {kind: re.compile(_LEAD + f"(?:{what})" + _TAIL, re.IGNORECASE) for kind, what in _KINDS.items()}
_FURNITURE = re.compile(r"^(?:\d{1,3}|table\s+of\s+contents|page\s+\d+|.{0,60}\bform\s+10-[kq]\b.{0,20})$", re.I)
MAX_TITLE = 160
PRIMARY = ("income", "balance", "cash_flow")


def title_kind(line: str) -> str | None:
    """The kind of statement a line is the title of ("other" for equity, comprehensive
    income, the notes), or None when the line is not a title."""
    text = " ".join(line.replace("’", "'").split())
    if len(text) > MAX_TITLE:
        return None
    return next((kind for kind, pattern in TITLES.items() if pattern.match(text)), None)


def statement_tables(root: Any, is_tag: Any) -> dict[Any, str]:
    """{table element: "income" | "balance" | "cash_flow"} for the tables of figures
    (those holding an element `is_tag` accepts) that are primary statements."""
    placed: dict[Any, str] = {}
    above: list[str] = []
    previous: str | None = None
    for kind, item in _stream(root, is_tag):
        if kind == "line":
            above.append(item)
            continue
        heading = above + _leading_rows(item, is_tag)
        titles = [k for k in map(title_kind, heading) if k]
        if titles:
            previous = titles[-1]
        elif not all(_FURNITURE.match(line) for line in heading):
            previous = None  # a table under a caption of its own: a note's, not the statement's
        if previous in PRIMARY:
            placed[item] = previous
        above = []
    return placed


def _stream(root: Any, is_tag: Any) -> Iterator[tuple[str, Any]]:
    """The document in reading order: ("line", text) for each line of text outside the
    tables of figures, and ("table", element) for each table of figures."""
    text: list[str] = []
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        name = _name(element)
        if event == "start" and name is not None and _skipped(element, name, is_tag):
            walk.skip_subtree()
            if name == "table":
                yield from _flush(text)
                yield "table", element
            continue
        if event == "start" and name is not None:
            if name in BLOCKS:
                yield from _flush(text)
            text.append(element.text or "")
        elif event == "end":
            if name in BLOCKS:
                yield from _flush(text)
            text.append(element.tail or "")
    yield from _flush(text)


def _skipped(element: Any, name: str, is_tag: Any) -> bool:
    """A table of figures (yielded whole), or what a reader never sees (the ix header,
    hidden elements)."""
    if name == "table":
        return any(is_tag(e) for e in element.iter())
    style = (element.get("style") or "").replace(" ", "").lower()
    return name == "header" or "display:none" in style


def _flush(text: list[str]) -> Iterator[tuple[str, str]]:
    line = " ".join("".join(text).split())
    text.clear()
    if line:
        yield "line", line


def _leading_rows(table: Any, is_tag: Any) -> list[str]:
    """The table's rows above its first tagged figure: a title printed inside it."""
    rows = []
    for row in table.iter():
        if _name(row) != "tr":
            continue
        if any(is_tag(e) for e in row.iter()):
            break
        if line := " ".join(row.xpath("string()").split()):
            rows.append(line)
    return rows


def _name(element: Any) -> str | None:
    """The local tag name in lower case; None for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()
