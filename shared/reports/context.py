"""Cited lines in their context: the cited line or lines of a text source (CSV row,
MT940 or OFX record, text line, list entry) with a few lines either side, and the text
around a cited HTML element."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any

from shared.reports.evidence_entry import ContextLine

AROUND = 3  # lines shown either side of the cited ones
SNIPPET = 160  # characters of the element's surroundings shown either side
LINE_CHARS = 240  # a longer line is cut: a one-line XML list would otherwise fill the page


def window(lines: Sequence[str], first: int, last: int, around: int = AROUND, keep: int = 0) -> tuple[ContextLine, ...]:
    """Lines `first..last` (1-based) marked as cited, `around` lines either side; line
    `keep` (e.g. a CSV header) is shown too when it falls outside the window."""
    start, stop = max(1, first - around), min(len(lines), last + around)
    numbers = ([keep] if keep and keep < start else []) + list(range(start, stop + 1))
    return tuple(ContextLine(n, _cut(lines[n - 1]), first <= n <= last) for n in numbers)


def _cut(line: str) -> str:
    return line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…"


class CsvRows:
    """Where each CSV row (1-based, header excluded) sits among the file's lines.

    A file with no quote character has one row per line after the header; otherwise the
    rows are counted by a CSV reader, since a quoted field may hold a line break.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._spans: list[tuple[int, int]] | None = None
        self._plain = not any('"' in line for line in lines)

    def span(self, row: int) -> tuple[int, int] | None:
        if self._plain:
            return (row + 1, row + 1) if row + 1 <= len(self._lines) else None
        if self._spans is None:
            self._spans = _row_spans(self._lines)
        return self._spans[row] if row < len(self._spans) else None


def _row_spans(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Index 0 is the header; index n the lines of row n."""
    reader = csv.reader(iter(lines))
    spans, previous = [], 0
    for _ in reader:
        spans.append((previous + 1, reader.line_num))
        previous = reader.line_num
    return spans


def lines_holding(lines: Sequence[str], *needles: str) -> int | None:
    """The first line (1-based) that holds every needle."""
    return next((n for n, line in enumerate(lines, 1) if all(needle in line for needle in needles)), None)


def html_snippet(element: Any, cited: str) -> tuple[str, str, str]:
    """The text of the element's table row (or else its parent), split around the cited
    element: (before, the element's text, after), each side cut to `SNIPPET` characters.
    Split by the text's place in the tree, not by searching for it: a row may print the
    same figure twice."""
    parts: tuple[list[str], list[str], list[str]] = ([], [], [])
    seen_own = False
    for piece in _context_element(element).xpath(".//text()"):
        holder = piece.getparent().getparent() if piece.is_tail else piece.getparent()
        own = holder is element or any(a is element for a in holder.iterancestors())
        seen_own = seen_own or own
        parts[1 if own else 2 if seen_own else 0].append(piece)
    before, own_text, after = (_words(p) for p in parts)
    return (_tail(before + " " if before else ""), own_text or cited, _head(" " + after if after else ""))


def _words(pieces: list[str]) -> str:
    # Pieces joined by spaces: adjacent table cells hold no whitespace between them.
    return " ".join(" ".join(pieces).split())


def _context_element(element: Any) -> Any:
    row = next((a for a in element.iterancestors() if _local(a.tag) == "tr"), None)
    return row if row is not None else (element.getparent() if element.getparent() is not None else element)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _tail(text: str) -> str:
    return text if len(text) <= SNIPPET else "…" + text[-SNIPPET:]


def _head(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
