"""Reading source documents (PDF, CSV, text, HTML/iXBRL) and citing what was read in them.

Opening a document checks it first and fails with one clear line naming the file (a
`DocumentError`); every figure read from it can be cited, and every citation verified
against the file later. Importing this package loads no PDF or HTML library: each is
imported by the function that needs it, since every citation loads this package and most
of the commands that read citations (audit, screen, review) open no document.
"""

from shared.documents.base import Document, sha256_file
from shared.documents.citation import (
    Citation,
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
    Verification,
    parse_citation,
)
from shared.documents.errors import (
    CorruptPdf,
    DocumentError,
    EmptyFile,
    EncodingProblem,
    FileMissing,
    MissingColumns,
    NotAPdf,
    NoTextLayer,
    PasswordRequired,
    TruncatedPdf,
    UnsupportedFormat,
)
from shared.documents.html import HtmlDocument, open_html
from shared.documents.layout import TextLine, Word
from shared.documents.opening import open_document
from shared.documents.pdf import PdfDocument, open_pdf
from shared.documents.tabular import CsvDocument, open_csv
from shared.documents.text import TextDocument, open_text
from shared.documents.verify import CitationVerifier, normalise

__all__ = [
    "Citation",
    "CitationVerifier",
    "CorruptPdf",
    "CsvCitation",
    "CsvDocument",
    "Document",
    "DocumentError",
    "EmptyFile",
    "EncodingProblem",
    "FileMissing",
    "HtmlCitation",
    "HtmlDocument",
    "ListCitation",
    "MissingColumns",
    "Mt940Citation",
    "NoTextLayer",
    "NotAPdf",
    "OfxCitation",
    "PasswordRequired",
    "PdfCitation",
    "PdfDocument",
    "TextCitation",
    "TextDocument",
    "TextLine",
    "TruncatedPdf",
    "UnsupportedFormat",
    "Verification",
    "Word",
    "normalise",
    "open_csv",
    "open_document",
    "open_html",
    "open_pdf",
    "open_text",
    "parse_citation",
    "sha256_file",
]
