"""Finding the primary statements by fast full-text search (pypdfium2), before any page
is opened with pdfplumber.

A statement starts at its title printed as a line of its own ("CONDENSED CONSOLIDATED
STATEMENTS OF OPERATIONS (Unaudited)"): a table of contents adds a page number to the
line and a note or the auditor's report puts the title inside a sentence, so neither
matches. Of the pages that carry a title, the statement is the one dense with figures
and with the lines every such statement has (net income, total assets, investing
activities). It runs on to the following page when that page repeats the title (a
"(continued)" page, or the six-month table after the quarter's) or when the statement's
closing line (total liabilities and equity, cash at end of period) is only there.

The title may follow the company's name on its line ("Acme Corp. consolidated statements
of income"), and may be left alone at the foot of a page when the page break keeps the
table whole: the statement is then the next page, which has no title of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.documents import PdfDocument
from shared.money import detect_scale

STATEMENTS = ("income", "balance", "cash_flow")

_OF = r"statements?\s+of\s+(?:consolidated\s+)?"
_LOSS = r"(?:\s*\((?:loss|deficit)\))?"
_WHAT = {
    "income": (rf"{_OF}(?:net\s+)?(?:operations|income|earnings|loss){_LOSS}"
               rf"(?:\s+and\s+(?:comprehensive\s+(?:income|loss|earnings){_LOSS}|other\s+information|retained\s+earnings))?"
               r"|income\s+statements?"),
    "balance": rf"balance\s+sheets?|{_OF}financial\s+(?:position|condition)|{_OF}condition",
    "cash_flow": rf"{_OF}cash\s+flows?|cash\s+flows?\s+statements?",
}
# The company's name may come first, on the title's line ("Acme Corp. and Subsidiaries
# consolidated statements of income"): capitalised words, with "and", "of" and "&".
_NAME = r"(?:(?-i:[A-Z0-9])[\w.,&'’-]*\s+|(?:and|of|&)\s+){1,8}?"
_PREFIX = rf"^(?:{_NAME})?(?:(?:condensed|consolidated|combined|interim|unaudited)\s+)*"
# "(Unaudited)", "(In millions)", a footnote "(1)", "— continued", "(continued)".
_SUFFIX = r"(?:\s*\([^()]{0,80}\)|\s*[-–—,:]?\s*continued)*\s*$"
TITLES: dict[str, re.Pattern[str]] = {
    name: re.compile(_PREFIX + f"(?:{what})" + _SUFFIX, re.IGNORECASE) for name, what in _WHAT.items()
}
_GLUED_FOOTNOTE = re.compile(r"(?<=[a-z])\d{1,2}$", re.IGNORECASE)  # "Statements of Earnings1"

# Lines every statement of the kind has; a note that merely shows a few figures lacks most.
_KEY_LINES = {
    "income": (r"\bnet\s+(?:income|earnings|loss)", r"\b(?:basic|diluted)\b", r"\b(?:revenues?|sales)\b",
               r"\bincome\s+tax|\btaxes\s+on\s+income|\bprovision\s+for\b", r"\boperating\b"),
    "balance": (r"\btotal\s+assets\b", r"\btotal\s+(?:current\s+)?liabilities\b", r"\bequity\b|\bdeficit\b",
                r"\bcurrent\s+assets\b", r"\bcash\b"),
    "cash_flow": (r"\boperating\s+activities|\boperations\b", r"\binvesting\s+activities", r"\bfinancing\s+activities",
                  r"\b(?:end|beginning)\s+of\s+(?:the\s+)?(?:period|year|quarter)", r"\bdepreciation\b"),
}
# The statement's last line: when a page has its title but not this, the statement goes on.
_CLOSING = {
    "income": re.compile(r"\bdiluted\b", re.IGNORECASE),
    "balance": re.compile(r"\btotal\s+liabilities(?:,)?\s+(?:and|&)\s+(?:\w+['’]?\s+)*(?:equity|deficit|capital)",
                          re.IGNORECASE),
    "cash_flow": re.compile(r"\bend\s+of\s+(?:the\s+)?(?:period|year|quarter|fiscal)", re.IGNORECASE),
}
# A figure as statements print them ("1,234", "(56)", "0.41"); not a year or a date.
_FIGURE = re.compile(r"(?<![\w.,/-])\(?\$?(?!(?:19|20)\d\d\b)\d{1,3}(?:,\d{3})*(?:\.\d+)?\)?"
                     r"(?![\w/-]|,\s*(?:19|20)\d\d)")
_SEARCH = re.compile(r"statements?\s+of|balance\s+sheets?|income\s+statements?|cash\s+flows?\s+statements?",
                     re.IGNORECASE)
_PERCENTAGES = re.compile(r"\bas\s+a\s+percentage\s+of\b", re.IGNORECASE)
HEAD_CHARS = 400
MIN_FIGURES = 12
MIN_KEYS = 2


@dataclass(frozen=True)
class Candidate:
    """A page that prints a statement's title, and how much it looks like the statement."""

    statement: str
    page: int
    keys: int
    figures: int
    scaled: bool

    @property
    def plausible(self) -> bool:
        return self.figures >= MIN_FIGURES and self.keys >= MIN_KEYS

    @property
    def score(self) -> tuple[int, int, int]:
        return (self.keys, int(self.scaled), self.figures)


def title_of(line: str) -> str | None:
    """The statement a line is the title of, or None: the whole line must be the title."""
    text = _GLUED_FOOTNOTE.sub("", " ".join(line.replace("’", "'").split()))
    if len(text) > 140:
        return None
    return next((name for name, pattern in TITLES.items() if pattern.match(text)), None)


def titles_on(text: str) -> list[tuple[int, str]]:
    """(line index, statement) of each title line in a page's text, in text order."""
    return [(i, name) for i, line in enumerate(_lines(text)) if (name := title_of(line))]


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A title wrapped after "of" ("CONSOLIDATED STATEMENTS OF" / "OPERATIONS") is one line.
    return [f"{line} {lines[i + 1]}" if line.lower().endswith(" of") and i + 1 < len(lines) else line
            for i, line in enumerate(lines)]


def candidates(pdf: PdfDocument) -> list[Candidate]:
    found = []
    for page in pdf.search(_SEARCH):
        text = pdf.page_text(page)
        titles = titles_on(text)
        for name in dict.fromkeys(name for _, name in titles):
            found.append(_candidate(name, page, text, _own_text(text, titles, name)))
            if not found[-1].plausible and page < pdf.page_count and not titles_on(pdf.page_text(page + 1)):
                # A title left alone at the foot of its page (a printed page break keeps a
                # table whole): the statement is the next page, which has no title.
                following = pdf.page_text(page + 1)
                found[-1] = _candidate(name, page + 1, following, following)
    return found


def _own_text(text: str, titles: list[tuple[int, str]], name: str) -> str:
    """The page's text around the statement's title, up to the other statements' titles:
    in a table of contents that is the title alone."""
    lines = _lines(text)
    at = next(i for i, title in titles if title == name)
    before = max((i for i, title in titles if i < at and title != name), default=-1)
    after = min((i for i, title in titles if i > at and title != name), default=len(lines))
    return "\n".join(lines[before + 1:after])


def _candidate(name: str, page: int, text: str, own: str) -> Candidate:
    if _PERCENTAGES.search(own[:HEAD_CHARS]):
        return Candidate(name, page, 0, 0, False)  # a common-size restatement, no amounts
    keys = sum(1 for pattern in _KEY_LINES[name] if re.search(pattern, own, re.IGNORECASE))
    return Candidate(name, page, keys, len(_FIGURE.findall(text)), detect_scale(text) is not None)


def locate(pdf: PdfDocument) -> dict[str, tuple[int, ...]]:
    """Pages of each statement found, in page order: {"income": (4,), "balance": (6, 7)}."""
    found = {}
    options = [c for c in candidates(pdf) if c.plausible]
    for name in STATEMENTS:
        own = [c for c in options if c.statement == name]
        if own:
            best = max(own, key=lambda c: (c.score, -c.page))
            first = _first_of_run(best, {c.page: c for c in own})
            found[name] = (first.page, *_continuation(pdf, first, {c.page for c in own}))
    return found


def _first_of_run(best: Candidate, titled: dict[int, Candidate]) -> Candidate:
    """The first of consecutive pages with the title (the quarter's table before the
    six months' one)."""
    while best.page - 1 in titled:
        best = titled[best.page - 1]
    return best


def _continuation(pdf: PdfDocument, first: Candidate, titled: set[int]) -> tuple[int, ...]:
    """Pages after `first` that carry on its statement: each repeats the title (and
    looks like the statement), or the statement's closing line is only on the next page."""
    pages, page = [], first.page
    while page + 1 <= pdf.page_count:
        carried_on = page + 1 in titled or (not _closes(pdf.page_text(page), first.statement)
                                            and _closes_before_title(pdf.page_text(page + 1), first.statement))
        if not carried_on:
            break
        page += 1
        pages.append(page)
    return tuple(pages)


def _closes(text: str, name: str) -> bool:
    """Whether the statement's closing line is on this page, after its title."""
    lines = _lines(text)
    start = next((i for i, title in titles_on(text) if title == name), 0)
    return any(_CLOSING[name].search(line) for line in lines[start:])


def _closes_before_title(text: str, name: str) -> bool:
    lines = _lines(text)
    stop = next((i for i, _ in titles_on(text)), len(lines))
    return any(_CLOSING[name].search(line) for line in lines[:stop])
