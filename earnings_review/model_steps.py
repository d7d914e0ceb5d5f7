"""The steps that ask the model: classifying unknown statement lines and drafting the
memo. Offline runs never come here; what the model answers is checked by rules after."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from earnings_review.facts import Fact
from earnings_review.schemas import MemoDraft
from shared.llm import DocumentInput

State = Mapping[str, Any]
KEY_FACTS_LIMIT = 120


def draft_memo(state: State, context: Any) -> MemoDraft:
    """The model's narrative, from the computed figures and findings only."""
    filing = state["filing"]
    variables = {
        "company": filing["company"],
        "document_type": filing["document_type"],
        "period_end": _period_end(state["facts"]),
        "facts": [_fact_line(f) for f in state["facts"][:KEY_FACTS_LIMIT]],
        "metrics": [_metric_line(m) for m in state.get("metrics", ())],
        "comparisons": [_comparison_line(c) for c in state.get("comparisons", ())],
        "findings": [{"severity": f.severity, "message": f.message} for f in state.get("findings", ())
                     if f.severity != "info"],
    }
    system = context.prompts.render("system.j2")
    prompt = context.prompts.render("draft_memo.j2", **variables)
    return context.model.ask(system=system, prompt=prompt, output_type=MemoDraft, max_tokens=2048).output


def _period_end(facts: Sequence[Fact]) -> str:
    from earnings_review.memo import current_period

    period = current_period(facts)
    return str(period.end) if period else "unknown"


def _fact_line(fact: Fact) -> dict[str, str]:
    return {"label": fact.label, "concept": fact.concept, "period": fact.period.describe(),
            "value": str(fact.value), "unit": fact.unit}


def _metric_line(metric: Any) -> dict[str, str]:
    return {"name": metric.name, "period": metric.period.describe(), "value": str(metric.value),
            "unit": metric.unit, "formula": metric.formula}


def _comparison_line(comparison: Any) -> dict[str, str]:
    expected = getattr(comparison, "expected", None)
    if expected is None:
        expected = f"{comparison.low} to {comparison.high}"
    return {"metric": comparison.metric, "period": comparison.period.describe(), "outcome": comparison.outcome,
            "actual": str(comparison.actual), "expected": str(expected)}


def _document(filing: Mapping[str, Any], text: str) -> DocumentInput:
    return DocumentInput(name=filing["path"], sha256=filing["sha256"], text=text)
