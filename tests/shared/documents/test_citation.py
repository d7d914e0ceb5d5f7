"""Citations: the records themselves, and verifying them against the real files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import shared.documents.pdf
from shared.documents import (
    CitationVerifier,
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
    Verification,
    normalise,
    open_csv,
    open_pdf,
    parse_citation,
    sha256_file,
)
from tests.shared.documents.conftest import APPLE_10Q, SCREENING_LIST, MakePdf
from tests.support.corpus import needs_corpus, skip_without_corpus

SHA = "a" * 64
COMMON = {"doc_sha256": SHA, "path": "x", "text": "t"}
EXAMPLES: list[dict[str, Any]] = [
    {"kind": "pdf", "page": 4, "bbox": [1, 2, 3, 4]},
    {"kind": "html", "element_id": "f-1"},
    {"kind": "html", "xpath": "//p[1]"},
    {"kind": "csv", "row": 1, "column": "amount"},
    {"kind": "text", "line": 3},
    {"kind": "mt940", "record": 2, "lines": [8, 10]},
    {"kind": "ofx", "record": 1, "lines": [47, 54]},
    {"kind": "list", "list_name": "ofac_sdn", "entry_id": "20264"},
]


@pytest.fixture(scope="module")
def income_statement_figure() -> PdfCitation:
    skip_without_corpus()
    with open_pdf(APPLE_10Q) as apple:
        page = apple.search("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")[0]
        word = next(word for word in apple.words(page) if word.text == "81,797")
        return apple.cite(page, word.bbox, word.text)


# -- the records ------------------------------------------------------------------------


@pytest.mark.parametrize("fields", EXAMPLES, ids=lambda f: f["kind"])
def test_round_trip_through_json(fields: dict[str, Any]) -> None:
    citation = parse_citation({**COMMON, **fields})
    assert citation.kind == fields["kind"]
    assert parse_citation(citation.model_dump(mode="json")) == citation


def test_kind_picks_the_class() -> None:
    types = [type(parse_citation({**COMMON, **fields})) for fields in EXAMPLES]
    assert types == [
        PdfCitation,
        HtmlCitation,
        HtmlCitation,
        CsvCitation,
        TextCitation,
        Mt940Citation,
        OfxCitation,
        ListCitation,
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "pdf", "page": 0, "bbox": [1, 2, 3, 4]},
        {"kind": "pdf", "page": 1, "bbox": [3, 2, 1, 4]},
        {"kind": "pdf", "page": 1, "bbox": [1, 2, 3, 4], "colour": "red"},
        {"kind": "html"},
        {"kind": "csv", "row": 0, "column": "a"},
        {"kind": "mt940", "record": 1, "lines": [10, 8]},
        {"kind": "list", "list_name": "sdn", "entry_id": ""},
        {"kind": "fax", "line": 1},
    ],
)
def test_invalid_citations_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        parse_citation({**COMMON, **fields})


def test_sha256_must_be_lowercase_hex() -> None:
    with pytest.raises(ValidationError):
        TextCitation(doc_sha256="abc", path="x", text="t", line=1)


def test_citations_are_frozen() -> None:
    citation = TextCitation(doc_sha256=SHA, path="x", text="t", line=1)
    with pytest.raises(ValidationError):
        citation.line = 2  # type: ignore[misc]


def test_bbox_is_rounded_to_hundredths() -> None:
    citation = PdfCitation(doc_sha256=SHA, path="x", text="t", page=1, bbox=(1.004, 2.555, 3, 4))
    assert citation.bbox == (1.0, 2.56, 3.0, 4.0)


def test_verification_is_truthy_only_when_ok() -> None:
    assert Verification(True, "found")
    assert not Verification(False, "file missing")


def test_normalise_folds_dashes_quotes_ligatures_and_whitespace() -> None:
    typeset = "  Total\u00a0net\n sales \u2013 \u201cQ3\u201d \ufb01nal "
    assert normalise(typeset) == 'Total net sales - "Q3" final'


# -- verifying against the Apple 10-Q ---------------------------------------------------


@needs_corpus
def test_pdf_figure_verifies(income_statement_figure: PdfCitation) -> None:
    assert income_statement_figure.page == 4
    assert income_statement_figure.doc_sha256 == sha256_file(APPLE_10Q)
    result = income_statement_figure.verify()
    assert result.ok, result.reason
    assert result.reason == f"found at page 4 bbox {list(income_statement_figure.bbox)}"


def test_pdf_altered_text_fails_with_what_was_found(income_statement_figure: PdfCitation) -> None:
    result = income_statement_figure.model_copy(update={"text": "81,799"}).verify()
    assert not result
    assert result.reason == (
        f"text not found at page 4 bbox {list(income_statement_figure.bbox)}: found '81,797'"
    )


def test_pdf_box_on_the_wrong_line_fails(income_statement_figure: PdfCitation) -> None:
    x0, top, x1, bottom = income_statement_figure.bbox
    moved = income_statement_figure.model_copy(update={"bbox": (x0, top - 11, x1, bottom - 11)})
    result = moved.verify()
    assert not result and result.reason.endswith("found '21,213'")


def test_pdf_page_past_the_end(income_statement_figure: PdfCitation) -> None:
    result = income_statement_figure.model_copy(update={"page": 40}).verify()
    assert not result and result.reason.endswith("is past the last page (29)")


@needs_corpus
def test_a_line_label_and_its_figure_verify(income_statement_figure: PdfCitation) -> None:
    with open_pdf(APPLE_10Q) as apple:
        line = next(line for line in apple.lines(4) if line.text.startswith("Total net sales"))
        citation = apple.cite(4, line.bbox, "Total net sales 81,797 82,959 293,787 304,182")
    assert citation.verify()


def test_wrong_sha_is_a_changed_document(income_statement_figure: PdfCitation) -> None:
    result = income_statement_figure.model_copy(update={"doc_sha256": "0" * 64}).verify()
    assert result == Verification(False, "document changed since it was cited")


@needs_corpus
def test_one_more_byte_is_a_changed_document(
    income_statement_figure: PdfCitation, tmp_path: Path
) -> None:
    copy = tmp_path / "apple.pdf"
    shutil.copyfile(APPLE_10Q, copy)
    cited_copy = income_statement_figure.model_copy(update={"path": str(copy)})
    assert cited_copy.verify()
    with copy.open("ab") as handle:
        handle.write(b"\n")
    assert cited_copy.verify() == Verification(False, "document changed since it was cited")


def test_missing_file(income_statement_figure: PdfCitation, tmp_path: Path) -> None:
    gone = income_statement_figure.model_copy(update={"path": str(tmp_path / "gone.pdf")})
    assert gone.verify() == Verification(False, "file missing")


@needs_corpus
def test_verifier_opens_a_document_once_for_every_word_on_a_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_pdf(APPLE_10Q) as apple:
        citations = [apple.cite(4, word.bbox, word.text) for word in apple.words(4)]
    opened: list[Path] = []
    real_open = shared.documents.pdf.open_pdf
    def counting_open(path: Path, **options: Any) -> Any:
        opened.append(path)
        return real_open(path, **options)

    monkeypatch.setattr(shared.documents.pdf, "open_pdf", counting_open)
    with CitationVerifier() as verifier:
        results = verifier.verify_all(citations)
    assert len(citations) > 200
    assert [result.reason for result in results if not result] == []
    assert len(opened) == 1


def test_verifier_resolves_relative_paths_against_its_root(make_pdf: MakePdf) -> None:
    made = make_pdf("made.pdf", text="Net income (1,234)")
    with open_pdf(made) as document:
        word = document.words(1)[-1]
        citation = document.cite(1, word.bbox, "(1,234)").model_copy(update={"path": made.name})
    assert citation.verify(CitationVerifier(root=made.parent))
    elsewhere = CitationVerifier(root=made.parent / "elsewhere")
    assert citation.verify(elsewhere).reason == "file missing"


# -- verifying CSV cells and list entries ------------------------------------------------


@needs_corpus
def test_csv_cell_altered_text_fails() -> None:
    citation = open_csv(SCREENING_LIST).cite(2, "name")
    assert citation.text == "183rd Guard Air Defense Missile Regiment"
    result = citation.model_copy(update={"text": "183rd Guard"}).verify()
    assert result.reason == (
        "text not found at row 2 column 'name': found '183rd Guard Air Defense Missile Regiment'"
    )
    unknown = citation.model_copy(update={"column": "nmae"}).verify()
    assert unknown.reason == "no column 'nmae' in the header"


@needs_corpus
def test_list_entry_verifies_by_id_and_text() -> None:
    citation = ListCitation(
        doc_sha256=sha256_file(SCREENING_LIST),
        path=str(SCREENING_LIST),
        text="200G PSA HOLDINGS LLC",
        list_name="trade_gov_csl",
        entry_id="20264",
    )
    assert citation.verify()
    assert not citation.model_copy(update={"text": "200G PSA HOLDINGS INC"}).verify()
    missing = citation.model_copy(update={"entry_id": "99999999"}).verify()
    assert missing.reason == "no line of list 'trade_gov_csl' entry '99999999' in the list file"


def test_unreadable_document_is_a_reason_not_an_exception(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_bytes(b"id\n\xe9\n")
    citation = CsvCitation(
        doc_sha256=sha256_file(target), path=str(target), text="x", row=1, column="id"
    )
    result = citation.verify()
    assert not result
    assert result.reason.startswith("cannot be checked: the file is not UTF-8 text (byte 0xe9")
