"""Evidence for the report: each citation the report shows, as a picture of its PDF
region or its line in context, one entry per distinct place.

The report template asks `EvidenceCollector.ref(citation)` for each citation it shows and
links the cited item to the returned anchor; at the end of the page it asks for
`entries()`, which builds the evidence of exactly what was shown: each PDF page rendered
once, each source file read once, identical places merged. A source that is missing or
has changed since it was cited gets an entry that says so instead of a picture.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

from shared.documents.citation import (
    Citation,
    CsvCitation,
    HtmlCitation,
    ListCitation,
    Mt940Citation,
    OfxCitation,
    PdfCitation,
    TextCitation,
    parse_citation,
)
from shared.reports.evidence_build import build_evidence
from shared.reports.evidence_entry import Evidence, EvidenceRef

# Part of every key: a change to how evidence is drawn gives new file names, so an image
# drawn by an older version is never taken for a new one.
STYLE = "1"


def citation_key(citation: Citation) -> str:
    """The same place in the same document (by content) gives the same key."""
    place = citation.model_dump(mode="json", exclude={"path"})
    return hashlib.sha256(json.dumps([STYLE, place], sort_keys=True).encode()).hexdigest()[:20]


def where(citation: Citation) -> str:
    """The place in words: "page 4", "row 12, column amount", "lines 10-14"."""
    match citation:
        case PdfCitation():
            return f"page {citation.page}"
        case CsvCitation():
            return f"row {citation.row}, column {citation.column}"
        case TextCitation():
            return f"line {citation.line}"
        case Mt940Citation() | OfxCitation():
            first, last = citation.lines
            return f"record {citation.record}, lines {first}-{last}"
        case HtmlCitation():
            return f"element {citation.element_id}" if citation.element_id else "element at its XPath"
        case ListCitation():
            return f"list {citation.list_name}, entry {citation.entry_id}"


def document_name(path: str) -> str:
    # Windows-style separators can reach a result written elsewhere.
    return PurePath(path.replace("\\", "/")).name


class EvidenceCollector:
    """Collects the citations a report shows, then builds their evidence once.

    `run_dir` receives the images (under `evidence/`); `root` resolves relative citation
    paths, as `CitationVerifier` does (None: the working folder).
    """

    def __init__(self, run_dir: Path, root: Path | None = None) -> None:
        self.run_dir = run_dir
        self.root = root
        self._shown: dict[str, tuple[EvidenceRef, Citation]] = {}
        self._built: tuple[Evidence, ...] | None = None

    def ref(self, citation: Mapping[str, Any] | Citation) -> EvidenceRef:
        if self._built is not None:
            raise RuntimeError("evidence was already built; cite everything before the evidence section")
        cited = citation if not isinstance(citation, Mapping) else parse_citation(dict(citation))
        key = citation_key(cited)
        if key not in self._shown:
            ref = EvidenceRef(anchor=f"ev-{key}", number=len(self._shown) + 1,
                              document=document_name(cited.path), where=where(cited))
            self._shown[key] = (ref, cited)
        return self._shown[key][0]

    def refs(self, citations: Any) -> list[EvidenceRef]:
        """Each citation's ref, in order, each place once."""
        unique = {r.anchor: r for r in (self.ref(c) for c in citations or () if c is not None)}
        return list(unique.values())

    def entries(self) -> tuple[Evidence, ...]:
        if self._built is None:
            shown = [(key, ref, cited) for key, (ref, cited) in self._shown.items()]
            self._built = build_evidence(shown, self.run_dir, self.root)
        return self._built
