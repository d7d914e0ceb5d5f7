"""Matching judged on closes from two generators written apart (`fixtures/close/synthetic.py`
and `fixtures/close/books/`, in the repository only), five seeds each at 1,000 lines a
side: a change that helps one and hurts the other is not an improvement.

The closes are made into the user's cache by the generators' own driver, run as a child
process from the checkout (the generators are test fixtures, not part of an installed
pack); nothing is generated at import time.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from month_end_close.evaluation.matching import CaseScore, pooled_precision, pooled_recall, ratio, score_case
from shared.corpus import cache_home, repository_root
from shared.errors import InputError

GENERATORS = ("synthetic", "books")
SEEDS = (1, 2, 3, 4, 5)
LINES = 1_000
DRIVER = Path("fixtures") / "close" / "generate_many.py"
TARGETS = {"precision": Decimal("0.995"), "recall": Decimal("0.99"), "categories": Decimal("0.95")}
UNAVAILABLE = ("generated closes not scored: their generators (fixtures/close/) are in the repository, not in an "
               "installed pack")


@dataclass(frozen=True)
class GeneratorScore:
    """One generator's closes, scored together."""

    generator: str
    cases: tuple[CaseScore, ...]

    @property
    def precision(self) -> Decimal:
        return pooled_precision(self.cases)

    @property
    def recall(self) -> Decimal:
        return pooled_recall(self.cases)

    @property
    def categories(self) -> Decimal:
        return ratio(sum(c.categories_right for c in self.cases), sum(c.categories for c in self.cases))

    @property
    def unexplained(self) -> Decimal:
        return sum((abs(c.unexplained - c.unexplained_expected) for c in self.cases), Decimal("0"))

    def by_kind(self) -> dict[str, tuple[int, int]]:
        kinds: dict[str, tuple[int, int]] = {}
        for case in self.cases:
            for kind, (right, true) in case.by_kind.items():
                had = kinds.get(kind, (0, 0))
                kinds[kind] = (had[0] + right, had[1] + true)
        return kinds

    @property
    def meets_targets(self) -> bool:
        return (self.precision >= TARGETS["precision"] and self.recall >= TARGETS["recall"]
                and self.categories >= TARGETS["categories"] and self.unexplained == 0)

    def line(self) -> str:
        kinds = ", ".join(f"{k} {r}/{t}" for k, (r, t) in self.by_kind().items())
        met = "met" if self.meets_targets else "NOT MET"
        return (f"{self.generator:10} {len(self.cases)} closes of {LINES:,} lines: precision {self.precision:.2%}, "
                f"recall {self.recall:.2%}, categories {self.categories:.2%}, unexplained {self.unexplained}: {met}\n"
                f"{'':10} {kinds}")

    def to_dict(self) -> dict:
        return {"generator": self.generator, "precision": str(self.precision), "recall": str(self.recall),
                "categories": str(self.categories), "unexplained": str(self.unexplained),
                "by_kind": {k: list(v) for k, v in self.by_kind().items()}, "meets_targets": self.meets_targets}


def generated(folder: Path | None = None, seeds: tuple[int, ...] = SEEDS) -> tuple[GeneratorScore, ...] | None:
    """Both generators' closes scored; None outside a checkout."""
    root = repository_root()
    if root is None or not (root / DRIVER).is_file():
        return None
    folder = folder or cache_home() / "closes" / _version(root)
    return tuple(GeneratorScore(name, tuple(score_case(case) for case in _made(root, name, folder, seeds)))
                 for name in GENERATORS)


def _version(root: Path) -> str:
    """The generators' sources hashed: a changed generator makes its closes afresh."""
    sources = sorted([root / DRIVER, root / "fixtures" / "close" / "synthetic.py",
                      *(root / "fixtures" / "close" / "books").glob("*.py")])
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _made(root: Path, generator: str, folder: Path, seeds: tuple[int, ...]) -> list[Path]:
    command = [sys.executable, str(root / DRIVER), generator, str(folder / f"{LINES}"), "--lines", str(LINES),
               "--seeds", *map(str, seeds)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=root)
    if done.returncode:
        raise InputError(root / DRIVER, f"the {generator} generator failed: {done.stderr.strip().splitlines()[-1:]}")
    return [Path(line) for line in done.stdout.split()]
