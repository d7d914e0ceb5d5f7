"""The book: every party the engagement's approved KYC runs screened, as its last
screening left it (its data, the threshold, the lists then in force, its hits).

Runs are read from the runs folder: onboarding runs (`kyc`) and rescreens
(`kyc_rescreen`) that are approved and whose result.json is still the one signed off (one
changed since its sign-off is left out, with a warning: it is no longer what a reviewer
approved). A party is known by its customer and its id in the case
(`harbour-lane-trading-ltd.thomas-edward-hale`), so the directors of two customers who
share a name stay two parties. A customer's parties are those of the latest run that
screened the customer (run ids begin with the time the run started): a director who left
by a later onboarding run is no longer screened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from kyc.fingerprints import entry_sha256
from kyc.parties import party_id
from kyc.rescreen.versions import StoredEntries
from shared.audit import AUDIT_FILE
from shared.documents.base import sha256_file
from shared.documents.citation import ListCitation
from shared.errors import InputError
from shared.findings import Finding, finding
from shared.runs.result import InputFile, ListUse
from shared.runs.result_file import read_result
from shared.runs.signoff import last_signature, signed_hashes
from shared.runs.store import is_run_folder

KYC_WORKFLOWS = ("kyc", "kyc_rescreen")
RESULT = "result.json"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class PreviousHit(_Record):
    """A hit as the party's last screening recorded it."""

    id: str
    list: str
    entry_id: str
    matched_name: str
    score: Decimal
    citation: ListCitation
    # None in runs made before hits carried it: then taken from the stored list version.
    entry_sha256: str | None = None


class BookParty(_Record):
    key: str
    id: str
    name: str
    type: str | None = None
    date_of_birth: str | None = None
    country: str | None = None
    customer: str
    threshold: Decimal
    run_id: str  # the approved run that last screened the party
    lists: tuple[ListUse, ...]  # the lists in force at that screening
    hits: tuple[PreviousHit, ...] = ()

    def previous(self, list_name: str, entry_id: str) -> PreviousHit | None:
        return next((h for h in self.hits if h.list == list_name and h.entry_id == entry_id), None)


class RunRead(_Record):
    run_id: str
    workflow: str
    parties: int


class Book(_Record):
    parties: tuple[BookParty, ...]
    runs: tuple[RunRead, ...]
    inputs: tuple[InputFile, ...]
    findings: tuple[Finding, ...] = ()


def read_book(runs_dir: Path, engagement_root: Path | None) -> Book:
    """The book of the approved KYC runs in `runs_dir`; an InputError when there is none."""
    if not runs_dir.is_dir():
        raise InputError(runs_dir, "is not a runs folder: the rescreen reads the engagement's approved KYC runs")
    read, findings = _approved_results(runs_dir)
    if not read:
        raise InputError(runs_dir, "holds no approved KYC run, so there is nobody to rescreen: approve an "
                                   "onboarding run first (`finagents review RUN --approve ...`)")
    screened = sorted(((result, parties_of(result)) for _, result in read), key=lambda pair: _started(pair[0]))
    latest: dict[str, dict[str, BookParty]] = {}
    for _, parties in screened:
        for customer, theirs in _by_customer(parties).items():
            latest[customer] = theirs
    book = [party for theirs in latest.values() for party in theirs.values()]
    runs = tuple(RunRead(run_id=r["run_id"], workflow=r["workflow"], parties=len(parties)) for r, parties in screened)
    return Book(parties=tuple(_with_entry_hashes(book, engagement_root)), runs=runs,
                inputs=tuple(file for file, _ in read), findings=tuple(findings))


def _by_customer(parties: Iterable[BookParty]) -> dict[str, dict[str, BookParty]]:
    """A run's parties by customer: a later run that screened a customer replaces all of
    its parties (a director who has left is not screened again)."""
    grouped: dict[str, dict[str, BookParty]] = {}
    for party in parties:
        grouped.setdefault(party.customer, {})[party.key] = party
    return grouped


def _started(result: Mapping[str, Any]) -> tuple[str, str]:
    # A run id starts YYYYMMDD-HHMMSS; the approval time breaks a tie within a second.
    return result["run_id"][:15], (result.get("review") or {}).get("at", "")


def _approved_results(runs_dir: Path) -> tuple[list[tuple[InputFile, dict[str, Any]]], list[Finding]]:
    read, findings = [], []
    for folder in sorted(p for p in runs_dir.iterdir() if is_run_folder(p) and (p / RESULT).is_file()):
        try:
            result = read_result(folder / RESULT)
        except (OSError, ValueError):
            continue  # not a finished run's result: nothing approved to read
        if result.get("workflow") not in KYC_WORKFLOWS or result.get("status") != "approved":
            continue
        digest = sha256_file(folder / RESULT)
        problem = _not_as_signed(folder, digest)
        if problem:
            findings.append(finding("run_not_as_signed", folder.name, f"Run {folder.name} is left out of the book: "
                                    f"its result.json {problem}", "warning"))
            continue
        read.append((InputFile(path=str(folder / RESULT), sha256=digest), result))
    # In the order the runs were made, not their folders' names: two runs started in the
    # same second sort by their ids' random tails.
    return sorted(read, key=lambda pair: _started(pair[1])), findings


def _not_as_signed(folder: Path, digest: str) -> str | None:
    log = folder / AUDIT_FILE
    signature = last_signature(log.read_bytes()) if log.is_file() else None
    if signature is None:
        return "was never signed off (no outputs_signed entry in its audit log)"
    if signed_hashes(signature).get(RESULT) != digest:
        return f"changed since it was signed off (audit entry {signature.seq})"
    return None


def parties_of(result: Mapping[str, Any]) -> list[BookParty]:
    """The parties a KYC result screened, each with its hits and the lists then in force."""
    body, lists = result["body"], tuple(ListUse.model_validate(item) for item in result.get("lists", ()))
    if result["workflow"] == "kyc_rescreen":
        return [BookParty.model_validate({**p, "run_id": result["run_id"], "lists": lists}) for p in body["parties"]]
    customer = body["customer"]["form"]["legal_name"]
    threshold = Decimal(str(result["config"]["workflow"]["screening_threshold"]))
    hits = body["screening"]["hits"]
    return [_onboarded(p, customer, threshold, result["run_id"], lists, [h for h in hits if h["party_id"] == p["id"]])
            for p in body["parties"]]


def _onboarded(party: Mapping[str, Any], customer: str, threshold: Decimal, run_id: str, lists: tuple[ListUse, ...],
               hits: Sequence[Mapping[str, Any]]) -> BookParty:
    return BookParty(key=party_key(customer, party["id"]), id=party["id"], name=party["name"], type=party.get("type"),
                     date_of_birth=party.get("date_of_birth"), country=party.get("country"), customer=customer,
                     threshold=threshold, run_id=run_id, lists=lists,
                     hits=tuple(PreviousHit.model_validate(hit) for hit in hits))


def party_key(customer: str, case_party_id: str) -> str:
    return f"{party_id(customer).removeprefix('party:')}.{case_party_id.removeprefix('party:')}"


# -- entry fingerprints of runs made before hits carried them ---------------------------------


def _with_entry_hashes(parties: Iterable[BookParty], engagement_root: Path | None) -> list[BookParty]:
    stored = StoredEntries(engagement_root)

    def filled(hit: PreviousHit, lists: Sequence[ListUse]) -> PreviousHit:
        entry = None if hit.entry_sha256 else stored.entry(lists, hit.list, hit.entry_id)
        return hit.model_copy(update={"entry_sha256": entry_sha256(entry)}) if entry else hit

    return [party if all(h.entry_sha256 for h in party.hits) else
            party.model_copy(update={"hits": tuple(filled(h, party.lists) for h in party.hits)})
            for party in parties]
