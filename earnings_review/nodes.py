"""The earnings review's steps. Each takes the state and the run's runtime and returns
what it adds; the deterministic work lives in the domain modules it calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import count
from pathlib import Path
from typing import Any

from earnings_review.checks import cash_reconciling_items, footing_results, run_tieouts, tieout_findings
from earnings_review.context import Context
from earnings_review.cover import COMPANY_MISSING, Cover, Stated, filing_fields, read_cover, with_stated_period
from earnings_review.expectations import read_consensus, read_guidance
from earnings_review.extract import extract_statements
from earnings_review.inputs import resolve_input
from earnings_review.ixbrl import read_ixbrl
from earnings_review.memo import checked_memo, current_period, known_figures, render_offline
from earnings_review.metrics import compare_expectations, compute_metrics, metric_findings, unmatched_expectations
from earnings_review.model_memo import model_memo
from earnings_review.model_steps import classify_unmapped, draft_memo
from earnings_review.schemas import MemoDraft
from earnings_review.segments import segment_facts
from shared.documents import open_html, open_pdf, sha256_file
from shared.findings import Finding
from shared.llm import is_offline
from shared.runs.context import NodeRuntime, workflow_settings
from shared.runs.fallback import or_baseline
from shared.runs.progress import progress_of
from shared.runs.result import InputFile, PromptUse

State = Mapping[str, Any]


def read_filing(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """Open the filing and its expectations, and extract the statements' facts. Bad
    expectation files fail before the filing's slower extraction starts."""
    chosen = resolve_input(Path(state["input_path"]))
    estimates = read_consensus(chosen.consensus) if chosen.consensus else ()
    guidance = read_guidance(chosen.guidance) if chosen.guidance else ()
    filing, facts, unmapped, findings, footed, segments = _extract(chosen.filing, chosen.format,
                                                                   _pages_read(progress_of(runtime)))
    used = [p for p in (chosen.filing, chosen.consensus, chosen.guidance) if p is not None]
    return {
        "filing": filing,
        "facts": list(facts),
        "unmapped": list(unmapped),
        "estimates": list(estimates),
        "guidance": list(guidance),
        "findings": list(findings),
        "footings": list(footed),
        "segments": list(segments),
        "inputs": [InputFile(path=str(p), sha256=sha256_file(p)) for p in used],
    }


def _pages_read(progress: Any) -> Callable[[int, int], None]:
    """Counts the statement pages read as they are read (the page numbers jump about)."""
    read = count(1)
    return lambda page, pages: progress.count("statement pages read", next(read), None)


def _extract(path: Path, kind: str, on_page: Callable[[int, int], None]
             ) -> tuple[dict[str, Any], tuple, tuple, tuple, tuple, Any]:
    if kind == "ixbrl":
        return _extract_ixbrl(path)
    with open_pdf(path) as pdf:
        extraction = extract_statements(pdf, on_page=on_page)
        reported = current_period(extraction.facts)
        cover = with_stated_period(read_cover(pdf.page_text(1)), reported, pdf.page_texts)
        segments, segment_ties = segment_facts(pdf, extraction.facts)
    pages = sorted({p for group in extraction.pages.values() for p in group})
    filing, named = _filing(path, pdf.sha256, cover, reported, "pdf", pages)
    return (filing, extraction.facts, extraction.unmapped, (*extraction.findings, *named),
            (*extraction.footings, *segment_ties), segments)


def _extract_ixbrl(path: Path) -> tuple[dict[str, Any], tuple, tuple, tuple, tuple, tuple]:
    document = open_html(path)
    read = read_ixbrl(document)
    stated = Stated(read.period_end, None, "the filing's dei:DocumentPeriodEndDate tag") if read.period_end else None
    cover = Cover(read.registrant, read.document_type or "filing", stated,
                  "the filing's dei:EntityRegistrantName tag" if read.registrant else COMPANY_MISSING)
    filing, named = _filing(path, document.sha256, cover, current_period(read.facts), "ixbrl", [])
    return filing, read.facts, (), tuple(named), (), ()


def _filing(path: Path, sha256: str, cover: Any, reported: Any, kind: str, pages: list[int]) -> tuple[dict, list]:
    fields, findings = filing_fields(cover, reported)
    return {"path": str(path), "sha256": sha256, **fields, "format": kind, "pages": pages}, findings


def classify_labels(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """With a model, ask it which concept each unknown statement line reports."""
    context = runtime.context
    settings = workflow_settings(context, Context)
    if is_offline(context.model) or not settings.classify_unknown_labels or not state.get("unmapped"):
        return {}
    classified, fell = or_baseline("classify_labels", lambda: classify_unmapped(
        state, context, limit=settings.max_labels_to_classify))
    if classified is None:
        return {"findings": fell}  # the unknown lines stay unmapped, as offline
    facts, findings = classified
    return {"facts": list(state["facts"]) + facts, "findings": findings}


def check(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    others = state.get("unmapped", ())
    tieouts = run_tieouts(state["facts"], others)
    footed, notes = footing_results(state.get("footings", ()))
    return {"tieouts": list(tieouts) + footed,
            "findings": list(tieout_findings(tieouts)) + list(cash_reconciling_items(state["facts"], others)) + notes}


def analyse(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    threshold = workflow_settings(runtime.context, Context).working_capital_threshold_pct
    facts, estimates, guidance = state["facts"], state.get("estimates", ()), state.get("guidance", ())
    metrics = compute_metrics(facts)
    comparisons = compare_expectations(metrics, facts, estimates, guidance)
    unmatched = unmatched_expectations(metrics, facts, estimates, guidance)
    return {"metrics": list(metrics), "comparisons": list(comparisons),
            "findings": list(metric_findings(metrics, threshold)) + list(unmatched)}


def write_memo(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    context = runtime.context
    facts, metrics, comparisons = state["facts"], state.get("metrics", ()), state.get("comparisons", ())
    known = known_figures(facts, metrics, comparisons, state.get("findings", ()))
    draft: MemoDraft | None = None
    fell: list[Finding] = []
    if not is_offline(context.model):
        draft, fell = or_baseline("write_memo", lambda: draft_memo(state, context))
    if draft is None:
        headline, text, template = render_offline(context.prompts, state["filing"], facts, metrics, comparisons,
                                                  state.get("findings", ()))
        return {"memo": checked_memo("offline template", headline, text, known), "prompts": [PromptUse(**template)],
                "findings": fell}
    memo, quotes = model_memo(context.model.model_id, draft, state, known)
    return {"memo": memo, "findings": _injection_findings(draft.suspected_injection, state["filing"]) + quotes}


def _injection_findings(quotes: list[str], filing: Mapping[str, Any]) -> list[Finding]:
    return [Finding(id=f"injection:{i}", code="document_instructs_model", severity="warning",
                    message=f"The filing contains text that tried to instruct the model: {quote!r}",
                    subject=filing["path"]) for i, quote in enumerate(quotes, start=1)]
