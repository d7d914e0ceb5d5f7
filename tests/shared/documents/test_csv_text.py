"""CSV and text documents: decoding, rows and lines, and citing them."""

from __future__ import annotations

import codecs
from pathlib import Path

from shared.documents import (
    CsvDocument,
    HtmlDocument,
    TextDocument,
    open_csv,
    open_document,
    open_text,
)
from tests.shared.documents.conftest import (
    AAPL_IXBRL,
    ABNAMRO_MT940,
    CHECKING_OFX,
    SCREENING_LIST,
)
from tests.support.corpus import needs_corpus


@needs_corpus
def test_screening_list_rows_and_header() -> None:
    document = open_csv(SCREENING_LIST)
    assert document.kind == "csv"
    assert document.header[:5] == ("source", "entity_number", "type", "programs", "name")
    assert len(document.rows) == 115
    assert document.rows[0]["name"] == " ADRIAN MANUEL HERNANDEZ"
    assert document.rows[0]["addresses"] == "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043"
    row = next(i for i, r in enumerate(document.rows, 1) if r["entity_number"] == "20264")
    assert document.cell(row, "name") == "200G PSA HOLDINGS LLC"


@needs_corpus
def test_csv_cite_strips_the_cell_and_verifies() -> None:
    document = open_csv(SCREENING_LIST)
    citation = document.cite(1, "name")
    assert (citation.row, citation.column, citation.text) == (1, "name", "ADRIAN MANUEL HERNANDEZ")
    assert citation.verify()


def test_utf8_bom_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    target = tmp_path / "bom.csv"
    target.write_bytes(codecs.BOM_UTF8 + "id,name\n1,Caf\u00e9\n".encode())
    document = open_csv(target)
    assert document.header == ("id", "name")
    assert document.rows == ({"id": "1", "name": "Caf\u00e9"},)


def test_utf16_excel_unicode_text_export(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes("id\tname\r\n1\tZ\u00fcrich AG\r\n".encode("utf-16"))  # BOM + tabs
    document = open_csv(target)
    assert document.delimiter == "\t"
    assert document.rows == ({"id": "1", "name": "Z\u00fcrich AG"},)


def test_explicit_encoding_overrides(tmp_path: Path) -> None:
    target = tmp_path / "latin.csv"
    target.write_bytes("id;name\n1;Caf\u00e9\n".encode("latin-1"))
    document = open_csv(target, encoding="latin-1")
    assert document.delimiter == ";"
    assert document.rows[0]["name"] == "Caf\u00e9"


def test_header_whitespace_short_rows_and_blank_lines(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text(" id , amount ,memo\n1,10\n\n2,20,rent,,\n")
    document = open_csv(target)
    assert document.header == ("id", "amount", "memo")
    assert document.rows == (
        {"id": "1", "amount": "10", "memo": ""},
        {"id": "2", "amount": "20", "memo": "rent"},
    )


def test_quoted_cells_keep_their_commas_and_newlines(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text('id,name\n1,"Smith, John\nJr."\n2,Doe\n')
    document = open_csv(target)
    assert document.rows[0]["name"] == "Smith, John\nJr."
    assert document.cite(2, "name").verify()


@needs_corpus
def test_mt940_lines_and_record_citation() -> None:
    document = open_text(ABNAMRO_MT940)
    assert document.kind == "text"
    assert document.lines[0] == "ABNANL2A"
    first, last = 8, 10  # the first :61: transaction and its :86: description
    assert document.lines[first - 1] == ":61:1105240524D9,N192NONREF"
    assert document.lines[last - 1].endswith("BETREFT FACTUUR D.D. 20-05-2011")
    citation = document.cite_records("mt940", 1, first, last, "KPN - DIGITENNE")
    assert citation.kind == "mt940" and citation.lines == (8, 10)
    assert citation.verify()
    assert not document.cite_records("mt940", 1, first, last, "KPN - DIGITAL").verify()


@needs_corpus
def test_ofx_record_citation() -> None:
    document = open_text(CHECKING_OFX)
    first = document.lines.index("\t\t\t\t\t<STMTTRN>") + 1
    last = document.lines.index("\t\t\t\t\t</STMTTRN>") + 1
    assert document.lines[first + 2].strip() == "<TRNAMT>0.01"
    citation = document.cite_records("ofx", 1, first, last, "<TRNAMT>0.01")
    assert citation.kind == "ofx"
    assert citation.verify()


def test_text_line_citation(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_bytes(b"first\r\nsecond line\rthird\x0cstill third\n")
    document = open_text(target)
    assert document.lines == ("first", "second line", "third\x0cstill third")
    assert document.cite(2).text == "second line"
    assert document.cite(3, "still third").verify()


@needs_corpus
def test_open_document_dispatch_by_suffix() -> None:
    assert isinstance(open_document(SCREENING_LIST), CsvDocument)
    assert isinstance(open_document(ABNAMRO_MT940), TextDocument)
    assert isinstance(open_document(CHECKING_OFX), TextDocument)
    assert isinstance(open_document(AAPL_IXBRL), HtmlDocument)


def test_text_with_unknown_suffix_is_text(tmp_path: Path) -> None:
    target = tmp_path / "README"
    target.write_text("plain words\n")
    document = open_document(target)
    assert isinstance(document, TextDocument)
    assert document.lines == ("plain words",)
