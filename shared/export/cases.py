"""The pack's own synthetic cases a workflow's evals are made from, and what each should give.

Two kinds, both made by the project's own code (never corpus files):
- the workflow's sample (`<package>/sample/`, shipped in the wheel), copied without its
  README and truth file, which state its outcome (the KYC sample's demo list still
  applies: notes beside the documents are not part of what makes a copy the sample);
- in a source checkout, the generated cases under `fixtures/<package>/cases/` (the KYC
  packets), copied without their truth file, so an agent cannot read the answer.
A case's expectations come from its own truth: a case's `.expected.json` (the KYC case
format), a close's `.truth.json`, else the sections of its README (the earnings sample's
figures and seeded error).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.corpus import repository_root
from shared.export import text
from shared.workflows import WorkflowSpec

TRUTH_FILES = (".expected.json", ".truth.json")


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    truth: Path | None  # None: the README says what a run gives
    blind: bool  # the truth file is left out of the copy

    def files(self) -> list[Path]:
        """The case's files to copy, sorted; caches left out, and for a blind case what
        gives its answer away (its truth file, its README)."""
        # No links: a link in a case folder could bring in a file from anywhere (the corpus).
        return sorted(p for p in self.folder.rglob("*") if p.is_file() and not p.is_symlink()
                      and "__pycache__" not in p.parts and not (self.blind and self._answer(p)))

    def _answer(self, path: Path) -> bool:
        return path == self.truth or (path.parent == self.folder and path.name.upper().startswith("README"))

    def expectations(self) -> tuple[str, ...]:
        if self.truth is None:
            return readme_expectations(self.folder / "README.md")
        truth = json.loads(self.truth.read_text(encoding="utf-8"))
        if self.truth.name == ".truth.json":
            return text.lines("truth/close.txt.j2", case=self.name, **close_counts(truth))
        return text.lines("truth/kyc.txt.j2", case=self.name, truth=truth)


def workflow_cases(workflow: WorkflowSpec) -> list[Case]:
    return [*_sample(workflow), *_generated(workflow)]


def _sample(workflow: WorkflowSpec) -> Iterator[Case]:
    folder = workflow.sample_dir
    if workflow.on_sample and folder.is_dir():
        yield Case("sample", folder, _truth_file(folder), blind=True)


def _generated(workflow: WorkflowSpec) -> Iterator[Case]:
    repo = repository_root()
    cases = repo / "fixtures" / workflow.package / "cases" if repo is not None else None
    if cases is None or not cases.is_dir():
        return
    for folder in sorted(p for p in cases.iterdir() if p.is_dir()):
        truth = _truth_file(folder)
        if truth is not None:  # a case without its truth cannot be scored
            yield Case(folder.name, folder, truth, blind=True)


def _truth_file(folder: Path) -> Path | None:
    return next((folder / name for name in TRUTH_FILES if (folder / name).is_file()), None)


def close_counts(truth: dict[str, Any]) -> dict[str, Any]:
    """A close's truth as counts: matches by kind, the items left on each side by category."""
    return {
        "matches": dict(sorted(Counter(m["kind"] for m in truth["matches"]).items())),
        "bank_only": dict(sorted(Counter(i["category"] for i in truth["bank_only"]).items())),
        "ledger_only": dict(sorted(Counter(i["category"] for i in truth["ledger_only"]).items())),
        "truth": truth,
    }


def readme_expectations(readme: Path) -> tuple[str, ...]:
    """Each paragraph and table row of the README from its first `## ` section on, as one
    line of plain text: what the sample's author wrote that a run gives."""
    if not readme.is_file():
        return ()
    _, found, rest = readme.read_text(encoding="utf-8").partition("\n## ")
    body = found + rest
    items: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        items += _block_items(block)
    return tuple(items)


def _block_items(block: str) -> list[str]:
    rows = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]
    if rows and all(row.startswith("|") for row in rows):
        cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
        return [" | ".join(c) for c in cells[2:]]  # past the header and its --- row
    return [" ".join(rows).replace("**", "")] if rows else []  # bold marks are for a reader, not a grader
