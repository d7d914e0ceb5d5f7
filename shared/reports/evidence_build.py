"""Building the evidence of the citations a report showed (see `evidence.py`).

Each source file is hashed once and compared with the cited sha256; each PDF page with a
cited box is rendered once and every band of it cut from that one image; each text file
is read once. An image already in the run folder from the draft report (same key, so
same document, place and drawing style) is kept, so the final report adds no rendering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pypdfium2
from lxml import etree
from PIL import Image

from shared.documents.citation import (
    Citation,
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
)
from shared.documents.cited import CitedDocuments
from shared.documents.errors import DocumentError
from shared.documents.html import HtmlDocument, open_html
from shared.documents.pdf import open_pdf
from shared.documents.text import open_text
from shared.reports import crop
from shared.reports.context import CsvRows, html_snippet, lines_holding, window
from shared.reports.evidence_entry import EVIDENCE_DIR, Evidence, EvidenceRef

Shown = tuple[str, EvidenceRef, Citation]
ShownPdf = tuple[str, EvidenceRef, PdfCitation]


def build_evidence(shown: Sequence[Shown], run_dir: Path, root: Path | None) -> tuple[Evidence, ...]:
    sources = Sources(root)
    built: dict[str, Evidence] = {}
    try:
        for key, ref, cited in shown:
            if not isinstance(cited, PdfCitation):
                built[key] = _guarded(sources, ref, cited, partial(_lines_or_snippet, sources, ref, cited))
        for group in _pdf_pages(shown):
            built.update(_page_evidence(sources, group, run_dir))
    finally:
        sources.close()
    return tuple(built[key] for key, _, _ in shown)


class Sources(CitedDocuments):
    """Source files, each resolved, checked against its cited hash and opened once."""

    def __init__(self, root: Path | None) -> None:
        super().__init__(root, _OPENERS)
        self._csv_rows: dict[Path, CsvRows] = {}

    def problem(self, cited: Citation) -> str | None:
        """Why the cited document cannot be shown as cited, or None."""
        path = self.resolve(cited.path)
        identity = self.identity(path, cited.doc_sha256)
        if identity == "missing":
            return f"source not available: {path} is missing"
        if identity == "changed":
            return f"source changed: {path} is not the document that was cited (its sha256 differs)"
        return None

    def opened(self, cited: Citation, kind: str) -> Any:
        return self.document(self.resolve(cited.path), kind)

    def csv_rows(self, cited: Citation) -> CsvRows:
        path = self.resolve(cited.path)
        if path not in self._csv_rows:
            self._csv_rows[path] = CsvRows(self.opened(cited, "text").lines)
        return self._csv_rows[path]


def _guarded(sources: Sources, ref: EvidenceRef, cited: Citation, make: Callable[[], Evidence]) -> Evidence:
    problem = sources.problem(cited)
    if problem:
        return Evidence(ref=ref, citation=cited, status="unavailable", problem=problem)
    try:
        return make()
    except DocumentError as exc:
        return Evidence(ref=ref, citation=cited, status="unavailable", problem=f"source cannot be read: {exc}")


def _unavailable(ref: EvidenceRef, cited: Citation, problem: str) -> Evidence:
    return Evidence(ref=ref, citation=cited, status="unavailable", problem=problem)


# -- lines and snippets ------------------------------------------------------------------

def _csv(sources: Sources, ref: EvidenceRef, cited: CsvCitation) -> Evidence:
    lines = sources.opened(cited, "text").lines
    span = sources.csv_rows(cited).span(cited.row)
    if span is None:
        return _unavailable(ref, cited, f"source has no row {cited.row}")
    return Evidence(ref=ref, citation=cited, status="lines", lines=window(lines, *span, keep=1))


def _text(sources: Sources, ref: EvidenceRef, cited: TextCitation) -> Evidence:
    lines = sources.opened(cited, "text").lines
    if cited.line > len(lines):
        return _unavailable(ref, cited, f"source has no line {cited.line}")
    return Evidence(ref=ref, citation=cited, status="lines", lines=window(lines, cited.line, cited.line))


def _record(sources: Sources, ref: EvidenceRef, cited: Mt940Citation | OfxCitation) -> Evidence:
    lines = sources.opened(cited, "text").lines
    first, last = cited.lines
    if last > len(lines):
        return _unavailable(ref, cited, f"source has no lines {first}-{last}")
    return Evidence(ref=ref, citation=cited, status="lines", lines=window(lines, first, last))


def _list(sources: Sources, ref: EvidenceRef, cited: ListCitation) -> Evidence:
    """The list file's line holding the entry (a CSV list: the entry's own line; the UN
    XML list: its DATAID line)."""
    lines = sources.opened(cited, "text").lines
    found = lines_holding(lines, cited.entry_id, cited.text) or lines_holding(lines, f">{cited.entry_id}<") \
        or lines_holding(lines, cited.entry_id)
    if found is None:
        return _unavailable(ref, cited, f"no line of entry {cited.entry_id} in the list file")
    return Evidence(ref=ref, citation=cited, status="lines", lines=window(lines, found, found, around=2))


def _html(sources: Sources, ref: EvidenceRef, cited: HtmlCitation) -> Evidence:
    element = _cited_element(sources.opened(cited, "html"), cited)
    if element is None:
        return _unavailable(ref, cited, "the cited element is not in the document")
    return Evidence(ref=ref, citation=cited, status="snippet", snippet=html_snippet(element, cited.text))


def _cited_element(document: HtmlDocument, cited: HtmlCitation) -> Any:
    """The lxml element cited (lxml has no types), or None when it is not there."""
    if cited.element_id:
        return document.element(cited.element_id)
    # The citation's own check guarantees an xpath when there is no element_id.
    return _by_xpath(document, cited.xpath) if cited.xpath else None


def _by_xpath(document: HtmlDocument, xpath: str) -> Any:
    prefixes = {prefix: uri for prefix, uri in document.root.nsmap.items() if prefix}
    try:
        found = document.root.xpath(xpath, namespaces=prefixes)
    except etree.XPathError:
        return None
    return found[0] if isinstance(found, list) and found and hasattr(found[0], "xpath") else None


def _lines_or_snippet(sources: Sources, ref: EvidenceRef, cited: Citation) -> Evidence:
    match cited:
        case CsvCitation():
            return _csv(sources, ref, cited)
        case TextCitation():
            return _text(sources, ref, cited)
        case Mt940Citation() | OfxCitation():
            return _record(sources, ref, cited)
        case ListCitation():
            return _list(sources, ref, cited)
        case HtmlCitation():
            return _html(sources, ref, cited)
        case PdfCitation():
            raise ValueError("a PDF citation is drawn with its page, not shown as lines")


# -- PDF regions -------------------------------------------------------------------------

def _pdf_pages(shown: Sequence[Shown]) -> Iterable[list[ShownPdf]]:
    """The PDF citations grouped by document and page, so each page is drawn once and
    dropped before the next (a page image is megabytes)."""
    groups: dict[tuple[str, int], list[ShownPdf]] = defaultdict(list)
    for key, ref, cited in shown:
        if isinstance(cited, PdfCitation):
            groups[(cited.doc_sha256, cited.page)].append((key, ref, cited))
    return groups.values()


def _page_evidence(sources: Sources, group: list[ShownPdf], run_dir: Path) -> dict[str, Evidence]:
    first = group[0][2]
    problem = sources.problem(first)
    if problem:
        return {key: _unavailable(ref, cited, problem) for key, ref, cited in group}
    targets = {key: run_dir / EVIDENCE_DIR / f"{key}.png" for key, _, _ in group}
    try:
        page = None if all(t.is_file() for t in targets.values()) else _render(sources, first)
        return {key: _region(page, ref, cited, targets[key]) for key, ref, cited in group}
    except DocumentError as exc:
        return {key: _unavailable(ref, cited, f"source cannot be read: {exc}") for key, ref, cited in group}
    # PDFium (a RuntimeError) or Pillow (an OSError) failing on one page must not cost
    # the reviewer the rest of the report: the entry says the page could not be drawn.
    except (RuntimeError, OSError) as exc:
        problem = f"page {first.page} could not be drawn: {type(exc).__name__}: {exc}"
        return {key: _unavailable(ref, cited, problem) for key, ref, cited in group}


def _render(sources: Sources, cited: PdfCitation) -> Any:
    document = sources.opened(cited, "pdf")
    if cited.page > document.page_count:
        raise DocumentError(document.path, f"has no page {cited.page} (it has {document.page_count})")
    cropbox = document.plumber_page(cited.page).cropbox
    return crop.render_page(sources.opened(cited, "pdf-forms"), cited.page, cropbox)


def _region(page: Any, ref: EvidenceRef, cited: PdfCitation, target: Path) -> Evidence:
    if page is None or target.is_file():
        size = _png_size(target)
    else:
        image, _ = crop.cited_region(page, cited.bbox)
        size = crop.save_png(image, target)
    return Evidence(ref=ref, citation=cited, status="image", image=f"{EVIDENCE_DIR}/{target.name}", size=size)


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _open_text(path: Path) -> Any:
    return open_text(path)


def _open_pdf(path: Path) -> Any:
    return open_pdf(path, require_text=False)


def _open_pdf_forms(path: Path) -> Any:
    """A PDFium handle of its own for drawing: forms must be set up before any page of
    the document is loaded, which the reading handle has done already."""
    document = pypdfium2.PdfDocument(path)
    document.init_forms()
    return document


def _open_html(path: Path) -> Any:
    return open_html(path)


_OPENERS: dict[str, Callable[[Path], Any]] = {
    "text": _open_text, "pdf": _open_pdf, "pdf-forms": _open_pdf_forms, "html": _open_html,
}
