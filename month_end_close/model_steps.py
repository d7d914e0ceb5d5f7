"""The close step that asks the model: why flagged accounts moved. Its words are kept
only where every claim holds against the books (`flux_claims`): the lines it names are
ledger.csv's, on the account, moving it the way it moved, with their own amounts, and
the direction it gives is the account's; otherwise the offline explanation stands and
the reviewer is told why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from month_end_close.context import Context
from month_end_close.flux import UNCLEAR, FluxRow, direction
from month_end_close.flux_claims import LedgerIndex, claim_problems
from month_end_close.records import LedgerLine
from month_end_close.schemas import FluxExplanations
from shared.findings import Finding, finding
from shared.runs.context import RunContext, workflow_settings


def explain(rows: tuple[FluxRow, ...], context: RunContext,
            ledger: Sequence[LedgerLine] = ()) -> tuple[tuple[FluxRow, ...], list[Finding]]:
    settings = workflow_settings(context, Context)
    flagged = [r for r in rows if r.flagged]
    prompt = context.prompts.render("explain_flux.j2", entity=settings.entity or "the entity",
                                    period=settings.period or "", materiality_amount=str(settings.materiality_amount),
                                    materiality_pct=str(settings.materiality_pct),
                                    accounts=[_shown(r) for r in flagged])
    answer = context.model.ask(system=context.prompts.render("system.j2"), prompt=prompt,
                               output_type=FluxExplanations).output
    given, index = {a.account: a for a in answer.accounts}, LedgerIndex.of(ledger)
    findings = [finding("document_instructs_model", "ledger text", f"Text in the ledger tried to instruct the model: "
                        f"{quote!r}", "warning") for quote in answer.suspected_injection]
    model = context.model.model_id
    explained = [_apply(r, given.get(r.account), model, index) if r.flagged else (r, None) for r in rows]
    return tuple(row for row, _ in explained), findings + [problem for _, problem in explained if problem]


def _apply(row: FluxRow, answer: Any, model: str, ledger: LedgerIndex) -> tuple[FluxRow, Finding | None]:
    if answer is None:
        return row, _kept(row, "the model gave no explanation for it")
    if not answer.clear:
        return replace(row, explanation=f"{UNCLEAR}. {row.explanation}", explained_by=model), None
    problems = claim_problems(answer.explanation, answer.driver_ids, row, ledger)
    if problems:
        return row, _kept(row, f"the model's explanation does not hold against the books: {'; '.join(problems)}")
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
            "balance": "credit" if row.credit_normal else "debit", "moved_prior": direction(row, row.prior),
            "moved_budget": _against_budget(row, budget), "ledger_lines": row.ledger_lines,
            "ledger_net": str(row.ledger_net),
            "drivers": [{"id": d.id, "date": d.date.isoformat(), "amount": str(d.amount), "description": d.description}
                        for d in row.drivers]}


def _against_budget(row: FluxRow, budget: Any) -> str:
    if budget is None:
        return ""
    return {"up": "above", "down": "below"}.get(direction(row, budget), "on") + " budget"
