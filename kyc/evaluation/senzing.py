"""The Senzing truth set: its customers screened against its watchlist.

The watchlist records become a small `ScreeningList` (built here through the engine's
record types, since no list loader reads Senzing's format); the customers are the
queries (name, date of birth, and the country their address gives). A predicted pair is
(customer, watchlist record) with a hit at the threshold. The truth is every
(customer, watchlist record) pair that shares a CLUSTER_ID in `actual_truthset_key.csv`.

`alternate_truthset_key.csv` is another system's result, scored against the same truth
over the same pairs. That system also used phone numbers, e-mail addresses and
identifiers (SSN, licence numbers); ours sees only name, date of birth and country, so
the comparison is on the same pairs but not on the same evidence: a pair that only an
address or an SSN links (a watchlist record with no name at all) is a miss for us by
construction.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from kyc.evaluation.metrics import Counts
from kyc.screening.countries import country_code, known_country
from kyc.screening.engine import Query, Screener
from kyc.screening.records import ListedName, ListEntry, ScreeningList
from shared.corpus import corpus_file

FOLDER = "kyc/name_matching/senzing_truthset_demo"  # in the corpus, read in place
LIST_NAME = "Senzing truth set watchlist"
Pair = tuple[str, str]  # (customer RECORD_ID, watchlist RECORD_ID)

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_US_STATES = frozenset(
    ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
     "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
     "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"])
_US_STATE_NAMES = frozenset({"OHIO", "NEVADA", "CALIFORNIA", "FLORIDA", "OREGON", "VIRGINIA", "ILLINOIS"})
# "..., Las Vegas NV 89132", "..., LV, NV": a US address ends in a state code, maybe a ZIP.
_US_TAIL = re.compile(r"\b([A-Z]{2}),?\s*(?:\d{5})?\s*$")


@dataclass(frozen=True)
class SenzingScore:
    threshold: Decimal
    customers: int
    watchlist: int
    truth: frozenset[Pair]
    ours: dict[Pair, Decimal]  # predicted pair -> its hit's score
    alternate: frozenset[Pair]
    unnamed: tuple[str, ...]  # watchlist records with no name: nothing to screen against
    # Each missed true pair's score with no threshold (None: not even a candidate).
    missed_scores: dict[Pair, Decimal | None]

    @property
    def counts(self) -> Counts:
        return _counts(frozenset(self.ours), self.truth)

    @property
    def alternate_counts(self) -> Counts:
        return _counts(self.alternate, self.truth)

    def to_json(self) -> dict[str, object]:
        return {
            "pairs_scored": self.customers * self.watchlist, "truth_pairs": len(self.truth),
            "ours": {**self.counts.to_json(),
                     "missed": [{"pair": f"{c}/{w}", "score": None if v is None else str(v)}
                                for (c, w), v in sorted(self.missed_scores.items())],
                     "wrong": sorted(set(self.ours) - self.truth),
                     "scores": {f"{c}/{w}": str(s) for (c, w), s in sorted(self.ours.items())}},
            "alternate": {**self.alternate_counts.to_json(), "missed": sorted(self.truth - self.alternate),
                          "wrong": sorted(self.alternate - self.truth)},
            "unnamed_watchlist_records": list(self.unnamed),
            "evidence": "ours: name, date of birth, country; alternate: also phone, e-mail and identifiers",
        }


def _counts(predicted: frozenset[Pair], truth: frozenset[Pair]) -> Counts:
    return Counts(tp=len(predicted & truth), fp=len(predicted - truth), fn=len(truth - predicted))


def evaluate(threshold: Decimal, folder: Path | None = None) -> SenzingScore:
    if folder is None:
        folder = corpus_file(FOLDER)
    customers = read_records(folder / "customers.csv")
    records = read_records(folder / "watchlist.csv")
    watchlist = watchlist_of(records, folder / "watchlist.csv")
    # Threshold 0 scores every pair the engine considers at all; the threshold is applied here.
    screener = Screener([watchlist], threshold=Decimal(0))
    scored = {(c["RECORD_ID"], hit.entry_id): hit.score for c in customers for hit in screener.screen(query_of(c))}
    ours = {pair: value for pair, value in scored.items() if value >= threshold}
    customer_ids = {c["RECORD_ID"] for c in customers}
    watch_ids = {r["RECORD_ID"] for r in records}
    truth = cluster_pairs(folder / "actual_truthset_key.csv", customer_ids, watch_ids)
    return SenzingScore(
        threshold=threshold, customers=len(customer_ids), watchlist=len(watch_ids), truth=truth,
        ours=ours, alternate=cluster_pairs(folder / "alternate_truthset_key.csv", customer_ids, watch_ids),
        unnamed=tuple(r["RECORD_ID"] for r in records if not names_of(r)),
        missed_scores={pair: scored.get(pair) for pair in sorted(truth - set(ours))})


def read_records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def cluster_pairs(key: Path, customers: set[str], watchlist: set[str]) -> frozenset[Pair]:
    """(customer, watchlist record) pairs that the key puts in one cluster."""
    clusters: dict[str, dict[str, list[str]]] = {}
    for row in read_records(key):
        members = clusters.setdefault(row["CLUSTER_ID"], {"CUSTOMERS": [], "WATCHLIST": []})
        if row["DATA_SOURCE"] in members:
            members[row["DATA_SOURCE"]].append(row["RECORD_ID"])
    return frozenset((c, w) for m in clusters.values() for c in m["CUSTOMERS"] for w in m["WATCHLIST"]
                     if c in customers and w in watchlist)


def watchlist_of(records: Iterable[dict[str, str]], path: Path) -> ScreeningList:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    entries = tuple(_entry(r, path, sha) for r in records if names_of(r))
    # The truth set prints no publication date; the date is only shown, never scored.
    return ScreeningList(LIST_NAME, (path,), sha, "2021-01-01", "declared", entries)


def _entry(record: dict[str, str], path: Path, sha: str) -> ListEntry:
    names = names_of(record)
    listed = tuple(ListedName(name, kind, path, sha) for name, kind in
                   zip(names, ["primary"] + ["original script"] * (len(names) - 1)))
    dob = parse_dob(record.get("DATE_OF_BIRTH", ""))
    country = country_of(record)
    return ListEntry(LIST_NAME, record["RECORD_ID"], listed, record_type(record), (dob,) if dob else (),
                     (country,) if country else (), (record.get("CATEGORY", ""),))


def names_of(record: dict[str, str]) -> tuple[str, ...]:
    """The record's names, Latin first: full name, organisation, or first-middle-last;
    then the native-script name. Composed from the record's fields, not a verbatim cell."""
    person = " ".join(record.get(f"PRIMARY_NAME_{p}", "") for p in ("FIRST", "MIDDLE", "LAST")).split()
    latin = record.get("PRIMARY_NAME_FULL") or record.get("PRIMARY_NAME_ORG") or " ".join(person)
    return tuple(n for n in (latin, record.get("NATIVE_NAME_FULL", "")) if n)


def record_type(record: dict[str, str]) -> str:
    kind = record.get("RECORD_TYPE", "")
    if kind:
        return "individual" if kind == "PERSON" else "entity"
    return "entity" if record.get("PRIMARY_NAME_ORG") else "individual"


def query_of(customer: dict[str, str]) -> Query:
    dob, country = parse_dob(customer.get("DATE_OF_BIRTH", "")), country_of(customer)
    return Query(names_of(customer)[0], type=record_type(customer), dob=dob, country=country,
                 id=customer["RECORD_ID"])


def parse_dob(text: str) -> str | None:
    """The truth set's dates as ISO: '12/11/1978' (US order unless the first number
    cannot be a month), '3/1/70', 'Mar 1 1970', '24-May-11', '1997-11-12'."""
    text = text.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return _iso(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
            first, second = int(m[1]), int(m[2])
            month, day = (second, first) if first > 12 else (first, second)
            return _iso(_year(m[3]), month, day)
        if m := re.fullmatch(r"([A-Za-z]{3})[a-z]* (\d{1,2}),? (\d{4})", text):
            return _iso(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if m := re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})", text):
            return _iso(_year(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except (KeyError, ValueError):
        return None
    return None


def _year(text: str) -> int:
    # Two-digit years: the set was made around 2020, so "11" is 2011 and "31" is 1931.
    return int(text) if len(text) == 4 else (2000 + int(text) if int(text) <= 25 else 1900 + int(text))


def _iso(year: int, month: int, day: int) -> str:
    return date(year, month, day).isoformat()


def country_of(record: dict[str, str]) -> str | None:
    """The country the address gives: its country field, a US state, or a country name
    ending the free-text address."""
    named = record.get("ADDR_COUNTRY", "")
    if named:
        return known_country(named)
    state = record.get("ADDR_STATE", "").upper()
    if state in _US_STATES or state in _US_STATE_NAMES:
        return "US"
    for text in (record.get("ADDR_FULL", ""), record.get("ADDR_LINE1", "")):
        tail = _US_TAIL.search(text)
        if tail and tail[1] in _US_STATES:
            return "US"
        words = re.sub(r"[\d#,]+", " ", text).split()
        for size in (2, 1):
            if len(words) >= size and (code := country_code(" ".join(words[-size:]))):
                return code
    return None
