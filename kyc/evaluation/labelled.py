"""Scoring a labelled query set (the generated SDN set, or a CSV in its columns).

Counting is per query, the way an analyst meets alerts:
- a true variant whose expected entry is among its hits is a true positive; one whose
  expected entry is not is a false negative (a miss);
- a query that raises an alert none of whose hits is right is a false positive: every
  decoy with a hit, and a true variant hit only on other entries (that one is also a miss).
A true variant hit on its entry and on others too is a true positive; the other hits
are counted (`extra_hits`) but do not lower precision, because the analyst clears them
in the same review.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kyc.evaluation.metrics import Counts
from kyc.evaluation.variants import COLUMNS, Row
from kyc.screening.engine import Hit, Query, Screener
from kyc.screening.records import list_slug
from shared.errors import InputError

REQUIRED = ("id", "name", "expected_entry_id")


@dataclass(frozen=True)
class Outcome:
    row: Row
    hits: tuple[Hit, ...]
    right: bool  # the expected entry is among the hits
    # The expected entry's score when it was missed (None: below the probe's floor or hit).
    expected_score: Decimal | None = None

    @property
    def alert_is_wrong(self) -> bool:
        return bool(self.hits) and not self.right

    @property
    def top(self) -> Hit | None:
        return self.hits[0] if self.hits else None


@dataclass(frozen=True, repr=False)
class LabelledScore:
    source: str
    outcomes: tuple[Outcome, ...]
    seconds: Decimal

    def __repr__(self) -> str:
        return f"LabelledScore({self.source!r}, {len(self.outcomes)} queries, {self.counts})"

    @property
    def counts(self) -> Counts:
        true = [o for o in self.outcomes if not o.row.is_decoy]
        return Counts(tp=sum(o.right for o in true), fp=sum(o.alert_is_wrong for o in self.outcomes),
                      fn=sum(not o.right for o in true))

    @property
    def extra_hits(self) -> int:
        return sum(len(o.hits) - 1 for o in self.outcomes if o.right)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (queries, queries screened right): expected entry hit, or decoy not hit."""
        table: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            n, ok = table.get(o.row.variant_kind, (0, 0))
            good = not o.hits if o.row.is_decoy else o.right
            table[o.row.variant_kind] = (n + 1, ok + good)
        return dict(sorted(table.items(), key=lambda item: (item[0].startswith("decoy"), item[0])))

    def misses(self) -> list[Outcome]:
        """True variants not hit on their entry, lowest expected score first."""
        missed = [o for o in self.outcomes if not o.row.is_decoy and not o.right]
        return sorted(missed, key=lambda o: (o.expected_score or Decimal(0), o.row.id))

    def false_positives(self) -> list[Outcome]:
        """Wrong alerts, highest-scoring first."""
        wrong = [o for o in self.outcomes if o.alert_is_wrong]
        return sorted(wrong, key=lambda o: (-o.hits[0].score, o.row.id))


def score(rows: Sequence[Row], screener: Screener, probe: Screener | None, source: str) -> LabelledScore:
    """Screen every row; `probe` (a screener with a low threshold) scores the misses."""
    started = time.perf_counter()
    outcomes = []
    for row in rows:
        hits = screener.screen(query_of(row))
        right = any(_is_expected(row, hit) for hit in hits)
        missed_score = None
        if not row.is_decoy and not right and probe is not None:
            missed_score = next((h.score for h in probe.screen(query_of(row)) if _is_expected(row, h)), None)
        outcomes.append(Outcome(row, hits, right, missed_score))
    seconds = Decimal(round((time.perf_counter() - started) * 1000)) / 1000
    return LabelledScore(source, tuple(outcomes), seconds)


def query_of(row: Row) -> Query:
    return Query(row.name, type=row.type or None, dob=row.dob or None, country=row.country or None, id=row.id)


def _is_expected(row: Row, hit: Hit) -> bool:
    # Lists are compared by slug, so "OFAC SDN" and "ofac-sdn" name the same list.
    same_list = not row.expected_list or list_slug(hit.list) == list_slug(row.expected_list)
    return same_list and hit.entry_id == row.expected_entry_id


def read_cases(path: Path) -> tuple[Row, ...]:
    """A labelled CSV in the generated set's columns; only id, name and
    expected_entry_id are required (blank expected_entry_id: must not hit)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, f"is not a labelled query set: no column {', '.join(missing)}")
            rows = tuple(_row(record) for record in reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"cannot be read as a CSV file ({error})") from error
    for number, row in enumerate(rows, 1):
        try:
            query_of(row)
        except ValueError as error:
            raise InputError(path, f"row {number}: {error}") from error
    return rows


def _row(record: dict[str, str | None]) -> Row:
    values = {c: (record.get(c) or "").strip() for c in COLUMNS}
    if not values["variant_kind"]:
        values["variant_kind"] = "decoy" if not values["expected_entry_id"] else "match"
    return Row(**values)
