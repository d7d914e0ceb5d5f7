"""The memo's number check: every figure in a drafted memo must be one the run computed.

A model writes "$81.8 billion", "44.5%", "down 1.4%", "$(2,722) million", "(3.13)%",
"0.64 points" or "$1.26"; each is read as an exact Decimal with its scale word (a
difference in points counts as a percentage) and compared with every fact and metric,
at the precision the memo printed it: "81.8 billion" matches 81,797,000,000 because that
rounds to 81.8 billions. A number that matches nothing is flagged, and the memo marks it.
Years, dates, counts of months and page numbers are not figures and are skipped.

A figure the model wrote with the id of a figure it was given ("$4,812 million [F1]") is
checked against that figure alone: right in value but cited to another figure is as
wrong as a number from nowhere. The ids are taken out of the text the reader sees.

A quoted reason is accepted only when its words are on the page it cites, compared after
folding whitespace, curly quotes and dashes (and the `&quot;` the prompt's quoting wrote
for a double quote) and nothing else: an altered or invented quote is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SCALE_WORDS = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
               "trillion": Decimal(10) ** 12, "k": Decimal(10) ** 3, "m": Decimal(10) ** 6, "bn": Decimal(10) ** 9}

_NUMBER = re.compile(
    r"(?P<neg>[-−])?(?P<cur>\$)?\s?(?P<paren>\()?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?(paren)\))"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|k|m)\b)?"
    r"(?P<pct>\s?%| percent\b| percentage points?\b| points?\b)?",
    re.IGNORECASE,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
_PERIOD_WORDS = re.compile(r"^\s*(?:-|\s)?(?:months?|weeks?|quarters?|years?|days?)\b", re.IGNORECASE)
_FILE_NAME = re.compile(r"\S+\.(?:pdf|html?|xhtml|csv|json|toml)\b|\b\w*_\w*\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\bpages?\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*", re.IGNORECASE)
_QUARTER_NAME = re.compile(r"\b(?:Q[1-4]|FY\d{2,4}|[1-4]Q|\d{1,2}-[KQF]|20-F|40-F)\b")


@dataclass(frozen=True)
class MemoNumber:
    text: str
    start: int
    end: int
    value: Decimal  # as written, scale word applied; percents as written (44.5)
    percent: bool


@dataclass(frozen=True)
class NumberCheck:
    number: MemoNumber
    matched: str | None  # the fact or metric id it matches, None when it matches nothing


def numbers_in(text: str) -> list[MemoNumber]:
    """The figures written in `text`, skipping dates, years, period lengths and page
    numbers (a quoted reason's "page 8")."""
    masked = _mask(text, _DATE)
    masked = _mask(masked, _PAGE_NUMBER)
    masked = _mask(masked, _FILE_NAME)
    masked = _mask(masked, _QUARTER_NAME)
    found = []
    for match in _NUMBER.finditer(masked):
        if _is_figure(match, masked):
            found.append(_read(match))
    return found


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    # Same length, so positions in the masked text are positions in the memo.
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _is_figure(match: re.Match[str], text: str) -> bool:
    digits = match.group("num")
    bare = not (match.group("cur") or match.group("scale") or match.group("pct"))
    if bare and re.fullmatch(r"(19|20)\d\d", digits):
        return False  # a year
    return not (bare and _PERIOD_WORDS.match(text[match.end():]))


def _read(match: re.Match[str]) -> MemoNumber:
    value = Decimal(match.group("num").replace(",", ""))
    scale = match.group("scale")
    if scale:
        value *= SCALE_WORDS[scale.lower()]
    if match.group("neg") in ("-", "−") or match.group("paren"):
        value = -value
    return MemoNumber(match.group(0).strip(), match.start(), match.end(), value, bool(match.group("pct")))


def check_numbers(text: str, known: Iterable[tuple[str, Decimal, bool]],
                  cited: Mapping[int, tuple[str, ...]] | None = None,
                  given: Mapping[str, tuple[Decimal, bool]] | None = None) -> list[NumberCheck]:
    """Match each figure against `known` (id, value, is_percent) at its written precision.
    A figure matches a value when the value, rounded to the figure's last written digit,
    equals it; signs are compared by magnitude, since prose says "a loss of $2.7 billion"
    for a value of −2.7 billion and "down 1.4%" for −1.4. A figure that ends where
    `cited` has ids (`cut_citations`) is matched against those of `given` only."""
    candidates = list(known)
    given = given or {}
    numbers = numbers_in(text)
    by_number = _cited_numbers(text, numbers, cited or {})
    checks = []
    for index, number in enumerate(numbers):
        ids = by_number.get(index)
        if ids is None:
            checks.append(NumberCheck(number, _match(number, candidates)))
        else:
            checks.append(NumberCheck(number, _match(number, [(i, *given[i]) for i in ids if i in given])))
    return checks


# Words a figure's id may stand after ("$4,812 million dollars [F1]"): a unit, no figure.
_UNIT_WORDS = re.compile(r"[A-Za-z%$ ]{0,15}")


def _cited_numbers(text: str, numbers: Sequence[MemoNumber],
                   cited: Mapping[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Which figure each id cites: the one it stands in ("$4,812 [F1] million") or right
    after, unit words aside; an id far from any figure cites none."""
    found: dict[int, tuple[str, ...]] = {}
    for at, ids in cited.items():
        inside = [i for i, n in enumerate(numbers) if n.start < at <= n.end]
        before = [i for i, n in enumerate(numbers) if n.end <= at and _UNIT_WORDS.fullmatch(text[n.end:at])]
        chosen = inside or before[-1:]
        if chosen:
            found[chosen[0]] = ids
    return found


_CITATION = re.compile(r"[ \t]*\[\s*(F\d+(?:\s*[,;]\s*F\d+)*)\s*\]")


def cut_citations(text: str) -> tuple[str, dict[int, tuple[str, ...]]]:
    """The text without its figure ids ("[F12]", "[F3, F4]"), and the ids by the position
    in the cut text where each stood (right after the figure it cites)."""
    cut, cited, last = "", {}, 0
    for match in _CITATION.finditer(text):
        cut += text[last:match.start()]
        cited[len(cut)] = tuple(re.split(r"\s*[,;]\s*", match.group(1)))
        last = match.end()
    return cut + text[last:], cited


_FOLDED = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\ufffe": "-", "\x02": "-", "\xad": "-"})


def folded(text: str) -> str:
    """Text as quotes are compared: whitespace runs as one space, curly quotes straight,
    dashes as hyphens (PDFium's U+FFFE for a hyphen at a line break, and soft hyphens,
    too); our own `&quot;` (the prompt's quoting) as the quote it stands for."""
    return " ".join(text.replace("&quot;", '"').translate(_FOLDED).split())


# A quote of a word or two ("increased", "to") is on almost any page: finding it proves
# nothing, so a quote must be a clause at least this long to be checked at all.
MIN_QUOTE_WORDS = 4
MIN_QUOTE_CHARS = 20


@dataclass(frozen=True)
class QuoteFound:
    found: bool  # on the page cited
    elsewhere: tuple[int, ...]  # the pages it is on, when not on the one cited
    too_short: bool = False


def find_quote(quote: str, page: int, pages: Sequence[str]) -> QuoteFound:
    """Whether `quote` is on `page` (1-based) of `pages`, and where else it is if not."""
    wanted = folded(quote)
    if len(wanted.split()) < MIN_QUOTE_WORDS or len(wanted) < MIN_QUOTE_CHARS:
        return QuoteFound(False, (), too_short=True)
    if 1 <= page <= len(pages) and wanted in folded(pages[page - 1]):
        return QuoteFound(True, ())
    return QuoteFound(False, tuple(n for n, text in enumerate(pages, start=1) if wanted in folded(text)))


def _match(number: MemoNumber, known: list[tuple[str, Decimal, bool]]) -> str | None:
    for ident, value, percent in known:
        if percent == number.percent and _rounds_to(abs(value), abs(number.value), number):
            return ident
    return None


def _rounds_to(value: Decimal, written: Decimal, number: MemoNumber) -> bool:
    unit = _last_digit_unit(number)
    return (value / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit == written


def _last_digit_unit(number: MemoNumber) -> Decimal:
    """The value of the last digit the memo wrote: 81.8 billion -> 0.1 billion."""
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", number.text)
    places = len(digits.group(1)) if digits and digits.group(1) else 0
    scale = re.search(r"thousand|million|billion|trillion|bn|\bk\b|\bm\b", number.text, re.IGNORECASE)
    factor = SCALE_WORDS[scale.group(0).lower()] if scale else Decimal(1)
    return Decimal(1).scaleb(-places) * factor


def mark_unverified(text: str, checks: list[NumberCheck], marker: str = " [unverified]") -> str:
    """The memo with `marker` after every figure that matched nothing."""
    for check in sorted(checks, key=lambda c: c.number.end, reverse=True):
        if check.matched is None:
            text = text[: check.number.end] + marker + text[check.number.end:]
    return text
