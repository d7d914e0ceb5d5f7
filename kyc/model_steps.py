"""The KYC steps that ask the model. Its answers are advice stored beside each hit;
nothing it says changes a score, a threshold, the rating or the review gate."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kyc.hit_evidence import shown_hits
from kyc.schemas import HitAdjudication, HitView
from kyc.screening_step import Adjudication, FieldCheck, ScreeningHit
from shared.findings import Finding, finding
from shared.runs.context import RunContext


def adjudicate(state: Mapping[str, Any], context: RunContext,
               certain: Decimal) -> tuple[list[ScreeningHit], list[Finding]]:
    """Every hit, with the model's view added to those below `certain`; and a finding for
    any case text that tried to instruct the model. The model sees each doubtful hit's
    listed entry in full and the party's own evidence (`kyc.hit_evidence`)."""
    hits: list[ScreeningHit] = list(state["hits"])
    doubtful = [h for h in hits if not h.is_certain(certain)]
    if not doubtful:
        return hits, []
    shown = shown_hits(doubtful, state, context.engagement_root)
    prompt = context.prompts.render("adjudicate_hits.j2", case=state["packet"].application.form.legal_name,
                                    hits=shown)
    # A judgement, not a transcription: the engagement's thinking budget applies, if any.
    answer = context.model.ask(system=context.prompts.render("system.j2"), prompt=prompt,
                               output_type=HitAdjudication, thinking=True).output
    model = context.model.model_id
    views = {doubtful[v.hit - 1].id: _adjudication(v, shown[v.hit - 1]["missing"], model)
             for v in answer.views if 1 <= v.hit <= len(doubtful)}
    viewed = [h.model_copy(update={"adjudication": views[h.id]}) if h.id in views else h for h in hits]
    return viewed, [finding("document_instructs_model", "case text", f"Text in the case tried to instruct the model: "
                            f"{quote!r}", "warning") for quote in answer.suspected_injection]


def _adjudication(view: HitView, missing: str, model: str) -> Adjudication:
    checks = tuple(FieldCheck(field=c.field, party=c.party, listed=c.listed, outcome=c.outcome)
                   for c in view.comparisons)
    return Adjudication(likely=view.likely, reason=view.reason, model=model, comparisons=checks,
                        entry_not_found=missing or None)
