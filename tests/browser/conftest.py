"""The browser tests' shared fixtures: Chromium (skipping, with the reason, where it is
missing), one Playwright driver and one browser per session (each test opens its page in
a fresh context of its own: no cookie, cache or storage of another), one sample run per
workflow; and where the
tests keep their screenshots and printed PDFs, said at the end of the session's output (a
fixture's own print would be swallowed by pytest's capture)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.workflows import get_workflow
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, WORKFLOWS
from tests.support.shared_runs import shared_run

ARTIFACTS_KEY = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Skip, with the reason, where this machine cannot run the browser test."""
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium not installed: {CHROMIUM} missing; .ci/run installs it (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install -e '.[dev]' adds it")
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    """Debian's Chromium, launched once; a test opens `browser.new_context()`."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def sample_runs(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One run per workflow on its bundled sample, stopped at the gate with draft outputs,
    made only once Chromium is known to be there."""
    return {name: shared_run(name, get_workflow(name).sample_dir, tmp_path_factory) for name in WORKFLOWS}


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
    shots = sorted(p.name for p in [*folder.glob("*.png"), *folder.glob("*.pdf")]) if folder else []
    if shots:
        terminalreporter.write_line(f"report screenshots and printed PDFs ({', '.join(shots)}): {folder}")
