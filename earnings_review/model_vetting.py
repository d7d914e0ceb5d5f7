"""What a model's choice of concept must pass before it becomes a fact.

The model only proposes. A line it maps must count what the concept counts (money, shares
or a per-share amount, as the line's own label and heading say), sit where the label table
would look for that concept (its statement, and its section where the table names one),
and leave the statement's arithmetic whole: no tie-out that held without it may fail with
it, nor may a tie-out its figures alone bring in. A choice that fails any of the three
stays unmapped, with a finding that says which rule refused it, so that "Products" cannot
become a dividend per share of 60 billion and "Other income" cannot become an EPS.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from earnings_review.checks import run_tieouts
from earnings_review.concepts import entries, normalise
from earnings_review.facts import Fact
from shared.findings import Finding, finding
from shared.money import row_kind


def vet(base: Sequence[Fact], proposed: Sequence[tuple[Any, list[Fact]]], unmapped: Sequence[Any],
        model_id: str) -> tuple[list[Fact], list[Finding]]:
    """The proposed facts (grouped by the line they came from) that pass, and a finding
    for each line refused."""
    accepted: list[Fact] = []
    findings: list[Finding] = []
    for row, facts in proposed:
        problem = _misfit(row, facts[0].concept) or _breaks(base, accepted, facts, row, unmapped)
        if problem is None:
            accepted += facts
        else:
            findings.append(_refused(row, facts[0].concept, problem, model_id))
    return accepted, findings


def _misfit(row: Any, concept: str) -> str | None:
    """Why `concept` cannot be what `row` reports by kind or place, or None."""
    candidates = [e for e in entries() if e.concept == concept and e.statement == row.statement]
    kind = row_kind(row.label, row.section)
    if not any(e.kind == kind for e in candidates):
        kinds = sorted({e.kind for e in candidates}) or ["none"]
        counted = " or ".join(k.replace("_", " ") for k in kinds)
        return f"the line counts {kind.replace('_', ' ')}, the concept {counted}"
    where = normalise(row.section)  # as the label table reads headings
    if not any(e.section is None or e.section.search(where) for e in candidates if e.kind == kind):
        return f"the concept is not reported under the heading '{row.section or 'none'}'"
    return None


def _breaks(base: Sequence[Fact], accepted: Sequence[Fact], facts: Sequence[Fact], row: Any,
            unmapped: Sequence[Any]) -> str | None:
    """The first tie-out that fails with the line and did not fail without it (one that
    held, or one the line's figures bring into being), or None."""
    others = [r for r in unmapped if r is not row]
    before = {(t.check, t.period): t.passed for t in run_tieouts([*base, *accepted], unmapped)}
    after = run_tieouts([*base, *accepted, *facts], others)
    broken = next((t for t in after if not t.passed and before.get((t.check, t.period), True)), None)
    if broken is None:
        return None
    held = "which holds without it" if (broken.check, broken.period) in before else "which it alone brings in"
    return f"it would break the {broken.check} tie-out for {broken.period}, {held}"


def _refused(row: Any, concept: str, problem: str, model_id: str) -> Finding:
    return finding("model_mapping_refused", row.label,
                   f"The model ({model_id}) read '{row.label}' as {concept}; not taken: {problem}. "
                   "The line stays unmapped.", "warning",
                   citations=tuple(c for c in row.citations if c is not None)[:1])
