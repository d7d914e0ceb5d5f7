"""Checking citations against their documents.

For every kind the file must exist and hash to the cited `doc_sha256`; then the text
must be at the cited place. Texts are compared after `normalise` on both sides, so a
line break or a typographic dash in the PDF does not fail a citation whose characters
are all there. A `CitationVerifier` opens each document once, however many citations
point into it; it is meant for one pass over a result, not to outlive changes on disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from shared.documents import html as html_reader
from shared.documents import pdf as pdf_reader
from shared.documents import tabular as csv_reader
from shared.documents import text as text_reader
from shared.documents.citation import (
    CitationBase,
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
    Verification,
)
from shared.documents.cited import CitedDocuments
from shared.documents.errors import DocumentError
from shared.documents.forms import form_text_in_bbox

# NFKC leaves typographic dashes and quotes alone; a figure typed with "-" must still
# match a PDF's "\u2013", so these few are folded too. The soft hyphen is invisible.
_FOLD: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-"),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'),
    ord("\u00ad"): None,
}
_SHOWN = 80


def normalise(text: str) -> str:
    """NFKC, plain dashes and quotes, one space for any run of whitespace.

    Case and digits are left alone: they are the figure.
    """
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).split())


def contains(haystack: str, needle: str) -> bool:
    """Whether `needle` is in `haystack` once both are normalised.

    Failing that, the comparison is retried without any whitespace: PDFs store no
    spaces, only positions, and two extractors can disagree about where a gap is a space.
    """
    hay, pin = normalise(haystack), normalise(needle)
    if pin in hay:
        return True
    return re.sub(r"\s", "", pin) in re.sub(r"\s", "", hay)


class CitationVerifier(CitedDocuments):
    """Verifies citations, hashing and opening each document once.

    `root` resolves relative citation paths (e.g. an engagement folder); without it
    they are relative to the working folder.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        super().__init__(root, _OPENERS)

    def verify_all(self, citations: Iterable[CitationBase]) -> list[Verification]:
        return [self.verify(citation) for citation in citations]

    def verify(self, citation: CitationBase) -> Verification:
        path = self.resolve(citation.path)
        try:
            identity = self.identity(path, citation.doc_sha256)
            if identity != "same":
                return Verification(False, _IDENTITY_PROBLEMS[identity])
            return _CHECKS[type(citation)](self, path, citation)
        except DocumentError as exc:
            return Verification(False, f"cannot be checked: the file {exc.problem}")


_IDENTITY_PROBLEMS = {"missing": "file missing", "changed": "document changed since it was cited"}


def _open_pdf(path: Path) -> Any:
    return pdf_reader.open_pdf(path, require_text=False)


def _open_csv(path: Path) -> Any:
    return csv_reader.open_csv(path)


def _open_text(path: Path) -> Any:
    return text_reader.open_text(path)


def _open_html(path: Path) -> Any:
    return html_reader.open_html(path)


def _open_list_xml(path: Path) -> dict[str, tuple[list[str], str]]:
    """The UN consolidated list's entries by DATAID: their names and their whole text."""
    from lxml import etree  # noqa: PLC0415 (lxml stays out of `import shared.documents`, which every citation loads)

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise DocumentError(path, f"is not well-formed XML ({exc})") from None
    parts = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    entries: dict[str, tuple[list[str], str]] = {}
    for node in root.iter("INDIVIDUAL", "ENTITY"):
        joined = " ".join(t for t in (node.findtext(p, "").strip() for p in parts) if t)
        names = [joined, node.findtext("NAME_ORIGINAL_SCRIPT", "")]
        names += [a.text or "" for a in node.iter("ALIAS_NAME")]
        entries[node.findtext("DATAID", "").strip()] = (names, " ".join(node.itertext()))
    return entries


_OPENERS: dict[str, Callable[[Path], Any]] = {
    "list-xml": _open_list_xml,
    "pdf": _open_pdf,
    "csv": _open_csv,
    "text": _open_text,
    "html": _open_html,
}


def _check_pdf(verifier: CitationVerifier, path: Path, citation: PdfCitation) -> Verification:
    document = verifier.document(path, "pdf")
    where = f"page {citation.page} bbox {list(citation.bbox)}"
    if citation.page > document.page_count:
        return _fail(f"{where} is past the last page ({document.page_count})")
    found = document.text_in_bbox(citation.page, citation.bbox)
    if not contains(found, citation.text):
        # A filled form's values are in its widgets, not the page text.
        filled = form_text_in_bbox(document, citation.page, citation.bbox)
        if filled and contains(filled, citation.text):
            return Verification(True, f"found in the form fields at {where}")
    return _compare(found, citation.text, where)


def _check_html(verifier: CitationVerifier, path: Path, citation: HtmlCitation) -> Verification:
    document = verifier.document(path, "html")
    if citation.element_id:
        where = f"element id '{citation.element_id}'"
        found = document.element_text(citation.element_id)
    else:
        where = f"XPath {citation.xpath!r}"
        found = document.xpath_text(citation.xpath)
    if found is None:
        return _fail(f"no {where} in the document")
    return _compare(found, citation.text, where)


def _check_csv(verifier: CitationVerifier, path: Path, citation: CsvCitation) -> Verification:
    document = verifier.document(path, "csv")
    where = f"row {citation.row} column '{citation.column}'"
    if citation.column not in document.header:
        return _fail(f"no column '{citation.column}' in the header")
    if citation.row > len(document.rows):
        return _fail(f"{where} is past the last row ({len(document.rows)})")
    found = document.rows[citation.row - 1][citation.column]
    if normalise(found) != normalise(citation.text):
        return _fail(f"text not found at {where}: found {_shown(found)}")
    return Verification(True, f"found at {where}")


def _check_text(verifier: CitationVerifier, path: Path, citation: TextCitation) -> Verification:
    lines = verifier.document(path, "text").lines
    where = f"line {citation.line}"
    if citation.line > len(lines):
        return _fail(f"{where} is past the last line ({len(lines)})")
    return _compare(lines[citation.line - 1], citation.text, where)


def _check_record(
    verifier: CitationVerifier, path: Path, citation: Mt940Citation | OfxCitation
) -> Verification:
    """The record number is not re-derived (that needs the statement parser); the line
    range it was read from must hold the text."""
    lines = verifier.document(path, "text").lines
    first, last = citation.lines
    where = f"record {citation.record} lines {first}-{last}"
    if last > len(lines):
        return _fail(f"{where} run past the last line ({len(lines)})")
    return _compare("\n".join(lines[first - 1 : last]), citation.text, where)


def _check_list(verifier: CitationVerifier, path: Path, citation: ListCitation) -> Verification:
    """CSV lists (one entry per line): a line must hold both the entry id and the text.
    The UN consolidated XML: the entry whose DATAID is the entry id must hold the text,
    as one of its names (name parts joined by spaces, an alias, the original-script
    name) or else within the entry's text.
    """
    where = f"list '{citation.list_name}' entry '{citation.entry_id}'"
    with open(path, "rb") as handle:
        is_xml = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if is_xml:
        entry = verifier.document(path, "list-xml").get(citation.entry_id)
        if entry is None:
            return _fail(f"no {where} (no DATAID {citation.entry_id}) in the list file")
        names, text = entry
        if any(normalise(n) == normalise(citation.text) for n in names) or contains(text, citation.text):
            return Verification(True, f"found at {where}")
        return _fail(f"text not found at {where}: its names are {_shown('; '.join(n for n in names if n))}")
    lines = verifier.document(path, "text").lines
    with_id = [line for line in lines if contains(line, citation.entry_id)]
    if not with_id:
        return _fail(f"no line of {where} in the list file")
    if any(contains(line, citation.text) for line in with_id):
        return Verification(True, f"found at {where}")
    return _fail(f"text not found at {where}: found {_shown(with_id[0])}")


def _compare(found: str, cited: str, where: str) -> Verification:
    if contains(found, cited):
        return Verification(True, f"found at {where}")
    return _fail(f"text not found at {where}: found {_shown(found)}")


def _shown(text: str) -> str:
    collapsed = normalise(text)
    if len(collapsed) > _SHOWN:
        collapsed = collapsed[: _SHOWN - 3] + "..."
    return repr(collapsed) if collapsed else "nothing"


def _fail(reason: str) -> Verification:
    return Verification(False, reason)


_CHECKS: dict[type, Callable[[CitationVerifier, Path, Any], Verification]] = {
    PdfCitation: _check_pdf,
    HtmlCitation: _check_html,
    CsvCitation: _check_csv,
    TextCitation: _check_text,
    Mt940Citation: _check_record,
    OfxCitation: _check_record,
    ListCitation: _check_list,
}
