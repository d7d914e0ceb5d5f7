"""Filled PDF application forms (AcroForm), such as an IRS W-9.

Field values live in the form's widgets, not in the page's text, so each value is cited
by the widget's page and box; the citation verifier reads the form fields back.
A form supplies what it asks for; what it does not (a W-9 has no date of birth) comes
from `application_extra.json` beside it, cited to its own lines.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from kyc.structured import read_structured
from shared.documents import open_pdf
from shared.documents.citation import Citation, PdfCitation
from shared.documents.errors import DocumentError
from shared.documents.forms import FormField, form_fields
from shared.documents.layout import union_bbox
from shared.errors import InputError

FORMS_FILE = Path(__file__).parent / "data" / "forms.toml"
EXTRA_FILE = "application_extra.json"


@cache
def known_forms() -> dict[str, Any]:
    return tomllib.loads(FORMS_FILE.read_text(encoding="utf-8"))


def read_form_fields(path: Path) -> tuple[str, str, list[FormField]]:
    """(first page text, sha256, filled fields) of a PDF form."""
    try:
        with open_pdf(path, require_text=False) as pdf:
            fields = [f for page in range(1, pdf.page_count + 1) for f in form_fields(pdf, page)]
            return pdf.page_text(1), pdf.sha256, fields
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None


def read_form_values(path: Path) -> tuple[dict[str, Any], str, dict[str, Citation]]:
    """(values, sha256, citations) of a filled form, the shape `read_structured` gives:
    kyc.application validates either into an application."""
    first_page, sha256, fields = read_form_fields(path)
    spec = _recognise(path, first_page)
    by_name = {f.name: f for f in fields}
    data, citations = _form_values(spec, by_name, path, sha256)
    extra = path.parent / EXTRA_FILE
    if extra.is_file():
        more, _, more_citations = read_structured(extra)
        data = {**more, **data}
        citations = {**more_citations, **citations}
    return data, sha256, citations


def _recognise(path: Path, first_page: str) -> Mapping[str, Any]:
    for spec in known_forms().values():
        if spec["detect"].lower() in " ".join(first_page.split()).lower():
            return spec
    titles = ", ".join(spec["title"] for spec in known_forms().values())
    raise InputError(path, f"is not an application form this pack knows (it reads: {titles})")


def _form_values(spec: Mapping[str, Any], fields: Mapping[str, FormField], path: Path,
                 sha256: str) -> tuple[dict[str, Any], dict[str, Citation]]:
    names = spec["fields"]

    def get(key: str) -> FormField | None:
        return fields.get(names[key])

    data: dict[str, Any] = {"customer_type": _classification(spec, fields)}
    citations: dict[str, Citation] = {}
    for key, parts in (("legal_name", ("legal_name",)), ("residential_address", ("address_line", "city_state_zip")),
                       ("tax_id", ("ssn_1", "ssn_2", "ssn_3")), ("tax_id", ("ein_1", "ein_2"))):
        found = [field for part in parts if (field := get(part)) is not None]
        if len(found) == len(parts):
            data[key] = _joined(key, found)
            citations[key] = _cite(path, sha256, found)
    return data, citations


def _joined(key: str, found: list[FormField]) -> str:
    separator = "-" if key == "tax_id" else ", "
    return separator.join(f.value for f in found)


def _cite(path: Path, sha256: str, found: list[FormField]) -> PdfCitation:
    # The text is the fields' values in order, joined by spaces, as the verifier reads them back.
    return PdfCitation(doc_sha256=sha256, path=str(path), text=" ".join(f.value for f in found),
                       page=found[0].page, bbox=union_bbox(f.bbox for f in found))


def _classification(spec: Mapping[str, Any], fields: Mapping[str, FormField]) -> str:
    for name, customer_type in spec.get("classification", {}).items():
        if name in fields:
            return customer_type
    return spec["customer_type_default"]
