"""The labelled screening set generated from the SDN list: true variants and decoys.

Fixed once, with `SEED`, before the matcher was tuned. The set carries real SDN names,
so it is not committed: it is made from the corpus's SDN snapshot (2021-07-07) when an
evaluation or a test needs it, and must hash to `SET_SHA256`, the set that was fixed; it
is never regenerated to suit the matcher (`kyc.evaluation.fixed_set` keeps it in the
user's cache; `python -m kyc.evaluation.variants --out FILE` writes it).

Every row is a query. A true variant names the entry it must hit (`expected_entry_id`);
a decoy (`variant_kind` starting "decoy_") must hit nothing. Kinds and how many of each:
`QUOTAS` and `DECOYS`; kyc/evaluation/README.md says what each one does.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kyc.evaluation import decoys, legal_forms, transforms
from kyc.evaluation.decoys import Guard
from kyc.evaluation.sdn import sdn_list
from kyc.screening.records import ListEntry

SEED = 20210707  # the SDN snapshot's date; fixed before the matcher was tuned

# (variant kind, entry type) -> how many queries.
QUOTAS: dict[tuple[str, str], int] = {
    ("typo", "individual"): 200, ("typo", "entity"): 200,
    ("transliteration", "individual"): 250,
    ("word_order", "individual"): 200,
    ("missing_middle", "individual"): 200,
    ("honorific", "individual"): 200,
    ("alias", "individual"): 200, ("alias", "entity"): 200,
    ("legal_form", "entity"): 300,
}
DECOYS: dict[str, int] = {
    "decoy_unlisted_person": 300, "decoy_same_surname": 300,
    "decoy_shared_word": 250, "decoy_legal_form_only": 150,
}
# A true variant carries the listed date of birth and country this often (in percent):
# customers' files give them about as often as not.
WITH_DOB, WITH_COUNTRY = 50, 50
ALIAS_KINDS = ("aka", "fka", "nka")


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    type: str
    dob: str
    country: str
    expected_list: str
    expected_entry_id: str
    variant_kind: str
    source_name: str
    detail: str

    @property
    def is_decoy(self) -> bool:
        return not self.expected_entry_id


COLUMNS = tuple(f.name for f in fields(Row))


def generate(entries: Sequence[ListEntry], seed: int = SEED, quotas: dict[tuple[str, str], int] = QUOTAS,
             decoy_quotas: dict[str, int] = DECOYS) -> tuple[Row, ...]:
    """The whole set, deterministic in `entries` (in list order) and `seed`; smaller
    quotas make a small set of the same kinds (for tests)."""
    rng = random.Random(seed)
    guard = Guard.of(list(entries))
    made = list(_true_variants(entries, rng, quotas)) + list(_decoys(entries, rng, guard, decoy_quotas))
    return tuple(Row(id=f"Q{n:04d}", **{k: v for k, v in asdict(row).items() if k != "id"})
                 for n, row in enumerate(made, 1))


def _true_variants(entries: Sequence[ListEntry], rng: random.Random,
                   quotas: dict[tuple[str, str], int]) -> Iterator[Row]:
    for (kind, kind_type), quota in quotas.items():
        pool = [e for e in entries if e.type == kind_type]
        made = 0
        for entry in rng.sample(pool, len(pool)):
            change = _MAKERS[kind](entry, rng)
            if change is None:
                continue
            name, source, detail = change
            dob = entry.dates_of_birth[0] if entry.dates_of_birth and rng.randrange(100) < WITH_DOB else ""
            country = entry.countries[0] if entry.countries and rng.randrange(100) < WITH_COUNTRY else ""
            yield Row("", name, entry.type, dob, country, entry.list_name, entry.entry_id, kind, source, detail)
            made += 1
            if made == quota:
                break


Made = tuple[str, str, str] | None  # (query name, source name, detail)


def _individual(change: Callable[[str], tuple[str, str] | None]) -> Callable[[ListEntry, random.Random], Made]:
    def make(entry: ListEntry, rng: random.Random) -> Made:
        found = change(entry.primary.name)
        return None if found is None else (found[0], entry.primary.name, found[1])
    return make


def _typo(entry: ListEntry, rng: random.Random) -> Made:
    listed = entry.primary.name
    if entry.type == "individual":
        found = transforms.typo(transforms.natural(listed), rng)
        return None if found is None else (found[0], listed, found[1])
    split = legal_forms.split(listed)
    found = transforms.typo(split.base, rng)  # the distinctive part: a slip in "LIMITED" says nothing
    if found is None:
        return None
    name = f"{split.form} {found[0]}" if split.prefix else f"{found[0]} {split.form}".strip()
    return name, listed, found[1]


def _transliteration(entry: ListEntry, rng: random.Random) -> Made:
    found = transforms.transliteration(transforms.natural(entry.primary.name), rng)
    return None if found is None else (found[0], entry.primary.name, found[1])


def _honorific(entry: ListEntry, rng: random.Random) -> Made:
    found = transforms.honorific(entry.primary.name, rng)
    return found[0], entry.primary.name, found[1]


def _alias(entry: ListEntry, rng: random.Random) -> Made:
    aliases = [n for n in entry.names[1:] if n.kind in ALIAS_KINDS and len(decoys.words(n.name)) > 0
               and len("".join(decoys.words(n.name))) >= 6]
    if not aliases:
        return None
    alias = rng.choice(aliases)
    name = transforms.natural(alias.name) if entry.type == "individual" else alias.name
    return name, alias.name, f"{alias.kind} of {entry.primary.name!r}"


def _legal_form(entry: ListEntry, rng: random.Random) -> Made:
    found = transforms.legal_form(entry.primary.name, rng)
    return None if found is None else (found[0], entry.primary.name, found[1])


_MAKERS: dict[str, Callable[[ListEntry, random.Random], Made]] = {
    "typo": _typo, "transliteration": _transliteration, "honorific": _honorific, "alias": _alias,
    "legal_form": _legal_form,
    "word_order": _individual(transforms.word_order), "missing_middle": _individual(transforms.missing_middle),
}


def _decoys(entries: Sequence[ListEntry], rng: random.Random, guard: Guard, quotas: dict[str, int]) -> Iterator[Row]:
    individuals = [e for e in entries if e.type == "individual"]
    companies = [e for e in entries if e.type == "entity"]
    distinct = decoys.company_words(guard)
    yield from _take("decoy_unlisted_person", quotas, lambda: _person(rng, guard))
    givens = _givens_by_country(individuals)
    dated = [e for e in individuals if e.dates_of_birth]
    yield from _take("decoy_same_surname", quotas,
                     _each(rng.sample(dated, len(dated)), lambda e: _namesake(e, givens, rng, guard)))
    yield from _take("decoy_shared_word", quotas,
                     lambda: _company(decoys.shared_word_company(rng, distinct, guard), rng))
    yield from _take("decoy_legal_form_only", quotas,
                     _each(rng.sample(companies, len(companies)),
                           lambda e: _same_form(e, decoys.legal_form_only(e, distinct, rng, guard), rng)))


def _take(kind: str, quotas: dict[str, int], make: Callable[[], Row | None]) -> Iterator[Row]:
    """`quotas[kind]` rows from `make`, skipping the attempts the guard refused and repeats."""
    seen: set[str] = set()
    for _ in range(quotas[kind] * 50):
        row = make()
        if row is None or row.name.casefold() in seen:
            continue
        seen.add(row.name.casefold())
        yield Row(**{**asdict(row), "variant_kind": kind})
        if len(seen) == quotas[kind]:
            return
    raise RuntimeError(f"could not make {quotas[kind]} {kind} decoys")


def _each(items: list[ListEntry], make: Callable[[ListEntry], Row | None]) -> Callable[[], Row | None]:
    it = iter(items)

    def next_one() -> Row | None:
        entry = next(it, None)
        return None if entry is None else make(entry)
    return next_one


def _person(rng: random.Random, guard: Guard) -> Row | None:
    found = decoys.unlisted_person(rng, guard)
    if found is None:
        return None
    dob = f"{rng.randint(1940, 2003)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.randrange(2) else ""
    country = rng.choice(decoys.COUNTRIES) if rng.randrange(2) else ""
    return Row("", found[0], "individual", dob, country, "", "", "", "", found[1])


def _namesake(entry: ListEntry, givens: dict[str, tuple[str, ...]], rng: random.Random, guard: Guard) -> Row | None:
    local = givens.get(entry.countries[0], ()) if entry.countries else ()
    found = decoys.same_surname(entry, local if len(local) >= 5 else givens[""], rng, guard)
    if found is None:
        return None
    dob = decoys.contradicting_dob(entry.dates_of_birth[0], rng)
    country = decoys.other_country(entry.countries, rng)
    detail = f"{found[1]}; listed DOB {', '.join(entry.dates_of_birth)}, countries {', '.join(entry.countries) or '-'}"
    return Row("", found[0], "individual", dob, country, "", "", "", entry.primary.name, detail)


def _givens_by_country(individuals: list[ListEntry]) -> dict[str, tuple[str, ...]]:
    """First given names of listed people, by their first country ("" = everyone), so a
    namesake's first name is one that people of that country bear."""
    found: dict[str, set[str]] = {"": set()}
    for entry in individuals:
        given, _ = transforms.parts(entry.primary.name)
        first = next((w for w in given if not transforms.is_title(w)), "")
        if "," not in entry.primary.name or len(first) < 3 or not first.isalpha():
            continue
        found[""].add(first.capitalize())
        if entry.countries:
            found.setdefault(entry.countries[0], set()).add(first.capitalize())
    return {country: tuple(sorted(names)) for country, names in found.items()}


def _company(found: tuple[str, str] | None, rng: random.Random) -> Row | None:
    if found is None:
        return None
    country = rng.choice(decoys.COUNTRIES) if rng.randrange(2) else ""
    return Row("", found[0], "entity", "", country, "", "", "", "", found[1])


def _same_form(entry: ListEntry, found: tuple[str, str] | None, rng: random.Random) -> Row | None:
    if found is None:
        return None
    country = entry.countries[0] if entry.countries and rng.randrange(2) else ""
    return Row("", found[0], "entity", "", country, "", "", "", entry.primary.name, found[1])


# -- the file ----------------------------------------------------------------------------


def csv_text(rows: Sequence[Row]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(row) for row in rows)
    return out.getvalue()


def write_csv(rows: Sequence[Row], path: Path) -> None:
    path.write_bytes(csv_text(rows).encode("utf-8"))


def read_csv(path: Path) -> tuple[Row, ...]:
    return parse_csv(path.read_bytes().decode("utf-8"))  # bytes: no newline translation inside a field


def parse_csv(text: str) -> tuple[Row, ...]:
    return tuple(Row(**{k: row[k] for k in COLUMNS}) for row in csv.DictReader(io.StringIO(text, newline="")))


def sdn_entries() -> tuple[ListEntry, ...]:
    return sdn_list().entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the CSV")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    rows = generate(sdn_entries(), args.seed)
    write_csv(rows, args.out)
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
