"""`finagents eval earnings_review`: extracted facts scored against XBRL ground truth.

Truth is `fixtures/earnings/truth/ground_truth_xbrl_key_facts.json`: about 30 common
us-gaap line items, every period, from each filing's own XBRL instance. Facts compare on
the contract's concept classes, end date and months (or instant), and exact value.

- In scope (recall's denominator): truth facts whose concept the label table places on a
  statement that was found, for a period that statement's columns show.
- Right / wrong (precision): an emitted fact with a truth fact of the same class and
  period is right when the values are equal, wrong otherwise. An emitted fact the truth
  file has no figure for is "unverifiable", listed, and counted as neither.
- Every emitted fact's citation is verified against the PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from earnings_review.concepts import entries
from earnings_review.extract import extract_statements
from earnings_review.facts import Fact, Period, months_between
from earnings_review.vocabulary import concept_class

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "earnings"
TRUTH = FIXTURES / "truth" / "ground_truth_xbrl_key_facts.json"
TARGETS = {"precision": Decimal("1"), "recall": Decimal("0.98"), "citations": Decimal("1")}


@dataclass(frozen=True)
class FilingScore:
    filing: str
    in_scope: int
    found: int
    emitted: int
    right: int
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    unverifiable: int
    citations_ok: int
    seconds: Decimal

    @property
    def recall(self) -> Decimal:
        return Decimal(self.found) / self.in_scope if self.in_scope else Decimal(1)

    @property
    def precision(self) -> Decimal:
        judged = self.right + len(self.wrong)
        return Decimal(self.right) / judged if judged else Decimal(1)


@dataclass(frozen=True)
class EvalReport:
    scores: tuple[FilingScore, ...] = field(default_factory=tuple)

    def total(self, name: str) -> int:
        return sum(getattr(s, name) if not isinstance(getattr(s, name), tuple) else len(getattr(s, name))
                   for s in self.scores)

    @property
    def recall(self) -> Decimal:
        return Decimal(self.total("found")) / self.total("in_scope")

    @property
    def precision(self) -> Decimal:
        judged = self.total("right") + self.total("wrong")
        return Decimal(self.total("right")) / judged if judged else Decimal(1)

    @property
    def citations(self) -> Decimal:
        return Decimal(self.total("citations_ok")) / self.total("emitted")

    @property
    def meets_targets(self) -> bool:
        return (self.precision >= TARGETS["precision"] and self.recall >= TARGETS["recall"]
                and self.citations >= TARGETS["citations"])

    def table(self) -> str:
        lines = [f"{'filing':24} {'truth':>5} {'found':>5} {'recall':>7} {'emitted':>7} {'right':>5} {'wrong':>5} "
                 f"{'unverif.':>8} {'precision':>9} {'cited ok':>8} {'s':>5}"]
        for s in self.scores:
            lines.append(f"{s.filing:24} {s.in_scope:5} {s.found:5} {_pct(s.recall):>7} {s.emitted:7} {s.right:5} "
                         f"{len(s.wrong):5} {s.unverifiable:8} {_pct(s.precision):>9} {s.citations_ok:8} {s.seconds:5}")
        lines.append(f"{'overall':24} {self.total('in_scope'):5} {self.total('found'):5} {_pct(self.recall):>7} "
                     f"{self.total('emitted'):7} {self.total('right'):5} {self.total('wrong'):5} "
                     f"{self.total('unverifiable'):8} {_pct(self.precision):>9} {self.total('citations_ok'):8}")
        lines.append(f"targets: precision 100%, recall >= 98%, every citation verifies: "
                     f"{'met' if self.meets_targets else 'NOT MET'}")
        return "\n".join(lines)

    def to_json(self) -> str:
        data = {"precision": str(self.precision), "recall": str(self.recall), "citations": str(self.citations),
                "meets_targets": self.meets_targets,
                "filings": [{**{k: v for k, v in vars(s).items()}, "recall": str(s.recall),
                             "precision": str(s.precision)} for s in self.scores]}
        return json.dumps(data, indent=2, default=str)


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


def load_truth(path: Path = TRUTH) -> dict[str, dict[tuple, Decimal]]:
    """{filing name: {(concept class, period key): value}}."""
    filings = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)["filings"]
    return {name: _truth_facts(item["facts_usd_unscaled"]) for name, item in filings.items()}


def _truth_facts(facts: dict[str, dict[str, Any]]) -> dict[tuple, Decimal]:
    out = {}
    for concept, periods in facts.items():
        for key, value in periods.items():
            period = _period(key)
            if period is not None:
                out[(concept_class(concept), period.key)] = Decimal(value)
    return out


def _period(key: str) -> Period | None:
    if "--" not in key:
        return Period(instant=date.fromisoformat(key))
    start, end = (date.fromisoformat(part) for part in key.split("--"))
    months = months_between(start, end)
    return Period(end=end, months=months, start=start) if months else None


def default_cases() -> list[Path]:
    return [FIXTURES / "pdfs" / name for name in load_truth() if (FIXTURES / "pdfs" / name).is_file()]


def evaluate(cases: list[Path] | None = None) -> EvalReport:
    truth = load_truth()
    return EvalReport(tuple(_score(path, truth.get(path.name, {})) for path in (cases or default_cases())))


def _score(path: Path, truth: dict[tuple, Decimal]) -> FilingScore:
    import time

    from shared.documents import CitationVerifier, open_pdf

    started = time.perf_counter()
    with open_pdf(path) as pdf:
        extraction = extract_statements(pdf)
    seconds = Decimal(str(round(time.perf_counter() - started, 2)))
    scope = _in_scope(truth, extraction.periods)
    emitted = {(concept_class(f.concept), f.period.key): f for f in extraction.facts}
    found = [k for k in scope if k in emitted and emitted[k].value == truth[k]]
    judged = [(k, f) for k, f in emitted.items() if k in truth]
    wrong = tuple(f"{f.concept} {f.period.describe()}: {f.value} (truth {truth[k]})" for k, f in judged if f.value != truth[k])
    with CitationVerifier() as verifier:
        cited = sum(1 for v in verifier.verify_all([f.citation for f in extraction.facts]) if v.ok)
    return FilingScore(path.name, len(scope), len(found), len(extraction.facts), len(judged) - len(wrong), wrong,
                       tuple(_describe(k) for k in scope if k not in found), len(emitted) - len(judged), cited, seconds)


def _in_scope(truth: dict[tuple, Decimal], periods: dict[str, tuple[Period, ...]]) -> list[tuple]:
    placed = {concept_class(e.concept): e.statement for e in entries()}
    shown = {name: {p.key for p in ps} for name, ps in periods.items()}
    return [k for k in truth if placed.get(k[0]) in shown and k[1] in shown[placed[k[0]]]]


def _describe(key: tuple) -> str:
    members, period = key
    return f"{sorted(members)[0]} {period}"
