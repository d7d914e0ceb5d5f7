"""The packet's supporting documents: what each one is, and what it says.

A document is recognised by the fields it prints (a certificate names the company it
certifies as incorporated, a passport data page has a holder's names and an expiry or a
machine-readable zone, a bill an address with a holder or a date), not by its file name
nor by a phrase anywhere in it: a letter saying "we cannot provide a proof of address"
names a document it is not. Each value is read by its printed label and cited to the box
it sits in; whether a document is good enough for what the case requires is then checked
field by field (`kyc.checks`). Text in a document that instructs its reader is kept
(`instructions`), whatever kind the document is.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kyc.dates import DateProblem, read_date
from kyc.instructions import instructions_in
from kyc.mrz import MrzCheck, read_mrz
from kyc.pdftext import CitedText, labelled_value, locate_phrase
from shared.documents import open_pdf
from shared.documents.citation import PdfCitation
from shared.documents.errors import DocumentError
from shared.errors import InputError

_CERTIFIES = re.compile(r"certifies\s+that\s+(.+?)\s+is\s+this\s+day\s+incorporated", re.I | re.S)
# The date a certificate was given, in any form `kyc.dates` reads (or refuses).
_GIVEN_ON = re.compile(r"\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?\s+\d{2,4}|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
                       r"|[A-Za-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})", re.I)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class DatedText(_Record):
    """A printed date: the text as cited, and the date it means; `problem` says why a
    date that could not be read (unreadable, impossible, ambiguous) has no value."""

    printed: CitedText
    value: date | None
    problem: str | None = None


class Instruction(_Record):
    """A sentence in a document that addresses its reader with instructions."""

    path: str
    text: str
    citation: PdfCitation | None


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


def read_pdf_document(path: Path) -> tuple[Certificate | IdentityDocument | ProofOfAddress | None,
                                          tuple[Instruction, ...]]:
    """The document's record (None when it prints the fields of no kind this reader
    knows), and any instructions it prints."""
    try:
        with open_pdf(path) as pdf:
            text = "\n".join(pdf.page_texts())
            record = next((r for r in (read(pdf, text) for read in _READERS) if r is not None), None)
            return record, instructions(pdf, text)
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None


def instructions(pdf, text: str) -> tuple[Instruction, ...]:
    found = instructions_in(text)
    located = [locate_phrase(pdf, quote) for quote in found]
    return tuple(Instruction(path=str(pdf.path), text=quote, citation=at.citation if at else None)
                 for quote, at in zip(found, located))


def dated(found: CitedText | None) -> DatedText | None:
    """The printed date read; one that cannot be is kept with its problem, never dropped."""
    if found is None:
        return None
    try:
        return DatedText(printed=found, value=read_date(found.text))
    except DateProblem as problem:
        return DatedText(printed=found, value=None, problem=str(problem))


def _has_label(text: str, *labels: str) -> bool:
    """Whether a line starts with one of `labels` and a colon, and prints a value after it."""
    return any(re.search(rf"(?im)^\s*{re.escape(label)}\s*:\s*\S", text) for label in labels)


def _certificate(pdf, text: str) -> Certificate | None:
    """A certificate names the company it certifies and gives its number or the date."""
    flat = " ".join(text.split())
    name = _CERTIFIES.search(flat)
    given = _GIVEN_ON.search(flat[flat.lower().find("given at"):]) if "given at" in flat.lower() else None
    if not (name or _has_label(text, "Company name")) or not (given or _has_label(text, *_COMPANY_NUMBER)):
        return None
    return Certificate(
        path=str(pdf.path), sha256=pdf.sha256,
        company_name=locate_phrase(pdf, name.group(1)) if name else labelled_value(pdf, "Company name"),
        company_number=_first(pdf, _COMPANY_NUMBER),
        incorporated_on=dated(locate_phrase(pdf, given.group(1)) if given else None),
        registered_office=labelled_value(pdf, "Registered office"),
    )


def _identity(pdf, text: str) -> IdentityDocument | None:
    """An identity document prints its holder's names and an expiry or an MRZ."""
    mrz = read_mrz(text)
    if not (_has_label(text, "Surname") and _has_label(text, "Given names")
            and (mrz or _has_label(text, "Date of expiry"))):
        return None
    flat = " ".join(text.split()).lower()
    return IdentityDocument(
        path=str(pdf.path), sha256=pdf.sha256,
        document_type="passport" if "passport" in flat else "identity card",
        surname=labelled_value(pdf, "Surname"),
        given_names=labelled_value(pdf, "Given names"),
        date_of_birth=dated(labelled_value(pdf, "Date of birth")),
        nationality=labelled_value(pdf, "Nationality"),
        issuing_state=labelled_value(pdf, "Issuing state"),
        number=labelled_value(pdf, "Passport No.") or labelled_value(pdf, "Document No."),
        expiry=dated(labelled_value(pdf, "Date of expiry")),
        mrz=mrz,
    )


def _proof_of_address(pdf, text: str) -> ProofOfAddress | None:
    """A bill or statement prints an address with its holder or its date."""
    if not (_has_label(text, *_ADDRESS) and _has_label(text, *_HOLDER, *_ISSUED)):
        return None
    return ProofOfAddress(
        path=str(pdf.path), sha256=pdf.sha256,
        holder=_first(pdf, _HOLDER), address=_first(pdf, _ADDRESS), issued=dated(_first(pdf, _ISSUED)),
    )


def _first(pdf, labels: tuple[str, ...]) -> CitedText | None:
    return next((found for found in (labelled_value(pdf, label) for label in labels) if found), None)


_COMPANY_NUMBER = ("Company Number", "Company No.")
_HOLDER = ("Account holder", "Account name", "Customer name", "Name")
_ADDRESS = ("Supply address", "Correspondence address", "Billing address", "Address")
_ISSUED = ("Bill date", "Statement date", "Date of issue", "Issue date")
_READERS = (_certificate, _identity, _proof_of_address)
