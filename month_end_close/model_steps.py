"""The close step that asks the model: why flagged accounts moved. Its words are kept
only where they use the close's own figures and name drivers it was given; otherwise the
offline explanation stands and the reviewer is told."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from month_end_close.flux import FluxRow
from shared.findings import Finding, finding

# A figure stands alone: digits inside an identifier (L000153, J7000010) are not one.
_FIGURE = re.compile(r"(?<![A-Za-z\d])\d[\d,]*(?:\.\d+)?")
UNCLEAR = "driver unclear, flag for controller"


def explain(rows: tuple[FluxRow, ...], context: Any) -> tuple[tuple[FluxRow, ...], list[Finding]]:
    from month_end_close.schemas import FluxExplanations

    settings = context.settings.workflow.value
    flagged = [r for r in rows if r.flagged]
    prompt = context.prompts.render("explain_flux.j2", entity=settings.entity or "the entity",
                                    period=settings.period or "", materiality_amount=str(settings.materiality_amount),
                                    materiality_pct=str(settings.materiality_pct),
                                    accounts=[_shown(r) for r in flagged])
    answer = context.model.ask(system=context.prompts.render("system.j2"), prompt=prompt,
                               output_type=FluxExplanations).output
    given = {a.account: a for a in answer.accounts}
    findings = [finding("document_instructs_model", "ledger text", f"Text in the ledger tried to instruct the model: "
                        f"{quote!r}", "warning") for quote in answer.suspected_injection]
    explained = []
    for row in rows:
        row, problem = _apply(row, given.get(row.account), context.model.model_id) if row.flagged else (row, None)
        explained.append(row)
        findings += [problem] if problem else []
    return tuple(explained), findings


def _apply(row: FluxRow, answer: Any, model: str) -> tuple[FluxRow, Finding | None]:
    if answer is None:
        return row, _kept(row, "the model gave no explanation for it")
    if not answer.clear:
        return replace(row, explanation=f"{UNCLEAR}. {row.explanation}", explained_by=model), None
    unknown_ids = set(answer.driver_ids) - {d.id for d in row.drivers}
    unknown_figures = _figures(answer.explanation) - _known_figures(row)
    if unknown_ids or unknown_figures:
        what = sorted(unknown_ids) + [str(f) for f in sorted(unknown_figures)]
        return row, _kept(row, f"its explanation used lines or figures the close did not give it: {', '.join(what)}")
    return replace(row, explanation=answer.explanation, explained_by=model), None


def _kept(row: FluxRow, why: str) -> Finding:
    return finding("flux_explanation_rejected", row.account, f"Account {row.account}: the offline explanation is "
                   f"shown because {why}", "info")


def _shown(row: FluxRow) -> dict[str, Any]:
    budget = row.budget
    return {"account": row.account, "name": row.name, "current": str(row.current), "prior": str(row.prior.base),
            "change_prior": str(row.prior.change), "pct_prior": str(row.prior.percent or ""),
            "budget": str(budget.base) if budget else None, "change_budget": str(budget.change) if budget else "",
            "pct_budget": str(budget.percent or "") if budget else "",
            "drivers": [{"id": d.id, "date": d.date.isoformat(), "amount": str(d.amount), "description": d.description}
                        for d in row.drivers]}


def _figures(text: str) -> set[Decimal]:
    found = set()
    for match in _FIGURE.findall(text):
        try:
            found.add(abs(Decimal(match.replace(",", ""))))
        except InvalidOperation:
            continue
    return {f for f in found if f >= 10}  # small numbers are counts and days, not figures


def _known_figures(row: FluxRow) -> set[Decimal]:
    values = [row.current, row.prior.base, row.prior.change, row.prior.percent]
    if row.budget:
        values += [row.budget.base, row.budget.change, row.budget.percent]
    values += [d.amount for d in row.drivers]
    known = {abs(v) for v in values if v is not None}
    # Invoice numbers and dates quoted from the entries are not figures it made up.
    for d in row.drivers:
        known |= _figures(d.description) | {Decimal(d.date.year)}
    return known | {v.quantize(Decimal("1")) for v in known}
