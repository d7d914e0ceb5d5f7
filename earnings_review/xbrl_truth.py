"""The evaluation's truth, read from the corpus in place (`shared.corpus`), never copied.

- The key facts: the corpus's `earnings/ground_truth_xbrl_key_facts.json`, which its
  curators derived from the filings' XBRL (about 30 us-gaap line items, every period,
  unscaled). It also names each PDF's XBRL instance.
- Every tagged figure: derived here, when asked, from that instance (`earnings/xbrl/`):
  each numeric us-gaap fact without a dimension (no segment or scenario in its context),
  so that an emitted figure outside the key facts is still judged against what the
  company itself tagged. Values stay as the instance prints them, never through a float.

An instance is parsed once per process: the five take a fifth of a second.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from shared.corpus import corpus_file

KEY_FACTS = "earnings/ground_truth_xbrl_key_facts.json"
PDFS = "earnings/pdfs"
INSTANCES = "earnings/xbrl"
US_GAAP = "http://fasb.org/us-gaap/"
NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


@dataclass(frozen=True)
class TaggedFact:
    concept: str  # the us-gaap local name
    period: str  # "2023-07-01" (instant) or "2022-09-25--2023-07-01" (duration)
    value: str  # as the instance prints it, unscaled


def key_facts() -> dict[str, Any]:
    """The key-facts file's filings: {PDF name: {"xbrl_instance", "facts_usd_unscaled", ...}},
    figures as Decimal."""
    return json.loads(corpus_file(KEY_FACTS).read_text(encoding="utf-8"), parse_float=Decimal)["filings"]


def filing_pdf(name: str) -> Path:
    return corpus_file(f"{PDFS}/{name}")


def instance_of(filing: dict[str, Any]) -> Path:
    return corpus_file(f"{INSTANCES}/{filing['xbrl_instance']}")


@lru_cache(maxsize=16)
def tagged_facts(instance: Path) -> tuple[TaggedFact, ...]:
    """The instance's numeric us-gaap facts without dimensions, in concept then period
    order; where a concept and period are tagged twice, the first one printed."""
    root = ET.parse(instance).getroot()
    periods = contexts(root)
    found: dict[tuple[str, str], str] = {}
    for element in root:
        fact = _fact(element, periods)
        if fact is not None:
            found.setdefault((fact.concept, fact.period), fact.value)
    return tuple(TaggedFact(c, p, v) for (c, p), v in sorted(found.items()))


def _fact(element: ET.Element, periods: dict[str, str]) -> TaggedFact | None:
    namespace = element.tag[1:].split("}", 1)[0] if element.tag.startswith("{") else ""
    period = periods.get(element.get("contextRef", ""))
    text = (element.text or "").strip()
    if (not namespace.startswith(US_GAAP) or period is None or element.get("unitRef") is None or not text
            or element.get(NIL) == "true"):
        return None
    return TaggedFact(_local(element.tag), period, text)


def contexts(root: ET.Element) -> dict[str, str]:
    """Context id -> period key, for the contexts without dimensions."""
    periods = {}
    for context in _named(root, "context"):
        if any(_local(e.tag) in ("segment", "scenario") for e in context.iter()):
            continue
        dates = {_local(e.tag): (e.text or "").strip() for e in context.iter()
                 if _local(e.tag) in ("instant", "startDate", "endDate")}
        if "instant" in dates:
            periods[context.get("id", "")] = dates["instant"]
        elif "startDate" in dates and "endDate" in dates:
            periods[context.get("id", "")] = f"{dates['startDate']}--{dates['endDate']}"
    return periods


def _named(root: ET.Element, name: str) -> Iterator[ET.Element]:
    return (element for element in root.iter() if _local(element.tag) == name)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
