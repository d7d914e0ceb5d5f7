"""Runs made once and shared by several tests (a module- or session-scoped fixture).

Such a fixture lives outside the autouse per-test harness of tests/conftest.py (private
home and working folder), so it makes the same privacy itself while the run is made:
a run must not read the user's loaded sanctions lists, settings or API key. The runs
are offline, so no socket is opened at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PRIVATE_VARIABLES = ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "FINAGENTS_MODEL", "FINAGENTS_BUDGET_USD",
                     "FINAGENTS_CHECKPOINTER")


@contextmanager
def private_home(folder: Path) -> Iterator[Path]:
    """HOME, the XDG folders and the working folder inside `folder`, for the block."""
    home, work = folder / "home", folder / "work"
    home.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        for name in PRIVATE_VARIABLES:
            patch.delenv(name, raising=False)
        patch.chdir(work)
        yield work


def run_to_gate(workflow: str, input_path: Path, folder: Path) -> Path:
    """`finagents run WORKFLOW INPUT --out folder/run`, offline, stopped at the gate."""
    from shared.cli import main

    run_dir = folder / "run"
    with private_home(folder):
        status = main(["run", workflow, str(input_path), "--out", str(run_dir), "--model", "offline"])
    assert status == 0, f"{workflow} on {input_path} exited {status}"
    return run_dir


_made: dict[tuple[str, Path], Path] = {}


def shared_run(workflow: str, input_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run of `workflow` on `input_path` at its gate, made once per test session for
    every module that asks (a run takes seconds; reading it, milliseconds). Read it only:
    a test that reviews or edits a run works on a copy (`shutil.copytree`; a run made
    with --out holds its own checkpoint database, so the copy is the same run)."""
    key = (workflow, input_path.resolve())
    if key not in _made:
        _made[key] = run_to_gate(workflow, input_path, tmp_path_factory.mktemp(f"shared-{workflow}"))
    return _made[key]
