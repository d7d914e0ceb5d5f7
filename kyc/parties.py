"""Everyone the case is about: the customer, its officers, every owner at any level and
the beneficial owners, merged by name so that a director who is also a shareholder is
one party with two roles (and is screened once)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kyc.application import Application
from kyc.ownership import Owner, Structure, node_key
from shared.documents.citation import Citation


class Party(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    type: Literal["individual", "entity"]
    roles: tuple[str, ...]
    date_of_birth: str | None = None
    country: str | None = None
    pep: bool = False
    effective_percent: Decimal | None = None
    citations: tuple[Citation, ...] = ()


def party_id(name: str) -> str:
    return "party:" + re.sub(r"[^a-z0-9]+", "-", node_key(name)).strip("-")


def collect_parties(application: Application, structure: Structure, beneficial: Iterable[Owner],
                    control: Iterable[str]) -> tuple[Party, ...]:
    form = application.form
    merged: dict[str, Party] = {}
    customer_type = "individual" if form.customer_type == "individual" else "entity"
    _merge(merged, Party(id=party_id(form.legal_name), name=form.legal_name, type=customer_type, roles=("customer",),
                         date_of_birth=_iso(form.date_of_birth), country=form.country, pep=form.pep,
                         citations=application.cite("legal_name")))
    for i, officer in enumerate(form.officers):
        role = "control_person" if officer.role in control else None
        _merge(merged, Party(id=party_id(officer.name), name=officer.name, type="individual",
                             roles=tuple(r for r in (officer.role, role) if r),
                             date_of_birth=_iso(officer.date_of_birth), country=officer.nationality, pep=officer.pep,
                             citations=application.cite(f"officers.{i}.name")))
    beneficial_keys = {node_key(o.name) for o in beneficial}
    for owner in structure.owners:
        roles = ("shareholder", "beneficial_owner") if node_key(owner.name) in beneficial_keys else ("shareholder",)
        _merge(merged, Party(id=party_id(owner.name), name=owner.name, type=owner.type, roles=roles,
                             date_of_birth=owner.date_of_birth, country=owner.country,
                             effective_percent=owner.effective_percent, citations=owner.citations))
    return tuple(merged.values())


def _merge(merged: dict[str, Party], party: Party) -> None:
    known = merged.get(party.id)
    if known is None:
        merged[party.id] = party
        return
    merged[party.id] = known.model_copy(update={
        "roles": tuple(dict.fromkeys((*known.roles, *party.roles))),
        "date_of_birth": known.date_of_birth or party.date_of_birth,
        "country": known.country or party.country,
        "pep": known.pep or party.pep,
        "effective_percent": (known.effective_percent if known.effective_percent is not None
                              else party.effective_percent),
        "citations": (*known.citations, *party.citations),
    })


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def needs_identity(party: Party) -> bool:
    """Individuals who must show an identity document: the customer, directors and
    other officers, and beneficial owners."""
    return party.type == "individual" and any(r != "shareholder" for r in party.roles)
