"""`finagents eval month_end_close [CASES]`: statement parsing and reconciliation.

1. Parsing: every statement in the corpus's `close/` folder against its truth (the HSBC
   summaries, the MT940 expected files, the OFX balances), and both seeded errors caught
   and located. Target: all exact. The corpus is read in place (`shared.corpus`); without
   one this part cannot run, and the command is exit 2 naming FINAGENTS_CORPUS.
2. Other layouts (`evaluation.layouts`): the corpus's `close/statements_more/` and the
   generated layout families (`fixtures/close/statements/`, made into the user's cache),
   per family: read exactly, proven, refused, proven wrongly. Target: none proven
   wrongly; every statement as expected once `layouts.ACCURACY_IN_FORCE` is switched on.
3. Matching: the generated closes in `fixtures/close/cases/` (or the CASES given: close
   folders holding a `.truth.json`), pairs of matched lines against the truth. Targets:
   precision >= 0.995 and recall >= 0.99 over all cases together.
4. Matching on two generators written apart (`evaluation.closes`): five seeds each at
   1,000 lines a side, made into the user's cache. Targets for each generator: precision
   >= 0.995, recall >= 0.99, categories >= 0.95, unexplained difference 0.00.

Given CASES, only the matching is scored: the cases are the project's own synthetic
closes, so that needs no corpus.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.evaluation import closes, generated, statements_more
from month_end_close.evaluation.layouts import evaluate_layouts
from month_end_close.evaluation.matching import CaseScore, pooled_precision, pooled_recall, score_case
from month_end_close.evaluation.parsing import evaluate_parsing
from shared.corpus import corpus_file
from shared.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "close"
TARGETS = {"precision": Decimal("0.995"), "recall": Decimal("0.99")}


@dataclass(frozen=True)
class Report:
    parsing: Any
    cases: tuple[CaseScore, ...]
    layouts: Any = None
    generated: tuple[Any, ...] | None = None

    @property
    def precision(self) -> Decimal:
        return pooled_precision(self.cases)

    @property
    def recall(self) -> Decimal:
        return pooled_recall(self.cases)

    @property
    def meets_targets(self) -> bool:
        matching = self.precision >= TARGETS["precision"] and self.recall >= TARGETS["recall"]
        layouts = self.layouts is None or self.layouts.meets_target
        generated = all(g.meets_targets for g in self.generated or ())
        return matching and layouts and generated and (self.parsing is None or self.parsing.meets_target)

    def table(self) -> str:
        lines = [self.parsing.table(), ""] if self.parsing is not None else []
        lines += [self.layouts.table(), ""] if self.layouts is not None else []
        lines.append(f"{'reconciliation case':34} {'true':>6} {'found':>6} {'right':>6} {'precision':>9} "
                     f"{'recall':>7} {'categories':>11} {'unexplained':>12}")
        for c in self.cases:
            lines.append(f"{c.name:34} {c.true_pairs:6} {c.found_pairs:6} {c.right_pairs:6} {c.precision:9.2%} "
                         f"{c.recall:7.2%} {c.categories_right:>5}/{c.categories:<5} {c.unexplained:>12}")
            lines += [f"    {w}" for w in c.wrong]
        lines += [g.line() for g in self.generated or ()]
        met = "met" if self.meets_targets else "NOT MET"
        lines.append(f"all cases: precision {self.precision:.2%}, recall {self.recall:.2%} "
                     f"(targets {TARGETS['precision']:.1%} and {TARGETS['recall']:.0%}): {met}")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({
            "parsing": self.parsing.to_dict() if hasattr(self.parsing, "to_dict") else None,
            "layouts": self.layouts.to_dict() if self.layouts is not None else None,
            "generated": [g.to_dict() for g in self.generated] if self.generated is not None else None,
            "matching": {"precision": str(self.precision), "recall": str(self.recall),
                         "cases": [_case_json(c) for c in self.cases]},
            "targets": {k: str(v) for k, v in TARGETS.items()}, "meets_targets": self.meets_targets}, indent=2)


def _case_json(case: CaseScore) -> dict[str, Any]:
    return {"name": case.name, "true_pairs": case.true_pairs, "found_pairs": case.found_pairs,
            "right_pairs": case.right_pairs, "precision": str(case.precision), "recall": str(case.recall),
            "categories": case.categories, "categories_right": case.categories_right,
            "unexplained": str(case.unexplained), "wrong": list(case.wrong)}


def default_cases() -> list[Path]:
    root = FIXTURES / "cases"
    return sorted(p for p in root.iterdir() if (p / ".truth.json").is_file()) if root.is_dir() else []


def evaluate(cases: Sequence[Path] | None = None) -> Report:
    folders = list(cases) if cases else default_cases()
    for folder in folders:
        if not (folder / ".truth.json").is_file():
            raise InputError(folder, "has no .truth.json: only a close folder with known truth can be scored")
    parsing = None if cases else evaluate_parsing(corpus_file("close"))
    layouts = None if cases else other_layouts(corpus_file("close"))
    generated = None if cases else closes.generated()
    return Report(parsing, tuple(score_case(f) for f in folders), layouts, generated)


def other_layouts(close_dir: Path) -> Any:
    """The corpus's statements of other banks, then every generated layout family (when
    the generator is at hand: a checkout, not an installed pack)."""
    expected, notes = statements_more.expected_statements(close_dir)
    made = generated.folder()
    if made is not None:
        expected += generated.expected_statements(made)
    return evaluate_layouts(expected, notes if made is not None else [*notes, generated.UNAVAILABLE])
