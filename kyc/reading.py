"""With a model: documents the rules could not place are read by the model, and each
value it copies out is kept only where it is found, word for word, in the document, so
every value keeps a citation the verifier can check. A value the model wrote that the
document does not print is dropped and counted."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kyc.documents import Certificate, DatedText, IdentityDocument, ProofOfAddress, dated
from kyc.mrz import read_mrz
from kyc.pdftext import locate_phrase
from kyc.schemas import DocumentReading
from shared.documents import PdfDocument, open_pdf
from shared.findings import Finding, finding
from shared.llm import DocumentInput
from shared.runs.context import RunContext
from shared.runs.fallback import or_baseline

# What a document the model read may become.
Placed = Certificate | IdentityDocument | ProofOfAddress


def read_unplaced(state: Mapping[str, Any], context: RunContext) -> tuple[Any, list[Finding]]:
    """The packet with each unrecognised PDF the model could place moved to its kind."""
    packet = state["packet"]
    placed: dict[str, list] = {"certificates": [], "identities": [], "proofs_of_address": []}
    left, findings = [], []
    for path in packet.unrecognised:
        record, notes = _read_one(Path(path), packet.application.form.legal_name, context)
        findings += notes
        if record is None:
            left.append(path)
        else:
            placed[_FIELD[type(record)]].append(record)
    update = {field: (*getattr(packet, field), *records) for field, records in placed.items()}
    return packet.model_copy(update={**update, "unrecognised": tuple(left)}), findings


def _read_one(path: Path, case: str, context: RunContext) -> tuple[Placed | None, list[Finding]]:
    if path.suffix.lower() != ".pdf":
        return None, []
    with open_pdf(path, require_text=False) as pdf:
        text = "\n".join(pdf.page_texts())
        if not text.strip():
            return None, []
        reading, fell = or_baseline(f"read_free_text ({path.name})", lambda: context.model.ask(
            system=context.prompts.render("system.j2"), prompt=context.prompts.render("read_document.j2", case=case),
            output_type=DocumentReading,
            documents=[DocumentInput(name=path.name, sha256=pdf.sha256, text=text)]).output)
        if reading is None:
            return None, fell  # the document stays unrecognised, as offline
        record, dropped = _record(pdf, text, reading)
    notes = [finding("document_instructs_model", str(path), f"{path.name} tried to instruct the model: {q!r}")
             for q in reading.suspected_injection]
    if dropped:
        notes.append(finding("model_value_not_in_document", str(path),
                             f"The model read {', '.join(dropped)} from {path.name}, but the document does not "
                             "print those values; they were dropped", "info"))
    return record, notes


def _record(pdf: PdfDocument, text: str, reading: DocumentReading) -> tuple[Placed | None, list[str]]:
    dropped: list[str] = []

    def cited(field: str) -> Any:
        value = getattr(reading, field)
        found = locate_phrase(pdf, value) if value else None
        if value and found is None:
            dropped.append(field.replace("_", " "))
        return found

    def cited_date(field: str) -> DatedText | None:
        return dated(cited(field))

    base = {"path": str(pdf.path), "sha256": pdf.sha256}
    record: Placed | None
    if reading.kind == "certificate_of_incorporation":
        record = Certificate(**base, company_name=cited("company_name"), company_number=cited("company_number"),
                             incorporated_on=cited_date("incorporation_date"),
                             registered_office=cited("registered_office"))
    elif reading.kind == "identity":
        record = IdentityDocument(**base, document_type="identity document", surname=cited("surname"),
                                  given_names=cited("given_names"), date_of_birth=cited_date("date_of_birth"),
                                  nationality=cited("nationality"), issuing_state=None, number=cited("document_number"),
                                  expiry=cited_date("expiry_date"), mrz=read_mrz(text))
    elif reading.kind == "proof_of_address":
        record = ProofOfAddress(**base, holder=cited("holder"), address=cited("address"),
                                issued=cited_date("issue_date"))
    else:
        record = None
    return record, dropped


_FIELD: dict[type[Placed], str] = {Certificate: "certificates", IdentityDocument: "identities",
                                   ProofOfAddress: "proofs_of_address"}
