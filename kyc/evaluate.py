"""`finagents eval kyc [CASES]`: the sanctions screening engine's accuracy.

Three labelled sets, all read from the corpus in place (`shared.corpus`; without it this
is exit 2 naming FINAGENTS_CORPUS), screened at the configured threshold
(`kyc.context.Context().screening_threshold`):

1. `sdn_variants.csv`, fixed before the matcher was tuned: true variants of listed names
   and decoys generated with a fixed seed from the corpus's OFAC SDN snapshot
   (`kyc.evaluation.variants`, `kyc.evaluation.fixed_set`), screened against that snapshot
   alone. Counting is per query (see `kyc.evaluation.labelled`). The targets apply here:
   recall >= 0.98 and precision >= 0.90.
2. The Senzing truth set: customers against its watchlist, scored on (customer, watchlist
   record) pairs, beside the alternate system's result on the same pairs. That system also
   used phone, e-mail and identifiers; we use name, date of birth and country only.
3. watchman's cross-script pairs: how many expected names are hit at the threshold with
   no wrong hit (target >= 18 of 22; watchman's own minimum scores shown as a reference).
4. The UN list's original-script names, each screened against the list with that alias
   left out of its entry (`kyc.evaluation.original_script`; target >= 0.90 found).

CASES, when given, are labelled CSVs in the generated set's columns that replace it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kyc.context import Context
from kyc.evaluation import cross_script, original_script, senzing
from kyc.evaluation.fixed_set import SET_NAME, fixed_rows
from kyc.evaluation.labelled import LabelledScore, Outcome, read_cases, score
from kyc.evaluation.report import table
from kyc.evaluation.sdn import sdn_list
from kyc.evaluation.targets import CROSS_SCRIPT_TARGET, ORIGINAL_SCRIPT_TARGET, PROBE_THRESHOLD, TARGETS
from kyc.screening.engine import Screener
from shared.corpus import require_corpus

__all__ = ["CROSS_SCRIPT_TARGET", "ORIGINAL_SCRIPT_TARGET", "TARGETS", "Report", "evaluate", "threshold"]


def threshold() -> Decimal:
    return Decimal(Context().screening_threshold)


@dataclass(frozen=True, repr=False)
class Report:
    threshold: Decimal
    generated: tuple[LabelledScore, ...]
    senzing: senzing.SenzingScore
    cross_script: cross_script.CrossScriptScore
    original_script: original_script.OriginalScriptScore

    def __repr__(self) -> str:  # the outcomes are thousands of rows: keep test failures readable
        return f"Report(threshold={self.threshold}, generated={self.generated!r}, meets_targets={self.meets_targets})"

    @property
    def meets_targets(self) -> bool:
        return all(s.counts.recall >= TARGETS["recall"] and s.counts.precision >= TARGETS["precision"]
                   for s in self.generated)

    def table(self) -> str:
        return table(self)

    def to_json(self) -> str:
        data = {
            "threshold": str(self.threshold), "meets_targets": self.meets_targets,
            "targets": {k: str(v) for k, v in TARGETS.items()},
            "generated": [_labelled_json(s) for s in self.generated],
            "senzing": self.senzing.to_json(), "cross_script": self.cross_script.to_json(),
            "original_script": self.original_script.to_json(),
        }
        return json.dumps(data, indent=2, ensure_ascii=False)


def evaluate(cases: list[Path] | None = None) -> Report:
    require_corpus()  # one line naming FINAGENTS_CORPUS before anything is read
    at = threshold()
    sets = [(str(path), read_cases(path)) for path in cases] if cases else [(SET_NAME, fixed_rows())]
    sdn = sdn_list()
    screener = Screener([sdn], threshold=at)
    probe = Screener([sdn], threshold=PROBE_THRESHOLD)
    generated = tuple(score(rows, screener, probe, source) for source, rows in sets)
    return Report(at, generated, senzing.evaluate(at), cross_script.evaluate(at), original_script.evaluate(at))


def _labelled_json(s: LabelledScore) -> dict[str, object]:
    return {
        "source": s.source, "queries": len(s.outcomes), **s.counts.to_json(), "extra_hits": s.extra_hits,
        "seconds": str(s.seconds),
        "by_kind": {k: {"queries": n, "right": ok} for k, (n, ok) in s.by_kind().items()},
        "misses": [_outcome_json(o) for o in s.misses()],
        "false_positives": [_outcome_json(o) for o in s.false_positives()],
    }


def _outcome_json(o: Outcome) -> dict[str, object]:
    return {"id": o.row.id, "name": o.row.name, "kind": o.row.variant_kind, "expected": o.row.expected_entry_id,
            "source_name": o.row.source_name, "detail": o.row.detail,
            "expected_score": None if o.expected_score is None else str(o.expected_score),
            "hits": [{"entry_id": h.entry_id, "matched_name": h.matched_name, "score": str(h.score)} for h in o.hits]}

