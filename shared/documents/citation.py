"""Citations: where a figure, name or date was read, precisely enough to check it again.

Every citation carries the SHA-256 of the document it points into, the path, the exact
text and a place whose shape depends on the kind of document. `verify()` re-opens the
document and confirms the text is still at that place (see `verify.py` for the rules).
A large result.json may cite by reference (`doc` naming an entry of the body's
`documents` list, see `refs.py`); `parse_citation` expands such a citation first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from shared.documents.refs import documents_by_ref, expanded, is_cited_by_reference

if TYPE_CHECKING:
    from shared.documents.verify import CitationVerifier

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Verification:
    """The outcome of checking one citation; truthy when the text was found."""

    ok: bool
    reason: str

    def __bool__(self) -> bool:
        return self.ok


class CitationBase(BaseModel):
    """What every kind of citation has; `Citation` is the union of the kinds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str  # each subclass narrows it to a Literal; declared here so it dumps first
    doc_sha256: Sha256
    path: str
    text: str

    def verify(self, verifier: CitationVerifier | None = None) -> Verification:
        """Re-open the document and check the text is at the cited place.

        Pass a shared `CitationVerifier` when checking many citations, so each document
        is hashed and opened once.
        """
        if verifier is not None:
            return verifier.verify(self)
        from shared.documents.verify import CitationVerifier  # noqa: PLC0415 (cycle: verify imports the readers, which import this module)

        with CitationVerifier() as own:
            return own.verify(self)


class PdfCitation(CitationBase):
    """A box on a PDF page: `bbox` is [x0, top, x1, bottom] in points from the top left."""

    kind: Literal["pdf"] = "pdf"
    page: int = Field(ge=1)
    bbox: Bbox

    @field_validator("bbox")
    @classmethod
    def _round_and_order(cls, bbox: Bbox) -> Bbox:
        x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
        if x0 > x1 or top > bottom:
            shape = "[x0, top, x1, bottom] (x0<=x1, top<=bottom)"
            raise ValueError(f"bbox {list(bbox)} is not {shape}")
        return (x0, top, x1, bottom)


class HtmlCitation(CitationBase):
    """An element of an HTML or iXBRL page, by its id attribute or else by XPath."""

    kind: Literal["html"] = "html"
    element_id: str | None = None
    xpath: str | None = None

    @model_validator(mode="after")
    def _needs_a_locator(self) -> HtmlCitation:
        if not self.element_id and not self.xpath:
            raise ValueError("an html citation needs an element_id or an xpath")
        return self


class CsvCitation(CitationBase):
    """A cell: `row` is 1-based with the header excluded, `column` the header name."""

    kind: Literal["csv"] = "csv"
    row: int = Field(ge=1)
    column: str


class TextCitation(CitationBase):
    kind: Literal["text"] = "text"
    line: int = Field(ge=1)


class _RecordCitation(CitationBase):
    """A record of a bank statement file; `lines` is the 1-based inclusive line range."""

    record: int = Field(ge=1)
    lines: tuple[int, int]

    @field_validator("lines")
    @classmethod
    def _ordered(cls, lines: tuple[int, int]) -> tuple[int, int]:
        first, last = lines
        if first < 1 or last < first:
            raise ValueError(f"lines {list(lines)} must be [first, last] with 1 <= first <= last")
        return lines


class Mt940Citation(_RecordCitation):
    kind: Literal["mt940"] = "mt940"


class OfxCitation(_RecordCitation):
    kind: Literal["ofx"] = "ofx"


class ListCitation(CitationBase):
    """An entry of a screening list (sanctions, PEP); `path` is the list file."""

    kind: Literal["list"] = "list"
    list_name: str = Field(min_length=1)
    entry_id: str = Field(min_length=1)


Citation = Annotated[
    PdfCitation
    | HtmlCitation
    | CsvCitation
    | TextCitation
    | Mt940Citation
    | OfxCitation
    | ListCitation,
    Field(discriminator="kind"),
]


@cache
def _adapter() -> TypeAdapter[Citation]:
    return TypeAdapter(Citation)


def parse_citation(data: Mapping[str, Any], documents: Iterable[Mapping[str, Any]] = ()) -> Citation:
    """Build the right citation class from a dict (as stored in a result file); one by
    reference is expanded from `documents`, the documents list of the body it is in."""
    data = dict(data)
    if is_cited_by_reference(data):
        data = expanded(data, documents_by_ref(documents))
    return _adapter().validate_python(data)
