"""`finagents review RUN` at a terminal on a KYC run: after the verdicts and the approval
it asks for the onboarding decision, offering the four, and when the decision goes
against a verdict it asks why, not taking a blank answer; after a rejection it asks
none. The run is tests/kyc/hit_project.py's (a project made with `finagents new`, a
certain hit), reviewed on a copy per test."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from shared.cli import main
from tests.kyc.hit_project import HIT, copy_project, make_hit_project

FINAGENTS = Path(sys.executable).parent / "finagents"
REASON = "OFAC general licence 25 covers this customer's business"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hit_project(tmp_path_factory.mktemp("kyc-terminal"))


def answer_in_a_terminal(run: Path, cwd: Path, exchanges) -> str:
    """Answer each prompt as it comes (None: only wait for the text); all the terminal showed."""
    import pexpect

    child = pexpect.spawn(str(FINAGENTS), ["review", str(run)], cwd=str(cwd), encoding="utf-8", timeout=60,
                          dimensions=(50, 200))
    shown: list[str] = []
    child.logfile_read = _Collect(shown)
    for prompt, answer in exchanges:
        child.expect_exact(prompt)
        if answer is not None:
            child.sendline(answer)
    child.expect_exact(pexpect.EOF)
    child.close()
    text = "".join(shown).replace("\r\n", "\n")
    assert child.exitstatus == 0, text
    return text


class _Collect:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, data: str) -> None:
        self.into.append(data)

    def flush(self) -> None:
        pass


def test_approving_asks_the_onboarding_decision_and_why_it_overrides_a_true_match(project, tmp_path,
                                                                                   isolated_home) -> None:
    run = copy_project(project, tmp_path / "acme")
    shown = answer_in_a_terminal(run, isolated_home, (
        ("verdict (true_match/false_positive): ", "true_match"),
        ("reason: ", "date of birth and nationality agree"),
        ("Decision (approve/reject): ", "approve"),
        ("Onboarding decision (clear/request_documents/edd/decline): ", "onboard"),
        ("please answer one of: clear, request_documents, edd, decline", None),
        ("Onboarding decision (clear/request_documents/edd/decline): ", "clear"),
        (f"'clear' disagrees with your verdict on {HIT}; say why to go ahead", None),
        ("Override reason: ", ""),
        ("an answer is needed", None),
        ("Override reason: ", REASON),
        ("Reviewer: ", "Dana Cole"),
        ("Comment: ", ""),
    ))
    assert "approved" in shown
    review = json.loads((run / "result.json").read_text())["review"]
    assert (review["decision"], review["onboarding_decision"], review["override_reason"]) == (
        "approve", "clear", REASON)
    assert [(d["item_id"], d["verdict"]) for d in review["dispositions"]] == [(HIT, "true_match")]
    assert "Override reason: \"" + REASON + "\"" in (run / "memo.md").read_text()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rejecting_asks_no_onboarding_decision(project, tmp_path, capsys, monkeypatch) -> None:
    run = copy_project(project, tmp_path / "acme")
    answers = ["false_positive", "another person", "reject", "Dana Cole", "Screened the wrong register"]
    monkeypatch.setattr("sys.stdin", Terminal("\n".join(answers) + "\n"))
    assert main(["review", str(run)]) == 0
    assert "Onboarding decision" not in capsys.readouterr().out
    final = json.loads((run / "result.json").read_text())
    assert final["status"] == "rejected"
    assert (final["review"]["onboarding_decision"], final["review"]["override_reason"]) == (None, "")
