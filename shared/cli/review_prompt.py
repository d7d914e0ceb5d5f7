"""Building the gate's answer from flags, or by asking on a terminal.

On a terminal the reviewer first sees what the report's summary says (workflow, state,
recommendation, findings, cost, where the report is), then each item needing a
disposition with the details result.json holds for it, so that a verdict can be given
without opening anything else."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import typer

from shared.body import table
from shared.errors import InputError
from shared.findings import SEVERITIES, SeverityCounts
from shared.runs.gate import GatePayload, ReviewItem, answer_rules
from shared.runs.review import ONBOARDING_DECISIONS, AnswerRules, Disposition, ReviewAnswer, parse_disposition
from shared.workflows import all_workflows

# Fields of an item that are plumbing rather than evidence a reviewer weighs.
HIDDEN_FIELDS = {"id", "doc_sha256", "sha256"}
# What locates a citation in its source, by kind (see CONTRACT.md, Citations).
CITATION_PLACES = ("page", "row", "column", "line", "record", "element_id", "list_name", "entry_id")


def answer_from_flags(approve: bool, reject: bool, reviewer: str | None, comment: str,
                      dispositions: Sequence[str], onboarding_decision: str | None = None,
                      override_reason: str = "") -> ReviewAnswer:
    if approve and reject:
        raise InputError("--approve/--reject", "give one of them, not both")
    if not reviewer:
        raise InputError("--reviewer", "a review needs the reviewer's name")
    if onboarding_decision is not None and onboarding_decision not in ONBOARDING_DECISIONS:
        raise InputError("--onboarding-decision",
                         f"'{onboarding_decision}' is not one of: {', '.join(ONBOARDING_DECISIONS)}")
    return ReviewAnswer(decision="approve" if approve else "reject", reviewer=reviewer, comment=comment,
                        dispositions=tuple(parse_disposition(text) for text in dispositions),
                        onboarding_decision=onboarding_decision, override_reason=override_reason)


def ask_interactively(payload: GatePayload, run_dir: Path, reviewer: str | None, comment: str) -> ReviewAnswer:
    """Show the summary, ask for each item's verdict, then the decision (and, where the
    workflow takes one, the onboarding decision); only on a terminal, so a script
    without flags fails clearly instead of hanging."""
    if not sys.stdin.isatty():
        raise InputError("review", "give --approve or --reject (or --decisions FILE); there is no terminal to ask on")
    result = read_result(run_dir)
    for line in summary_lines(payload, result, run_dir / "report.html"):
        typer.echo(line)
    details = find_items(result, (item.id for item in payload.items))
    dispositions = tuple(_ask_item(item, details.get(item.id, {})) for item in payload.items)
    decision = choose("Decision", ("approve", "reject"))
    onboarding, override = ask_onboarding(answer_rules(payload), decision, dispositions)
    return ReviewAnswer(decision=decision, reviewer=reviewer or typer.prompt("Reviewer"),
                        comment=comment or typer.prompt("Comment", default="", show_default=False),
                        dispositions=dispositions, onboarding_decision=onboarding, override_reason=override)


def ask_onboarding(rules: AnswerRules | None, decision: str,
                   dispositions: Sequence[Disposition]) -> tuple[str | None, str]:
    """On approving a run whose workflow takes an onboarding decision (KYC): the
    decision, and why, when it disagrees with the verdicts just given. A rejected
    analysis is not the ground for one, so it is not asked for then."""
    if rules is None or decision != "approve":
        return None, ""
    onboarding = choose("Onboarding decision", rules.onboarding_decisions)
    against = rules.conflicts(onboarding, dispositions)
    if not against:
        return onboarding, ""
    typer.echo(f"  '{onboarding}' disagrees with your verdict on {', '.join(against)}; say why to go ahead")
    return onboarding, ask_text("Override reason")


def ask_text(question: str) -> str:
    """Ask until the answer is not blank."""
    while True:
        answer = typer.prompt(question, default="", show_default=False).strip()
        if answer:
            return answer
        typer.echo("  an answer is needed")


def read_result(run_dir: Path) -> dict[str, Any]:
    """The draft result.json, its body plain; empty when unreadable, since the gate's
    own payload is still enough to review on (the summary is then shorter)."""
    from shared.runs.result_file import read_result as read_file

    try:
        return read_file(run_dir / "result.json")
    except (OSError, ValueError):
        return {}


# -- the summary --------------------------------------------------------------------------


def summary_lines(payload: GatePayload, result: Mapping[str, Any], report: Path) -> list[str]:
    workflow = result.get("workflow", "?")
    status = str(result.get("status", "awaiting_review")).replace("_", " ")
    lines = [f"Run {payload.run_id} ({workflow}): {status}"]
    lines += [line for line in (headline(str(workflow), table(result, "body")),) if line]
    lines.append(f"Findings: {findings_count(result.get('findings') or [])}")
    lines.append(f"Model: {cost_line(result)}")
    lines.append(f"Report: {report.resolve()}")
    count = len(payload.items)
    lines.append(f"{count} item{'' if count == 1 else 's'} need{'s' if count == 1 else ''} a disposition.")
    return lines


def headline(workflow: str, body: Mapping[str, Any]) -> str | None:
    """The one line the workflow leads its report with (its spec's `headline`), where its
    body has one; none for a workflow no longer installed, as the rest still reviews."""
    known = {flow.name: flow for flow in all_workflows()}
    return known[workflow].headline(body) if workflow in known else None


def findings_count(findings: Sequence[Mapping[str, Any]]) -> str:
    """'0 error, 3 warning, 0 info': every severity named, so a zero is seen as one."""
    counts = SeverityCounts.of(findings)
    return ", ".join(f"{getattr(counts, severity)} {severity}" for severity in SEVERITIES)


def cost_line(result: Mapping[str, Any]) -> str:
    usage = table(result, "usage")
    return (f"{result.get('method', '?')}, cost ${usage.get('cost_usd', '0')} "
            f"({usage.get('input_tokens', 0)} input, {usage.get('output_tokens', 0)} output tokens)")


# -- the items ------------------------------------------------------------------------------


def find_items(result: Any, item_ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
    """The objects in result.json that carry these ids as their `id` (CONTRACT.md: every
    reviewable item does), wherever the workflow's body keeps them; one walk of the
    result for all of them, since a close's body can hold 100,000 lines."""
    wanted = set(item_ids)
    found: dict[str, Mapping[str, Any]] = {}
    for candidate in _objects(result):
        item_id = candidate.get("id")
        if isinstance(item_id, str) and item_id in wanted:
            found.setdefault(item_id, candidate)
    return found


def _objects(value: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        yield value
        children: Any = value.values()
    elif isinstance(value, (list, tuple)):
        children = value
    else:
        return
    for child in children:
        yield from _objects(child)


def item_lines(item: ReviewItem, details: Mapping[str, Any]) -> list[str]:
    """The item's gate line, then its details: plain fields, tables of per-field scores
    (a hit's breakdown), other small records on one line, and where it was cited."""
    lines = [f"- {item.id} ({item.kind}): {item.summary}"]
    for key, value in details.items():
        if key in HIDDEN_FIELDS or value is None or value == "" or value == [] or value == {}:
            continue
        label = key.replace("_", " ")
        if key == "citation" and isinstance(value, Mapping):
            lines.append(f"    cited: {citation_text(value)}")
        elif _is_table(value):
            lines.append(f"    {label}:")
            lines += [f"      {row}" for row in table_lines(value)]
        elif isinstance(value, Mapping):
            lines.append(f"    {label}: " + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in value.items()
                                                     if k not in HIDDEN_FIELDS))
        elif not isinstance(value, (list, tuple)):
            lines.append(f"    {label}: {value}")
    return lines


def citation_text(citation: Mapping[str, Any]) -> str:
    places = [f"{key.replace('_', ' ')} {citation[key]}" for key in CITATION_PLACES if citation.get(key) is not None]
    where = Path(str(citation.get("path", "?"))).name
    return f"{where}" + (f", {', '.join(places)}" if places else "") + f": '{citation.get('text', '')}'"


def _is_table(value: Any) -> bool:
    """A mapping of names to records (a screening hit's breakdown by field)."""
    return isinstance(value, Mapping) and bool(value) and all(isinstance(v, Mapping) for v in value.values())


def table_lines(rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
    columns = list(dict.fromkeys(key for row in rows.values() for key in row))
    cells = [["", *columns]] + [[str(name), *("" if row.get(c) is None else str(row.get(c)) for c in columns)]
                                for name, row in rows.items()]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells]


def _ask_item(item: ReviewItem, details: Mapping[str, Any]) -> Disposition:
    for line in item_lines(item, details):
        typer.echo(line)
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
