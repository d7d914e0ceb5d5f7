"""Bad inputs for the month-end close: books that cannot be read (notations, dates,
encodings, overflows, missing columns), settings that are not the folder's to set, and
books that can be read but are wrong (which are findings). Made from the pack's own
synthetic sample; none needs the corpus."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from shared.workflows import get_workflow
from tests.adversarial.cases import Case


def _sample(tmp: Path) -> Path:
    folder = tmp / "close"
    shutil.copytree(get_workflow("month_end_close").sample_dir, folder)
    return folder


def _run(tmp: Path, folder: Path, expect_exit: int, stderr: str | None = None, finding: str | None = None) -> Case:
    return Case(["run", "month_end_close", str(folder), "--out", str(tmp / "run")], expect_exit, stderr, finding)


def _edit_cell(path: Path, row: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(newline="", encoding="utf-8")))
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _cell(tmp: Path, name: str, row: int, column: str, value: str) -> Path:
    folder = _sample(tmp)
    _edit_cell(folder / name, row, column, value)
    return folder


def case_ledger_amount_not_a_number(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "ledger.csv", 3, "amount", "twelve pounds"), 2, "ledger.csv")


def case_ledger_amount_overflowing_a_float(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "ledger.csv", 3, "amount", "1e309"), 2, "ledger.csv")


def case_ledger_impossible_date(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "ledger.csv", 3, "date", "2024-02-30"), 2, "ledger.csv")


def case_ledger_date_day_month_ambiguous(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "ledger.csv", 3, "date", "02/03/2024"), 2, "ledger.csv")


def case_bank_amount_in_continental_notation(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "bank.csv", 2, "amount", "1.234,56"), 2, "bank.csv")


def case_bank_csv_missing_the_amount_column(tmp: Path) -> Case:
    folder = _sample(tmp)
    path = folder / "bank.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line.rsplit(",", 2)[0] + "," + line.rsplit(",", 1)[1] for line in lines) + "\n")
    return _run(tmp, folder, 2, "bank.csv")


def case_bank_csv_in_latin1(tmp: Path) -> Case:
    folder = _sample(tmp)
    path = folder / "bank.csv"
    text = path.read_text().replace("FPI BECKETT", "FPI BÉCKETT")
    path.write_bytes(text.encode("latin-1"))
    return _run(tmp, folder, 2, "bank.csv")


def case_bank_running_balance_broken(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "bank.csv", 5, "balance", "1.00"), 0, finding="running_balance_break")


def case_trial_balance_that_does_not_balance(tmp: Path) -> Case:
    return _run(tmp, _cell(tmp, "tb_current.csv", 1, "balance", "1000000.00"), 0,
                finding="trial_balance_out_of_balance")


def case_close_toml_not_toml(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "close.toml").write_text("period = 2024-01\n[bank\n")
    return _run(tmp, folder, 2, "close.toml")


def case_close_toml_period_month_13(tmp: Path) -> Case:
    folder = _sample(tmp)
    toml = folder / "close.toml"
    toml.write_text(toml.read_text().replace('period = "2024-01"', 'period = "2024-13"'))
    return _run(tmp, folder, 2, "close.toml")


def case_close_toml_setting_a_threshold(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "close.toml").write_text((folder / "close.toml").read_text() + "materiality_amount = '0'\n")
    return _run(tmp, folder, 2, "'materiality_amount' cannot be set in an input folder's close.toml")


def case_close_toml_naming_a_graph(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "close.toml").write_text((folder / "close.toml").read_text() + "graph = 'os:abort'\n")
    return _run(tmp, folder, 2, "'graph' cannot be set in an input folder's close.toml")


def case_statement_pdf_of_random_bytes(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "bank.csv").unlink()
    (folder / "statement.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 16 + b"\n%%EOF\n")
    return _run(tmp, folder, 2, "statement.pdf")


def case_mt940_amount_with_a_letter(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "bank.csv").unlink()
    (folder / "statement.sta").write_text(
        ":20:STMT\n:25:12345678/0000000001\n:28C:1/1\n:60F:C240101GBP100,00\n"
        ":61:2401020102D25,0X3NTRFNONREF\n:86:CARD PAYMENT\n:62F:C240131GBP75,00\n-\n")
    return _run(tmp, folder, 2, "statement.sta")


def case_ofx_cut_short(tmp: Path) -> Case:
    folder = _sample(tmp)
    (folder / "bank.csv").unlink()
    (folder / "statement.ofx").write_text("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS>"
                                          "<STMTRS><CURDEF>GBP<BANKTRANLIST><STMTTRN><TRNAMT>-12.")
    return _run(tmp, folder, 2, "statement.ofx")


def case_folder_with_nothing_to_close(tmp: Path) -> Case:
    (tmp / "empty").mkdir()
    return _run(tmp, tmp / "empty", 2, "empty")


def case_folder_with_a_linked_ledger(tmp: Path) -> Case:
    folder = _sample(tmp)
    outside = tmp / "ledger-elsewhere.csv"
    (folder / "ledger.csv").rename(outside)
    (folder / "ledger.csv").symlink_to(outside)
    return _run(tmp, folder, 2, "is a symbolic link")
