"""A filing's text page by page, as the review reads it: a PDF's pages (PDFium's text,
the text citations are checked against), or an inline-XBRL filing cut at its printed
page breaks (`page-break-before/after: always`, `break-before/after: page`), which every
EDGAR filing agent writes between printed pages. Page numbers are 1-based in both.

In HTML, block elements (paragraphs, divisions, table rows, headings, line breaks) end a
line and table cells are separated by a space; the hidden iXBRL header (contexts, units,
hidden facts) and anything styled `display:none` are left out, as a reader never sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from shared.documents import HtmlDocument, open_html, open_pdf

_BLOCKS = frozenset({"p", "div", "tr", "li", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                     "dt", "dd", "blockquote", "section", "article", "center", "title"})
_CELLS = frozenset({"td", "th"})
_HIDDEN_TAGS = frozenset({"header", "script", "style", "head"})  # `header`: ix:header
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_BREAK_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\xa0\u2009\u202f\u200b]+")


@dataclass(frozen=True)
class FilingPages:
    sha256: str  # of the file the pages were read from
    texts: tuple[str, ...]


def filing_pages(path: Path, kind: str) -> FilingPages:
    """Each page's text, for a filing of `kind` "pdf" or "ixbrl" (as `resolve_input` says).
    The memo step reads them twice (its passages, then its quotes' check): the second is
    served from memory while the file is unchanged (same size and modification time)."""
    stat = path.stat()
    return _read_pages(path.resolve(), kind, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=2)
def _read_pages(path: Path, kind: str, size: int, modified: int) -> FilingPages:
    if kind == "ixbrl":
        document = open_html(path)
        return FilingPages(document.sha256, html_pages(document))
    with open_pdf(path) as pdf:
        return FilingPages(pdf.sha256, tuple(pdf.page_texts()))


def html_pages(document: HtmlDocument) -> tuple[str, ...]:
    """The document's visible text, one string per printed page; lines end with "\\n"."""
    from lxml import etree  # noqa: PLC0415 (lxml stays out of import time, as in shared.documents.html)

    pages: list[list[str]] = [[]]
    hidden = 0  # depth inside hidden elements
    for event, element in etree.iterwalk(document.root, events=("start", "end")):
        name, style = _name(element), str(element.get("style") or "")
        concealed = name in _HIDDEN_TAGS or bool(_HIDDEN_STYLE.search(style))
        if event == "start":
            hidden += concealed
            if not hidden and name:  # a comment's text is not the page's
                _open(pages, name, style, element.text)
            continue
        hidden -= concealed
        if not hidden and not concealed:
            _close(pages, name, style)
        if not hidden and element.tail:
            pages[-1].append(element.tail)
    return tuple(_tidy("".join(page)) for page in pages if "".join(page).strip())


def _open(pages: list[list[str]], name: str, style: str, text: str | None) -> None:
    if _BREAK_BEFORE.search(style):
        pages.append([])
    if name in _BLOCKS:
        pages[-1].append("\n")
    elif name in _CELLS:
        pages[-1].append(" ")
    if text:
        pages[-1].append(text)


def _close(pages: list[list[str]], name: str, style: str) -> None:
    if name in _BLOCKS:
        pages[-1].append("\n")
    if _BREAK_AFTER.search(style):
        pages.append([])


def _name(element: Any) -> str:
    """The local tag name, lower case, whichever parser read it ("ix:header", "{ns}div")."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
