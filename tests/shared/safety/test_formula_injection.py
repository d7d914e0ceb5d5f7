"""Issue 17, item 7: text from a client's files reaches close.xlsx as text, never as a formula."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from shared.cli import main
from shared.workflows import get_workflow

HYPERLINK = '=HYPERLINK("http://attacker.example/x","click")'
DDE = "=1+cmd|' /C calc'!A0"


def poisoned_close(tmp_path: Path) -> Path:
    folder = tmp_path / "close"
    shutil.copytree(get_workflow("month_end_close").sample_dir, folder)
    toml = folder / "close.toml"
    toml.write_text(toml.read_text().replace('entity = "Wharfedale Trading Ltd (synthetic)"', f"entity = {DDE!r}"))
    rows = list(csv.DictReader((folder / "ledger.csv").open(newline="")))
    for row in rows:  # every description: matched and unmatched lines alike reach the workbook
        row["description"] = f"{HYPERLINK} {row['description']}"
    with (folder / "ledger.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_descriptions_and_the_entity_are_string_cells_with_their_text_unchanged(tmp_path: Path, capsys) -> None:
    run = tmp_path / "run"
    assert main(["run", "month_end_close", str(poisoned_close(tmp_path)), "--out", str(run)]) == 0
    with zipfile.ZipFile(run / "close.xlsx") as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)
    book = load_workbook(run / "close.xlsx")
    texts = [c.value for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert DDE in texts
    assert sum(text.startswith(HYPERLINK) for text in texts) >= 5  # the unmatched ledger lines and the matches
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)
