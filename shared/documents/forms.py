"""AcroForm fields of a PDF: a filled form's values live in its widgets, not in the page's
text, so they are read (and cited, and verified) by widget box."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FormField:
    name: str
    value: str
    page: int
    bbox: tuple[float, float, float, float]


def form_fields(pdf: Any, page: int) -> list[FormField]:
    fields = []
    for annot in pdf.plumber_page(page).annots:
        data = annot.get("data") or {}
        if _name(data.get("Subtype")) != "Widget":
            continue
        value = _value(data)
        if value:
            bbox = (annot["x0"], annot["top"], annot["x1"], annot["bottom"])
            fields.append(FormField(_qualified_name(data), value, page, bbox))
    return fields


def _qualified_name(data: Mapping[str, Any]) -> str:
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415 (pdfminer stays out of `import shared.documents`, which every citation loads)

    parts: list[str] = []
    node: Mapping[str, Any] | None = data
    while node:
        if node.get("T") is not None:
            parts.append(_text(resolve1(node["T"])))
        node = resolve1(node.get("Parent")) if node.get("Parent") is not None else None
    return ".".join(reversed(parts))


def _value(data: Mapping[str, Any]) -> str:
    """A text field's value, or a checked box's on-state name ('Off' counts as empty)."""
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415 (pdfminer stays out of `import shared.documents`, which every citation loads)

    node: Any = data
    while node is not None and node.get("V") is None and node.get("Parent") is not None:
        node = resolve1(node["Parent"])
    raw = resolve1(node.get("V")) if node is not None else None
    if raw is None:
        return ""
    if _is_name(raw):
        state = _name(data.get("AS")) or _name(raw)
        return "" if state in ("Off", "") else state
    return _text(raw).strip()


def _is_name(value: Any) -> bool:
    return type(value).__name__ == "PSLiteral"


def _name(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "name", value)).lstrip("/")


def _text(raw: Any) -> str:
    from pdfminer.utils import decode_text  # noqa: PLC0415 (pdfminer stays out of `import shared.documents`, which every citation loads)

    return decode_text(raw) if isinstance(raw, bytes) else str(raw)




def form_text_in_bbox(pdf: Any, page: int, bbox: tuple[float, float, float, float]) -> str:
    """The values of the filled fields whose box centre lies in `bbox`, in reading order,
    joined by spaces (how a form value's citation text is written)."""
    x0, top, x1, bottom = bbox
    inside = [f for f in form_fields(pdf, page)
              if x0 <= (f.bbox[0] + f.bbox[2]) / 2 <= x1 and top <= (f.bbox[1] + f.bbox[3]) / 2 <= bottom]
    return " ".join(f.value for f in sorted(inside, key=lambda f: (round(f.bbox[1]), f.bbox[0])))
