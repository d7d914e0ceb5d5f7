"""`finagents review`: the reviewer's answer at the gate, from flags, a file or questions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from shared.cli.common import EngagementOption, QuietOption, engagement_in_force, runs_dir, stderr_progress
from shared.cli.runs_cmds import ServerOption, report

if TYPE_CHECKING:
    from shared.runs.driver import Outcome
    from shared.runs.gate import GatePayload
    from shared.runs.progress import RunProgress
    from shared.runs.review import ReviewAnswer
    from shared.runs.server_client import ServedRun


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("review", cls=PlainUsage,
                help="Approve or reject the analysis of a run waiting at its review gate, with a verdict on each "
                     "item (and, for KYC, the onboarding decision); without --approve/--reject on a terminal, "
                     "it asks.")(review)


def review(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    approve: bool = typer.Option(False, "--approve", help="Approve the analysis: it is right and may go out. "
                                                           "Needs a verdict on every item (--disposition)."),
    reject: bool = typer.Option(False, "--reject", help="Reject the analysis: it is wrong and must not be used; "
                                                         "a new run is needed to try again."),
    reviewer: str | None = typer.Option(None, "--reviewer", metavar="NAME",
                                           help="Who signs off: one of the engagement's reviewers when it names them."),
    comment: str = typer.Option("", "--comment", metavar="TEXT",
                                help="The reviewer's comment, shown with the sign-off."),
    disposition: list[str] = typer.Option([], "--disposition", metavar="ITEM_ID=VERDICT[:REASON]",
                                          help="A verdict on one item of the run, by its id in result.json (a KYC "
                                               "screening hit: true_match or false_positive), with the reason; "
                                               "repeat for each item."),
    onboarding_decision: str | None = typer.Option(
        None, "--onboarding-decision", metavar="DECISION",
        help="KYC only: the reviewer's decision on the customer (clear, request_documents, edd or decline), apart "
             "from approving the analysis. Required to approve a KYC run; it must agree with the verdicts (a "
             "true_match hit is not cleared without --override-reason)."),
    override_reason: str = typer.Option("", "--override-reason", metavar="TEXT",
                                        help="KYC only: why the onboarding decision goes against the verdicts or the "
                                             "analysis's recommendation; shown with the decision."),
    decisions: Path | None = typer.Option(None, "--decisions", metavar="FILE.json",
                                             help="The whole answer as JSON, given alone: decision (approve or "
                                                  "reject), reviewer, comment, dispositions [{item_id, verdict, "
                                                  "reason}], onboarding_decision, override_reason."),
    server: str | None = ServerOption,
    engagement: Path | None = EngagementOption,
    quiet: bool = QuietOption,
) -> None:
    from shared.cli.review_prompt import answer_from_flags, ask_interactively
    from shared.runs.gate import check_answer
    from shared.runs.review import read_decisions
    from shared.runs.server_client import served_target
    from shared.runs.store import resolve_run

    given = {"--reviewer": reviewer, "--comment": comment, "--disposition": disposition,
             "--onboarding-decision": onboarding_decision, "--override-reason": override_reason}
    refuse_mixed_options(approve or reject, decisions is not None, [name for name, value in given.items() if value])
    answer = None
    if decisions is not None:
        answer = read_decisions(decisions)
    elif approve or reject:
        answer = answer_from_flags(approve, reject, reviewer, comment, disposition, onboarding_decision,
                                   override_reason)
    run_dir = resolve_run(run_ref, runs_dir(engagement))
    served = served_target(run_dir, server, os.environ)
    payload = with_workflow(_pending(run_dir, served), run_dir)
    answer = answer or ask_interactively(payload, run_dir, reviewer, comment)
    check_reviewer(answer.reviewer, engagement_in_force(engagement))
    # Checked here too: the gate itself would refuse a bad answer only after the run had resumed.
    check_answer(answer, payload)
    progress = stderr_progress(quiet)
    outcome = _answer(run_dir, served, answer, progress)
    progress.end(f"{outcome.status}: {outcome.run_id}")
    report(outcome)


def _pending(run_dir: Path, served: ServedRun | None) -> GatePayload:
    """The gate's payload: from the server that keeps the run's checkpoints, or from the folder's."""
    from shared.runs.driver import pending_review
    from shared.runs.server_client import waiting_payload

    return waiting_payload(served) if served else pending_review(run_dir, os.environ)


def _answer(run_dir: Path, served: ServedRun | None, answer: ReviewAnswer, progress: RunProgress) -> Outcome:
    from shared.runs.driver import review_run
    from shared.runs.server_client import review_on_server

    if served:
        return review_on_server(served, answer, progress)
    return review_run(run_dir, answer, environ=os.environ, progress=progress)


def refuse_mixed_options(decided: bool, from_file: bool, given: list[str]) -> None:
    """The answer comes whole from --decisions, or from flags with --approve/--reject;
    a verdict or an onboarding decision without either would be silently dropped (the
    reviewer and comment alone are what the interactive review starts from)."""
    from shared.errors import InputError

    if from_file and (decided or given):
        raise InputError("--decisions", "holds the whole answer; give it alone, without --approve/--reject, "
                                        "--reviewer, --comment, --disposition, --onboarding-decision or "
                                        "--override-reason")
    needing = [name for name in given if name not in ("--reviewer", "--comment")]
    if needing and not decided:
        raise InputError(needing[0], "needs --approve or --reject (or put it in --decisions)")


def with_workflow(payload: GatePayload, run_dir: Path) -> GatePayload:
    """The gate's payload naming the run's workflow, whose terms the answer must meet:
    a run that stopped at its gate before payloads named it is told by its manifest."""
    from shared.runs.manifest import RunManifest

    if payload.workflow:
        return payload
    return payload.model_copy(update={"workflow": RunManifest.read(run_dir).workflow})


def check_reviewer(reviewer: str, engagement) -> None:
    """When the engagement names its reviewers, only they may sign off."""
    from shared.errors import InputError

    allowed = engagement.config.engagement.reviewers
    if allowed and reviewer not in allowed:
        raise InputError("--reviewer", f"'{reviewer}' is not a reviewer of this engagement ({', '.join(allowed)})")
