"""Downloading a publisher's file: one way for `make corpus` and `finagents lists update`.

A download is written beside its destination and renamed into place only once it is
complete, so an interrupted or truncated transfer never leaves a file that looks whole.
Every request names the pack in its User-Agent (the SEC refuses anonymous clients; set
FINAGENTS_CONTACT to an e-mail address to add one, as its fair-access policy asks).

FINAGENTS_MIRROR=http://127.0.0.1:8080 sends every request to that prefix instead,
keeping the host in the path (`https://www.example.gov/a/b.csv` is fetched as
`http://127.0.0.1:8080/www.example.gov/a/b.csv`): a local mirror for machines without
internet, and the loopback server the tests use.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from shared import __version__
from shared.errors import InputError

MIRROR_ENV = "FINAGENTS_MIRROR"
CONTACT_ENV = "FINAGENTS_CONTACT"
CHUNK = 1 << 16
TIMEOUT_SECONDS = 60


class FetchError(InputError):
    """A download that failed or is not what was asked for; `source` is the URL."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the publisher's URL, not the mirror's
    path: Path
    sha256: str
    size: int
    last_modified: str | None  # the server's Last-Modified header, as sent
    content_type: str | None


def mirrored(url: str, environ: Mapping[str, str] | None = None) -> str:
    """`url` as it is requested: through FINAGENTS_MIRROR when that is set."""
    environ = os.environ if environ is None else environ
    mirror = environ.get(MIRROR_ENV, "").rstrip("/")
    if not mirror:
        return url
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror}/{parts.netloc}{parts.path}{query}"


def user_agent(environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    contact = environ.get(CONTACT_ENV, "").strip()
    return f"finagents/{__version__} (finance agent templates; corpus and sanctions-list download)" + (
        f" {contact}" if contact else "")


def fetch(url: str, dest: Path, *, environ: Mapping[str, str] | None = None,
          progress: Callable[[int, int | None], None] | None = None) -> Fetched:
    """Download `url` to `dest` (replaced only when the transfer is complete); any
    failure is a FetchError naming the URL. `progress(done, total)` follows the bytes."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.part")
    request = urllib.request.Request(mirrored(url, environ), headers={"User-Agent": user_agent(environ)})
    try:
        fetched = _transfer(url, request, partial, progress)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        raise FetchError(url, _reason(exc)) from None
    except FetchError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(dest)
    return Fetched(url, dest, fetched.sha256, fetched.size, fetched.last_modified, fetched.content_type)


def _transfer(url: str, request: urllib.request.Request, partial: Path,
              progress: Callable[[int, int | None], None] | None) -> Fetched:
    digest, size = hashlib.sha256(), 0
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response, partial.open("wb") as out:
        total = _length(response.headers.get("Content-Length"))
        while chunk := response.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(size, total)
        headers = response.headers
    if total is not None and size != total:
        raise FetchError(url, f"download stopped after {size} of {total} bytes")
    return Fetched(url, partial, digest.hexdigest(), size, headers.get("Last-Modified"), headers.get("Content-Type"))


def _length(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _reason(exc: BaseException) -> str:
    # http.client's IncompleteRead surfaces as a ValueError subclass with a bare repr.
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"could not connect ({exc.reason})"
    if type(exc).__name__ == "IncompleteRead":
        return "the download stopped before the end (the server closed the connection)"
    return f"could not download ({exc})"

