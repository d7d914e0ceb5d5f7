"""A large close's result.json (issue 16, "Scale"): written with citations by reference
and its bulk lists as tables, under the issue's size target scaled to the close, read back
to exactly the lines the run's state holds, with the report, memo and workbook the same
as a plain result gives, `audit verify` passing, and a changed input caught by its
citations.

The closes are made by the project's generator (fixtures/close/synthetic.py) at test time."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from shared.cli import main
from shared.documents import CitationVerifier, parse_citation
from shared.runs.result_file import LARGE, read_result
from tests.conftest import REPO_ROOT

# Issue 16: result.json under 40 MB for a close of 100,000 lines a side. What grows with
# the close is its lines and matches, so the bound for a close of LINES a side is the
# target scaled down in proportion.
TARGET_BYTES, TARGET_LINES = 40_000_000, 100_000
LINES = 20_000
BOUND = TARGET_BYTES * LINES // TARGET_LINES  # 8,000,000 bytes
RUN_ID = re.compile(r"\d{8}-\d{6}-month_end_close-[0-9a-f]{6}")

pytestmark = pytest.mark.slow


def write_close(lines: int, folder: Path) -> Path:
    if str(REPO_ROOT / "fixtures" / "close") not in sys.path:
        sys.path.insert(0, str(REPO_ROOT / "fixtures" / "close"))
    from synthetic import generate_case, write_case

    write_case(generate_case(lines, 2024), folder)
    return folder


def run_close(folder: Path, out: Path, capsys) -> Path:
    assert main(["run", "month_end_close", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.fixture(scope="module")
def large_run(tmp_path_factory) -> Path:
    folder = write_close(LINES, tmp_path_factory.mktemp("large") / "close")
    out = tmp_path_factory.mktemp("large_run") / "run"
    assert main(["run", "month_end_close", str(folder), "--out", str(out)]) == 0
    return out


def state_of(run: Path) -> dict:
    from shared.runs.driver import _graph_session
    from shared.runs.manifest import RunManifest

    with _graph_session(RunManifest.read(run), run) as (graph, config, _):
        return graph.get_state(config).values


def dumped(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_result_json_is_under_the_target_scaled_to_the_close(large_run: Path):
    size = (large_run / "result.json").stat().st_size
    written = json.loads((large_run / "result.json").read_text(encoding="utf-8"))["body"]
    assert written["tables"] == [["bank_lines"], ["ledger_lines"]]
    # The reconciliation keeps CONTRACT.md's shape at any size: only whitespace differs.
    first = written["reconciliation"]["matches"][0]
    assert {"bank_ids", "ledger_ids", "kind", "score"} <= first.keys()
    assert {"id", "category"} <= written["reconciliation"]["ledger_only"][0].keys()
    assert [d["path"].rsplit("/", 1)[-1] for d in written["documents"]] == ["bank.csv", "ledger.csv"]
    assert size < BOUND, f"result.json is {size:,} bytes for {LINES:,} lines a side; the bound is {BOUND:,}"


def test_every_line_read_back_is_what_the_state_holds(large_run: Path):
    from month_end_close.body import body
    from shared.runs.result import RunResult

    state = state_of(large_run)
    plain = RunResult(run_id="x", workflow="month_end_close", status="awaiting_review", method="offline",
                      body=body(state)).model_dump(mode="json")["body"]
    read = read_result(large_run / "result.json")["body"]
    assert dumped(read) == dumped(plain)  # every key, in order: the whole body, not only the lines
    lines = _state_lines(state)
    assert len(read["bank_lines"]) == len(lines["bank"]) == LINES
    for side, key in (("bank", "bank_lines"), ("ledger", "ledger_lines")):
        for written, held in zip(read[key], lines[side], strict=True):
            assert written["id"] == held.id and parse_citation(written["citation"]) == held.citation
    balances = [(w["balance"], h.balance) for w, h in zip(read["bank_lines"], lines["bank"]) if h.balance]
    assert len(balances) == LINES and all(parse_citation(w["citation"]) == h.citation for w, h in balances)


def _state_lines(state) -> dict:
    from month_end_close.state import books_of, statements_of

    cash = state.get("cash_account")
    return {"bank": [line for s in statements_of(state) for line in s.lines],
            "ledger": [line for line in books_of(state).ledger if line.account == cash]}


def test_audit_verify_passes_and_a_changed_input_fails_the_citations(large_run: Path, capsys):
    capsys.readouterr()
    assert main(["audit", "verify", str(large_run)]) == 0
    assert re.search(r"audit.jsonl: OK, \d+ entries, chain intact$", capsys.readouterr().out.strip())
    body = read_result(large_run / "result.json")["body"]
    cited = [parse_citation(line["citation"]) for key in ("bank_lines", "ledger_lines") for line in body[key]]
    with CitationVerifier() as verifier:
        failed = [(c, v) for c, v in zip(cited, verifier.verify_all(cited)) if not v]
    assert len(body["bank_lines"]) == LINES and failed == []
    bank = Path(body["bank_lines"][0]["citation"]["path"])
    original = bank.read_bytes()
    try:
        bank.write_bytes(original.replace(b"CR ", b"CR  ", 1))
        with CitationVerifier() as verifier:
            checked = verifier.verify(parse_citation(body["bank_lines"][-1]["citation"]))
        assert not checked and "changed" in checked.reason
    finally:
        bank.write_bytes(original)


def test_report_memo_and_workbook_are_those_of_the_plain_result(tmp_path: Path, capsys, monkeypatch):
    folder = write_close(LARGE, tmp_path / "close")
    compact = run_close(folder, tmp_path / "compact" / "run", capsys)
    monkeypatch.setattr("month_end_close.body.BULK", ())
    plain = run_close(folder, tmp_path / "plain" / "run", capsys)
    assert "tables" in json.loads((compact / "result.json").read_text())["body"]
    assert "tables" not in json.loads((plain / "result.json").read_text())["body"]
    assert dumped(read_result(compact / "result.json")["body"]) == dumped(read_result(plain / "result.json")["body"])
    for name in ("memo.md", "report.html"):
        assert _without_run(compact / name) == _without_run(plain / name), name
    assert _sheets(compact / "close.xlsx") == _sheets(plain / "close.xlsx")


def _without_run(path: Path) -> str:
    return RUN_ID.sub("RUN", path.read_text(encoding="utf-8"))


def _sheets(path: Path) -> dict[str, str]:
    """Every part of the workbook but its document properties (which carry the time)."""
    with zipfile.ZipFile(path) as book:
        return {name: RUN_ID.sub("RUN", book.read(name).decode("utf-8")) for name in book.namelist()
                if not name.startswith("docProps/")}
