"""Inventory and cross-checks: what the packet lacks, and where its documents disagree
with each other or with the application. Each result is a Finding citing the values it
compares; a finding about an absence cites nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from kyc.application import ApplicationForm
from kyc.documents import Certificate, DatedText, IdentityDocument, ProofOfAddress
from kyc.ownership import node_key
from kyc.packet import Packet
from kyc.parties import Party, needs_identity
from kyc.unread import NotRead, could_be, files_not_read, might_be_text
from shared.documents.citation import Citation
from shared.findings import Finding, finding

_COUNTRY_WORDS = {"united kingdom", "uk", "england", "united states", "usa", "united states of america"}


_Document = TypeVar("_Document", Certificate, IdentityDocument)


def _trusted(packet: Packet, documents: Iterable[_Document]) -> tuple[_Document, ...]:
    """The documents that do not instruct their reader: one that does counts for nothing."""
    return tuple(d for d in documents if not packet.instructs(d.path))


def inventory(packet: Packet, parties: Sequence[Party], required: Sequence[str], max_age_days: int) -> list[Finding]:
    """What the packet lacks. A document counts only when code has read and checked the
    fields that make it that document; one that instructs its reader counts for nothing,
    whoever (rules or model) placed it."""
    unusable = {p.path: _unusable(packet, p, max_age_days) for p in packet.proofs_of_address}
    present = {
        "application": True,
        "certificate_of_incorporation": bool(_trusted(packet, packet.certificates)),
        "ownership": bool(packet.registers),
        "proof_of_address": any(not problems for problems in unusable.values()),
    }
    findings = [_missing(kind, unusable if kind == "proof_of_address" else {}, could_be(packet.not_read, kind))
                for kind in required if kind != "identity" and not present.get(kind, False)]
    if "identity" in required:
        people = [p.name for p in parties if p.type == "individual"]
        identities = _trusted(packet, packet.identities)
        findings += [finding("missing_document", f"identity {p.name}",
                             f"No identity document for {p.name} ({', '.join(p.roles)})"
                             + might_be_text(could_be(packet.not_read, "identity", p.name, people)), "error",
                             p.citations)
                     for p in parties if needs_identity(p) and identity_for(p, identities) is None]
    findings += [finding("document_unrecognised", path, f"{path} was read but is none of the documents this "
                         "workflow recognises", "info") for path in packet.unrecognised]
    return findings + files_not_read(packet.not_read) + instruction_findings(packet)


def _unusable(packet: Packet, proof: ProofOfAddress, max_age_days: int) -> list[str]:
    instructs = ["it instructs its reader"] if packet.instructs(proof.path) else []
    return proof_problems(proof, packet.application.form, max_age_days) + instructs


def _missing(kind: str, unusable: Mapping[str, Sequence[str]], unread: Sequence[NotRead]) -> Finding:
    why = "; ".join(f"{Path(path).name} does not serve: {', '.join(problems)}" for path, problems in unusable.items())
    message = f"No {kind.replace('_', ' ')} in the packet" + (f" ({why})" if why else "") + might_be_text(unread)
    return finding("missing_document", kind, message, "error")


def proof_problems(proof: ProofOfAddress, form: ApplicationForm, max_age_days: int) -> list[str]:
    """Why a proof of address does not prove the applicant's address (empty: it does).
    An address that differs from the application's is its own error finding."""
    problems = []
    if proof.holder is None:
        problems.append("no account holder read")
    elif not _holder_is(proof.holder.text, form):
        problems.append(f"in the name of {proof.holder.text!r}, not {form.legal_name!r}")
    if proof.address is None:
        problems.append("no address read")
    issued = proof.issued
    if issued is None:
        problems.append("no date of issue read")
    elif issued.value is None:
        problems.append(f"its date {issued.printed.text!r} cannot be read")
    elif (form.date - issued.value).days > max_age_days:
        problems.append(f"dated {issued.value}, more than {max_age_days} days before the application")
    return problems


def _holder_is(holder: str, form: ApplicationForm) -> bool:
    if node_key(holder) == node_key(form.legal_name):
        return True
    return form.customer_type == "individual" and _same_person_name(form.legal_name, _untitled(holder))


def _untitled(name: str) -> str:
    return re.sub(r"^(mr|mrs|ms|miss|mx|dr)\.?\s+", "", name.strip(), flags=re.I)


def instruction_findings(packet: Packet) -> list[Finding]:
    by_path: dict[str, list] = {}
    for instruction in packet.instructions:
        by_path.setdefault(instruction.path, []).append(instruction)
    return [finding("document_instructs_reader", path,
                    f"{Path(path).name} addresses its reader with instructions ("
                    + "; ".join(repr(i.text) for i in found) + "): it counts for no required document, whatever "
                    "reads it", "error", tuple(i.citation for i in found if i.citation is not None))
            for path, found in by_path.items()]


def identity_for(party: Party, identities: Sequence[IdentityDocument]) -> IdentityDocument | None:
    """The identity document whose holder is this party: same surname and first given name."""
    wanted = _name_tokens(party.name)
    for document in identities:
        if document.surname and document.given_names:
            surname, given = _name_tokens(document.surname.text), _name_tokens(document.given_names.text)
            if wanted and surname and given and wanted[-len(surname):] == surname and wanted[0] == given[0]:
                return document
    return None


def _name_tokens(name: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", name.casefold()).split()


def cross_checks(packet: Packet, parties: Sequence[Party], max_age_days: int) -> list[Finding]:
    """Where the documents disagree with each other or with the application."""
    as_of = packet.application.form.date
    findings = list(_certificate_checks(packet)) + list(_address_proof_checks(packet, max_age_days))
    for party in parties:
        document = identity_for(party, packet.identities)
        if document is not None:
            findings += _identity_checks(party, document, as_of)
    findings += _register_checks(packet)
    return findings + date_findings(packet)


def date_findings(packet: Packet) -> list[Finding]:
    """A printed date that cannot be read is an error, never a skipped check: an expiry
    nobody could read is an expiry nobody checked."""
    dates: list[tuple[str, str, DatedText | None]] = [
        *((c.path, "date of incorporation", c.incorporated_on) for c in packet.certificates),
        *((d.path, "date of birth", d.date_of_birth) for d in packet.identities),
        *((d.path, "date of expiry", d.expiry) for d in packet.identities),
        *((p.path, "date of issue", p.issued) for p in packet.proofs_of_address)]
    findings = [finding("date_unreadable", f"{label} {path}", f"{Path(path).name}: the {label} cannot be used: "
                        f"{printed.problem}; the check it serves was not made", "error",
                        _cited(printed.printed.citation))
                for path, label, printed in dates if printed is not None and printed.problem]
    findings += [finding("date_unreadable", f"date of expiry {d.path}", f"{Path(d.path).name}: no date of expiry "
                         "could be read (printed or in the machine-readable zone); the expiry was not checked", "error")
                 for d in packet.identities if d.expiry is None and not (d.mrz and d.mrz.expiry)]
    return findings


def _certificate_checks(packet: Packet) -> Iterable[Finding]:
    app = packet.application
    form = app.form
    for cert in packet.certificates:
        if cert.company_name and node_key(cert.company_name.text) != node_key(form.legal_name):
            yield finding("name_mismatch", "certificate company name",
                          f"The certificate names the company {cert.company_name.text!r}; the application says "
                          f"{form.legal_name!r}", "error", _cited(*app.cite("legal_name"), cert.company_name.citation))
        if cert.company_number and form.registration_number and \
                _ident(cert.company_number.text) != _ident(form.registration_number):
            yield finding("registration_number_mismatch", "company number",
                          f"The certificate gives company number {cert.company_number.text}; the application says "
                          f"{form.registration_number}", "error",
                          _cited(*app.cite("registration_number"), cert.company_number.citation))
        if cert.registered_office and form.registered_address and \
                not same_address(cert.registered_office.text, form.registered_address):
            yield finding("address_mismatch", "registered office",
                          f"The certificate's registered office is {cert.registered_office.text!r}; the application "
                          f"says {form.registered_address!r}", "warning",
                          _cited(*app.cite("registered_address"), cert.registered_office.citation))
        if cert.incorporated_on and cert.incorporated_on.value and form.incorporation_date and \
                cert.incorporated_on.value != form.incorporation_date:
            yield finding("incorporation_date_mismatch", "incorporation date",
                          f"The certificate dates incorporation {cert.incorporated_on.value}; the application says "
                          f"{form.incorporation_date}", "warning",
                          _cited(*app.cite("incorporation_date"), cert.incorporated_on.printed.citation))


def _address_proof_checks(packet: Packet, max_age_days: int) -> Iterable[Finding]:
    app = packet.application
    form = app.form
    address_field = "registered_address" if form.registered_address else "residential_address"
    for proof in packet.proofs_of_address:
        if proof.holder and node_key(proof.holder.text) != node_key(form.legal_name):
            yield finding("name_mismatch", "proof of address holder",
                          f"The proof of address is in the name of {proof.holder.text!r}, not {form.legal_name!r}",
                          "warning", _cited(*app.cite("legal_name"), proof.holder.citation))
        if proof.address and form.address and not same_address(proof.address.text, form.address):
            yield finding("address_mismatch", "proof of address",
                          f"The proof of address shows {proof.address.text!r}; the application says {form.address!r}",
                          "error", _cited(*app.cite(address_field), proof.address.citation))
        issued = proof.issued
        if issued and issued.value and (form.date - issued.value).days > max_age_days:
            yield finding("document_stale", "proof of address date",
                          f"The proof of address is dated {issued.value}, {(form.date - issued.value).days} days "
                          f"before the application (at most {max_age_days} accepted)", "warning",
                          _cited(issued.printed.citation))


def _identity_checks(party: Party, document: IdentityDocument, as_of: date) -> list[Finding]:
    findings = []
    subject = f"identity {party.name}"
    printed = document.expiry.value if document.expiry else None
    # The MRZ's expiry stands in when the printed one cannot be read (that is a finding too).
    expiry = printed or (document.mrz.expiry if document.mrz else None)
    if expiry and expiry < as_of:
        cited = _cited(document.expiry.printed.citation) if document.expiry else ()
        findings.append(finding("document_expired", subject,
                                f"{party.name}'s {document.document_type} expired on {expiry}, before the application "
                                f"date {as_of}", "error", cited))
    born = document.date_of_birth
    if born and born.value and party.date_of_birth and born.value.isoformat() != party.date_of_birth:
        findings.append(finding("date_of_birth_mismatch", subject,
                                f"{party.name}'s {document.document_type} gives date of birth {born.value}; the packet "
                                f"says {party.date_of_birth}", "error",
                                _cited(*party.citations, born.printed.citation)))
    if not _same_person_name(party.name, document.full_name):
        findings.append(finding("name_mismatch", subject,
                                f"The {document.document_type} is in the name {document.full_name!r}; the packet says "
                                f"{party.name!r}", "warning", party.citations))
    findings += _mrz_findings(party, document, subject)
    return findings


def _mrz_findings(party: Party, document: IdentityDocument, subject: str) -> list[Finding]:
    mrz = document.mrz
    if mrz is None:
        return []
    problems = list(mrz.problems)
    printed = {"date of birth": (document.date_of_birth, mrz.date_of_birth), "expiry": (document.expiry, mrz.expiry)}
    problems += [f"printed {label} {found.value} differs from the MRZ's {coded}"
                 for label, (found, coded) in printed.items()
                 if found and found.value and coded and found.value != coded]
    if document.number and _ident(document.number.text) != _ident(mrz.document_number):
        problems.append(f"printed number {document.number.text} differs from the MRZ's {mrz.document_number}")
    if not problems:
        return []
    return [finding("mrz_invalid", subject, f"{party.name}'s {document.document_type} machine-readable zone: "
                    + "; ".join(problems), "error")]


def _register_checks(packet: Packet) -> list[Finding]:
    """Direct holdings the application declares against the register's figures."""
    form = packet.application.form
    if not packet.registers:
        return []
    direct = {node_key(h.owner): h for h in packet.holdings if node_key(h.owned) == node_key(form.legal_name)}
    findings = []
    for i, holder in enumerate(form.shareholders):
        held = direct.get(node_key(holder.name))
        if held is None or held.percent != holder.percent:
            shown = f"{held.percent}%" if held else "nothing"
            findings.append(finding("shareholding_mismatch", f"shareholding {holder.name}",
                                    f"The application gives {holder.name} {holder.percent}%; "
                                    f"the register shows {shown}",
                                    "warning", (*packet.application.cite(f"shareholders.{i}.percent"),
                                                *(held.citations if held else ()))))
    return findings


def _cited(*sources: Citation | None) -> tuple[Citation, ...]:
    """The citations among `sources`: a value the model read from a picture has none
    (its source is the file and the model, `CitedText.read_by`)."""
    return tuple(c for c in sources if c is not None)


def _ident(text: str) -> str:
    return re.sub(r"[\s\-./]", "", text).upper()


def same_address(a: str, b: str) -> bool:
    """Equal once case, punctuation and a trailing country are set aside."""
    return _address_key(a) == _address_key(b)


def _address_key(text: str) -> str:
    parts = [" ".join(re.sub(r"[^\w\s]", " ", p.casefold()).split()) for p in text.split(",")]
    while parts and (parts[-1] in _COUNTRY_WORDS or not parts[-1]):
        parts.pop()
    return " ".join(parts)


def _same_person_name(declared: str, printed: str) -> bool:
    """Same surname and first given name; a middle name may be left out on either side."""
    a, b = _name_tokens(declared), _name_tokens(printed)
    return bool(a and b) and a[0] == b[0] and a[-1] == b[-1]
