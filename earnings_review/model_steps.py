"""The steps that ask the model: classifying unknown statement lines and drafting the
memo. Offline runs never come here; what the model answers is checked by rules after."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from earnings_review.concepts import entries
from earnings_review.extract import UnmappedRow
from earnings_review.facts import Fact
from earnings_review.filing_pages import filing_pages
from earnings_review.mdna import locate_mdna, locate_segment_note
from earnings_review.mdna_passages import Passage, as_document_text, paragraphs, relevant_passages
from earnings_review.memo_figures import compared_periods, given_figures
from earnings_review.model_vetting import vet
from earnings_review.schemas import LabelClassification, MemoDraft
from shared.llm import DocumentInput
from shared.runs.context import RunContext

State = Mapping[str, Any]
MEMO_MAX_TOKENS = 4096


def draft_memo(state: State, context: RunContext) -> MemoDraft:
    """The model's narrative, from the computed figures (each with the id it cites) and
    findings, with the MD&A passages that explain them as a document of their own."""
    filing = state["filing"]
    passages = mdna_passages(state)
    variables = {
        "company": filing.get("company"),
        "company_source": filing.get("company_source"),
        "document_type": filing["document_type"],
        "period": filing.get("period_text"),
        **compared_periods(state["facts"]),
        **given_figures(state).lines,
        "findings": [{"severity": f.severity, "message": f.message} for f in state.get("findings", ())
                     if f.severity != "info"],
        "mdna": bool(passages),
    }
    documents = [mdna_document(filing, passages)] if passages else []
    system = context.prompts.render("system.j2")
    prompt = context.prompts.render("draft_memo.j2", **variables)
    # Quoted reasons make the answer longer than figures alone; the memo is a judgement, so
    # the engagement's thinking budget applies, if any.
    return context.model.ask(system=system, prompt=prompt, output_type=MemoDraft, documents=documents,
                             max_tokens=MEMO_MAX_TOKENS, thinking=True).output


def mdna_passages(state: State) -> list[Passage]:
    """The MD&A and segment-note paragraphs that explain the figures; none when the
    filing has no MD&A (an earnings release) or its file is gone."""
    filing = state["filing"]
    path = Path(filing["path"])
    if not path.is_file():
        return []
    pages = filing_pages(path, filing.get("format", "pdf")).texts
    sections = [s for s in (locate_mdna(pages), locate_segment_note(pages)) if s is not None]
    candidates = [p for section in sections for p in paragraphs(section, pages)]
    names = sorted({f.member for f in state.get("segments", ()) if f.member})
    return relevant_passages(candidates, names)


def mdna_document(filing: Mapping[str, Any], passages: list[Passage]) -> DocumentInput:
    return DocumentInput(name=f"MD&A passages of {Path(filing['path']).name}", sha256=filing["sha256"],
                         text=as_document_text(passages))


def classify_unmapped(state: State, context: RunContext, *, limit: int) -> tuple[list[Fact], list]:
    """Ask the model which concept each unknown line reports, statement by statement.
    Its choice is taken only if the concept is one offered and no fact from the label
    table already holds that concept and period; each choice is recorded on the fact
    (`mapped_by`) and, with its reason, in the audit log's model call."""
    rows = list(state["unmapped"])[:limit]
    taken = {(f.concept, f.period.key) for f in state["facts"]}
    proposed: list[tuple[Any, list[Fact]]] = []
    for statement in ("income", "balance", "cash_flow"):
        lines = [row for row in rows if row.statement == statement]
        if not lines:
            continue
        concepts = sorted({e.concept for e in entries() if e.statement == statement})
        answer = _ask_labels(state, context, statement, lines, concepts, LabelClassification)
        proposed += _chosen_facts(answer, lines, concepts, statement, taken, context.model.model_id)
    # What the model proposes is checked by code before it counts (kind, place, arithmetic).
    return vet(state["facts"], proposed, state["unmapped"], context.model.model_id)


def _ask_labels(state: State, context: RunContext, statement: str, lines: list[UnmappedRow], concepts: list[str],
                output_type: type[LabelClassification]) -> LabelClassification:
    filing = state["filing"]
    prompt = context.prompts.render(
        "classify_labels.j2", filing=filing["path"].rsplit("/", 1)[-1], sha256=filing["sha256"],
        statement=statement.replace("_", " "), concepts=concepts,
        lines=[{"label": r.label, "section": r.section, "printed": list(r.printed)} for r in lines])
    return context.model.ask(system=context.prompts.render("system.j2"), prompt=prompt, output_type=output_type).output


def _chosen_facts(answer: Any, lines: list, concepts: list[str], statement: str, taken: set,
                  model_id: str) -> list[tuple[Any, list[Fact]]]:
    """The facts each chosen line would give, grouped by line (so a line is taken or
    refused whole)."""
    proposed = []
    for choice in answer.choices:
        if choice.concept not in concepts or not 1 <= choice.line <= len(lines):
            continue  # not a concept we offered, or a line we did not ask about
        row = lines[choice.line - 1]
        facts = []
        for value, period, citation in zip(row.values, row.periods, row.citations):
            if value is None or period is None or (choice.concept, period.key) in taken:
                continue
            taken.add((choice.concept, period.key))
            facts.append(Fact(concept=choice.concept, label=row.label, period=period, value=value,
                              unit="USD", statement=statement, citation=citation, mapped_by=model_id))
        if facts:
            proposed.append((row, facts))
    return proposed
