"""Approving a KYC run approves the analysis; the onboarding decision is the reviewer's,
given beside it (`--onboarding-decision`, `--override-reason`), required to approve,
in agreement with the verdicts on the hits, and stated by the memo and the report next
to the analysis's recommendation. Driven through the CLI on a project made with
`finagents new` (tests/kyc/hit_project.py: a certain hit, recommendation decline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

from shared.audit import read_data
from shared.cli import main
from shared.workflows import get_workflow
from tests.kyc.hit_project import HIT, copy_project, make_hit_project

DANA = "Dana Cole"
VERDICT = f"{HIT}=true_match:listed date of birth and nationality agree"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hit_project(tmp_path_factory.mktemp("kyc-onboarding"))


@pytest.fixture
def run(project: Path, tmp_path: Path) -> Path:
    return copy_project(project, tmp_path / "acme")


def review(capsys, run: Path, *args: str) -> tuple[int, str]:
    status = main(["review", str(run), *args])
    return status, capsys.readouterr().err


def result(run: Path) -> dict:
    return json.loads((run / "result.json").read_text())


def memo_head(run: Path) -> list[str]:
    """The memo's sign-off block: its lines up to the first heading."""
    lines = (run / "memo.md").read_text().splitlines()
    return lines[:lines.index(next(line for line in lines if line.startswith("# ")))]


def test_the_draft_says_no_onboarding_decision_has_been_taken(run: Path) -> None:
    draft = result(run)
    assert draft["status"] == "awaiting_review" and draft["body"]["risk"]["recommendation"] == "recommend_decline"
    assert memo_head(run) == [
        "> **DRAFT: awaiting review.** Nothing here is final until a reviewer approves the analysis.",
        ">",
        "> **No onboarding decision has been taken yet** (the analysis recommends decline).",
        ""]
    state = html.fromstring((run / "report.html").read_text()).xpath("//header/p[contains(@class, 'state')]")[0]
    assert " ".join(state.text_content().split()) == (
        "DRAFT: awaiting review. Nothing here is final until a reviewer approves the analysis. "
        "No onboarding decision has been taken yet (the analysis recommends decline).")


def test_approving_without_the_onboarding_decision_is_exit_2_naming_it(run: Path, capsys) -> None:
    status, err = review(capsys, run, "--approve", "--reviewer", DANA, "--disposition", VERDICT)
    assert status == 2
    assert err == ("finagents: --onboarding-decision: approving a KYC run needs the reviewer's onboarding decision "
                   "(clear, request_documents, edd, decline)\n")
    assert result(run)["status"] == "awaiting_review"


def test_clearing_a_true_match_without_a_reason_is_exit_2_naming_the_hit(run: Path, capsys) -> None:
    status, err = review(capsys, run, "--approve", "--reviewer", DANA, "--disposition", VERDICT,
                         "--onboarding-decision", "clear")
    assert status == 2
    assert err == (f"finagents: --onboarding-decision: 'clear' disagrees with the true_match verdict on {HIT}: a "
                   "customer with a true match is cleared only with --override-reason TEXT saying why\n")
    assert result(run)["status"] == "awaiting_review" and not read_data(run / "audit.jsonl", "human_decision")


def test_with_an_override_reason_the_clear_is_approved_and_both_are_stated(run: Path, capsys) -> None:
    reason = "OFAC general licence 25 covers this customer's business"
    status, _ = review(capsys, run, "--approve", "--reviewer", DANA, "--comment", "Analysis agreed",
                       "--disposition", VERDICT, "--onboarding-decision", "clear", "--override-reason", reason)
    assert status == 0
    final = result(run)
    signed = final["review"]
    assert final["status"] == "approved"
    assert (signed["decision"], signed["onboarding_decision"], signed["override_reason"]) == (
        "approve", "clear", reason)
    (decision,) = read_data(run / "audit.jsonl", "human_decision")
    assert (decision["onboarding_decision"], decision["override_reason"]) == ("clear", reason)
    day = signed["at"][:10]
    assert memo_head(run) == [
        f"> **Analysis approved by {DANA} on {day}** (signed {signed['at']}): \"Analysis agreed\"",
        ">",
        "> **Onboarding decision: clear** (the reviewer's decision; the analysis recommended decline). "
        f"Override reason: \"{reason}\"",
        ""]
    page = html.fromstring((run / "report.html").read_text())
    summary = page.xpath("//dd[@data-summary='review']")[0]
    assert " ".join(summary.text_content().split()) == (
        f"Analysis approved by {DANA} on {day} ({signed['at']}): “Analysis agreed” (1 item verdict). "
        "Onboarding decision: clear (the reviewer's decision; the analysis recommended decline). "
        f"Override reason: “{reason}”.")
    assert page.xpath("//header/p[@data-onboarding-decision]")[0].get("data-onboarding-decision") == "clear"


def test_an_approved_decline_never_shows_the_approval_without_the_decision(run: Path, capsys) -> None:
    status, _ = review(capsys, run, "--approve", "--reviewer", DANA, "--disposition", VERDICT,
                       "--onboarding-decision", "decline")
    assert status == 0
    day = result(run)["review"]["at"][:10]
    memo = (run / "memo.md").read_text()
    report = (run / "report.html").read_text()
    assert "APPROVED" not in memo and "APPROVED" not in report
    assert memo_head(run)[2] == ("> **Onboarding decision: decline** (the reviewer's decision; the analysis "
                                 "recommended decline).")
    page = html.fromstring(report)
    # Every place that states the approval states the decision with it.
    approvals = [e for e in page.xpath("//*[self::p or self::dd]") if "approved by" in e.text_content()]
    assert len(approvals) == 2
    for element in approvals:
        text = " ".join(element.text_content().split())
        assert f"Analysis approved by {DANA} on {day}" in text
        assert "Onboarding decision: decline (the reviewer's decision; the analysis recommended decline)." in text


def test_on_a_rejection_the_decision_is_optional_and_the_memo_says_none_was_taken(run: Path, capsys) -> None:
    status, _ = review(capsys, run, "--reject", "--reviewer", DANA, "--comment", "Wrong party screened")
    assert status == 0
    final = result(run)
    assert final["status"] == "rejected" and final["review"]["onboarding_decision"] is None
    assert memo_head(run)[2] == ("> **No onboarding decision was taken** (the analysis was rejected and must not "
                                 "be used).")


def test_a_decisions_file_carries_the_decision_and_a_bad_one_is_exit_2(run: Path, tmp_path: Path, capsys) -> None:
    answer = {"decision": "approve", "reviewer": DANA, "onboarding_decision": "edd",
              "dispositions": [{"item_id": HIT, "verdict": "false_positive", "reason": "different person"}]}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**answer, "onboarding_decision": "onboard"}))
    status, err = review(capsys, run, "--decisions", str(bad))
    assert status == 2 and err.startswith(f"finagents: {bad}: not a review answer: 'onboarding_decision': ")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(answer))
    assert review(capsys, run, "--decisions", str(good))[0] == 0
    assert result(run)["review"]["onboarding_decision"] == "edd"
    assert memo_head(run)[2] == ("> **Onboarding decision: enhanced due diligence (EDD)** (the reviewer's decision; "
                                 "the analysis recommended decline).")


@pytest.mark.parametrize(("args", "line"), [
    (("--onboarding-decision", "onboard"), "--onboarding-decision: 'onboard' is not one of: clear, "
                                           "request_documents, edd, decline"),
    (("--override-reason", "licence"), "--override-reason: explains an onboarding decision; give "
                                       "--onboarding-decision too"),
], ids=["unknown decision", "reason without decision"])
def test_a_decision_the_review_cannot_take_is_exit_2(run: Path, capsys, args, line) -> None:
    status, err = review(capsys, run, "--reject", "--reviewer", DANA, *args)
    assert status == 2 and err == f"finagents: {line}\n"


def test_the_decision_without_approve_or_reject_is_exit_2(run: Path, capsys) -> None:
    status, err = review(capsys, run, "--reviewer", DANA, "--onboarding-decision", "decline")
    assert status == 2 and err == ("finagents: --onboarding-decision: needs --approve or --reject "
                                   "(or put it in --decisions)\n")


@pytest.mark.parametrize("option", ["--onboarding-decision", "--override-reason"])
def test_another_workflows_run_refuses_the_decision(option: str, tmp_path: Path, capsys) -> None:
    run = tmp_path / "close"
    assert main(["run", "month_end_close", str(get_workflow("month_end_close").sample_dir), "--out", str(run)]) == 0
    capsys.readouterr()
    status, err = review(capsys, run, "--approve", "--reviewer", DANA, option, "clear")
    assert status == 2
    assert err == (f"finagents: {option}: is not taken for a month_end_close run; "
                   "only kyc runs have an onboarding decision\n")
    assert result(run)["status"] == "awaiting_review"


def test_a_run_paused_before_the_gate_named_its_workflow_is_held_to_the_kyc_terms(run: Path, capsys,
                                                                                   monkeypatch) -> None:
    """Such a run's saved payload has no workflow: the review reads it from the run's
    manifest, and refuses the answer before the run resumes (inside the gate the refusal
    would leave the run failed)."""
    from shared.runs import driver

    saved = driver._pending_payload
    monkeypatch.setattr(driver, "_pending_payload",
                        lambda snapshot: (p := saved(snapshot)) and p.model_copy(update={"workflow": ""}))
    status, err = review(capsys, run, "--approve", "--reviewer", DANA, "--disposition", VERDICT)
    assert status == 2 and err.startswith("finagents: --onboarding-decision: approving a KYC run needs")
    assert result(run)["status"] == "awaiting_review"
