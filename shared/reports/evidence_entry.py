"""One entry of the report's evidence section, and the reference a cited item links to.
`evidence.py` collects them, `evidence_build.py` draws them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared.documents.citation import Citation

EVIDENCE_DIR = "evidence"
Status = Literal["image", "lines", "snippet", "unavailable"]


@dataclass(frozen=True)
class EvidenceRef:
    """What a cited item links to: `#anchor`, shown as `E<number>`."""

    anchor: str
    number: int
    document: str
    where: str

    @property
    def href(self) -> str:
        return f"#{self.anchor}"

    @property
    def title(self) -> str:
        return f"E{self.number}: {self.document}, {self.where}"


@dataclass(frozen=True)
class ContextLine:
    number: int
    text: str
    cited: bool


@dataclass(frozen=True)
class Evidence:
    """One entry of the report's evidence section."""

    ref: EvidenceRef
    citation: Citation
    status: Status
    image: str | None = None  # path relative to the report, e.g. evidence/3fa2....png
    size: tuple[int, int] | None = None
    lines: tuple[ContextLine, ...] = ()
    snippet: tuple[str, str, str] | None = None  # before, the cited text, after
    problem: str | None = None

    @property
    def alt(self) -> str:
        return (f"{self.ref.document}, {self.ref.where}: the region around “{self.citation.text}”, "
                f"the cited box outlined in red")
