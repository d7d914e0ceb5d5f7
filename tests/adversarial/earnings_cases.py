"""Bad inputs for the earnings review: filings cut short, not PDFs, locked, empty of
statements, bombs in HTML, and consensus or guidance files that cannot be read. Each is
made from the pack's own synthetic sample or from nothing; none needs the corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

from shared.workflows import get_workflow
from tests.adversarial.cases import Case

BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>\n')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
       '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">'
       '<body><p>&secret;</p></body></html>\n')


def _sample(tmp: Path) -> Path:
    folder = tmp / "filing"
    shutil.copytree(get_workflow("earnings_review").sample_dir, folder)
    return folder


def _pdf(folder: Path) -> Path:
    (pdf,) = folder.glob("*.pdf")
    return pdf


def _run(tmp: Path, target: Path, expect_exit: int, stderr: str | None = None, finding: str | None = None) -> Case:
    return Case(["run", "earnings_review", str(target), "--out", str(tmp / "run")], expect_exit, stderr, finding)


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def case_filing_cut_in_half(tmp: Path) -> Case:
    folder = _sample(tmp)
    pdf = _pdf(folder)
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    return _run(tmp, pdf, 2, "truncated")


def case_filing_of_zero_bytes(tmp: Path) -> Case:
    return _run(tmp, _write(tmp, "empty.pdf", b""), 2, "is empty")


def case_filing_of_random_bytes(tmp: Path) -> Case:
    return _run(tmp, _write(tmp, "noise.pdf", bytes(range(256)) * 40), 2, "noise.pdf")


def case_filing_that_is_a_zip(tmp: Path) -> Case:
    import zipfile

    with zipfile.ZipFile(tmp / "filing.pdf", "w") as archive:
        archive.writestr("q3.txt", "Total revenues 4,812")
    return _run(tmp, tmp / "filing.pdf", 2, "filing.pdf")


def case_filing_locked_with_a_user_password(tmp: Path) -> Case:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(_pdf(_sample(tmp))))
    writer.encrypt(user_password="secret", owner_password="owner")
    with (tmp / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    return _run(tmp, tmp / "locked.pdf", 2, "password")


def case_filing_with_no_statements(tmp: Path) -> Case:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Minutes of the annual picnic. Attendance was good and the weather held.")
    pdf.output(str(tmp / "minutes.pdf"))
    return _run(tmp, tmp / "minutes.pdf", 2, "minutes.pdf")


def case_filing_that_is_a_scan(tmp: Path) -> Case:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (400, 300), "white"), x=10, y=10, w=180)
    pdf.output(str(tmp / "scan.pdf"))
    return _run(tmp, tmp / "scan.pdf", 2, "scan.pdf")


def case_html_with_an_entity_bomb(tmp: Path) -> Case:
    return _run(tmp, _write(tmp, "bomb.htm", BOMB), 2, "bomb.htm")


def case_html_with_an_external_entity(tmp: Path) -> Case:
    return _run(tmp, _write(tmp, "xxe.htm", XXE), 2, "xxe.htm")


def case_html_with_no_inline_xbrl(tmp: Path) -> Case:
    return _run(tmp, _write(tmp, "page.htm", "<html><body><p>Quarterly letter to shareholders</p></body></html>"),
                2, "page.htm")


def case_folder_with_two_filings(tmp: Path) -> Case:
    folder = _sample(tmp)
    shutil.copyfile(_pdf(folder), folder / "second.pdf")
    return _run(tmp, folder, 2, "holds 2 filings")


def case_folder_with_no_filing(tmp: Path) -> Case:
    (tmp / "nothing").mkdir()
    _write(tmp / "nothing", "consensus.csv", "metric,period_end,months,estimate\n")
    return _run(tmp, tmp / "nothing", 2, "holds no filing")


def case_folder_with_a_linked_filing(tmp: Path) -> Case:
    folder = _sample(tmp)
    pdf = _pdf(folder)
    outside = tmp / "elsewhere.pdf"
    pdf.rename(outside)
    pdf.symlink_to(outside)
    return _run(tmp, folder, 2, "is a symbolic link")


def case_consensus_estimate_not_a_number(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "consensus.csv", "metric,period_end,months,estimate\nrevenue,2025-09-30,3,about four billion\n")
    return _run(tmp, folder, 2, "consensus.csv")


def case_consensus_metric_unknown(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "consensus.csv", "metric,period_end,months,estimate\n=HYPERLINK(\"x\"),2025-09-30,3,4812\n")
    return _run(tmp, folder, 2, "consensus.csv")


def case_consensus_impossible_date(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "consensus.csv", "metric,period_end,months,estimate\nrevenue,2025-09-31,3,4812\n")
    return _run(tmp, folder, 2, "consensus.csv")


def case_consensus_missing_a_column(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "consensus.csv", "metric,period_end,estimate\nrevenue,2025-09-30,4812\n")
    return _run(tmp, folder, 2, "consensus.csv")


def case_consensus_in_utf16_is_read(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "consensus.csv", "metric,period_end,months,estimate\nrevenue,2025-09-30,3,4812\n".encode("utf-16"))
    return _run(tmp, folder, 0)  # an export in UTF-16 with its BOM is text like any other


def case_guidance_with_low_above_high(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "guidance.csv", "metric,period_end,months,low,high\nrevenue,2025-09-30,3,5000,4000\n")
    return _run(tmp, folder, 2, "guidance.csv")


def case_guidance_with_a_float_overflow(tmp: Path) -> Case:
    folder = _sample(tmp)
    _write(folder, "guidance.csv", "metric,period_end,months,low,high\nrevenue,2025-09-30,3,1e309,1e310\n")
    return _run(tmp, folder, 2, "guidance.csv")


def case_filing_that_does_not_exist(tmp: Path) -> Case:
    return _run(tmp, tmp / "no-such-filing.pdf", 2, "no-such-filing.pdf")
