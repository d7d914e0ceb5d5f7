"""The browser the report tests drive: Debian's Chromium (`.ci/run` installs it), through
Playwright by its executable path, since Playwright's own browser download is not
reachable from CI."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WORKFLOWS = ("earnings_review", "kyc", "month_end_close")
LOAD_TIMEOUT_MS = 30_000
