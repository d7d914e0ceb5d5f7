"""Where the browser tests keep their screenshots, said at the end of the session's output
(a fixture's own print would be swallowed by pytest's capture)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTIFACTS_KEY = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """$FINAGENTS_ARTIFACTS when set (CI can keep it), else pytest's temporary folder;
    never the repo."""
    chosen = os.environ.get("FINAGENTS_ARTIFACTS")
    folder = (Path(chosen) if chosen else tmp_path_factory.getbasetemp() / "screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[ARTIFACTS_KEY] = folder
    return folder


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    folder = config.stash.get(ARTIFACTS_KEY, None)
    shots = sorted(p.name for p in folder.glob("*.png")) if folder else []
    if shots:
        terminalreporter.write_line(f"report screenshots ({', '.join(shots)}): {folder}")
