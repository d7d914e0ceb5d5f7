"""Issue 17 (minor): markup in a client's documents reaches memo.md as text, not as HTML."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from shared.cli import main
from shared.reports.render import markdown_text
from shared.workflows import get_workflow

SCRIPT = "<script>alert(document.cookie)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


def test_no_tag_from_a_close_folder_opens_in_the_memo(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "close"
    shutil.copytree(get_workflow("month_end_close").sample_dir, folder)
    toml = folder / "close.toml"
    toml.write_text(toml.read_text().replace('entity = "Wharfedale Trading Ltd (synthetic)"',
                                             f'entity = "Acme {SCRIPT}"'))
    rows = list(csv.DictReader((folder / "ledger.csv").open(newline="")))
    for row in rows:
        row["description"] = f"{IMAGE} {row['description']}"
    with (folder / "ledger.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["run", "month_end_close", str(folder), "--out", str(tmp_path / "run")]) == 0
    memo = (tmp_path / "run" / "memo.md").read_text()
    assert "Acme &lt;script>alert(document.cookie)&lt;/script>" in memo
    assert "<script" not in memo and "<img" not in memo


def test_only_text_is_touched_and_only_its_opening_brackets() -> None:
    assert markdown_text("a < b & c > d") == "a &lt; b & c > d"
    assert markdown_text(3) == 3 and markdown_text(None) is None
