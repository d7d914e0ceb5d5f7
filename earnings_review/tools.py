"""Earnings review's tool for Claude agents (`finagents mcp`):
`extract_financial_statements`, the workflow's own extraction of a filing's primary
statements (PDF or inline XBRL), each fact with its concept, period, unscaled value, unit
and citation (page and bbox in a PDF, the element in an iXBRL file)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field

from earnings_review.extract import extract_statements
from earnings_review.inputs import resolve_input
from earnings_review.ixbrl import read_ixbrl
from shared.documents import open_html, open_pdf
from shared.mcp.tool import Answer, Arguments, Tool, ToolContext


class FilingArguments(Arguments):
    path: str = Field(description="A 10-Q, 10-K or earnings release: a PDF or an inline-XBRL .htm file, or a "
                                  "folder holding one.")


class StatementFact(Answer):
    concept: str = Field(description="The us-gaap element name.")
    label: str = Field(description="The line's label as printed.")
    statement: str = Field(description="income, balance or cash_flow.")
    period: dict[str, Any] = Field(description="{instant} or {end, months, start?}.")
    value: Decimal = Field(description="Unscaled (a figure printed in millions times a million).")
    unit: str
    page: int | None = Field(description="1-based page of a PDF; None for an iXBRL filing.")
    bbox: list[float] | None = Field(description="[x0, top, x1, bottom] in PDF points.")
    citation: dict[str, Any]


class Extracted(Answer):
    filing: str
    sha256: str
    format: str
    facts: list[StatementFact]
    findings: list[dict[str, Any]] = Field(description="A statement missing or unreadable, conflicting figures.")


def extract_financial_statements(arguments: FilingArguments, context: ToolContext) -> Extracted:
    chosen = resolve_input(context.path(arguments.path))
    sha256, facts, findings = _ixbrl(chosen.filing) if chosen.format == "ixbrl" else _pdf(chosen.filing)
    return Extracted(filing=str(chosen.filing), sha256=sha256, format=chosen.format,
                     facts=[_fact(f) for f in facts],
                     findings=[{"code": f.code, "severity": f.severity, "message": f.message} for f in findings])


def _pdf(path: Path) -> tuple[str, Any, Any]:
    with open_pdf(path) as pdf:
        extraction = extract_statements(pdf)
    return pdf.sha256, extraction.facts, extraction.findings


def _ixbrl(path: Path) -> tuple[str, Any, Any]:
    document = open_html(path)
    return document.sha256, read_ixbrl(document).facts, ()


def _fact(fact: Any) -> StatementFact:
    citation = fact.citation.model_dump(mode="json")
    return StatementFact(concept=fact.concept, label=fact.label, statement=fact.statement,
                         period=fact.period.model_dump(mode="json", exclude_none=True), value=fact.value,
                         unit=fact.unit, page=citation.get("page"), bbox=citation.get("bbox"), citation=citation)


def tools() -> tuple[Tool, ...]:
    return (Tool(
        name="extract_financial_statements",
        arguments=FilingArguments,
        result=Extracted,
        call=extract_financial_statements,
    ),)
