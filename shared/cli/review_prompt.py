"""Building the gate's answer from flags, or by asking on a terminal."""

from __future__ import annotations

import sys
from typing import Sequence

import typer

from shared.errors import InputError
from shared.runs.gate import GatePayload
from shared.runs.review import Disposition, ReviewAnswer, parse_disposition


def answer_from_flags(approve: bool, reject: bool, reviewer: str | None, comment: str,
                      dispositions: Sequence[str]) -> ReviewAnswer:
    if approve and reject:
        raise InputError("--approve/--reject", "give one of them, not both")
    if not reviewer:
        raise InputError("--reviewer", "a review needs the reviewer's name")
    return ReviewAnswer(decision="approve" if approve else "reject", reviewer=reviewer, comment=comment,
                        dispositions=tuple(parse_disposition(text) for text in dispositions))


def ask_interactively(payload: GatePayload, reviewer: str | None, comment: str) -> ReviewAnswer:
    """Ask for each item's verdict, then the decision; only on a terminal, so a script
    without flags fails clearly instead of hanging."""
    if not sys.stdin.isatty():
        raise InputError("review", "give --approve or --reject (or --decisions FILE); there is no terminal to ask on")
    typer.echo(f"Run {payload.run_id}: {len(payload.items)} item(s) need a disposition.")
    dispositions = tuple(_ask_item(item) for item in payload.items)
    decision = choose("Decision", ("approve", "reject"))
    return ReviewAnswer(decision=decision, reviewer=reviewer or typer.prompt("Reviewer"),
                        comment=comment or typer.prompt("Comment", default="", show_default=False),
                        dispositions=dispositions)


def _ask_item(item) -> Disposition:  # (ReviewItem) -> Disposition
    typer.echo(f"- {item.id} ({item.kind}): {item.summary}")
    verdict = choose("  verdict", item.verdicts)
    reason = typer.prompt("  reason", default="", show_default=False)
    return Disposition(item_id=item.id, verdict=verdict, reason=reason)


def choose(question: str, options: Sequence[str]) -> str:
    """Ask until the answer is one of `options`."""
    while True:
        answer = typer.prompt(f"{question} ({'/'.join(options)})").strip()
        if answer in options:
            return answer
        typer.echo(f"  please answer one of: {', '.join(options)}")
