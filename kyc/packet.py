"""A case folder read whole: the application, every supporting document by kind, and
the files nobody could place."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kyc.application import APPLICATION_NAMES, Application, find_application, read_application
from kyc.documents import Certificate, IdentityDocument, Instruction, ProofOfAddress, read_pdf_document
from kyc.forms import EXTRA_FILE
from kyc.ownership import Holding
from kyc.register import holdings_in, is_register
from kyc.unread import NotRead, is_note, is_scan, not_read, scanned_pdf, subfolders
from shared.documents import CsvDocument, open_csv
from shared.documents.errors import DocumentError
from shared.documents.folder import folder_documents
from shared.errors import InputError

SUPPORTED = (".pdf", ".csv")


class FileRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str


class Packet(BaseModel):
    model_config = ConfigDict(frozen=True)

    folder: str
    application: Application
    certificates: tuple[Certificate, ...] = ()
    identities: tuple[IdentityDocument, ...] = ()
    proofs_of_address: tuple[ProofOfAddress, ...] = ()
    registers: tuple[FileRef, ...] = ()      # the ownership registers / charts read
    holdings: tuple[Holding, ...] = ()
    unrecognised: tuple[str, ...] = ()      # read, but none of the documents the rules know
    not_read: tuple[NotRead, ...] = ()      # files of a type not read (an image), and folders
    instructions: tuple[Instruction, ...] = ()   # sentences in any document that instruct its reader

    def instructs(self, path: str) -> bool:
        return any(i.path == path for i in self.instructions)

    def files(self) -> list[FileRef]:
        """Every file read, with the hash it had when it was read."""
        docs: list[Application | Certificate | IdentityDocument | ProofOfAddress] = [
            self.application, *self.certificates, *self.identities, *self.proofs_of_address]
        return [FileRef(path=d.path, sha256=d.sha256) for d in docs] + list(self.registers)


def read_packet(folder: Path, *, scans: bool = False) -> Packet:
    """`scans`: a PDF with no text layer is listed as not read, for the model to read
    (`kyc.scans`), instead of refused; without a model it is refused (exit 2), as ever."""
    if not folder.exists():
        raise InputError(folder, "does not exist")
    if not folder.is_dir():
        raise InputError(folder, "is not a case folder (give the folder holding the application and documents)")
    application = read_application(find_application(folder))
    found: dict[str, list] = {"certificates": [], "identities": [], "proofs_of_address": [], "registers": [],
                              "holdings": [], "unrecognised": [], "instructions": [], "not_read": []}
    for path in _documents(folder):
        if scans and path.suffix.lower() == ".pdf" and is_scan(path):
            found["not_read"].append(scanned_pdf(path))
        elif path.suffix.lower() in SUPPORTED:
            _add(path, found)
        else:
            found["not_read"].append(not_read(path))
    found["not_read"] = sorted([*found["not_read"], *subfolders(folder)], key=lambda item: item.path)
    return Packet(folder=str(folder), application=application, **found)


def _documents(folder: Path) -> list[Path]:
    skip = {*APPLICATION_NAMES, EXTRA_FILE}
    # Notes beside the packet are left out (kyc.unread); a link is refused
    # (folder_documents), never read.
    return [p for p in folder_documents(folder) if not is_note(p) and p.name not in skip]


def _add(path: Path, found: dict[str, list]) -> None:
    suffix = path.suffix.lower()
    table = _open_csv(path) if suffix == ".csv" else None
    if table is not None and is_register(table.header):
        found["registers"].append(FileRef(path=str(path), sha256=table.sha256))
        found["holdings"].extend(holdings_in(table))
        return
    record, instructions = read_pdf_document(path) if suffix == ".pdf" else (None, ())
    found["instructions"].extend(instructions)
    if isinstance(record, Certificate):
        found["certificates"].append(record)
    elif isinstance(record, IdentityDocument):
        found["identities"].append(record)
    elif isinstance(record, ProofOfAddress):
        found["proofs_of_address"].append(record)
    else:
        found["unrecognised"].append(str(path))


def _open_csv(path: Path) -> CsvDocument:
    try:
        return open_csv(path)
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None
