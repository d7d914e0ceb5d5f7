"""The "ixbrl-printed" cases: as-filed iXBRL 10-Ks and 10-Qs (the corpus's
`earnings/ixbrl_more/`), printed to PDF by headless Chromium and read as any PDF filing
is, then scored against the filing's own tags (`tags`).

Recall is over the key concepts (those of the corpus's key-facts file, with the contract's
concept classes) tagged inside the primary statements' tables (`placement`), for every
period those tables show; precision over every emitted fact whose class and period the
filing tags anywhere without dimensions.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from earnings_review.evaluation.printing import Browser, PrintFailed, printed_pdf
from earnings_review.evaluation.report import FilingScore, failed_score
from earnings_review.evaluation.scoring import Case, score_case
from earnings_review.evaluation.tags import Key, judged, read_tags, shown
from earnings_review.vocabulary import concept_class
from earnings_review.xbrl_truth import key_facts
from shared.corpus import corpus_file

FOLDER = "earnings/ixbrl_more"
KIND = "ixbrl-printed"


def default_files() -> list[Path]:
    """The corpus's as-filed iXBRL filings, by name."""
    return sorted(p for p in corpus_file(FOLDER).iterdir() if p.suffix.lower() in (".htm", ".html"))


def key_classes() -> set[frozenset[str]]:
    """The key concepts' classes: every concept the key-facts file lists, for any filing."""
    return {concept_class(concept) for item in key_facts().values() for concept in item["facts_usd_unscaled"]}


def score_printed(html: Path, browser: Browser, cache: Path, classes: set[frozenset[str]]) -> FilingScore:
    tags = read_tags(html)
    scope: dict[Key, set[Decimal]] = shown(tags, classes)
    try:
        pdf = printed_pdf(html, browser, cache)
    except PrintFailed as problem:
        return failed_score(html.stem, KIND, problem.problem, len(scope), Decimal(0))
    return score_case(Case(html.stem, KIND, pdf, judged(tags), lambda _pdf, _extraction: scope,
                           in_scope_if_failed=len(scope)))
