"""`finagents review RUN` at a terminal, as a reviewer meets it: the real command in a
pseudo-terminal, answered line by line. It shows the run's summary and each screening
hit with its evidence before asking, and records exactly what the flag form records for
the same answers; without a terminal and without flags it refuses in one line.

The run is a KYC case with one sanctions hit (the bundled sample has none), made once;
each test reviews its own copy of the run folder (a run made with --out holds its
checkpoint database, so a copy is the same run waiting at the same gate).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.audit import read_data
from shared.cli import main
from tests.conftest import FIXTURES
from tests.kyc.real_lists import shared_kyc_run

FINAGENTS = Path(sys.executable).parent / "finagents"
HIT = "hit:mohamad-hamsho:ofac-sdn:12845"
REASON = "listed DOB and nationality agree"
COMMENT = "Decline: SDN match"
REVIEWER = "Dana Cole"


@pytest.fixture(scope="module")
def hit_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # screened against the corpus's real lists (skips without the corpus)
    return shared_kyc_run(FIXTURES / "kyc" / "cases" / "sanctions_hit", tmp_path_factory)


def copy_run(run: Path, to: Path) -> Path:
    shutil.copytree(run, to)
    return to


def review_entries(run: Path, before: int) -> list[tuple[str, dict]]:
    """The audit entries the review appended (after the first `before`), by type and
    data, without the times a second review cannot share (the signed outputs' hashes
    differ with the review's time inside result.json: only their file names are kept)."""
    lines = (run / "audit.jsonl").read_text().splitlines()[before:]
    entries = [json.loads(line) for line in lines]
    return [(e["type"], _timeless(e["type"], e["data"])) for e in entries]


def _timeless(kind: str, data: dict) -> dict:
    if kind == "outputs_signed":
        return {"files": sorted(f["path"] for f in data["files"])}
    return {k: v for k, v in data.items() if k != "at"}


def review_without_time(run: Path) -> dict:
    result = json.loads((run / "result.json").read_text())
    return {"status": result["status"], **{k: v for k, v in result["review"].items() if k != "at"}}


def review_in_a_terminal(run: Path, cwd: Path) -> str:
    """Answer the prompts as a reviewer would (one wrong verdict first) and return all
    the terminal showed, with the pty's line ends made plain."""
    import pexpect

    child = pexpect.spawn(str(FINAGENTS), ["review", str(run)], cwd=str(cwd), encoding="utf-8", timeout=60,
                          dimensions=(50, 200))
    child.logfile_read = transcript = _Transcript()
    for prompt, answer in (("verdict (true_match/false_positive): ", "maybe"),
                           ("please answer one of: true_match, false_positive", None),
                           ("verdict (true_match/false_positive): ", "true_match"),
                           ("reason: ", REASON),
                           ("Decision (approve/reject): ", "reject"),
                           ("Reviewer: ", REVIEWER),
                           ("Comment: ", COMMENT)):
        child.expect_exact(prompt)
        if answer is not None:
            child.sendline(answer)
    child.expect_exact(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, transcript.text
    return transcript.text.replace("\r\n", "\n")


class _Transcript:
    def __init__(self) -> None:
        self.text = ""

    def write(self, data: str) -> None:
        self.text += data

    def flush(self) -> None:
        pass


def test_terminal_review_shows_the_hit_and_records_what_the_flags_record(hit_run, tmp_path, isolated_home) -> None:
    by_terminal, by_flags = copy_run(hit_run, tmp_path / "terminal"), copy_run(hit_run, tmp_path / "flags")
    before = len((hit_run / "audit.jsonl").read_text().splitlines())
    draft = json.loads((hit_run / "result.json").read_text())

    shown = review_in_a_terminal(by_terminal, isolated_home)
    assert main(["review", str(by_flags), "--reject", "--reviewer", REVIEWER, "--comment", COMMENT,
                 "--disposition", f"{HIT}=true_match:{REASON}"]) == 0

    summary = [f"Run {draft['run_id']} (kyc): awaiting review",
               "Recommendation: recommend decline (a sanctions hit at or above 95 with corroborating details for "
               "Mohamad Hamsho); risk rating high",
               "Findings: 0 error, 3 warning, 0 info",
               "Model: offline, cost $0 (0 input, 0 output tokens)",
               f"Report: {(by_terminal / 'report.html').resolve()}",
               "1 item needs a disposition.",
               f"- {HIT} (screening_hit): Mohamad Hamsho against OFAC SDN entry 12845 'HAMSHO, Muhammad', score 100.0"]
    assert "\n".join(summary) in shown
    evidence = ["    matched name: HAMSHO, Muhammad",
                "               score  weight  query           listed",
                "      name     100.0  1       Mohamad Hamsho  HAMSHO, Muhammad",
                "      dob      100.0  0.15    1966-05-20      1966-05-20",
                "      country  100.0  0.1     SY              SY",
                "    cited: sdn.csv, list name OFAC SDN, entry id 12845: 'HAMSHO, Muhammad'"]
    assert all(line in shown.splitlines() for line in evidence)

    assert review_entries(by_terminal, before) == review_entries(by_flags, before)
    (decision,) = read_data(by_terminal / "audit.jsonl", "human_decision")
    assert {k: v for k, v in decision.items() if k != "at"} == {
        "decision": "reject", "reviewer": REVIEWER, "comment": COMMENT,
        "dispositions": [{"item_id": HIT, "verdict": "true_match", "reason": REASON}],
        "onboarding_decision": None, "override_reason": ""}
    assert review_without_time(by_terminal) == review_without_time(by_flags)
    assert review_without_time(by_terminal)["status"] == "rejected"
    assert main(["audit", "verify", str(by_terminal)]) == 0


def test_without_a_terminal_or_flags_review_refuses_in_one_line(hit_run, tmp_path, isolated_home) -> None:
    run = copy_run(hit_run, tmp_path / "run")
    audit_before = (run / "audit.jsonl").read_bytes()
    done = subprocess.run([str(FINAGENTS), "review", str(run)], cwd=isolated_home, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == ("finagents: review: give --approve or --reject (or --decisions FILE); "
                           "there is no terminal to ask on\n")
    assert json.loads((run / "result.json").read_text())["status"] == "awaiting_review"
    assert (run / "audit.jsonl").read_bytes() == audit_before


@pytest.mark.parametrize(("workflow", "body", "line"), [
    ("kyc", {"risk": {"recommendation": "request_documents", "reason": "no proof of address", "rating": "low"}},
     "Recommendation: request documents (no proof of address); risk rating low"),
    ("earnings_review", {"memo": {"headline": "Apple Inc. 10-Q: revenue $81,797 million"}},
     "Headline: Apple Inc. 10-Q: revenue $81,797 million"),
    ("month_end_close", {"reconciliation": {"statement": {"unexplained_difference": "0.00"}}},
     "Unexplained difference: 0.00"),
    ("month_end_close", {"reconciliation": {"statement": None}}, None),
    ("kyc", {"risk": None, "memo": None}, None),
    # Each workflow's headline comes from its own spec: a memo in a KYC body is not KYC's.
    ("kyc", {"memo": {"headline": "not KYC's line"}}, None),
    ("kyc_rescreen", {"risk": {"recommendation": "clear"}}, None),
    ("uninstalled_workflow", {"memo": {"headline": "x"}}, None),
])
def test_the_summary_leads_with_each_workflows_headline(workflow, body, line) -> None:
    from shared.cli.review_prompt import headline

    assert headline(workflow, body) == line


def test_findings_are_counted_by_every_severity_and_items_found_anywhere_in_the_result() -> None:
    from shared.cli.review_prompt import find_items, findings_count, item_lines
    from shared.runs.gate import ReviewItem

    assert findings_count([{"severity": "error"}, {"severity": "info"}, {"severity": "error"}]) == \
        "2 error, 0 warning, 1 info"
    result = {"body": {"lines": [{"id": "L1", "amount": "5.00", "citation": None}], "other": {"id": "L9"}}}
    assert find_items(result, ["L1", "L2"]) == {"L1": {"id": "L1", "amount": "5.00", "citation": None}}
    item = ReviewItem(id="L1", kind="large_line", summary="large", verdicts=("confirmed", "dismissed"))
    assert item_lines(item, find_items(result, ["L1"])["L1"]) == ["- L1 (large_line): large", "    amount: 5.00"]
    assert item_lines(item, {}) == ["- L1 (large_line): large"]
