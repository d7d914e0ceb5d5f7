"""The evaluation's scores, per filing and overall, as the table `finagents eval` prints
and as JSON; and its targets (issue 14): precision 100% on judged facts, recall at least
97% overall and 90% on every filing, every citation verifying, no failed run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from decimal import Decimal

TARGETS = {"precision": Decimal("1"), "recall": Decimal("0.97"), "filing_recall": Decimal("0.90"),
           "citations": Decimal("1")}


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
    kind: str = "financebench"  # or "ixbrl-printed"
    failed: str | None = None  # why the run ended without facts: counts against the targets

    @property
    def recall(self) -> Decimal:
        return Decimal(self.found) / self.in_scope if self.in_scope else Decimal(1)

    @property
    def precision(self) -> Decimal:
        judged = self.right + len(self.wrong)
        return Decimal(self.right) / judged if judged else Decimal(1)


def failed_score(filing: str, kind: str, why: str, in_scope: int, seconds: Decimal) -> FilingScore:
    return FilingScore(filing, True, in_scope, 0, 0, 0, (), (), (), 0, seconds, kind, why)


@dataclass(frozen=True)
class EvalReport:
    scores: tuple[FilingScore, ...]
    # What the reader of the figures must know: the Chromium version that printed the
    # iXBRL filings, or why those cases were skipped.
    notes: tuple[str, ...] = ()
    chromium: str | None = None

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
    def failed(self) -> tuple[FilingScore, ...]:
        return tuple(s for s in self.scores if s.failed)

    @property
    def meets_targets(self) -> bool:
        every_filing = all(s.recall >= TARGETS["filing_recall"] for s in self.scores if s.has_truth)
        return (self.precision >= TARGETS["precision"] and self.recall >= TARGETS["recall"] and every_filing
                and self.citations >= TARGETS["citations"] and not self.failed)

    def table(self) -> str:
        lines = [HEADER, *(_line(s) for s in self.scores), self._overall()]
        lines += [f"failed: {s.filing}: {s.failed}" for s in self.failed]
        lines += list(self.notes)
        lines.append("targets: precision 100%, recall >= 97% overall and >= 90% on every filing, every citation "
                     f"verifies, no failed run: {'met' if self.meets_targets else 'NOT MET'}")
        return "\n".join(lines)

    def _overall(self) -> str:
        return (f"{'overall':34} {'':13} {self.total('in_scope'):5} {self.total('found'):5} {_pct(self.recall):>7} "
                f"{self.total('emitted', judged_only=False):7} {self.total('right'):5} {self.total('wrong'):5} "
                f"{self.total('unverifiable'):8} {_pct(self.precision):>9} "
                f"{self.total('citations_ok', judged_only=False):8}")

    def to_json(self) -> str:
        data = {"precision": str(self.precision), "recall": str(self.recall), "citations": str(self.citations),
                "meets_targets": self.meets_targets, "targets": {k: str(v) for k, v in TARGETS.items()},
                "chromium": self.chromium, "notes": list(self.notes),
                "filings": [{**asdict(s), "seconds": str(s.seconds), "recall": str(s.recall),
                             "precision": str(s.precision)} for s in self.scores]}
        return json.dumps(data, indent=2)


HEADER = (f"{'filing':34} {'kind':13} {'truth':>5} {'found':>5} {'recall':>7} {'emitted':>7} {'right':>5} "
          f"{'wrong':>5} {'unverif.':>8} {'precision':>9} {'cited ok':>8} {'seconds':>7}")


def _line(s: FilingScore) -> str:
    if not s.has_truth:
        return (f"{s.filing:34} {s.kind:13} {'-':>5} {'-':>5} {'-':>7} {s.emitted:7} {'-':>5} {'-':>5} {'-':>8} "
                f"{'-':>9} {s.citations_ok:8} {s.seconds:7}")
    return (f"{s.filing:34} {s.kind:13} {s.in_scope:5} {s.found:5} {_pct(s.recall):>7} {s.emitted:7} {s.right:5} "
            f"{len(s.wrong):5} {len(s.unverifiable):8} {_pct(s.precision):>9} {s.citations_ok:8} {s.seconds:7}")


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"
