"""The packet's supporting documents: what each one is, and what it says.

A document is recognised by what it prints (a certificate says it certifies an
incorporation, a passport data page has a date of expiry), not by its file name, since
clients name files as they please. Each value is read by its printed label and cited to
the box it sits in.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kyc.mrz import MrzCheck, read_mrz
from kyc.pdftext import CitedText, labelled_value, locate_phrase, parse_printed_date
from shared.documents import open_pdf
from shared.documents.errors import DocumentError
from shared.errors import InputError

DocumentKind = Literal["certificate_of_incorporation", "identity", "proof_of_address", "ownership", "unrecognised"]
_CERTIFIES = re.compile(r"certifies\s+that\s+(.+?)\s+is\s+this\s+day\s+incorporated", re.I | re.S)
_GIVEN_ON = re.compile(r"\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})", re.I)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class DatedText(_Record):
    """A printed date: the text as cited, and the date it means (None if unreadable)."""

    printed: CitedText
    value: date | None


class Certificate(_Record):
    path: str
    sha256: str
    company_name: CitedText | None
    company_number: CitedText | None
    incorporated_on: DatedText | None
    registered_office: CitedText | None


class IdentityDocument(_Record):
    path: str
    sha256: str
    document_type: str
    surname: CitedText | None
    given_names: CitedText | None
    date_of_birth: DatedText | None
    nationality: CitedText | None
    issuing_state: CitedText | None
    number: CitedText | None
    expiry: DatedText | None
    mrz: MrzCheck | None

    @property
    def full_name(self) -> str:
        return " ".join(part.text for part in (self.given_names, self.surname) if part is not None)


class ProofOfAddress(_Record):
    path: str
    sha256: str
    holder: CitedText | None
    address: CitedText | None
    issued: DatedText | None


def classify_pdf(text: str) -> DocumentKind:
    flat = " ".join(text.split()).lower()
    if "certificate of incorporation" in flat or "is this day incorporated" in flat:
        return "certificate_of_incorporation"
    if ("passport" in flat or "identity card" in flat) and "date of expiry" in flat:
        return "identity"
    if any(label in flat for label in ("supply address:", "proof of address", "bill date:", "statement date:")):
        return "proof_of_address"
    return "unrecognised"


def read_pdf_document(path: Path) -> Certificate | IdentityDocument | ProofOfAddress | None:
    """The document's record, or None when it is not a kind this reader knows."""
    try:
        with open_pdf(path) as pdf:
            text = "\n".join(pdf.page_texts())
            kind = classify_pdf(text)
            if kind == "unrecognised":
                return None
            return _READERS[kind](pdf, text)
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None


def _dated(found: CitedText | None) -> DatedText | None:
    return DatedText(printed=found, value=parse_printed_date(found.text)) if found else None


def _certificate(pdf, text: str) -> Certificate:
    flat = " ".join(text.split())
    name = _CERTIFIES.search(flat)
    given = _GIVEN_ON.search(flat[flat.lower().find("given at"):]) if "given at" in flat.lower() else None
    return Certificate(
        path=str(pdf.path), sha256=pdf.sha256,
        company_name=locate_phrase(pdf, name.group(1)) if name else None,
        company_number=labelled_value(pdf, "Company Number") or labelled_value(pdf, "Company No."),
        incorporated_on=_dated(locate_phrase(pdf, given.group(1)) if given else None),
        registered_office=labelled_value(pdf, "Registered office"),
    )


def _identity(pdf, text: str) -> IdentityDocument:
    flat = " ".join(text.split()).lower()
    return IdentityDocument(
        path=str(pdf.path), sha256=pdf.sha256,
        document_type="passport" if "passport" in flat else "identity card",
        surname=labelled_value(pdf, "Surname"),
        given_names=labelled_value(pdf, "Given names"),
        date_of_birth=_dated(labelled_value(pdf, "Date of birth")),
        nationality=labelled_value(pdf, "Nationality"),
        issuing_state=labelled_value(pdf, "Issuing state"),
        number=labelled_value(pdf, "Passport No.") or labelled_value(pdf, "Document No."),
        expiry=_dated(labelled_value(pdf, "Date of expiry")),
        mrz=read_mrz(text),
    )


def _proof_of_address(pdf, text: str) -> ProofOfAddress:
    return ProofOfAddress(
        path=str(pdf.path), sha256=pdf.sha256,
        holder=labelled_value(pdf, "Account holder") or labelled_value(pdf, "Name"),
        address=labelled_value(pdf, "Supply address") or labelled_value(pdf, "Address"),
        issued=_dated(labelled_value(pdf, "Bill date") or labelled_value(pdf, "Statement date")),
    )


_READERS = {
    "certificate_of_incorporation": _certificate,
    "identity": _identity,
    "proof_of_address": _proof_of_address,
}
