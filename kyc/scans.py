"""With a model: the case folder's pictures (a passport scanned as a PNG, a bill
photographed) and PDFs with no text layer, read by the model and used only where code
can check what it read (`kyc.scan_checks`).

Each goes to the model as itself, an image or a PDF block. What it copies out has no
text layer to be found in, so each field it keeps carries the file's sha256 and the
model as its source (`kyc.model_read`) and the checks it passed. A scan whose required
fields fail stays "not read", with a finding naming the failed check, and the
`missing_document` finding names it as before. A model that gives no usable answer
leaves the file "not read" with a `model_step_fell_back` finding; the run goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kyc.dates import read_date
from kyc.documents import Certificate, DatedText, IdentityDocument, Instruction, ProofOfAddress
from kyc.model_read import ModelRead
from kyc.mrz import MrzCheck
from kyc.packet import Packet
from kyc.pdftext import CitedText
from kyc.scan_checks import (
    IDENTITY_KINDS,
    ReadCheck,
    certificate_checks,
    identity_checks,
    passed,
    proof_checks,
    rejecting,
)
from kyc.schemas import ScanReading
from kyc.unread import NotRead
from shared.documents.errors import DocumentError
from shared.documents.pdf import open_pdf
from shared.findings import Finding, finding
from shared.llm import ImageInput, PdfInput
from shared.llm.content import ImageType
from shared.runs.context import RunContext
from shared.runs.fallback import or_baseline

# The pictures the Messages API takes, by what their first bytes say (a name can lie).
_MAGIC: tuple[tuple[bytes, ImageType], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"))
PICTURES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
# The Messages API's limits: 5 MB a picture, 32 MB a PDF.
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 32 * 1024 * 1024
STEP = "read_scan"

CERTIFICATE = "certificate_of_incorporation"

Scanned = IdentityDocument | ProofOfAddress | Certificate


@dataclass(frozen=True)
class Scan:
    """A file the model read: the source every field it kept names."""

    path: str
    sha256: str
    model: str


@dataclass(frozen=True)
class ScanOutcome:
    """What became of one scan: the record it serves as, or why it serves as none."""

    record: Scanned | None
    reason: str = ""
    instructions: tuple[Instruction, ...] = ()


def scannable(item: NotRead) -> bool:
    return not item.folder and Path(item.path).suffix.lower() in PICTURES | {".pdf"}


def read_scans(packet: Packet, context: RunContext, threshold: Decimal) -> tuple[Packet, list[Finding]]:
    """The packet with each scan that passed its checks moved to its kind of document."""
    accepted: list[Scanned] = []
    left: list[NotRead] = []
    instructions: list[Instruction] = []
    findings: list[Finding] = []
    for item in packet.not_read:
        outcome, notes = read_scan(Path(item.path), packet, context, threshold) if scannable(item) else (None, [])
        findings += notes
        if outcome is not None and outcome.record is not None:
            accepted.append(outcome.record)
        else:
            left.append(item.model_copy(update={"reason": outcome.reason}) if outcome else item)
        instructions += outcome.instructions if outcome else ()
    identities = tuple(r for r in accepted if isinstance(r, IdentityDocument))
    proofs = tuple(r for r in accepted if isinstance(r, ProofOfAddress))
    certificates = tuple(r for r in accepted if isinstance(r, Certificate))
    return packet.model_copy(update={
        "identities": (*packet.identities, *identities), "proofs_of_address": (*packet.proofs_of_address, *proofs),
        "certificates": (*packet.certificates, *certificates),
        "not_read": tuple(left), "instructions": (*packet.instructions, *instructions)}), findings


def read_scan(path: Path, packet: Packet, context: RunContext,
              threshold: Decimal) -> tuple[ScanOutcome | None, list[Finding]]:
    """One scan read and judged; None (with the fallback's finding) when the model failed."""
    document = model_input(path)
    if isinstance(document, str):
        return ScanOutcome(None, f"{_kind_of(path)}, not sent to the model: {document}"), []
    reading, fell = or_baseline(f"{STEP} ({path.name})", lambda: context.model.ask(
        system=context.prompts.render("system.j2"),
        prompt=context.prompts.render("read_scan.j2", case=packet.application.form.legal_name, file=path.name),
        output_type=ScanReading, documents=[document]).output)
    if reading is None:
        return None, fell  # the file stays "not read", as offline
    return judged(reading, Scan(str(path), document.sha256, context.model.model_id), packet, threshold)


def model_input(path: Path) -> PdfInput | ImageInput | str:
    """The file as the model takes it, or why it cannot be sent."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        if len(data) > MAX_PDF_BYTES:
            return f"larger than the {MAX_PDF_BYTES // 2**20} MB a PDF may be"
        broken = _unreadable_pdf(path)
        return broken or PdfInput(path.name, digest, data)
    media = _media_type(data)
    if media is None:
        return "its content is no PNG, JPEG, GIF or WebP picture"
    if len(data) > MAX_PICTURE_BYTES:
        return f"larger than the {MAX_PICTURE_BYTES // 2**20} MB a picture may be"
    return ImageInput(path.name, digest, data, media)


def _unreadable_pdf(path: Path) -> str | None:
    """Why a file that calls itself a PDF cannot be one the model reads (damaged,
    truncated, needing a password); None when it opens."""
    try:
        open_pdf(path, require_text=False).close()
    except DocumentError as error:
        return f"a PDF that cannot be opened ({error.problem})"
    return None


def _media_type(data: bytes) -> ImageType | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((media for magic, media in _MAGIC if data.startswith(magic)), None)


def _kind_of(path: Path) -> str:
    return "a PDF with no text layer (a scan)" if path.suffix.lower() == ".pdf" else "an image"


# -- judging what the model read -------------------------------------------------------


def judged(reading: ScanReading, read_by: Scan, packet: Packet,
           threshold: Decimal) -> tuple[ScanOutcome, list[Finding]]:
    """The scan's record when its checks allow it, and the findings that say which
    checks each field passed or failed. Text the model says tried to instruct it makes
    the file one that instructs its reader: it then counts for no document."""
    name = Path(read_by.path).name
    instructions = tuple(Instruction(path=read_by.path, text=quote, citation=None)
                         for quote in reading.suspected_injection)
    notes = [finding("document_instructs_model", read_by.path, f"{name} tried to instruct the model: {quote!r}")
             for quote in reading.suspected_injection]
    if reading.kind not in (*IDENTITY_KINDS, "proof_of_address", CERTIFICATE):
        reason = f"{_kind_of(Path(name))}, read by model {read_by.model} as none of the documents a scan may serve as"
        return ScanOutcome(None, reason, instructions), notes + [finding(
            "scan_not_accepted", read_by.path, f"{name}: {reason} (an identity document, a proof of address or a "
            "certificate of incorporation)", "info")]
    outcome, verdict = _verdict(reading, read_by, packet, threshold)
    return ScanOutcome(outcome.record, outcome.reason, instructions), [*notes, verdict]


def _verdict(reading: ScanReading, read_by: Scan, packet: Packet,
             threshold: Decimal) -> tuple[ScanOutcome, Finding]:
    checks, record = _checked(reading, read_by, packet, threshold)
    failed = "; ".join(c.line() for c in rejecting(reading.kind, checks))
    kind = _kind_of(Path(read_by.path))
    said = f"{Path(read_by.path).name} ({kind}, sha256 {read_by.sha256[:12]}) was read by model {read_by.model} " \
           f"as a {reading.kind.replace('_', ' ')}"
    every = "Each field: " + "; ".join(c.line() for c in checks)
    if failed:
        return ScanOutcome(None, f"{kind}, read by model {read_by.model}, not accepted: {failed}"), finding(
            "scan_not_accepted", read_by.path, f"{said}, and is not accepted: failed {failed}. {every}", "error")
    return ScanOutcome(record), finding(
        "scan_read_by_model", read_by.path,
        f"{said}, and accepted: the fields that passed their checks are used. {every}", "info")


def _checked(reading: ScanReading, read_by: Scan, packet: Packet,
             threshold: Decimal) -> tuple[list[ReadCheck], Scanned]:
    form = packet.application.form
    if reading.kind == "proof_of_address":
        checks = proof_checks(reading, [form.legal_name], form.address, threshold)
        return checks, proof_record(reading, read_by, checks)
    if reading.kind == CERTIFICATE:
        checks = certificate_checks(reading, form.legal_name, form.registration_number, form.incorporation_date,
                                    form.registered_address, threshold)
        return checks, certificate_record(reading, read_by, checks)
    checks, mrz = identity_checks(reading, application_names(packet), threshold)
    return checks, identity_record(reading, read_by, checks, mrz)


def application_names(packet: Packet) -> list[str]:
    """The people the application names: an identity scan must be one of theirs."""
    form = packet.application.form
    names = [o.name for o in form.officers] + [s.name for s in form.shareholders if s.type == "individual"]
    names += [h.owner for h in packet.holdings if h.owner_type == "individual"]
    names += [form.legal_name] if form.customer_type == "individual" else []
    return list(dict.fromkeys(names))


def identity_record(reading: ScanReading, read_by: Scan, checks: Sequence[ReadCheck],
                    mrz: MrzCheck | None) -> IdentityDocument:
    field = _fields(reading, read_by, checks)
    return IdentityDocument(
        path=read_by.path, sha256=read_by.sha256, document_type=reading.kind.replace("_", " "),
        surname=field("surname"), given_names=field("given_names"), date_of_birth=_dated(field("date_of_birth")),
        nationality=None, issuing_state=None, number=field("document_number"),
        expiry=_dated(field("expiry_date")), mrz=mrz)


def certificate_record(reading: ScanReading, read_by: Scan, checks: Sequence[ReadCheck]) -> Certificate:
    field = _fields(reading, read_by, checks)
    return Certificate(path=read_by.path, sha256=read_by.sha256, company_name=field("company_name"),
                       company_number=field("company_number"), incorporated_on=_dated(field("incorporation_date")),
                       registered_office=field("registered_office"))


def proof_record(reading: ScanReading, read_by: Scan, checks: Sequence[ReadCheck]) -> ProofOfAddress:
    field = _fields(reading, read_by, checks)
    return ProofOfAddress(path=read_by.path, sha256=read_by.sha256, holder=field("holder"),
                          address=field("address"), issued=_dated(field("issue_date")))


def _fields(reading: ScanReading, read_by: Scan, checks: Sequence[ReadCheck]) -> Callable[[str], CitedText | None]:
    def field(name: str) -> CitedText | None:
        text, ok = getattr(reading, name), passed(checks, name)
        if not text or ok is None:
            return None  # a field that failed a check, or that no check could be made on, is not used
        return CitedText(text=text, read_by=ModelRead(path=read_by.path, sha256=read_by.sha256, model=read_by.model,
                                                      checks=ok))
    return field


def _dated(found: CitedText | None) -> DatedText | None:
    # Only a date that parsed passed its check, so this reads.
    return DatedText(printed=found, value=read_date(found.text)) if found else None
