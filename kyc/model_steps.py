"""The KYC steps that ask the model. Its answers are advice stored beside each hit;
nothing it says changes a score, a threshold, the rating or the review gate."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kyc.schemas import HitAdjudication
from kyc.screening_step import Adjudication, ScreeningHit
from shared.findings import Finding, finding
from shared.runs.context import RunContext


def adjudicate(state: Mapping[str, Any], context: RunContext,
               certain: Decimal) -> tuple[list[ScreeningHit], list[Finding]]:
    """Every hit, with the model's view added to those below `certain`; and a finding for
    any case text that tried to instruct the model."""
    hits: list[ScreeningHit] = list(state["hits"])
    doubtful = [h for h in hits if not h.is_certain(certain)]
    if not doubtful:
        return hits, []
    parties = {p.id: p for p in state["parties"]}
    prompt = context.prompts.render("adjudicate_hits.j2", case=state["packet"].application.form.legal_name,
                                    hits=[_shown(h, parties[h.party_id]) for h in doubtful])
    answer = context.model.ask(system=context.prompts.render("system.j2"), prompt=prompt,
                               output_type=HitAdjudication).output
    views = {doubtful[v.hit - 1].id: v for v in answer.views if 1 <= v.hit <= len(doubtful)}
    model = context.model.model_id
    viewed = [h.model_copy(update={"adjudication": Adjudication(likely=views[h.id].likely, reason=views[h.id].reason,
                                                                model=model)}) if h.id in views else h for h in hits]
    return viewed, [finding("document_instructs_model", "case text", f"Text in the case tried to instruct the model: "
                            f"{quote!r}", "warning") for quote in answer.suspected_injection]


def _shown(hit: ScreeningHit, party: Any) -> dict[str, Any]:
    return {"party_name": party.name, "party_type": party.type, "party_dob": party.date_of_birth or "",
            "party_country": party.country or "", "list": hit.list, "entry_id": hit.entry_id,
            "matched_name": hit.matched_name, "score": str(hit.score),
            "breakdown": {f: {"score": str(e.score), "query": e.query or "", "listed": e.listed or ""}
                          for f, e in hit.breakdown.items()}}
