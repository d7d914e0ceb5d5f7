"""The label table (`data/concepts.toml`): statement line -> us-gaap concept."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "concepts.toml"
_FOOTNOTE = re.compile(r"\s*(\(\d{1,2}\)|\([a-z]\)|\*+)\s*$")


@dataclass(frozen=True)
class Entry:
    concept: str
    statement: str
    labels: frozenset[str]
    prefixes: tuple[str, ...]
    section: re.Pattern[str] | None
    not_section: re.Pattern[str] | None
    negate: bool
    if_cost_in_section: str | None

    def matches(self, statement: str, label: str, section: str) -> bool:
        if statement != self.statement:
            return False
        if label not in self.labels and not any(label.startswith(p) for p in self.prefixes):
            return False
        if self.section and not self.section.search(section):
            return False
        return not (self.not_section and self.not_section.search(section))


@dataclass(frozen=True)
class Mapping:
    concept: str
    negate: bool


def normalise(label: str) -> str:
    text = label.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()
    text = _FOOTNOTE.sub("", " ".join(text.split())).rstrip(":").strip()
    return text


@cache
def entries(path: Path = TABLE) -> tuple[Entry, ...]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_entry(raw) for raw in table["concept"])


def _entry(raw: dict) -> Entry:
    pattern = lambda key: re.compile(raw[key]) if key in raw else None  # noqa: E731
    return Entry(raw["concept"], raw["statement"], frozenset(normalise(x) for x in raw["labels"]),
                 tuple(normalise(x) for x in raw.get("prefixes", ())),
                 pattern("section"), pattern("not_section"), raw.get("negate", False), raw.get("if_cost_in_section"))


def map_label(statement: str, label: str, section: str, *, cost_in_section: bool = False) -> Mapping | None:
    """The concept a line reports, or None when the table does not know the line."""
    key, where = normalise(label), normalise(section)
    for entry in entries():
        if entry.matches(statement, key, where):
            concept = entry.if_cost_in_section if cost_in_section and entry.if_cost_in_section else entry.concept
            return Mapping(concept, entry.negate)
    return None
