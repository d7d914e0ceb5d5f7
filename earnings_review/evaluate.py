"""`finagents eval earnings_review [CASES]`: extracted facts scored against XBRL truth.

The truth is the filings' own XBRL, read from the corpus in place (`xbrl_truth`): the
corpus's key-facts file (about 30 key line items, every period) and every numeric us-gaap
fact without dimensions, derived from the full instances when the evaluation runs. Without
a corpus the evaluation is exit 2 naming FINAGENTS_CORPUS. Facts compare on the contract's
concept classes, end date and months (or instant), and exact value.

- Recall is over the key facts the filing's primary statements show. A statement shows
  a key fact when (1) the label table places the fact's concept on that kind of statement,
  (2) the statement was located and one of its columns has the fact's period, and (3) the
  figure, at the statement's scale, is printed on the statement's pages. None of the three
  depends on how lines were mapped to concepts, so a line mapped wrongly or not at all is
  a miss, not out of scope.
- Precision is over the emitted facts the instance can judge: right when the instance
  has the same concept class and period with exactly the same value, wrong when its value
  differs. A fact whose concept and period the instance does not tag is "unverifiable":
  listed (with the concept the instance uses for that figure, if any), never counted right.
- Every emitted fact's citation is verified against the PDF.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from earnings_review.concepts import entries
from earnings_review.extract import Extraction, extract_statements
from earnings_review.facts import Period, months_between
from earnings_review.vocabulary import concept_class
from earnings_review.xbrl_truth import filing_pdf, instance_of, key_facts, tagged_facts
from shared.money import detect_scale

TARGETS = {"precision": Decimal("1"), "recall": Decimal("0.98"), "citations": Decimal("1")}
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")

Key = tuple[frozenset[str], tuple]  # (concept class, period key)


@dataclass(frozen=True)
class FilingScore:
    filing: str
    has_truth: bool
    in_scope: int
    found: int
    emitted: int
    right: int
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    unverifiable: tuple[str, ...]
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
    scores: tuple[FilingScore, ...]

    def total(self, name: str, *, judged_only: bool = True) -> int:
        scores = [s for s in self.scores if s.has_truth or not judged_only]
        return sum(len(v) if isinstance(v := getattr(s, name), tuple) else v for s in scores)

    @property
    def recall(self) -> Decimal:
        return Decimal(self.total("found")) / self.total("in_scope") if self.total("in_scope") else Decimal(1)

    @property
    def precision(self) -> Decimal:
        judged = self.total("right") + self.total("wrong")
        return Decimal(self.total("right")) / judged if judged else Decimal(1)

    @property
    def citations(self) -> Decimal:
        emitted = self.total("emitted", judged_only=False)
        return Decimal(self.total("citations_ok", judged_only=False)) / emitted if emitted else Decimal(1)

    @property
    def meets_targets(self) -> bool:
        return (self.precision >= TARGETS["precision"] and self.recall >= TARGETS["recall"]
                and self.citations >= TARGETS["citations"])

    def table(self) -> str:
        header = (f"{'filing':32} {'truth':>5} {'found':>5} {'recall':>7} {'emitted':>7} {'right':>5} {'wrong':>5} "
                  f"{'unverif.':>8} {'precision':>9} {'cited ok':>8} {'seconds':>7}")
        lines = [header] + [_line(s) for s in self.scores]
        lines.append(f"{'overall':32} {self.total('in_scope'):5} {self.total('found'):5} {_pct(self.recall):>7} "
                     f"{self.total('emitted', judged_only=False):7} {self.total('right'):5} {self.total('wrong'):5} "
                     f"{self.total('unverifiable'):8} {_pct(self.precision):>9} "
                     f"{self.total('citations_ok', judged_only=False):8}")
        lines.append(f"targets: precision 100%, recall >= 98%, every citation verifies: "
                     f"{'met' if self.meets_targets else 'NOT MET'}")
        return "\n".join(lines)

    def to_json(self) -> str:
        data = {"precision": str(self.precision), "recall": str(self.recall), "citations": str(self.citations),
                "meets_targets": self.meets_targets, "targets": {k: str(v) for k, v in TARGETS.items()},
                "filings": [{**asdict(s), "seconds": str(s.seconds), "recall": str(s.recall),
                             "precision": str(s.precision)} for s in self.scores]}
        return json.dumps(data, indent=2)


def _line(s: FilingScore) -> str:
    if not s.has_truth:
        return (f"{s.filing:32} {'-':>5} {'-':>5} {'-':>7} {s.emitted:7} {'-':>5} {'-':>5} {'-':>8} {'-':>9} "
                f"{s.citations_ok:8} {s.seconds:7}")
    return (f"{s.filing:32} {s.in_scope:5} {s.found:5} {_pct(s.recall):>7} {s.emitted:7} {s.right:5} "
            f"{len(s.wrong):5} {len(s.unverifiable):8} {_pct(s.precision):>9} {s.citations_ok:8} {s.seconds:7}")


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


# -- truth -----------------------------------------------------------------------------------


def load_truth() -> dict[str, dict[Key, Decimal]]:
    """The key facts: {filing name: {(concept class, period key): value}}."""
    return {name: {key: Decimal(value) for key, value, _ in _keyed(_pairs(item["facts_usd_unscaled"]))}
            for name, item in key_facts().items()}


def load_instances() -> dict[str, dict[Key, dict[Decimal, str]]]:
    """Every tagged figure: {filing: {(concept class, period key): {value: concept}}}."""
    out: dict[str, dict[Key, dict[Decimal, str]]] = {}
    for name, item in key_facts().items():
        tagged: dict[Key, dict[Decimal, str]] = {}
        facts = ((f.concept, f.period, f.value) for f in tagged_facts(instance_of(item)))
        for key, value, concept in _keyed(facts):
            tagged.setdefault(key, {})[Decimal(value)] = concept
        out[name] = tagged
    return out


def _pairs(facts: dict[str, dict[str, Any]]) -> Iterable[tuple[str, str, Any]]:
    return ((concept, period, value) for concept, periods in facts.items() for period, value in periods.items())


def _keyed(facts: Iterable[tuple[str, str, Any]]) -> Iterable[tuple[Key, Any, str]]:
    for concept, text, value in facts:
        period = _period(text)
        if period is not None:
            yield (concept_class(concept), period.key), value, concept


def _period(key: str) -> Period | None:
    if "--" not in key:
        return Period(instant=date.fromisoformat(key))
    start, end = (date.fromisoformat(part) for part in key.split("--"))
    months = months_between(start, end)
    return Period(end=end, months=months, start=start) if months else None


# -- scoring ---------------------------------------------------------------------------------


def default_cases() -> list[Path]:
    """The corpus's filings that have truth, in the key-facts file's order."""
    return [filing_pdf(name) for name in key_facts()]


def evaluate(cases: list[Path] | None = None) -> EvalReport:
    """Score each case (a PDF, or a folder of PDFs); the five filings with truth by default."""
    truth, instances = load_truth(), load_instances()
    paths = [p for case in (cases or default_cases()) for p in (sorted(case.glob("*.pdf")) if case.is_dir() else [case])]
    return EvalReport(tuple(score(path, truth.get(path.name), instances.get(path.name, {})) for path in paths))


def score(path: Path, truth: dict[Key, Decimal] | None, tagged: dict[Key, dict[Decimal, str]]) -> FilingScore:
    from shared.documents import CitationVerifier, open_pdf

    started = time.perf_counter()
    with open_pdf(path) as pdf:
        extraction = extract_statements(pdf)
        scope = shown(truth or {}, extraction, {n: _figures(pdf, pages) for n, pages in extraction.pages.items()})
    seconds = Decimal(str(round(time.perf_counter() - started, 2)))
    emitted = {(concept_class(f.concept), f.period.key): f for f in extraction.facts}
    found = [k for k in scope if k in emitted and emitted[k].value == (truth or {})[k]]
    judged = {k: f for k, f in emitted.items() if tagged.get(k)}
    wrong = tuple(f"{f.concept} {f.period.describe()}: {f.value} (XBRL {', '.join(map(str, tagged[k]))})"
                  for k, f in judged.items() if f.value not in tagged[k])
    unverifiable = tuple(_unverifiable(f, tagged) for k, f in emitted.items() if k not in judged)
    with CitationVerifier() as verifier:
        cited = sum(1 for v in verifier.verify_all([f.citation for f in extraction.facts]) if v.ok)
    return FilingScore(path.name, truth is not None, len(scope), len(found), len(extraction.facts),
                       len(judged) - len(wrong), wrong, tuple(_describe(k) for k in scope if k not in found),
                       unverifiable, cited, seconds)


def shown(truth: dict[Key, Decimal], extraction: Extraction, figures: dict[str, set[Decimal]]) -> list[Key]:
    """The key facts the located statements show (see the module's docstring)."""
    placed: dict[frozenset[str], set[str]] = {}
    for entry in entries():
        placed.setdefault(concept_class(entry.concept), set()).add(entry.statement)
    out = []
    for key, value in truth.items():
        statements = placed.get(key[0], set()) & set(extraction.pages)
        if any(key[1] in {p.key for p in extraction.periods.get(s, ())} and
               _printed(value, key[0], extraction, s) in figures[s] for s in statements):
            out.append(key)
    return out


def _printed(value: Decimal, members: frozenset[str], extraction: Extraction, statement: str) -> Decimal | None:
    """The figure as the statement prints it: the value over the scale note's factor."""
    kind = ("per_share" if any("PerShare" in c for c in members)
            else "shares" if any("Shares" in c for c in members) else "money")
    notes = [detect_scale(note.text) for note in extraction.scale_notes.get(statement, ())]
    scale = next((s for s in notes if s is not None), None)
    return abs(value) / scale.factor(kind) if scale else None


def _figures(pdf: Any, pages: Iterable[int]) -> set[Decimal]:
    """Every figure printed on the pages, without sign, commas or currency."""
    out = set()
    for page in pages:
        for token in _FIGURE.findall(pdf.page_text(page)):
            try:
                out.add(Decimal(token.replace(",", "")))
            except InvalidOperation:
                continue
    return out


def _unverifiable(fact: Any, tagged: dict[Key, dict[Decimal, str]]) -> str:
    same = [concept for (members, key), values in tagged.items() if key == fact.period.key
            for value, concept in values.items() if value == fact.value]
    hint = f"; XBRL tags this figure as {', '.join(sorted(set(same)))}" if same else ""
    return f"{fact.concept} {fact.period.describe()}: {fact.value} ({fact.label!r}, page {fact.citation.page}){hint}"


def _describe(key: Key) -> str:
    members, period = key
    when = f"at {period[1]}" if period[0] == "instant" else f"{period[2]} months to {period[1]}"
    return f"{sorted(members)[0]} {when}"
