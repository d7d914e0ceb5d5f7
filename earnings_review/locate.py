"""Finding the primary statements by fast full-text search (pypdfium2), before any page
is opened with pdfplumber.

A statement page carries its title as a heading near the top, and is dense with figures;
a table of contents or a note that mentions the title is neither. A statement that runs
on to the next page (a long balance sheet) continues where the next page repeats the
title or says "(continued)".
"""

from __future__ import annotations

import re

from shared.documents import PdfDocument

_PREFIX = r"^(?:condensed\s+)?(?:consolidated\s+)?(?:condensed\s+)?"
_SUFFIX = r"(?:\s*\((?:unaudited|continued)\))*\s*$"
TITLES: dict[str, re.Pattern[str]] = {
    "income": re.compile(
        _PREFIX + r"(?:statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings)"
        r"|income\s+statements?)" + _SUFFIX, re.IGNORECASE),
    "balance": re.compile(
        _PREFIX + r"(?:balance\s+sheets?|statements?\s+of\s+financial\s+(?:position|condition))" + _SUFFIX,
        re.IGNORECASE),
    "cash_flow": re.compile(_PREFIX + r"(?:statements?\s+of\s+cash\s+flows?|cash\s+flows?\s+statements?)" + _SUFFIX,
                            re.IGNORECASE),
}
_SEARCH = r"statements?\s+of|balance\s+sheets?|income\s+statements?|cash\s+flows?\s+statements?"
_FIGURE = re.compile(r"\(?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?")
HEAD_LINES = 12
MIN_FIGURES = 20


def locate(pdf: PdfDocument) -> dict[str, tuple[int, ...]]:
    """Pages of each statement found: {"income": (4,), "balance": (6, 7), ...}."""
    scored: dict[str, list[tuple[int, int]]] = {name: [] for name in TITLES}
    for page in pdf.search(_SEARCH):
        for name in _titles_on(pdf.page_text(page)):
            scored[name].append((_figures(pdf.page_text(page)), page))
    found = {}
    for name, candidates in scored.items():
        dense = [(count, page) for count, page in candidates if count >= MIN_FIGURES]
        if dense:
            best = max(dense)[1]
            found[name] = (best, *_continuation(pdf, name, best))
    return found


def _titles_on(text: str) -> list[str]:
    head = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    return [name for name, title in TITLES.items() if any(title.match(line) for line in head)]


def _figures(text: str) -> int:
    return len(_FIGURE.findall(text))


def _continuation(pdf: PdfDocument, name: str, page: int) -> tuple[int, ...]:
    following = page + 1
    if following > pdf.page_count:
        return ()
    text = pdf.page_text(following)
    head = " ".join(text.splitlines()[:HEAD_LINES]).lower()
    if name in _titles_on(text) and ("continued" in head) and _figures(text) >= MIN_FIGURES:
        return (following,)
    return ()
