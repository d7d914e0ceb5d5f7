"""One case scored: the PDF read as a run reads it, its facts judged against the truth.

Facts compare on the contract's concept classes and on end date and months (or the
instant), with the exact value.
- Recall is over the case's scope: the key facts its primary statements show, each with
  the value (or values, where two concepts of one class are tagged) that counts as found.
- Precision is over the emitted facts the truth can judge: right when the filing tags the
  same concept class and period with that very value, wrong when only other values.
  A fact whose class and period the filing does not tag is "unverifiable": listed (with
  the concept the filing uses for that figure, if any), never counted.
- Every emitted fact's citation is verified against the PDF.
A run that ends without facts (no statements found, an error) is a failed run, its scope
counted as missed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from earnings_review.evaluation.report import FilingScore, failed_score
from earnings_review.evaluation.tags import Key
from earnings_review.extract import Extraction, extract_statements
from earnings_review.vocabulary import concept_class
from shared.documents import CitationVerifier, open_pdf
from shared.reports.evidence import where

# (the open PDF, its extraction) -> {key: values that count as found}
Scope = Callable[[Any, Extraction], dict[Key, set[Decimal]]]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "financebench" or "ixbrl-printed"
    pdf: Path
    tagged: dict[Key, dict[Decimal, str]]  # {key: {value: concept}}: every figure the filing tags
    scope: Scope
    has_truth: bool = True
    in_scope_if_failed: int = 0


def score_case(case: Case) -> FilingScore:
    started = time.perf_counter()
    try:
        with open_pdf(case.pdf) as pdf:
            extraction = extract_statements(pdf)
            scope = case.scope(pdf, extraction)
    except Exception as problem:  # any error is a failed run, reported, not a crashed evaluation
        return failed_score(case.name, case.kind, f"{type(problem).__name__}: {problem}", case.in_scope_if_failed,
                            _since(started))
    seconds = _since(started)
    with CitationVerifier() as verifier:
        cited = sum(1 for v in verifier.verify_all([f.citation for f in extraction.facts]) if v.ok)
    return _judge(case, extraction, scope, cited, seconds)


def _judge(case: Case, extraction: Extraction, scope: dict[Key, set[Decimal]], cited: int,
           seconds: Decimal) -> FilingScore:
    emitted = {(concept_class(f.concept), f.period.key): f for f in extraction.facts}
    found = [k for k in scope if k in emitted and emitted[k].value in scope[k]]
    judged = {k: f for k, f in emitted.items() if case.tagged.get(k)}
    wrong = tuple(f"{f.concept} {f.period.describe()}: {f.value} ({f.label!r}, {where(f.citation)}; "
                  f"tagged {', '.join(map(str, case.tagged[k]))})"
                  for k, f in judged.items() if f.value not in case.tagged[k])
    unverifiable = tuple(_unverifiable(f, case.tagged) for k, f in emitted.items() if k not in judged)
    missed = tuple(_describe(k, scope[k]) for k in scope if k not in found)
    return FilingScore(case.name, case.has_truth, len(scope), len(found), len(extraction.facts),
                       len(judged) - len(wrong), wrong, missed, unverifiable, cited, seconds, case.kind)


def _since(started: float) -> Decimal:
    return Decimal(str(round(time.perf_counter() - started, 2)))


def _unverifiable(fact: Any, tagged: dict[Key, dict[Decimal, str]]) -> str:
    same = [concept for (_, key), values in tagged.items() if key == fact.period.key
            for value, concept in values.items() if value == fact.value]
    hint = f"; tagged as {', '.join(sorted(set(same)))}" if same else ""
    return f"{fact.concept} {fact.period.describe()}: {fact.value} ({fact.label!r}, page {fact.citation.page}){hint}"


def _describe(key: Key, values: set[Decimal]) -> str:
    members, period = key
    when = f"at {period[1]}" if period[0] == "instant" else f"{period[2]} months to {period[1]}"
    return f"{sorted(members)[0]} {when}: {', '.join(map(str, sorted(values)))}"
