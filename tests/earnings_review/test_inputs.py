"""What `finagents run earnings_review INPUT` accepts."""

from pathlib import Path

import pytest

from earnings_review.inputs import resolve_input
from shared.errors import InputError


def test_a_filing_file_with_its_expectations_beside_it(tmp_path: Path) -> None:
    (tmp_path / "q3.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "consensus.csv").write_text("metric,period_end,months,estimate\n")
    chosen = resolve_input(tmp_path / "q3.pdf")
    assert (chosen.filing, chosen.format) == (tmp_path / "q3.pdf", "pdf")
    assert chosen.consensus == tmp_path / "consensus.csv" and chosen.guidance is None


def test_a_folder_with_one_inline_xbrl_filing(tmp_path: Path) -> None:
    (tmp_path / "aapl-20250329.htm").write_text("<html/>")
    (tmp_path / "guidance.csv").write_text("metric,period_end,months,low,high\n")
    chosen = resolve_input(tmp_path)
    assert chosen.format == "ixbrl" and chosen.guidance == tmp_path / "guidance.csv"


def test_a_folder_without_a_filing(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError) as caught:
        resolve_input(tmp_path)
    assert str(caught.value) == f"{tmp_path}: holds no filing (expected one PDF or inline-XBRL .htm file)"


def test_a_folder_with_two_filings(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.htm"):
        (tmp_path / name).write_text("x")
    with pytest.raises(InputError, match=r"holds 2 filings \(a\.pdf, b\.htm\); give one file, or a folder with one$"):
        resolve_input(tmp_path)


def test_a_file_that_is_not_a_filing(tmp_path: Path) -> None:
    (tmp_path / "figures.xlsx").write_bytes(b"PK")
    with pytest.raises(InputError,
                       match=r"figures\.xlsx: is not a filing: expected a PDF or an inline-XBRL \.htm file$"):
        resolve_input(tmp_path / "figures.xlsx")
