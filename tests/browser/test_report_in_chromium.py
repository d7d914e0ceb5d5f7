"""Each workflow's report as a reviewer opens it: report.html from disk in headless
Chromium, offline. It must load with no console or page errors, ask for nothing but
files of its own run folder, show every image, and name its run.

The report's content is tested elsewhere (tests/reports/); this is about what only a
browser shows. Screenshots are kept as test artifacts (see conftest.py: in
$FINAGENTS_ARTIFACTS when set, else in pytest's temporary folder); the session's
summary says where.

Chromium is Debian's package (`.ci/run` installs it); Playwright drives it through its
executable path, since Playwright's own browser download is not reachable from CI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from tests.browser.chromium import LOAD_TIMEOUT_MS, WORKFLOWS

# The report is one local file and what sits beside it; images may also be embedded.
LOCAL_SCHEMES = ("file:", "data:")
# The fixtures `chromium`, `browser` and `sample_runs` are in conftest.py, shared with
# the print test: one Playwright driver and one browser per session.


@dataclass
class PageLog:
    """Everything the page asked for or complained about while it loaded."""

    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str | None]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def listen(self, context: Any, page: Any) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", lambda request: self.failed.append((request.url, request.failure)))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))


def open_report(browser: Any, report: Path, screenshot: Path) -> tuple[PageLog, dict[str, Any]]:
    """Load the report in a fresh context (a profile of its own), screenshot the whole
    page, and read back what a reviewer would see: title, the page's header (else its
    first heading), and every image's state."""
    log = PageLog()
    context = browser.new_context()
    try:
        # Anything not local is refused before it leaves (and still recorded above).
        context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
        page = context.new_page()
        log.listen(context, page)
        page.goto(report.as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
        # Evidence images load lazily, as a reviewer scrolls to them; every one must
        # load, so each is asked for now, and the screenshot then shows them all.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=LOAD_TIMEOUT_MS)
        page.screenshot(path=str(screenshot), full_page=True)
        seen = page.evaluate("""() => ({
            url: location.href, ready: document.readyState, title: document.title,
            heading: (document.querySelector('header') || document.querySelector('h1') || {}).innerText || '',
            images: Array.from(document.images).map(i => ({src: i.currentSrc || i.src, width: i.naturalWidth})),
        })""")
    finally:
        context.close()
    return log, seen


def outside_run(url: str, run_dir: Path) -> bool:
    """A request that is not data: nor a file:// inside the run folder."""
    if url.startswith("data:"):
        return False
    if not url.startswith("file://"):
        return True
    path = Path(unquote(urlparse(url).path)).resolve()
    return not path.is_relative_to(run_dir.resolve())


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_report_opens_offline_in_chromium(workflow, browser, sample_runs, artifacts) -> None:
    run_dir = sample_runs[workflow]
    run_id = json.loads((run_dir / "result.json").read_text())["run_id"]
    report = (run_dir / "report.html").resolve()
    screenshot = artifacts / f"{workflow}.png"

    log, seen = open_report(browser, report, screenshot)

    assert seen["url"] == report.as_uri() and seen["ready"] == "complete"
    assert log.page_errors == [] and log.console_errors == []
    assert log.failed == []
    assert log.requests and log.requests[0] == report.as_uri()
    assert [url for url in log.requests if outside_run(url, run_dir)] == []
    assert run_id in seen["title"] and run_id in seen["heading"]
    assert [image["src"] for image in seen["images"] if image["width"] == 0] == []
    # A real PNG of the whole page, at least as wide as the default viewport.
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(screenshot.read_bytes()[16:20], "big") >= 1280


def test_the_checks_catch_a_broken_report(browser, tmp_path) -> None:
    """The same checks on a page that does each thing wrong once: a missing evidence
    image, a remote one, a script error and a console error. Each must be seen, and the
    remote request refused before it leaves."""
    from PIL import Image

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    Image.new("RGB", (4, 3), "red").save(run_dir / "evidence.png")
    report = run_dir / "report.html"
    report.write_text("<!doctype html><title>run-1</title><h1>run-1</h1>"
                      '<img src="evidence.png"><img src="missing.png"><img src="https://example.com/x.png">'
                      "<script>console.error('boom'); undefined_function();</script>")

    log, seen = open_report(browser, report, tmp_path / "broken.png")

    assert [(Path(i["src"]).name, i["width"]) for i in seen["images"]] == [
        ("evidence.png", 4), ("missing.png", 0), ("x.png", 0)]
    assert [url for url in log.requests if outside_run(url, run_dir)] == ["https://example.com/x.png"]
    assert sorted(Path(url).name for url, _ in log.failed) == ["missing.png", "x.png"]
    assert any("boom" in text for text in log.console_errors)
    assert any("undefined_function" in text for text in log.page_errors)
