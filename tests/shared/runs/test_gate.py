"""A run through the gate, as the contract describes it: drafts, an answer, final outputs."""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from shared.cli import main
from shared.documents import CsvCitation
from tests.support.stderr import last_line


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def start(capsys) -> Path:
    status, out, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 0, err
    run_dir = Path(out.splitlines()[0])
    assert out.splitlines()[1].startswith("  awaiting_review: review it: finagents review ")
    return run_dir


def result(run_dir: Path) -> dict:
    return json.loads((run_dir / "result.json").read_text())


def audit_entries(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]


def test_a_run_stops_at_the_gate_with_drafts(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    draft = result(run_dir)
    assert draft["status"] == "awaiting_review" and draft["review"] is None
    assert draft["method"] == "offline" and draft["workflow"] == "kyc"
    assert draft["body"]["total"] == "4474.49"
    assert draft["body"]["labels"] == {"1": "large", "4": "large"}
    assert draft["inputs"][0]["path"] == str(toy_project / "case" / "lines.csv")
    assert (run_dir / "memo.md").read_text().startswith("> **DRAFT: awaiting review.**")
    assert "DRAFT: awaiting review" in (run_dir / "report.html").read_text()
    _status, out, _ = cli(capsys, "runs")
    assert [line.split()[:3] + line.split()[-1:] for line in out.splitlines()[2:]] == [
        [run_dir.name, "kyc", "case/lines.csv", "awaiting_review"]]


def test_approval_needs_every_disposition(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    status, _, err = cli(capsys, "review", run_dir.name, "--approve", "--reviewer", "J. Smith",
                         "--disposition", "line-1=confirmed")
    assert status == 2
    assert last_line(err) == ("finagents: --approve: approval needs a disposition for every item; "
                              "none given for: line-4\n")
    assert result(run_dir)["status"] == "awaiting_review"


def test_approval_records_reviewer_time_and_dispositions(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    status, out, _ = cli(capsys, "review", str(run_dir), "--approve", "--reviewer", "J. Smith", "--comment",
                         "Agreed to source", "--onboarding-decision", "clear", "--disposition", "line-1=confirmed",
                         "--disposition", "line-4=dismissed:known customer, contract on file")
    assert status == 0 and out.splitlines()[1] == "  approved: approved; the outputs are final"
    final = result(run_dir)
    assert final["status"] == "approved"
    review = final["review"]
    assert (review["decision"], review["reviewer"], review["comment"]) == ("approve", "J. Smith", "Agreed to source")
    assert review["dispositions"][1] == {"item_id": "line-4", "verdict": "dismissed",
                                         "reason": "known customer, contract on file"}
    assert review["at"].endswith("Z") or review["at"].endswith("+00:00")
    assert (run_dir / "memo.md").read_text().startswith(f"> **APPROVED** by J. Smith at {review['at']}")
    decisions = [e for e in audit_entries(run_dir) if e["type"] == "human_decision"]
    assert len(decisions) == 1 and decisions[0]["data"]["reviewer"] == "J. Smith"
    assert decisions[0]["data"]["at"] == review["at"]
    status, _, err = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "X")
    assert status == 2
    assert last_line(err) == f"finagents: {run_dir.name}: is not waiting for review (status: approved)\n"


def test_rejection_is_final_with_the_comment(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    status, out, _ = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "A. Jones",
                         "--comment", "Line 4 is a duplicate")
    assert status == 0 and "rejected" in out
    final = result(run_dir)
    assert final["status"] == "rejected" and final["review"]["comment"] == "Line 4 is a duplicate"
    assert "**REJECTED** by A. Jones" in (run_dir / "memo.md").read_text()
    assert "REJECTED by A. Jones" in (run_dir / "report.html").read_text()


def test_decisions_file(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    answer = {"decision": "approve", "reviewer": "J. Smith", "comment": "", "onboarding_decision": "clear",
              "dispositions": [{"item_id": "line-1", "verdict": "confirmed"},
                               {"item_id": "line-4", "verdict": "confirmed"}]}
    (toy_project / "decisions.json").write_text(json.dumps(answer))
    status, _, _ = cli(capsys, "review", run_dir.name, "--decisions", "decisions.json")
    assert status == 0 and result(run_dir)["status"] == "approved"


@pytest.mark.parametrize(
    ("disposition", "message"),
    [
        ("line-9=confirmed", "--disposition: run {run} has no reviewable item 'line-9'"),
        ("line-1=maybe", "--disposition: 'maybe' is not a verdict for line-1 (one of: confirmed, dismissed)"),
    ],
)
def test_a_disposition_the_gate_cannot_take_is_exit_2(toy_project: Path, capsys, disposition: str,
                                                      message: str) -> None:
    run_dir = start(capsys)
    status, _, err = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "J", "--disposition", disposition)
    assert status == 2 and last_line(err) == f"finagents: {message.format(run=run_dir.name)}\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_interactive_review_on_a_terminal(toy_project: Path, capsys, monkeypatch) -> None:
    run_dir = start(capsys)
    answers = ["maybe", "confirmed", "", "dismissed", "duplicate of line 1", "approve", "clear", "J. Smith", "fine"]
    monkeypatch.setattr("sys.stdin", Terminal("\n".join(answers) + "\n"))
    status, out, _ = cli(capsys, "review", run_dir.name)
    assert status == 0, out
    assert "- line-1 (large_line): large" in out and "please answer one of: confirmed, dismissed" in out
    review = result(run_dir)["review"]
    assert review["reviewer"] == "J. Smith" and review["comment"] == "fine" and review["onboarding_decision"] == "clear"
    assert [d["verdict"] for d in review["dispositions"]] == ["confirmed", "dismissed"]
    assert review["dispositions"][1]["reason"] == "duplicate of line 1"


def test_without_flags_and_no_terminal_review_refuses_rather_than_hangs(toy_project: Path, capsys, monkeypatch) -> None:
    run_dir = start(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status, _, err = cli(capsys, "review", run_dir.name)
    assert status == 2 and "there is no terminal to ask on" in err


def test_state_round_trips_exactly_through_the_checkpointer(toy_project: Path, capsys) -> None:
    from shared.runs.driver import _graph_session
    from shared.runs.manifest import RunManifest
    run_dir = start(capsys)
    Line = sys.modules["toy_kyc.state"].Line  # the project's own copy of the toy workflow
    with _graph_session(RunManifest.read(run_dir), run_dir) as (graph, config, _):
        values = graph.get_state(config).values
    first = values["lines"][0]
    assert type(first) is Line and type(first.citation) is CsvCitation
    assert first.amount == Decimal("1500.00") and str(first.amount) == "1500.00"
    assert str(values["lines"][1].amount) == "-25.50"
    assert type(values["total"]) is Decimal and str(values["total"]) == "4474.49"
    assert first.citation.verify().ok
