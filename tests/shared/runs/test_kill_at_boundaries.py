"""A run killed at any step boundary resumes to the same result as a run never killed.

For each workflow's sample: one uninterrupted run gives the body to compare with and the
number of step boundaries before the review gate (its audit log's `node_finished`
entries). Then, for every boundary, a run is SIGKILLed right after that step's writes are
saved and before its successor starts (the driver's `after_step` hook, installed in a
process of its own), and `finagents resume` must take it to the gate with the same body,
an audit log that verifies, and the killed step not run again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.cli import main
from shared.workflows import get_workflow
from tests.support import forked
from tests.support.kill_after_writes import run_killed_after
from tests.support.shared_runs import shared_run

WORKFLOWS = ("earnings_review", "kyc", "month_end_close")


def audit(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]


def finished(run_dir: Path) -> list[str]:
    return [e["data"]["node"] for e in audit(run_dir) if e["type"] == "node_finished"]


def body(run_dir: Path) -> dict:
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "awaiting_review", result.get("body")
    return result["body"]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict[str, tuple[dict, list[str]]]:
    """Each sample's run to the gate, the session's shared one (read only)."""
    runs = {}
    for name in WORKFLOWS:
        run_dir = shared_run(name, get_workflow(name).sample_dir, tmp_path_factory)
        runs[name] = (body(run_dir), finished(run_dir))
    return runs


def boundaries() -> list[tuple[str, int]]:
    # Fixed here so the test ids are stable; the test checks they are every boundary.
    counts = {"earnings_review": 6, "kyc": 8, "month_end_close": 8}
    return [(name, k) for name in WORKFLOWS for k in range(1, counts[name] + 1)]


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_the_boundaries_tested_are_every_step_before_the_gate(workflow, uninterrupted) -> None:
    _, steps = uninterrupted[workflow]
    assert len(steps) == sum(1 for name, _ in boundaries() if name == workflow), steps


@pytest.mark.slow
@pytest.mark.parametrize(("workflow", "boundary"), boundaries())
def test_killed_after_a_step_resumes_to_the_same_body(workflow, boundary, uninterrupted, tmp_path, capsys) -> None:
    expected, steps = uninterrupted[workflow]
    target = tmp_path / "run"
    killed = forked.start(run_killed_after, boundary, workflow, str(get_workflow(workflow).sample_dir), str(target),
                          cwd=tmp_path).wait(timeout=300)
    assert killed.returncode == -9, killed.stderr

    assert main(["resume", str(target)]) == 0
    assert "awaiting_review" in capsys.readouterr().out
    assert body(target) == expected
    ran = finished(target)
    assert sorted(set(ran)) == sorted(set(steps)) and ran.count(steps[boundary - 1]) == 1  # not run again
    assert main(["audit", "verify", str(target)]) == 0, capsys.readouterr()
