"""`finagents eval earnings_review [CASES]`: extracted facts scored against XBRL truth.

Two kinds of case, read from the corpus in place (without a corpus the evaluation is
exit 2 naming FINAGENTS_CORPUS):
- "financebench": the FinanceBench PDFs with XBRL truth (`xbrl_truth`): the corpus's
  key-facts file for recall and every numeric us-gaap fact of the filing's instance for
  precision. A key fact is in scope when the statement shows it: (1) the label table
  places its concept on that kind of statement, (2) the statement was located and one of
  its columns has the fact's period, and (3) the figure, at the statement's scale, is
  printed on the statement's pages. None of the three depends on how lines were mapped,
  so a line mapped wrongly or not at all is a miss, not out of scope.
- "ixbrl-printed": as-filed iXBRL filings printed to PDF by headless Chromium, scored
  against their own tags (`evaluation.printed`). Without Chromium these are skipped,
  with a line saying so.
Scoring is the same for both (`evaluation.scoring`); targets and the table are in
`evaluation.report`. A case given on the command line is a PDF (scored against the
key-facts file when it is one of its filings, else for citations only, as kind "pdf"),
an iXBRL .htm/.html file (printed), or a folder of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from earnings_review.concepts import entries
from earnings_review.evaluation.printed import KIND as PRINTED
from earnings_review.evaluation.printed import default_files, key_classes, score_printed
from earnings_review.evaluation.printing import default_cache, find_browser, missing_line
from earnings_review.evaluation.report import TARGETS, EvalReport, FilingScore
from earnings_review.evaluation.scoring import Case, score_case
from earnings_review.evaluation.tags import Key
from earnings_review.extract import Extraction
from earnings_review.facts import Period, months_between
from earnings_review.vocabulary import concept_class
from earnings_review.xbrl_truth import filing_pdf, instance_of, key_facts, tagged_facts
from shared.money import RowKind, detect_scale

__all__ = ["TARGETS", "EvalReport", "FilingScore", "evaluate", "load_instances", "load_truth", "score"]
HTML = (".htm", ".html")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


# -- the cases ------------------------------------------------------------------------------


def default_cases() -> list[Path]:
    """The FinanceBench filings that have truth, then the iXBRL filings to print."""
    return financebench_cases() + default_files()


def financebench_cases() -> list[Path]:
    """The FinanceBench filings that have truth, in the key-facts file's order."""
    return [filing_pdf(name) for name in key_facts()]


def evaluate(cases: list[Path] | None = None, *, cache: Path | None = None) -> EvalReport:
    """Score each case (see the module's docstring); all of the corpus's by default.
    `cache` is where printed filings are kept (default: ~/.cache/finagents/printed)."""
    paths = [p for case in (cases or default_cases()) for p in _files(case)]
    printed = [p for p in paths if p.suffix.lower() in HTML]
    browser = find_browser() if printed else None
    scores: list[FilingScore] = []
    if any(p.suffix.lower() == ".pdf" for p in paths):
        truth, instances = load_truth(), load_instances()
        scores += [score(p, truth.get(p.name), instances.get(p.name, {})) for p in paths if p.suffix.lower() == ".pdf"]
    if printed and browser is not None:
        classes, folder = key_classes(), cache or default_cache()
        scores += [score_printed(p, browser, folder, classes) for p in printed]
    notes = (f"{PRINTED}: printed with {browser.version}",) if browser else (missing_line(),) if printed else ()
    return EvalReport(tuple(scores), notes, browser.version if browser else None)


def _files(case: Path) -> list[Path]:
    if not case.is_dir():
        return [case]
    return sorted(p for p in case.iterdir() if p.suffix.lower() in (".pdf", *HTML))


# -- FinanceBench truth ---------------------------------------------------------------------


def load_truth() -> dict[str, dict[Key, Decimal]]:
    """The key facts: {filing name: {(concept class, period key): value}}."""
    return {name: {key: Decimal(value) for key, value, _ in _keyed(_pairs(item["facts_usd_unscaled"]))}
            for name, item in key_facts().items()}


def load_instances() -> dict[str, dict[Key, dict[Decimal, str]]]:
    """Every tagged figure: {filing: {(concept class, period key): {value: concept}}}."""
    out: dict[str, dict[Key, dict[Decimal, str]]] = {}
    for name, item in key_facts().items():
        tagged: dict[Key, dict[Decimal, str]] = {}
        facts = ((f.concept, f.period, f.value) for f in tagged_facts(instance_of(item)))
        for key, value, concept in _keyed(facts):
            tagged.setdefault(key, {})[Decimal(value)] = concept
        out[name] = tagged
    return out


def _pairs(facts: dict[str, dict[str, Any]]) -> Iterable[tuple[str, str, Any]]:
    return ((concept, period, value) for concept, periods in facts.items() for period, value in periods.items())


def _keyed(facts: Iterable[tuple[str, str, Any]]) -> Iterable[tuple[Key, Any, str]]:
    for concept, text, value in facts:
        period = _period(text)
        if period is not None:
            yield (concept_class(concept), period.key), value, concept


def _period(key: str) -> Period | None:
    if "--" not in key:
        return Period(instant=date.fromisoformat(key))
    start, end = (date.fromisoformat(part) for part in key.split("--"))
    months = months_between(start, end)
    return Period(end=end, months=months, start=start) if months else None


# -- FinanceBench scope ---------------------------------------------------------------------


def score(path: Path, truth: dict[Key, Decimal] | None, tagged: dict[Key, dict[Decimal, str]]) -> FilingScore:
    """A FinanceBench PDF scored against its key facts (`truth`, None when it has none)
    and every figure its instance tags."""
    def scope(pdf: Any, extraction: Extraction) -> dict[Key, set[Decimal]]:
        figures = {n: _figures(pdf, pages) for n, pages in extraction.pages.items()}
        return {key: {(truth or {})[key]} for key in shown(truth or {}, extraction, figures)}

    kind = "financebench" if truth is not None else "pdf"  # a PDF without truth counts for citations only
    return score_case(Case(path.name, kind, path, tagged, scope, truth is not None))


def shown(truth: dict[Key, Decimal], extraction: Extraction, figures: dict[str, set[Decimal]]) -> list[Key]:
    """The key facts the located statements show (see the module's docstring)."""
    placed: dict[frozenset[str], set[str]] = {}
    for entry in entries():
        placed.setdefault(concept_class(entry.concept), set()).add(entry.statement)
    out = []
    for key, value in truth.items():
        statements = placed.get(key[0], set()) & set(extraction.pages)
        if any(key[1] in {p.key for p in extraction.periods.get(s, ())} and
               _printed(value, key[0], extraction, s) in figures[s] for s in statements):
            out.append(key)
    return out


def _printed(value: Decimal, members: frozenset[str], extraction: Extraction, statement: str) -> Decimal | None:
    """The figure as the statement prints it: the value over the scale note's factor."""
    kind: RowKind = ("per_share" if any("PerShare" in c for c in members)
                     else "shares" if any("Shares" in c for c in members) else "money")
    notes = [detect_scale(note.text) for note in extraction.scale_notes.get(statement, ())]
    scale = next((s for s in notes if s is not None), None)
    return abs(value) / scale.factor(kind) if scale else None


def _figures(pdf: Any, pages: Iterable[int]) -> set[Decimal]:
    """Every figure printed on the pages, without sign, commas or currency."""
    out = set()
    for page in pages:
        for token in _FIGURE.findall(pdf.page_text(page)):
            try:
                out.add(Decimal(token.replace(",", "")))
            except InvalidOperation:
                continue
    return out
