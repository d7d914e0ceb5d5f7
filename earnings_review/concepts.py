"""The label table (`data/concepts.toml`): statement line -> us-gaap concept.

Each entry names a concept, the statement it is read from, and the labels it accepts as
regular expressions over the normalised label (the whole label must match). An entry may
also require the line's section (the heading above it) to match, or not to match, a
pattern, and may give another concept `when` a further line is printed in the same
section or table ("Total operating expenses" is `CostsAndExpenses` when cost of sales
is one of the lines it adds up). First matching entry wins. A line no entry accepts is
not guessed at: it is returned unmapped, for the model or a reviewer.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "concepts.toml"
# Footnote marks after a label: "(1)", "(a)", "*", a digit set against the last word
# ("Cost of sales2") or after it ("Diluted 5"), or several ("Cost of revenues (1)(2)").
_FOOTNOTE = re.compile(r"(?:\s*(?:\(\d{1,2}\)|\([a-z]\)|\*+|[†‡]))+$|(?<=[a-z)])\d{1,2}$|(?<=[a-z)]) [1-9]$")
_DASHES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-"})
KINDS = ("money", "shares", "per_share")


@dataclass(frozen=True)
class When:
    """Use `concept` instead ("" for none) when a line matching `line` is printed in the
    same `scope` ("section", "table", "above": higher up in the table, or "heading": as
    the heading of a section above), or, with `absent`, when none is."""

    line: re.Pattern[str]
    scope: str
    concept: str
    absent: bool = False


@dataclass(frozen=True)
class Entry:
    concept: str
    statement: str
    labels: tuple[re.Pattern[str], ...]
    kind: str = "money"
    section: re.Pattern[str] | None = None
    not_section: re.Pattern[str] | None = None
    negate: bool = False  # the label prints the concept with the opposite sign
    when: tuple[When, ...] = ()
    also: tuple[str, ...] = ()  # further concepts the line reports ("basic and diluted")
    at_end: bool = False  # a balance at the end of its column's period

    def matches(self, statement: str, label: str, section: str, kind: str) -> bool:
        if statement != self.statement or kind != self.kind:
            return False
        if not any(pattern.fullmatch(label) for pattern in self.labels):
            return False
        if self.section and not self.section.search(section):
            return False
        return not (self.not_section and self.not_section.search(section))


@dataclass(frozen=True)
class Identity:
    """result = base − deduction: the statement arithmetic that tells whether a
    deduction is printed as a positive expense or in parentheses."""

    result: str
    base: str
    deduction: str


@dataclass(frozen=True)
class Mapping:
    concept: str
    negate: bool
    also: tuple[str, ...] = ()
    at_end: bool = False

    @property
    def concepts(self) -> tuple[str, ...]:
        return (self.concept, *self.also)


def normalise(label: str) -> str:
    """Lower case, straight quotes and dashes, one space, no footnote marks or colon."""
    text = " ".join(label.translate(_DASHES).lower().split())
    return _FOOTNOTE.sub("", text.rstrip(":").rstrip()).rstrip(":").strip()


@cache
def entries(path: Path = TABLE) -> tuple[Entry, ...]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_entry(raw) for raw in table["concept"])


def _entry(raw: dict) -> Entry:
    def pattern(key: str) -> re.Pattern[str] | None:
        return re.compile(raw[key]) if key in raw else None

    when = tuple(When(re.compile(w["line"]), w.get("scope", "table"), w["concept"], w.get("absent", False))
                 for w in raw.get("when", ()))
    if raw.get("kind", "money") not in KINDS:
        raise ValueError(f"{TABLE}: {raw['concept']}: unknown kind {raw['kind']!r}")
    return Entry(raw["concept"], raw["statement"], tuple(re.compile(x) for x in raw["labels"]),
                 raw.get("kind", "money"), pattern("section"), pattern("not_section"), raw.get("negate", False), when,
                 tuple(raw.get("also", ())), raw.get("at_end", False))


def _texts(scope: str, where: str, lines: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The lines a `when` rule looks at: the labels in the table, above, or in the same
    section; or, for "heading", the headings of the sections above."""
    if scope == "heading":
        return [heading for _, heading in lines["above"]]
    rows = lines["above"] + (lines["below"] if scope != "above" else [])
    return [text for text, heading in rows if scope != "section" or (where and heading == where)]


@cache
def arithmetic(path: Path = TABLE) -> tuple[frozenset[str], frozenset[str]]:
    """(results, deductions): the income statement's results, which its lines build down
    to, and the concepts stated as positive amounts that the results deduct."""
    table = tomllib.loads(path.read_text(encoding="utf-8"))["arithmetic"]
    return frozenset(table["results"]), frozenset(table["deductions"])


@cache
def identities(path: Path = TABLE) -> tuple[Identity, ...]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(Identity(raw["result"], raw["base"], raw["deduction"]) for raw in table.get("identity", ()))


def map_label(statement: str, label: str, section: str = "", *, kind: str = "money",
              above: Iterable[tuple[str, str]] = (), below: Iterable[tuple[str, str]] = ()) -> Mapping | None:
    """The concept a line reports, or None when the table does not know the line.
    `kind` is what the line counts (money, shares, per_share; see `shared.money.row_kind`);
    `above` and `below` are the (label, section) of the table's other lines, in order."""
    key, where = normalise(label), normalise(section)
    entry = next((e for e in entries() if e.matches(statement, key, where, kind)), None)
    if entry is None:
        return None
    lines = {side: [(normalise(text), normalise(heading)) for text, heading in rows]
             for side, rows in (("above", above), ("below", below))}
    concept = _concept(entry, key, where, lines)
    also = entry.also if concept == entry.concept else ()  # a `when` names one concept
    return Mapping(concept, entry.negate, also, entry.at_end) if concept else None


def _concept(entry: Entry, key: str, where: str, lines: dict[str, list[tuple[str, str]]]) -> str:
    for rule in entry.when:
        texts = _texts(rule.scope, where, lines)
        # A line is not its own evidence; a heading may be (the total repeats its words).
        if any(rule.line.fullmatch(text) for text in texts if text != key or rule.scope == "heading") != rule.absent:
            return rule.concept
    return entry.concept
