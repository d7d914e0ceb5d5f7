"""The adversarial corpus: bad inputs across the three workflows, the list loader and the
screen command, each fed to the real command in a process of its own.

Every case must end one of two ways: exit 2 with one last stderr line that starts
`finagents: ` and says what it expects, or exit 0 with a result.json holding the finding
it expects. None may exit 1 (a traceback), none may run past its time limit (a hang or a
bomb), and none may leave a run folder that looks finished when it was refused. The
process is forked from a server that has the pack imported (tests/support/forked.py):
as apart as a fresh one, without a second of imports for each case.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial import close_cases, earnings_cases, kyc_cases
from tests.adversarial.cases import Case
from tests.support.forked import run_finagents

TIME_LIMIT_SECONDS = 60


def builders() -> list[tuple[str, Callable[[Path], Case]]]:
    found = []
    for module in (earnings_cases, close_cases, kyc_cases):
        prefix = module.__name__.rsplit(".", 1)[-1].removesuffix("_cases")
        found += [(f"{prefix}:{name.removeprefix('case_')}", getattr(module, name))
                  for name in sorted(vars(module)) if name.startswith("case_")]
    return found


def test_the_corpus_holds_at_least_60_cases_across_every_part() -> None:
    names = [name for name, _ in builders()]
    assert len(names) >= 60, len(names)
    assert {name.split(":")[0] for name in names} == {"earnings", "close", "kyc"}


@pytest.mark.parametrize(("name", "build"), builders(), ids=[name for name, _ in builders()])
def test_a_bad_input_is_refused_in_one_line_or_found(name: str, build: Callable[[Path], Case], tmp_path: Path) -> None:
    case = build(tmp_path)
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "home" / "data")}
    try:
        done = run_finagents(case.argv, cwd=tmp_path, env=env, timeout=TIME_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {TIME_LIMIT_SECONDS} s")
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    assert done.returncode == case.expect_exit, f"exit {done.returncode}: {last or done.stdout[-500:]}"
    if case.expect_exit == 2:
        assert last.startswith("finagents: ") and case.expect_in_stderr in last, last
        assert "Traceback" not in done.stderr
        assert not _finished_looking_runs(tmp_path), "a refused input left a run that looks finished"
    elif "--out" in case.argv:  # a run: it stops at the review gate with the finding expected
        result = _result(case)
        assert result["status"] == "awaiting_review"
        codes = {f["code"] for f in result["findings"]}
        assert case.expect_finding is None or case.expect_finding in codes, sorted(codes)
    else:  # a command that answers on stdout (screen)
        assert done.stdout.strip() and "Traceback" not in done.stderr


def _result(case: Case) -> dict:
    out = Path(case.argv[case.argv.index("--out") + 1])
    return json.loads((out / "result.json").read_text())


def _finished_looking_runs(root: Path) -> list[Path]:
    return [p for p in root.rglob("result.json") if json.loads(p.read_text()).get("status") != "failed"]
