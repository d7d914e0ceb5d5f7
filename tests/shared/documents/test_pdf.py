"""PDF reading on the real filings: full text via PDFium, words and boxes via pdfplumber."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

import pytest

from shared.documents import PdfDocument, open_document, open_pdf
from tests.shared.documents.conftest import APPLE_10Q, INTEL_EARNINGS, MakePdf
from tests.support.corpus import needs_corpus, skip_without_corpus

INCOME_STATEMENT = "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"


@pytest.fixture(scope="module")
def apple() -> Iterator[PdfDocument]:
    skip_without_corpus()
    with open_pdf(APPLE_10Q) as document:
        yield document


@needs_corpus
def test_apple_10q_is_owner_password_encrypted_yet_opens(apple: PdfDocument) -> None:
    assert b"/Encrypt" in APPLE_10Q.read_bytes()
    assert apple.page_count == 29
    assert apple.kind == "pdf"
    assert apple.sha256 == hashlib.sha256(APPLE_10Q.read_bytes()).hexdigest()


def test_apple_text_through_pdfium_and_pdfplumber(apple: PdfDocument) -> None:
    assert "Total net sales 81,797 82,959" in apple.page_text(4)
    words = [word.text for word in apple.words(4)]
    assert words[words.index("81,797") - 1] == "sales"


def test_search_finds_the_income_statement_first(apple: PdfDocument) -> None:
    pages = apple.search(INCOME_STATEMENT)
    assert pages[0] == 4
    assert apple.search(re.compile(r"condensed consolidated statements of operations")) == []
    assert apple.search(INCOME_STATEMENT.lower()) == pages


def test_search_matches_across_line_breaks(apple: PdfDocument) -> None:
    assert "Statements\nApple Inc." in apple.page_text(4)
    assert 4 in apple.search(r"Financial Statements Apple Inc\.")


def test_income_statement_line_and_its_figures(apple: PdfDocument) -> None:
    line = next(line for line in apple.lines(4) if line.text.startswith("Total net sales"))
    assert line.text == "Total net sales 81,797 82,959 293,787 304,182"
    figure = line.words[3]
    assert figure.text == "81,797"
    x0, top, x1, bottom = figure.bbox
    assert line.bbox[0] < x0 < x1 <= line.bbox[2]
    assert 225 < top < bottom < 245  # about a third of the way down a 792 pt page


def test_lines_run_top_to_bottom(apple: PdfDocument) -> None:
    tops = [line.bbox[1] for line in apple.lines(4)]
    assert tops == sorted(tops)
    assert apple.lines(4)[0].text == "PART I — FINANCIAL INFORMATION"


def test_tables_come_from_pdfplumber(apple: PdfDocument) -> None:
    rows = [row for table in apple.tables(4) for row in table]
    total = next(row for row in rows if row[0] == "Total net sales")
    assert total[1] == "81,797"


def test_page_texts_reports_progress(apple: PdfDocument) -> None:
    calls: list[tuple[int, int]] = []
    texts = apple.page_texts(lambda done, total: calls.append((done, total)))
    assert len(texts) == 29
    assert calls[0] == (1, 29) and calls[-1] == (29, 29)


@needs_corpus
def test_pdfplumber_opens_once_and_only_when_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    opened: list[object] = []
    real_open = pdfplumber.open

    def counting_open(*args: Any, **options: Any) -> Any:
        opened.append(args)
        return real_open(*args, **options)

    monkeypatch.setattr(pdfplumber, "open", counting_open)
    with open_pdf(INTEL_EARNINGS) as intel:
        assert intel.search(r"first-quarter revenue of \$11\.7 billion") == [1]
        assert intel.page_text(6)
        assert opened == []
        intel.words(6)
        intel.lines(9)
        intel.plumber_page(1)
        assert len(opened) == 1


def test_word_options_pass_through(apple: PdfDocument) -> None:
    split = [word.text for word in apple.words(4, split_at_punctuation=True)]
    assert "81,797" in [word.text for word in apple.words(4)]
    assert "81,797" not in split and "797" in split


@needs_corpus
def test_closed_document_refuses_use() -> None:
    with open_pdf(INTEL_EARNINGS) as intel:
        pass
    intel.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="closed"):
        intel.page_text(1)


def test_open_document_dispatches_by_content(make_pdf: MakePdf) -> None:
    made = make_pdf("report.txt")  # a PDF under the wrong name is still a PDF
    with open_document(made) as document:
        assert isinstance(document, PdfDocument)
        assert document.path == made


def test_owner_password_only_pdf_opens(make_pdf: MakePdf) -> None:
    made = make_pdf(owner_password="owner", text="Net income 42")
    with open_pdf(made) as document:
        assert "Net income 42" in document.page_text(1)
        assert [word.text for word in document.words(1)] == ["Net", "income", "42"]


def test_boxes_are_measured_from_the_top_left(make_pdf: MakePdf) -> None:
    made = make_pdf(text="Revenue 1,234", x=100, y=200)
    with open_pdf(made) as document:
        word = document.words(1)[0]
        assert 100 <= word.x0 < 104
        assert 200 <= word.top < word.bottom < 216
