"""Every structured answer the pack asks a model for gives its reasoning before its
verdict: field order is the order the model writes in, and a verdict written first is
then only justified, never reasoned to."""

from __future__ import annotations

import pytest

from earnings_review.schemas import LabelChoice, MemoDraft
from kyc.schemas import HitView, ScanReading
from month_end_close.schemas import AccountExplanation

# (the answer type, its reasoning field, its verdict field)
VERDICTS = [(HitView, "reason", "likely"), (HitView, "comparisons", "likely"), (LabelChoice, "reason", "concept"),
            (AccountExplanation, "explanation", "clear"), (ScanReading, "observations", "kind"),
            (MemoDraft, "reasons", "headline"), (MemoDraft, "paragraphs", "headline")]


@pytest.mark.parametrize(("answer", "reasoning", "verdict"), VERDICTS,
                         ids=[f"{v[0].__name__}.{v[1]}" for v in VERDICTS])
def test_the_reason_comes_before_the_verdict(answer, reasoning, verdict) -> None:
    fields = list(answer.model_json_schema()["properties"])
    assert fields.index(reasoning) < fields.index(verdict)
