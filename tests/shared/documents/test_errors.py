"""Bad inputs: each fails with its own error type and one line naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from shared.documents import (
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
    open_csv,
    open_document,
    open_pdf,
    open_text,
)
from shared.errors import InputError
from tests.shared.documents.conftest import APPLE_10Q, INTEL_EARNINGS, MakePdf
from tests.support.corpus import needs_corpus

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths, so each message can be checked against exactly what was typed.
    monkeypatch.chdir(tmp_path)


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def test_errors_are_input_errors_with_exit_status_2() -> None:
    error = FileMissing("x.pdf")
    assert isinstance(error, DocumentError) and isinstance(error, InputError)
    assert error.exit_code == 2
    assert (error.source, error.problem) == ("x.pdf", "does not exist")


def test_missing_file_names_the_path_as_given() -> None:
    with pytest.raises(FileMissing) as caught:
        open_document("statements/x.pdf")
    assert str(caught.value) == "statements/x.pdf: does not exist"


def test_folder() -> None:
    Path("ledger").mkdir()
    with pytest.raises(DocumentError) as caught:
        open_document("ledger")
    assert str(caught.value) == "ledger: is a folder, not a file"


@pytest.mark.parametrize("name", ["x.pdf", "x.csv", "x.txt", "x.htm", "x"])
def test_empty_file(name: str) -> None:
    Path(name).write_bytes(b"")
    with pytest.raises(EmptyFile) as caught:
        open_document(name)
    assert str(caught.value) == f"{name}: is empty"


@pytest.mark.parametrize("name", ["x.csv", "x.sta"])
def test_whitespace_only_text_is_empty(name: str) -> None:
    Path(name).write_bytes(b" \r\n\t\n")
    with pytest.raises(EmptyFile, match=rf"^{name}: is empty$"):
        open_document(name)


def test_zip_renamed_pdf_is_not_a_pdf() -> None:
    Path("x.pdf").write_bytes(zip_bytes())
    with pytest.raises(NotAPdf) as caught:
        open_document("x.pdf")
    assert str(caught.value) == (
        "x.pdf: is not a PDF (starts with 'PK': a ZIP archive, e.g. .xlsx or .docx)"
    )


def test_png_renamed_pdf_is_not_a_pdf() -> None:
    Path("scan.pdf").write_bytes(PNG_HEAD + bytes(100))
    with pytest.raises(NotAPdf) as caught:
        open_pdf("scan.pdf")
    assert str(caught.value) == "scan.pdf: is not a PDF (starts with 'PNG': a PNG image)"


@needs_corpus
def test_truncated_pdf() -> None:
    data = APPLE_10Q.read_bytes()
    Path("x.pdf").write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedPdf) as caught:
        open_pdf("x.pdf")
    assert str(caught.value) == "x.pdf: is truncated (no end-of-file marker)"


@needs_corpus
def test_nearly_whole_pdf_is_still_truncated() -> None:
    # PDFium opens this one (rebuilding it from what is left); it must still be refused.
    data = INTEL_EARNINGS.read_bytes()
    Path("intel.pdf").write_bytes(data[: int(len(data) * 0.9)])
    with pytest.raises(TruncatedPdf, match=r"^intel\.pdf: is truncated"):
        open_pdf("intel.pdf")


def test_corrupt_pdf() -> None:
    Path("x.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    with pytest.raises(CorruptPdf) as caught:
        open_pdf("x.pdf")
    assert str(caught.value) == (
        "x.pdf: is a damaged PDF that cannot be read (PDFium: data format error)"
    )


def test_password_protected_pdf(make_pdf: MakePdf) -> None:
    made = make_pdf("statement.pdf", owner_password="o", user_password="u")
    with pytest.raises(PasswordRequired) as caught:
        open_document(made.name)
    assert str(caught.value) == "statement.pdf: needs a password to open"


def test_scanned_pdf_without_text(make_pdf: MakePdf) -> None:
    made = make_pdf("scan.pdf", text=None, image=True)
    with pytest.raises(NoTextLayer) as caught:
        open_pdf(made.name)
    assert str(caught.value) == "scan.pdf: has no text layer (a scanned image?); run OCR first"


def test_scanned_pdf_opens_when_text_is_not_required(make_pdf: MakePdf) -> None:
    made = make_pdf("scan.pdf", text=None, image=True)
    with open_pdf(made.name, require_text=False) as document:
        assert document.page_count == 1
        assert document.page_text(1) == ""


def test_latin1_csv_is_an_encoding_problem() -> None:
    data = "id,name\n1,Caf\u00e9 Noir\n".encode("latin-1")
    Path("ledger.csv").write_bytes(data)
    with pytest.raises(EncodingProblem) as caught:
        open_csv("ledger.csv")
    offset = data.index(b"\xe9")
    assert str(caught.value) == (
        f"ledger.csv: is not UTF-8 text (byte 0xe9 at offset {offset}); "
        "save it as UTF-8 or set its encoding"
    )
    assert (caught.value.byte, caught.value.offset) == (0xE9, offset)


def test_encoding_offset_counts_the_bom() -> None:
    data = b"\xef\xbb\xbfid\n\xff\n"
    Path("x.txt").write_bytes(data)
    with pytest.raises(EncodingProblem) as caught:
        open_text("x.txt")
    assert caught.value.offset == data.index(b"\xff")


def test_unknown_encoding_name() -> None:
    Path("x.csv").write_text("a\n1\n")
    expected = r"^x\.csv: cannot be decoded: unknown encoding 'klingon'$"
    with pytest.raises(DocumentError, match=expected):
        open_csv("x.csv", encoding="klingon")


def test_xlsx_renamed_csv_is_unsupported() -> None:
    Path("x.csv").write_bytes(zip_bytes())
    with pytest.raises(UnsupportedFormat) as caught:
        open_document("x.csv")
    assert str(caught.value) == (
        "x.csv: is not a CSV file (starts with 'PK': a ZIP archive, e.g. .xlsx or .docx)"
    )


def test_binary_file_with_unknown_suffix_is_unsupported() -> None:
    Path("x.bin").write_bytes(b"\x00\x01\x02\x03" * 10)
    with pytest.raises(UnsupportedFormat) as caught:
        open_document("x.bin")
    assert str(caught.value) == (
        "x.bin: is not a PDF, CSV, HTML or text file (starts with bytes 00 01 02 03)"
    )


def test_missing_columns() -> None:
    Path("x.csv").write_text("id, desc\n1,coffee\n")
    with pytest.raises(MissingColumns) as caught:
        open_csv("x.csv").require_columns("id", "amount", "date")
    assert str(caught.value) == "x.csv: missing column(s) 'amount', 'date' (found: id, desc)"
    assert caught.value.missing == ("amount", "date")


def test_ragged_row() -> None:
    Path("x.csv").write_text("id,amount\n1,10\n2,20,oops\n")
    with pytest.raises(DocumentError) as caught:
        open_csv("x.csv")
    assert str(caught.value) == "x.csv: row 2 has 3 cells but the header has 2"


def test_duplicate_header() -> None:
    Path("x.csv").write_text("id,amount,amount\n1,2,3\n")
    with pytest.raises(DocumentError, match=r"^x\.csv: has the column 'amount' twice"):
        open_csv("x.csv")


def test_page_out_of_range_names_the_file(make_pdf: MakePdf) -> None:
    made = make_pdf("one.pdf")
    with open_pdf(made.name) as document, pytest.raises(DocumentError) as caught:
        document.page_text(2)
    assert str(caught.value) == "one.pdf: has no page 2 (it has 1)"


@pytest.mark.parametrize(
    "error",
    [
        CorruptPdf("x.pdf", "pdfminer: first line\nsecond line"),
        EncodingProblem("x.csv", "utf-8", 0xE9, 3),
        NotAPdf("x.pdf", b"\r\n\r\nhello"),
    ],
)
def test_every_message_is_one_line(error: DocumentError) -> None:
    assert "\n" not in str(error) and str(error).startswith("x.")
