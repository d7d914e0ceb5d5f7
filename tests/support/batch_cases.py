"""Folders of cases for the batch tests, made at test time from the pack's own samples and
the KYC case generator (never from the corpus), and reading what a batch left behind."""

from __future__ import annotations

import csv
import json
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLES = {name: REPO / name / "sample" for name in ("kyc", "month_end_close", "earnings_review")}


def copies(source: Path, folder: Path, names: Iterable[str]) -> Path:
    """`folder` holding a copy of `source` (a case folder or file) under each name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copyfile(source, folder / name)
    return folder


def generated_kyc_cases(out: Path) -> list[Path]:
    """The KYC case generator's committed cases, written afresh under `out`."""
    from tests.kyc.generated import generator

    names = generator().generate(out, None)
    return [out / name for name in names]


def kyc_cases(folder: Path, generated: list[Path], count: int) -> Path:
    """`count` cases `case-01`... taking the generated ones in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        shutil.copytree(generated[(number - 1) % len(generated)], folder / f"case-{number:02d}")
    return folder


def made_up_list_in_force(folder: Path) -> None:
    """A small sanctions list of made-up names in force in the user data folder (the
    children of a batch inherit the test's HOME): nobody in the generated cases is on it."""
    from kyc.screening.lists import load_list
    from kyc.screening.store import store_version
    from tests.kyc.made_lists import tiny_sdn

    sdn = tiny_sdn(folder, "QUARRINGTON, Zebulon", "VEXHOLLOW, Marisol")
    store_version(load_list(sdn, date="2026-11-01"), None, source="made up for a test")


def csv_rows(batch_dir: Path) -> list[dict[str, str]]:
    with (batch_dir / "batch.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def batch_json(batch_dir: Path) -> dict[str, Any]:
    return json.loads((batch_dir / "batch.json").read_text(encoding="utf-8"))


def only_batch(runs_dir: Path) -> Path:
    (found,) = sorted(runs_dir.glob("batch-*"))
    return found


def runs_by_input(runs_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Every run folder (one with a run.json) by the input it ran on: (run id, status)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for manifest in sorted(runs_dir.glob("*/run.json")):
        run = manifest.parent
        result = run / "result.json"
        status = json.loads(result.read_text())["status"] if result.is_file() else "running"
        found.setdefault(json.loads(manifest.read_text())["input_path"], []).append((run.name, status))
    return found


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def cases_done(batch_dir: Path) -> int:
    """How many cases batch.json says reached the gate (0 before it exists)."""
    try:
        cases = batch_json(batch_dir)["cases"]
    except (OSError, ValueError):
        return 0
    return sum(case["status"] == "awaiting_review" for case in cases)
