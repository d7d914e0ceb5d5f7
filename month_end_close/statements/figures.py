"""Money figures as statements print them, in the document's own notation.

A figure is one word ("1,234.56", "1.234,56-", "2,549.97CR", "(45.00)", "$50,000.00") or
a number with its sign or mark printed as a word of its own beside it ("- 125,80",
"90,350 CR"). The decimal separator is the last "." or "," with exactly two digits after
it, whatever the document's notation: a bank that prints "+2.853.82" among "1.830,00"
still means 2853.82. Only a figure printed without decimals ("90,350") needs the
document's notation to say whether the comma groups thousands.

A figure keeps its mark as printed (`-`, `+`, `CR`, `DR`); what the mark means (money in
or out, a balance owed or held) is the reading's business, not the figure's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from shared.documents.layout import Word, union_bbox

_CURRENCY = r"(?:[$£€¥]|[A-Z]{1,2}\$|EUR|USD|GBP|AUD|SGD|CHF|CAD|NZD|HKD)"
_GROUPED = r"\d{1,3}(?:[.,' ]\d{3})+"
_NUMBER = re.compile(
    rf"(?P<open>\()?(?P<pre>[-+])?{_CURRENCY}?\s?(?P<pre2>[-+])?"
    rf"(?P<num>(?:{_GROUPED}|\d+)[.,]\d{{2}}|{_GROUPED})"
    r"(?P<post>-|\+|\)|CR|DR|Cr|Dr|cr|dr|C|D|H|S)?\*?")
# A mark printed as a word of its own after the number, and what it stands for.
MARKS = {"CR": "CR", "Cr": "CR", "cr": "CR", "C": "CR", "H": "CR", "DR": "DR", "Dr": "DR", "dr": "DR",
          "D": "DR", "OD": "DR", "S": "DR", "-": "-", "+": "+"}
_SIGNS = ("-", "+")
_CURRENCY_WORD = re.compile(_CURRENCY)
# Words closer than this (points) belong to one printed figure.
_NEAR = 8.0


@dataclass(frozen=True)
class Figure:
    """A printed money figure: its words, its size and its mark as printed."""

    words: tuple[Word, ...]
    magnitude: Decimal
    mark: str | None  # "-", "+", "CR", "DR" or None
    whole: bool  # printed without decimals ("90,350")

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return union_bbox(word.bbox for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def normalise(text: str) -> str:
    """Unicode minus to "-", and the spaces some banks print inside a figure removed."""
    return text.replace("\u2212", "-").replace("\u2013", "-").replace("\u00a0", " ").replace("\u202f", " ")


def decimal_comma(words: Iterable[Word]) -> bool:
    """Whether the document writes decimals after a comma ("1.234,56"), by its figures'
    majority; a figure settles it only when it has two decimals."""
    counts: Counter[str] = Counter()
    for word in words:
        match = _NUMBER.fullmatch(normalise(word.text))
        if match and re.search(r"[.,]\d{2}$", match.group("num")):
            counts[match.group("num")[-3]] += 1
    return counts[","] > counts["."]


def magnitude(number: str, comma_decimals: bool) -> tuple[Decimal, bool] | None:
    """The size of a printed number and whether it had no decimals, or None when the
    notation rules it out (a comma-grouped whole number in a decimal-comma document)."""
    if re.search(r"[.,]\d{2}$", number) and not re.fullmatch(r"\d{1,3}(?:[.,' ]\d{3})+", number):
        digits = re.sub(r"[^\d]", "", number[:-3])
        return Decimal(f"{digits or '0'}.{number[-2:]}"), False
    separator = re.sub(r"\d", "", number)[:1]
    if separator in ("," if comma_decimals else ".") or len(set(re.sub(r"\d", "", number))) > 1:
        return None
    return Decimal(re.sub(r"[^\d]", "", number)), True


def parse_word(word: Word, comma_decimals: bool) -> Figure | None:
    """One word as a figure, with any sign or mark printed in it."""
    match = _NUMBER.fullmatch(normalise(word.text).strip())
    if match is None or (match.group("open") is None) != (match.group("post") != ")"):
        return None
    size = magnitude(match.group("num"), comma_decimals)
    if size is None:
        return None
    return Figure((word,), size[0], _mark_of(match), size[1])


def _mark_of(match: re.Match[str]) -> str | None:
    if match.group("open"):
        return "-"
    sign = match.group("pre") or match.group("pre2")
    post = match.group("post")
    return MARKS.get(post or "") if post else sign


def figures_in(words: Sequence[Word], comma_decimals: bool) -> list[Figure]:
    """Every figure on a line, each with the separate sign, currency or mark words
    printed beside it."""
    found: list[Figure] = []
    i = 0
    while i < len(words):
        figure = parse_word(words[i], comma_decimals)
        if figure is None:
            i += 1
            continue
        figure = _with_prefix(figure, words[:i], found)
        figure, used_after = _with_suffix(figure, words[i + 1 :], comma_decimals)
        found.append(figure)
        i += 1 + used_after
    return found


def _with_prefix(figure: Figure, before: Sequence[Word], found: list[Figure]) -> Figure:
    """A "-" or "+" or a currency printed as a word just left of the number."""
    taken = {id(w) for f in found for w in f.words}
    words, mark = list(figure.words), figure.mark
    for word in reversed(before[-2:]):
        if id(word) in taken or words[0].x0 - word.x1 > _NEAR:
            break
        if word.text in _SIGNS and mark is None:
            mark = word.text
        elif not _CURRENCY_WORD.fullmatch(word.text):
            break
        words.insert(0, word)
    return Figure(tuple(words), figure.magnitude, mark, figure.whole)


def _with_suffix(figure: Figure, after: Sequence[Word], comma_decimals: bool) -> tuple[Figure, int]:
    """A mark printed as a word just right of the number ("90,350 CR", "1.234,56 -"); a
    "-" that leads the next figure ("- 50.00") is that figure's sign."""
    if not after or after[0].x0 - figure.x1 > _NEAR or figure.mark in ("CR", "DR"):
        return figure, 0
    mark = MARKS.get(after[0].text)
    if mark is None or (mark in _SIGNS and figure.mark is not None):
        return figure, 0
    if mark in _SIGNS and len(after) > 1 and after[1].x0 - after[0].x1 <= _NEAR \
            and parse_word(after[1], comma_decimals) is not None:
        return figure, 0
    return Figure((*figure.words, after[0]), figure.magnitude, mark, figure.whole), 1
