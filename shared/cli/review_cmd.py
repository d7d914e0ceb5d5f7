"""`finagents review`: the reviewer's answer at the gate, from flags, a file or questions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from shared.cli.common import EngagementOption, engagement_in_force, node_progress, runs_dir
from shared.cli.runs_cmds import report


def register(app: typer.Typer) -> None:
    app.command("review", help="Approve or reject a run waiting at its review gate.")(review)


def review(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    approve: bool = typer.Option(False, "--approve"),
    reject: bool = typer.Option(False, "--reject"),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="Who signs off."),
    comment: str = typer.Option("", "--comment"),
    disposition: List[str] = typer.Option([], "--disposition", help="ITEM_ID=VERDICT[:REASON], repeatable."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="A JSON file holding the whole answer."),
    engagement: Optional[Path] = EngagementOption,
) -> None:
    from shared.cli.review_prompt import answer_from_flags, ask_interactively
    from shared.runs.driver import pending_review, review_run
    from shared.runs.review import read_decisions
    from shared.runs.store import resolve_run

    from shared.errors import InputError

    flags = approve or reject or reviewer or comment or disposition
    if decisions is not None and flags:
        raise InputError("--decisions", "holds the whole answer; give it alone, without --approve/--reject, "
                                        "--reviewer, --comment or --disposition")
    if disposition and not (approve or reject):
        raise InputError("--disposition", "needs --approve or --reject (or put the dispositions in --decisions)")
    answer = None
    if decisions is not None:
        answer = read_decisions(decisions)
    elif approve or reject:
        answer = answer_from_flags(approve, reject, reviewer, comment, disposition)
    run_dir = resolve_run(run_ref, runs_dir(engagement))
    payload = pending_review(run_dir, os.environ)
    answer = answer or ask_interactively(payload, run_dir, reviewer, comment)
    check_reviewer(answer.reviewer, engagement_in_force(engagement))
    report(review_run(run_dir, answer, environ=os.environ, progress=node_progress()))


def check_reviewer(reviewer: str, engagement) -> None:
    """When the engagement names its reviewers, only they may sign off."""
    from shared.errors import InputError

    allowed = engagement.config.engagement.reviewers
    if allowed and reviewer not in allowed:
        raise InputError("--reviewer", f"'{reviewer}' is not a reviewer of this engagement ({', '.join(allowed)})")
