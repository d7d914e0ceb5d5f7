"""The report when a source has gone or changed since the run (a note, not a crash), and
after the review (the sign-off in the summary, the evidence drawn once)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from lxml import html

from month_end_close.graph import REPORTS
from month_end_close.report_view import report_view
from shared.cli import main
from shared.reports.render import render_report
from shared.workflows import get_workflow
from tests.reports.page import read_report, text


def _repoint(value, old: str, new: str):
    """A copy of result data with every citation path `old` made `new`."""
    if isinstance(value, dict):
        return {k: (new if k == "path" and v == old else _repoint(v, old, new)) for k, v in value.items()}
    if isinstance(value, list):
        return [_repoint(v, old, new) for v in value]
    return value


def test_a_missing_ledger_and_a_changed_statement_are_noted_in_the_report(report_of, tmp_path) -> None:
    result = copy.deepcopy(report_of("month_end_close").result)
    statement = result["body"]["statements"][0]["path"]
    ledger = result["body"]["ledger_lines"][0]["citation"]["path"]
    altered = tmp_path / f"altered{Path(statement).suffix}"
    shutil.copyfile(statement, altered)
    with altered.open("a", encoding="utf-8") as handle:
        handle.write("appended after the run\n")
    moved = tmp_path / "moved" / "ledger.csv"
    result = _repoint(_repoint(result, ledger, str(moved)), statement, str(altered))
    page = html.fromstring(render_report(REPORTS, result, tmp_path / "run", None, report_view(result)))

    entries = page.xpath("//article[@data-evidence]")
    assert entries and {e.get("data-evidence") for e in entries} == {"unavailable"}
    notes = {text(e.xpath(".//p[@class='path']")[0]): text(e.xpath(".//*[@data-unavailable]")[0]) for e in entries}
    assert set(notes) == {str(moved), str(altered)}
    assert notes[str(moved)].startswith("Source not available or changed.") and "is missing" in notes[str(moved)]
    assert "sha256 differs" in notes[str(altered)]
    assert page.xpath("//a[@data-cite]") and not (tmp_path / "run" / "evidence").exists()


def test_after_approval_the_summary_shows_the_sign_off_and_the_evidence_is_kept(tmp_path, capsys) -> None:
    run = tmp_path / "run"
    # The earnings sample is a PDF: its evidence is drawn as pictures, which must not be drawn again.
    assert main(["run", "earnings_review", str(get_workflow("earnings_review").sample_dir), "--out", str(run)]) == 0
    drawn = {p.name: p.stat().st_mtime_ns for p in (run / "evidence").glob("*.png")}
    assert main(["review", str(run), "--approve", "--reviewer", "Dana Cole", "--comment", "Agreed <to> the cent"]) == 0
    capsys.readouterr()
    report = read_report(run)
    review = report.one("//dd[@data-summary='review']")
    at = json.loads((run / "result.json").read_text())["review"]["at"]
    assert review.get("data-status") == "approved"
    assert text(review) == f"approved by Dana Cole at {at}: “Agreed <to> the cent”"
    assert {p.name: p.stat().st_mtime_ns for p in (run / "evidence").glob("*.png")} == drawn and drawn
    assert "APPROVED by Dana Cole" in text(report.one("//header"))
