"""What the case itself says about a party, for the model that weighs its sanctions hits
(`kyc.hit_evidence`): the application's fields, the ownership register's lines, the
identity document's fields, and for the customer its certificate and proof of address.
Each value is named with its source (which document, or the application form) so that
the model can say where an agreement or a contradiction comes from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyc.application import Application
from kyc.checks import identity_for
from kyc.documents import DatedText, IdentityDocument
from kyc.ownership import Structure
from kyc.packet import Packet
from kyc.parties import Party, party_id
from kyc.pdftext import CitedText


@dataclass(frozen=True)
class Source:
    """One source of a party's evidence and the values it gives, in its own words."""

    name: str
    values: tuple[tuple[str, str], ...]

    def to_prompt(self) -> dict[str, Any]:
        return {"source": self.name, "fields": [{"field": f, "value": v} for f, v in self.values]}


def party_evidence(party: Party, packet: Packet, structure: Structure | None) -> tuple[Source, ...]:
    found = [*_application(party, packet.application), *_register(party, structure, packet.application.path),
             *_identity(party, packet.identities)]
    if party.id == party_id(packet.application.form.legal_name):
        found += _customer_documents(packet)
    return tuple(source for source in found if source.values)


def _values(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """The pairs that give a value, as text; a printed value as printed."""
    shown = ((field, _text(value)) for field, value in pairs)
    return tuple((field, text) for field, text in shown if text)


def _text(value: Any) -> str:
    if isinstance(value, CitedText):
        return value.text
    if isinstance(value, DatedText):
        return value.printed.text
    return "" if value is None else str(value)


def _application(party: Party, application: Application) -> list[Source]:
    form, label = application.form, f"application form ({Path(application.path).name})"
    found = []
    if party_id(form.legal_name) == party.id:
        found.append(Source(f"{label}, the customer", _values(
            ("name", form.legal_name), ("customer type", form.customer_type), ("date of birth", form.date_of_birth),
            ("nationality", form.nationality), ("jurisdiction", form.jurisdiction),
            ("registration number", form.registration_number), ("incorporation date", form.incorporation_date),
            ("registered address", form.registered_address), ("residential address", form.residential_address),
            ("tax id", form.tax_id), ("occupation", form.occupation))))
    found += [Source(f"{label}, officer {n + 1}", _values(("name", o.name), ("role", o.role),
                                                         ("date of birth", o.date_of_birth),
                                                         ("nationality", o.nationality)))
              for n, o in enumerate(form.officers) if party_id(o.name) == party.id]
    found += [Source(f"{label}, shareholder {n + 1}", _values(
                  ("name", s.name), ("type", s.type), ("date of birth", s.date_of_birth), ("country", s.country)))
              for n, s in enumerate(form.shareholders) if party_id(s.name) == party.id]
    return found


def _register(party: Party, structure: Structure | None, application_path: str) -> list[Source]:
    """The owner as the ownership register or chart lists it (one read from the
    application's shareholders is given above, by the application)."""
    owners = [o for o in (structure.owners if structure else ()) if party_id(o.name) == party.id]
    return [Source(f"ownership register ({', '.join(files)})", _values(
                ("name", o.name), ("type", o.type), ("date of birth", o.date_of_birth), ("country", o.country)))
            for o in owners if (files := _files(c.path for c in o.citations if c.path != application_path))]


def _files(paths: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(Path(path).name for path in paths))


def _identity(party: Party, identities: Sequence[IdentityDocument]) -> list[Source]:
    document = identity_for(party, identities) if party.type == "individual" else None
    if document is None:
        return []
    return [Source(f"{document.document_type} ({Path(document.path).name})", _values(
        ("surname", document.surname), ("given names", document.given_names),
        ("date of birth", document.date_of_birth), ("nationality", document.nationality),
        ("issuing state", document.issuing_state), ("document number", document.number),
        ("date of expiry", document.expiry), ("machine-readable zone", _mrz(document))))]


def _mrz(document: IdentityDocument) -> str:
    mrz = document.mrz
    if mrz is None:
        return ""
    checked = "check digits agree" if mrz.valid else f"check digits fail: {'; '.join(mrz.problems)}"
    return (f"{mrz.surname}, {mrz.given_names}; number {mrz.document_number}; nationality {mrz.nationality}; "
            f"born {mrz.date_of_birth or 'unreadable'}; {checked}")


def _customer_documents(packet: Packet) -> list[Source]:
    found = [Source(f"certificate of incorporation ({Path(c.path).name})", _values(
        ("company name", c.company_name), ("company number", c.company_number),
        ("incorporation date", c.incorporated_on), ("registered office", c.registered_office)))
        for c in packet.certificates]
    found += [Source(f"proof of address ({Path(p.path).name})", _values(
        ("in the name of", p.holder), ("address", p.address), ("date of issue", p.issued)))
        for p in packet.proofs_of_address]
    return found
