"""An iXBRL filing printed to PDF by headless Chromium, as a reader of the filing would.

The PDF carries the filing's content, so it is made when the evaluation runs and kept in a
cache folder, never in the project. Chromium lays pages out differently from one version
to the next, so the cache key is the HTML file's sha256 and the browser's version, and the
evaluation records the version with its figures.

Debian's `chromium` is the browser (`.ci/run` installs it); where it is missing the
printed cases are skipped with a line saying so, never failed.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.corpus import cache_home
from shared.errors import InputError

CHROMIUM = Path("/usr/bin/chromium")
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--disable-background-networking", "--no-first-run")
TIMEOUT_S = 180
_VERSION = re.compile(r"\b(\d+(?:\.\d+){1,3})\b")


class PrintFailed(InputError):
    pass


@dataclass(frozen=True)
class Browser:
    path: Path
    version: str  # "Chromium 150.0.7871.100"

    @property
    def number(self) -> str:
        return self.version.rsplit(" ", 1)[-1]


def find_browser(path: Path = CHROMIUM) -> Browser | None:
    """The installed Chromium and its version, or None when it is not there."""
    if not path.is_file():
        return None
    done = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=60, check=False)
    match = _VERSION.search(done.stdout)
    return Browser(path, f"Chromium {match.group(1)}") if match else None


def missing_line(path: Path = CHROMIUM) -> str:
    return (f"printed iXBRL cases skipped: Chromium not found at {path} "
            "(.ci/run installs it: apt-get install chromium)")


def default_cache(environ: Mapping[str, str] | None = None) -> Path:
    """~/.cache/finagents/printed (or under XDG_CACHE_HOME)."""
    return cache_home(environ) / "printed"


def printed_pdf(html: Path, browser: Browser, cache: Path) -> Path:
    """The filing as Chromium prints it: from the cache when this file and this browser
    version printed it before, else printed now."""
    digest = hashlib.sha256(html.read_bytes()).hexdigest()
    out = cache / f"{html.stem}-{digest[:16]}-chromium-{browser.number}.pdf"
    if not out.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        _print(html, browser, out)
    return out


def _print(html: Path, browser: Browser, out: Path) -> None:
    partial = out.with_suffix(".part")
    # A profile of its own: the user's (or another run's) must not change the layout.
    with tempfile.TemporaryDirectory(prefix="finagents-chromium-") as profile:
        command = [str(browser.path), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={partial}",
                   html.resolve().as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise PrintFailed(html, f"{browser.version} did not print it within {TIMEOUT_S} s") from None
    if not partial.is_file() or partial.read_bytes()[:5] != b"%PDF-":
        partial.unlink(missing_ok=True)
        raise PrintFailed(html, f"{browser.version} printed no PDF")
    partial.replace(out)
