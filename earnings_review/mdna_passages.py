"""The paragraphs of the MD&A and the segment note that explain the movements a memo
reports, each with its page, small enough to send (`LIMIT` characters) and given to the
model as one document.

A PDF page's text comes as printed lines: a paragraph ends at a line that finishes a
sentence short of the page's full width, and a short line that finishes none is a
heading. An iXBRL page's lines are already its paragraphs. Table rows (mostly figures)
are left out: the figures come from the statements, the reasons from the prose.

A paragraph is relevant when it names something the memo reports (revenue or net sales,
margins, operating income or expenses, cash flow, a segment by name) and says how or why
it moved ("increased", "due to", "driven by"). The most relevant are kept up to `LIMIT`,
then put back in the filing's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from earnings_review.mdna import Section, page_lines, section_lines

LIMIT = 12_000
MIN_CHARS = 80
_TOPICS = (r"revenues?", r"net\s+sales", r"sales", r"gross\s+(?:margin|profit)",
           r"operating\s+(?:income|profit|loss)", r"operating\s+(?:expenses?|costs?|margin)",
           r"cost\s+of\s+(?:sales|revenues?|goods)", r"net\s+(?:income|earnings)",
           r"earnings\s+per\s+share", r"cash\s+flows?", r"operating\s+activities", r"capital\s+expenditures?",
           r"free\s+cash", r"segments?")
# How a figure moved, and why: a reason counts for more than a direction.
_DIRECTIONS = (r"increas\w*", r"decreas\w*", r"grew", r"growth", r"rose", r"fell", r"declin\w*", r"higher",
               r"lower", r"improv\w*", r"compared\s+(?:to|with)", r"provided\s+by", r"generated", r"used\s+(?:in|by)")
_REASONS = (r"due\s+to", r"driven\s+by", r"primarily", r"as\s+a\s+result", r"reflect\w*", r"offset", r"because",
            r"mix", r"(?:un)?favou?rable", r"attributable\s+to", r"impact\w*")
_SENTENCE_END = re.compile(r"[.!?:;\"”)]$")
# PDFium writes a hyphen at a line break as U+FFFE (or U+0002); a soft hyphen is U+00AD.
_SOFT_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-", "\xad": "-"})
_NUMERIC = re.compile(r"^[(\[]?[$€£]?[-–—(]?\d[\d,.]*\)?%?[)\]]?$|^[$%()—–-]+$")


@dataclass(frozen=True)
class Passage:
    page: int
    section: str  # "MD&A", "segment note"
    text: str


def paragraphs(section: Section, pages: Sequence[str]) -> list[Passage]:
    """The section's prose, paragraph by paragraph, each within one page."""
    by_page: dict[int, list[str]] = {}
    for page, line in section_lines(section, page_lines(pages)):
        by_page.setdefault(page, []).append(line)
    return [Passage(page, section.name, text.translate(_SOFT_HYPHENS))
            for page, lines in by_page.items() for text in _paragraphs(lines)]


def _paragraphs(lines: Sequence[str]) -> list[str]:
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.9)] if lines else 0
    found: list[list[str]] = [[]]
    for line in lines:
        if not found[-1] and is_table_row(line):
            continue  # a row of a table; a short line inside a paragraph goes on with it
        found[-1].append(line)
        ends = bool(_SENTENCE_END.search(line)) and (len(line) < 0.85 * width or len(line) > 200)
        heading = not _SENTENCE_END.search(line) and len(line) < 0.5 * width
        if ends or heading:
            found.append([])
    return [text for group in found if len(text := " ".join(group)) >= MIN_CHARS]


def is_table_row(line: str) -> bool:
    """A row of figures: more than a third of its words are amounts, or it has fewer
    than four words of letters."""
    words = line.split()
    figures = sum(1 for w in words if _NUMERIC.match(w))
    lettered = sum(1 for w in words if re.search(r"[A-Za-z]{2,}", w))
    return figures * 3 > len(words) or lettered < 4


def relevance(text: str, names: Sequence[str] = ()) -> int:
    """How much a paragraph explains a movement: topics named, and words saying how
    (a direction) and why (a reason, counted twice); 0 when it names no topic or says
    neither how nor why."""
    topics = _count(_TOPICS, text) + sum(1 for name in names if re.search(rf"\b{re.escape(name)}\b", text))
    directions, reasons = min(_count(_DIRECTIONS, text), 2), min(_count(_REASONS, text), 3)
    return 2 * topics + directions + 2 * reasons if topics and (directions or reasons) else 0


def _count(patterns: Sequence[str], text: str) -> int:
    return sum(1 for p in patterns if re.search(rf"\b{p}\b", text, re.IGNORECASE))


def relevant_passages(candidates: Sequence[Passage], names: Sequence[str] = (), limit: int = LIMIT) -> list[Passage]:
    """The most relevant paragraphs that fit in `limit` characters, in the filing's order."""
    unique = list({p.text: p for p in reversed(candidates)}.values())[::-1]  # a paragraph once, where first seen
    scored = [(relevance(p.text, names), i, p) for i, p in enumerate(unique)]
    chosen, size = [], 0
    for _, i, passage in sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1])):
        if size + len(passage.text) <= limit:
            chosen.append((i, passage))
            size += len(passage.text)
    return [passage for _, passage in sorted(chosen, key=lambda c: c[0])]


def as_document_text(passages: Sequence[Passage]) -> str:
    """The passages as the model reads them: each under the page it is on."""
    return "\n\n".join(f"[page {p.page}, {p.section}]\n{p.text}" for p in passages)
