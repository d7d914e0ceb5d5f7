"""PDF documents: fast full text with pypdfium2, coordinates with pdfplumber.

pypdfium2 reads a page's text in milliseconds, so searching a 300-page annual report is
cheap. pdfplumber (pdfminer) is ten to a hundred times slower but gives every character
its box; it is opened lazily, once, and only the pages asked for are parsed. Neither
library is imported until a PDF is opened. A `PdfDocument` holds native handles: close
it (or use `with`), and do not share one between threads (PDFium is not thread-safe).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

from shared.documents.base import PDF_MAGIC, check_file, read_head, read_range, sha256_file
from shared.documents.citation import Bbox, PdfCitation
from shared.documents.errors import (
    CorruptPdf,
    DocumentError,
    NotAPdf,
    NoTextLayer,
    PasswordRequired,
    TruncatedPdf,
)
from shared.documents.layout import TextLine, Word, group_lines

_EOF_WINDOW = 2048
_WHITESPACE = re.compile(r"\s+")
Table = list[list[str | None]]


def open_pdf(path: str | Path, *, require_text: bool = True) -> PdfDocument:
    """Open a PDF, refusing files that are not, or not wholly, a readable PDF.

    `require_text` refuses a PDF with no text on any page (a scan): figures cannot be
    cited from pixels, and an empty extraction would otherwise look like "no findings".
    """
    size = check_file(path)
    head = read_head(path)
    if PDF_MAGIC not in head:
        raise NotAPdf(path, head)
    # PDFium quietly rebuilds a cut-off file from what is left, dropping pages; a file
    # without its final %%EOF is refused before PDFium can do that.
    if b"%%EOF" not in read_range(path, -min(size, _EOF_WINDOW), _EOF_WINDOW):
        raise TruncatedPdf(path)
    document = PdfDocument(Path(path), sha256_file(path), _load_pdfium(path))
    if require_text and not document.has_text():
        document.close()
        raise NoTextLayer(path)
    return document


def _load_pdfium(path: str | Path) -> Any:
    import pypdfium2  # noqa: PLC0415 (pypdfium2 stays out of `import shared.documents`, which every citation loads)
    import pypdfium2.raw  # noqa: PLC0415 (pypdfium2 stays out of `import shared.documents`, which every citation loads)

    try:
        # No password: a file locked only by an owner password (permissions) opens as
        # it does in any reader; one that needs a user password is refused.
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        # PDFium refuses a document whose page tree holds no page (empty or damaged)
        # without setting an error of its own, so the code it reports is "success" or
        # whatever the last failure in this process was (a locked file opened earlier):
        # a password is asked for only when the file is encrypted at all.
        if exc.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD and b"/Encrypt" in Path(path).read_bytes():
            raise PasswordRequired(path) from exc
        if exc.err_code in (pypdfium2.raw.FPDF_ERR_SUCCESS, pypdfium2.raw.FPDF_ERR_PASSWORD):
            raise CorruptPdf(path, "PDFium finds no page in it") from exc
        raise CorruptPdf(path, f"PDFium: {_pdfium_reason(exc)}") from exc
    if len(document) == 0:
        document.close()
        raise CorruptPdf(path, "it has no pages")
    return document


def _pdfium_reason(exc: Any) -> str:
    import pypdfium2.internal  # noqa: PLC0415 (pypdfium2 stays out of `import shared.documents`, which every citation loads)

    return str(pypdfium2.internal.ErrorToStr.get(exc.err_code, exc)).lower()


class PdfDocument:
    """An open PDF. Page numbers are 1-based everywhere, as printed in a citation."""

    kind: ClassVar[str] = "pdf"

    def __init__(self, path: Path, sha256: str, pdfium_document: Any) -> None:
        self.path = path
        self.sha256 = sha256
        self.page_count: int = len(pdfium_document)
        self._pdfium: Any = pdfium_document
        self._plumber: Any = None
        self._texts: dict[int, str] = {}
        self._words: dict[tuple[int, str], tuple[Word, ...]] = {}

    def __repr__(self) -> str:
        return f"PdfDocument({str(self.path)!r}, pages={self.page_count})"

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release both libraries' handles; safe to call twice."""
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None

    # -- full text, via PDFium ---------------------------------------------------------

    def has_text(self) -> bool:
        """Whether any page has a character, stopping at the first page that does."""
        return any(self._char_count(page) > 0 for page in range(1, self.page_count + 1))

    def page_text(self, page: int) -> str:
        """The page's text in PDFium's reading order, with "\\n" line breaks."""
        self._check_page(page)
        if page not in self._texts:
            pdf_page = self._pdfium_page(page)
            textpage = pdf_page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            pdf_page.close()
            self._texts[page] = text.replace("\r\n", "\n").replace("\r", "\n")
        return self._texts[page]

    def page_texts(self, on_page: Callable[[int, int], None] | None = None) -> list[str]:
        """Every page's text; `on_page(done, total)` is called after each page."""
        texts = []
        for page in range(1, self.page_count + 1):
            texts.append(self.page_text(page))
            if on_page is not None:
                on_page(page, self.page_count)
        return texts

    def search(self, pattern: str | re.Pattern[str], *, flags: int = re.I) -> list[int]:
        """Pages whose text matches `pattern` (a regular expression; `flags` apply to a str).

        Runs of whitespace in the page text, line breaks included, are matched as one
        space, so a heading wrapped over two lines is still found by its words.
        """
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        return [
            page
            for page in range(1, self.page_count + 1)
            if regex.search(_WHITESPACE.sub(" ", self.page_text(page)))
        ]

    # -- coordinates, via pdfplumber ---------------------------------------------------

    def plumber_page(self, page: int) -> Any:
        """The pdfplumber `Page`, for callers that need more than words, lines, tables."""
        self._check_page(page)
        pages = self._plumber_pdf().pages
        if len(pages) < page:  # the two libraries recover a damaged page tree differently
            raise CorruptPdf(self.path, f"pdfplumber finds {len(pages)} page(s), PDFium {self.page_count}")
        return pages[page - 1]

    def words(self, page: int, **options: Any) -> list[Word]:
        """pdfplumber's words with their boxes; `options` go to `extract_words`."""
        settings = {"keep_blank_chars": False, "use_text_flow": False, **options}
        key = (page, repr(sorted(settings.items())))
        if key not in self._words:
            plumber_page = self.plumber_page(page)
            try:
                raw = plumber_page.extract_words(**settings)
            except Exception as exc:  # pdfminer raises many unrelated types for one damaged page
                raise _plumber_failure(self.path, exc, page) from exc
            self._words[key] = tuple(Word.from_plumber(word) for word in raw)
        return list(self._words[key])

    def lines(self, page: int, *, y_tolerance: float = 3.0, **options: Any) -> list[TextLine]:
        """The page's words grouped into visual lines, top to bottom."""
        return group_lines(self.words(page, **options), y_tolerance)

    def tables(self, page: int, **settings: Any) -> list[Table]:
        """pdfplumber's `extract_tables`, with `settings` as its table settings."""
        return self.plumber_page(page).extract_tables(settings or None)

    def text_in_bbox(self, page: int, bbox: Bbox, tolerance: float = 1.0) -> str:
        """Text of the characters whose centre lies in `bbox` (grown by `tolerance`)."""
        from pdfplumber.utils import extract_text  # noqa: PLC0415 (pdfplumber stays out of `import shared.documents`, which every citation loads)

        x0, top, x1, bottom = bbox
        chars = [
            char
            for char in self.plumber_page(page).chars
            if x0 - tolerance <= (char["x0"] + char["x1"]) / 2 <= x1 + tolerance
            and top - tolerance <= (char["top"] + char["bottom"]) / 2 <= bottom + tolerance
        ]
        return extract_text(chars) if chars else ""

    def cite(self, page: int, bbox: Bbox, text: str) -> PdfCitation:
        self._check_page(page)
        return PdfCitation(
            doc_sha256=self.sha256, path=str(self.path), text=text, page=page, bbox=bbox
        )

    # -- internals ---------------------------------------------------------------------

    def _open(self) -> Any:
        if self._pdfium is None:
            raise ValueError(f"{self.path}: the document was closed")
        return self._pdfium

    def _pdfium_page(self, page: int) -> Any:
        import pypdfium2  # noqa: PLC0415 (pypdfium2 stays out of `import shared.documents`, which every citation loads)

        try:
            return self._open()[page - 1]
        except pypdfium2.PdfiumError as exc:  # damaged bytes inside one page's objects
            raise CorruptPdf(self.path, f"PDFium: page {page}: {exc}".rstrip(".")) from exc

    def _char_count(self, page: int) -> int:
        pdf_page = self._pdfium_page(page)
        textpage = pdf_page.get_textpage()
        count = int(textpage.count_chars())
        textpage.close()
        pdf_page.close()
        return count

    def _plumber_pdf(self) -> Any:
        self._open()
        if self._plumber is None:
            self._plumber = _load_plumber(self.path)
        return self._plumber

    def _check_page(self, page: int) -> None:
        if not 1 <= page <= self.page_count:
            raise DocumentError(self.path, f"has no page {page} (it has {self.page_count})")


def _load_plumber(path: Path) -> Any:
    import pdfplumber  # noqa: PLC0415 (pdfplumber stays out of `import shared.documents`, which every citation loads)

    # pdfminer raises many unrelated exception types for one damaged file.
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise _plumber_failure(path, exc) from exc
    try:
        _ = pdf.pages  # parses the page tree now, so a damaged one fails here, once
    except Exception as exc:
        _close_damaged(pdf)
        raise _plumber_failure(path, exc) from exc
    return pdf


def _close_damaged(pdf: Any) -> None:
    # Closing walks the same damaged page tree again; the file handle is what matters.
    try:
        pdf.close()
    except Exception:
        pdf.stream.close()


def _plumber_failure(path: Path, exc: Exception, page: int | None = None) -> CorruptPdf:
    where = f"page {page}: " if page is not None else ""
    return CorruptPdf(path, f"pdfplumber: {where}{type(exc).__name__}: {exc}".rstrip(": "))
