"""Issue 17 (minor): two `run --out SAME` at once: exactly one runs, the other is told why,
and the folder holds one whole run. The two are processes of their own, forked with the
pack already imported (tests/support/forked.py), so they start within a moment of each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.workflows import get_workflow
from tests.support.forked import start_finagents


@pytest.mark.parametrize("attempt", range(3))
def test_two_runs_into_the_same_folder_at_once(attempt: int, tmp_path: Path) -> None:
    out = tmp_path / "run"
    command = ["run", "earnings_review", str(get_workflow("earnings_review").sample_dir), "--out", str(out)]
    racers = [start_finagents(command, cwd=tmp_path) for _ in range(2)]
    finished = [(done.returncode, done.stderr) for done in (p.wait(timeout=300) for p in racers)]
    assert sorted(code for code, _ in finished) == [0, 2], finished
    (loser,) = [err for code, err in finished if code == 2]
    last = loser.strip().splitlines()[-1]
    assert last in (f"finagents: {out}: already exists and is not an empty folder; give --out a new folder",
                    "finagents: run: is being worked on by another finagents process; try again when it has finished")
    result = json.loads((out / "result.json").read_text())
    assert result["status"] == "awaiting_review" and (out / "report.html").is_file()
    assert not list(out.glob(".*.partial"))
