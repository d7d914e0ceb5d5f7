"""What `finagents run earnings_review INPUT` was given: one filing, and optionally the
consensus and guidance files beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shared.documents.folder import folder_documents, refuse_link
from shared.errors import InputError

FilingFormat = Literal["pdf", "ixbrl"]
FILING_SUFFIXES: dict[str, FilingFormat] = {".pdf": "pdf", ".htm": "ixbrl", ".html": "ixbrl", ".xhtml": "ixbrl"}
CONSENSUS, GUIDANCE = "consensus.csv", "guidance.csv"


@dataclass(frozen=True)
class EarningsInput:
    filing: Path
    format: FilingFormat
    consensus: Path | None
    guidance: Path | None


def resolve_input(path: Path) -> EarningsInput:
    """A filing file, or a folder holding exactly one filing (plus optional CSVs)."""
    filing = _single_filing(path) if path.is_dir() else path
    if filing.suffix.lower() not in FILING_SUFFIXES:
        raise InputError(filing, "is not a filing: expected a PDF or an inline-XBRL .htm file")
    folder = filing.parent
    return EarningsInput(
        filing=filing,
        format=FILING_SUFFIXES[filing.suffix.lower()],
        consensus=_optional(folder / CONSENSUS),
        guidance=_optional(folder / GUIDANCE),
    )


def _single_filing(folder: Path) -> Path:
    filings = [p for p in folder_documents(folder) if p.suffix.lower() in FILING_SUFFIXES]
    if not filings:
        raise InputError(folder, "holds no filing (expected one PDF or inline-XBRL .htm file)")
    if len(filings) > 1:
        names = ", ".join(p.name for p in filings)
        raise InputError(folder, f"holds {len(filings)} filings ({names}); give one file, or a folder with one")
    return filings[0]


def _optional(path: Path) -> Path | None:
    refuse_link(path)
    return path if path.is_file() else None
