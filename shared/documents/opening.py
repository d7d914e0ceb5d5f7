"""`open_document`, which picks the reader.

The reader is chosen by content first (a PDF is a PDF whatever its name), then by suffix;
the suffix alone never makes binary bytes into text. It sits above the readers, which
build on `base`, so that base imports none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from shared.documents.base import PDF_MAGIC, check_file, looks_binary, read_head
from shared.documents.errors import UnsupportedFormat
from shared.documents.html import HtmlDocument, open_html
from shared.documents.pdf import PdfDocument, open_pdf
from shared.documents.tabular import CsvDocument, open_csv
from shared.documents.text import TextDocument, open_text

AnyDocument: TypeAlias = PdfDocument | CsvDocument | TextDocument | HtmlDocument

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
HTML_SUFFIXES = frozenset({".htm", ".html", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".sta", ".mt940", ".940", ".ofx", ".qfx", ".md"})


def open_document(
    path: str | Path, *, encoding: str = "utf-8", require_text: bool = True
) -> AnyDocument:
    """Open any supported document; `require_text` applies to PDFs only."""
    check_file(path)
    head = read_head(path)
    suffix = Path(path).suffix.lower()
    if PDF_MAGIC in head or suffix == ".pdf":
        return open_pdf(path, require_text=require_text)
    if suffix in CSV_SUFFIXES:
        return open_csv(path, encoding=encoding)
    if suffix in HTML_SUFFIXES:
        return open_html(path, encoding=encoding)
    if suffix not in TEXT_SUFFIXES and looks_binary(head):
        raise UnsupportedFormat(path, head, "a PDF, CSV, HTML or text file")
    return open_text(path, encoding=encoding)
