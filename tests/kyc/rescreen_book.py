"""A customer book of 200 parties for the rescreen test on the real OFAC SDN lists, built
at test time: nothing here is committed but code.

The corpus holds the SDN list of January 2019 and of July 2021 (read in place). The book
is the synthetic KYC cases' parties, parties named after entries of those lists
(`GROUPS`: delisted between them, added, changed, unchanged), companies the reviewer will
clear (`cleared`: listed companies' names with another country), and invented names. Its
approved runs are written as the workflow writes them (result.json, a signed audit log),
screened against the 2019 list by the pack's own screening; a real onboarding run of the
sanctions_hit case stands beside them. A third list version is the 2021 one with one
entry edited (`edited_version`).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from kyc.parties import Party, party_id
from kyc.screening.records import ListEntry, ScreeningList
from tests.kyc.generated import CASES_DIR

SIZE = 200
PER_CUSTOMER = 10
# Parties named after entries, by what happened to the entry between 2019 and 2021.
GROUPS = {"delisted": 12, "added": 12, "changed": 6, "unchanged": 20}
CLEARED = 4  # companies added to the list in 2021, whose namesakes in the book are British
SANCTIONS_HIT = "sanctions_hit"  # onboarded for real; the other cases are synthesized
GIVEN = ("Harriet", "Oswin", "Philippa", "Crispin", "Rosalind", "Barnaby", "Imogen", "Lysander", "Henrietta",
         "Peregrine")
FAMILY = ("Ashcombe", "Brackenbury", "Cholmondeley", "Dunstable", "Featherstone", "Gillingham", "Hollingworth",
          "Kettleby", "Lambourne", "Marchbanks", "Nettlefold", "Ormerod", "Pendlebury", "Quenby")


@dataclass(frozen=True)
class Named:
    """A party of the book named after a list entry, and why."""

    group: str
    party: Party
    entry_id: str


def is_usable(entry: ListEntry) -> bool:
    words = entry.primary.name.replace(",", " ").split()
    return entry.type in ("individual", "entity") and 2 <= len(words) <= 5 and entry.primary.name.isascii()


def named_parties(old: ScreeningList, new: ScreeningList) -> list[Named]:
    """`GROUPS` and the cleared companies, chosen by entry id so the book is the same on every run."""
    from kyc.fingerprints import entry_sha256

    before = {e.entry_id: e for e in old.entries if is_usable(e)}
    after = {e.entry_id: e for e in new.entries if is_usable(e)}
    both = sorted(set(before) & set(after), key=int)
    pools = {
        "delisted": [before[i] for i in sorted(set(before) - set(after), key=int)],
        "added": [after[i] for i in sorted(set(after) - set(before), key=int) if after[i].type == "individual"],
        "changed": [after[i] for i in both if entry_sha256(before[i]) != entry_sha256(after[i])
                    and _same_identity(before[i], after[i])],
        "unchanged": [after[i] for i in both if entry_sha256(before[i]) == entry_sha256(after[i])],
        "cleared": [after[i] for i in sorted(set(after) - set(before), key=int)
                    if after[i].type == "entity" and after[i].countries and "GB" not in after[i].countries],
    }
    sizes = {**GROUPS, "cleared": CLEARED}
    return [Named(group, party_named(entry, group), entry.entry_id)
            for group, pool in pools.items() for entry in _spread(pool, sizes[group])]


def _same_identity(before: ListEntry, after: ListEntry) -> bool:
    """Changed in other ways than who is listed: the book's party scores the same on both."""
    return (before.primary.name, before.type, before.dates_of_birth[:1], before.countries[:1]) == \
        (after.primary.name, after.type, after.dates_of_birth[:1], after.countries[:1])


def _spread(pool: Sequence[ListEntry], count: int) -> list[ListEntry]:
    step = max(1, len(pool) // count)
    return list(pool[::step][:count])


def party_named(entry: ListEntry, group: str) -> Party:
    """The listed person or company as a customer's file would give them; a cleared
    company is its British namesake."""
    surname, _, given = entry.primary.name.partition(", ")
    name = f"{given} {surname}" if entry.type == "individual" and given else entry.primary.name
    dob = entry.dates_of_birth[0] if entry.dates_of_birth else None
    country = "GB" if group == "cleared" else (entry.countries[0] if entry.countries else None)
    return Party(id=party_id(name), name=name, type=entry.type, roles=("shareholder",), date_of_birth=dob,
                 country=country)


def case_parties() -> dict[str, list[Party]]:
    """The synthetic cases' parties as their applications declare them (sanctions_hit
    aside: it is onboarded for real)."""
    from kyc.application import find_application, read_application

    cases = {}
    for folder in sorted(p for p in CASES_DIR.iterdir() if p.is_dir() and p.name != SANCTIONS_HIT):
        form = read_application(find_application(folder)).form
        people = [(form.legal_name, "entity", None, form.country)]
        people += [(o.name, "individual", o.date_of_birth, o.nationality) for o in form.officers]
        people += [(s.name, s.type, s.date_of_birth, s.country) for s in form.shareholders]
        cases[form.legal_name] = _unique(Party(id=party_id(name), name=name, type=kind, roles=("party",),
                                               date_of_birth=dob.isoformat() if dob else None, country=country)
                                         for name, kind, dob, country in people)
    return cases


def invented(count: int) -> list[Party]:
    names = [f"{given} {family}" for family in FAMILY for given in GIVEN][:count]
    return [Party(id=party_id(name), name=name, type="individual", roles=("director",), country="GB",
                  date_of_birth=f"19{60 + n % 30}-0{1 + n % 9}-1{n % 10}") for n, name in enumerate(names)]


def _unique(parties: Iterable[Party]) -> list[Party]:
    return list({party.id: party for party in parties}.values())


# -- the approved runs ----------------------------------------------------------------------------


def customers(named: Sequence[Named], onboarded: int) -> dict[str, list[Party]]:
    """Every customer of the book with its parties: the cases, then invented customers
    holding the named parties and invented people, PER_CUSTOMER parties each (the
    customer included), to SIZE parties in all with the `onboarded` ones."""
    book = case_parties()
    people = [n.party for n in named]
    taken = onboarded + sum(len(parties) for parties in book.values())
    customers_needed = -(-(SIZE - taken) // PER_CUSTOMER)
    people += invented(SIZE - taken - customers_needed - len(people))
    for number in range(customers_needed):
        name = f"Book Customer {number + 1:02d} Limited"
        customer = Party(id=party_id(name), name=name, type="entity", roles=("customer",), country="GB")
        book[name] = [customer, *people[number * (PER_CUSTOMER - 1):(number + 1) * (PER_CUSTOMER - 1)]]
    return book


def write_approved_runs(runs: Path, book: dict[str, list[Party]], engagement: Path) -> list[Path]:
    """One approved, signed run per customer, screened against the lists in force in
    `engagement`, each hit given a verdict (true match: these are book entries, not
    what the test reviews)."""
    from kyc.screening.lists import lists_in_force
    from kyc.screening_step import Named as Query_
    from kyc.screening_step import list_use, query_for, screen_named

    lists = lists_in_force(engagement)
    folders = []
    for number, (customer, parties) in enumerate(book.items(), 1):
        hits = screen_named([Query_(p.id, p.name, query_for(p)) for p in parties], lists, Decimal(85))
        folders.append(write_run(runs, number, customer, parties, hits, [list_use(item) for item in lists]))
    return folders


def write_run(runs: Path, number: int, customer: str, parties: Sequence[Party], hits: Sequence,
               lists: Sequence) -> Path:
    from shared.audit import AuditLog
    from shared.runs.manifest import write_atomic
    from shared.runs.result import ReviewRecord, RunResult
    from shared.runs.review import Disposition
    from shared.runs.signoff import sign_outputs

    run_id = f"20190301-{number:06d}-kyc-book{number:02d}"
    folder = runs / run_id
    folder.mkdir(parents=True)
    review = ReviewRecord(decision="approve", reviewer="Book Keeper", comment="", onboarding_decision="edd",
                          at=datetime(2019, 3, 1, tzinfo=UTC),
                          dispositions=tuple(Disposition(item_id=h.id, verdict="true_match") for h in hits))
    audit = AuditLog(folder)
    audit.decision(review.model_dump(mode="json"))
    body = {"customer": {"form": {"legal_name": customer}},
            "parties": [p.model_dump(mode="json") for p in parties],
            "screening": {"hits": [h.model_dump(mode="json") for h in hits], "screened": len(parties)}}
    result = RunResult(run_id=run_id, workflow="kyc", status="approved", method="offline",
                       config={"workflow": {"screening_threshold": "85"}}, lists=tuple(lists), review=review, body=body)
    write_atomic(folder / "result.json", result.model_dump_json(indent=2) + "\n")
    sign_outputs(folder, audit)
    return folder


# -- the third list version ---------------------------------------------------------------------


def edited_version(source: Path, folder: Path, entry_id: str, program: str) -> Path:
    """The OFAC set of `source` (its sdn.csv) with one programme added to one entry;
    returns the copy's sdn.csv."""
    folder.mkdir(parents=True)
    for path in source.parent.iterdir():
        shutil.copyfile(path, folder / path.name)
    sdn = folder / "sdn.csv"
    lines = sdn.read_bytes().split(b"\r\n")
    row = next(n for n, line in enumerate(lines) if line.startswith(f"{entry_id},".encode()))
    programs = next(csv.reader([lines[row].decode("latin-1")]))[3]
    field = f',"{programs}",'.encode("latin-1")
    lines[row] = lines[row].replace(field, f',"{programs}] [{program}",'.encode("latin-1"), 1)
    sdn.write_bytes(b"\r\n".join(lines))
    return sdn
