"""Words and visual lines on a PDF page, as immutable records with their boxes.

Coordinates are PDF points with the origin at the top left of the page (pdfplumber's
`top`/`bottom`), the same frame a `PdfCitation` bbox uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> Bbox:
        return (self.x0, self.top, self.x1, self.bottom)

    @classmethod
    def from_plumber(cls, word: Mapping[str, Any]) -> Word:
        return cls(word["text"], word["x0"], word["top"], word["x1"], word["bottom"])


@dataclass(frozen=True)
class TextLine:
    """Words that sit on one visual line, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def bbox(self) -> Bbox:
        return union_bbox(word.bbox for word in self.words)


def union_bbox(boxes: Iterable[Bbox]) -> Bbox:
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def group_lines(words: Iterable[Word], y_tolerance: float = 3.0) -> list[TextLine]:
    """Group words into lines, top to bottom.

    A word joins the line above when its top is within `y_tolerance` of that line's
    first word: figures in a statement row share a baseline even when a bold label or a
    superscript footnote mark shifts some of them by a point or two.
    """
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(word.top - rows[-1][0].top) <= y_tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [TextLine(tuple(sorted(row, key=lambda w: w.x0))) for row in rows]
