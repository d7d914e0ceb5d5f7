"""`finagents lists update`: the official files downloaded from their publishers,
checked, dated and stored as a new version of each list.

Every list asked for is downloaded and read before any is stored, so a failure stores
nothing. A file that is empty, an HTML page (an error or sign-in page served with
status 200), cut short, or not in the list's format is refused, naming its URL. The UN
XML is dated by its own `dateGenerated`; OFAC's CSVs print no date, so a set is dated by
the newest Last-Modified its server sent (a file sent without one cannot be dated, and
is refused). A download identical to a stored version stores nothing and says so.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from kyc.screening.dates import last_modified_date
from kyc.screening.lists import load_list
from kyc.screening.loading import describe
from kyc.screening.records import ScreeningList
from kyc.screening.sources import Source, chosen
from kyc.screening.store import store_version
from shared.errors import InputError
from shared.fetch import Fetched, fetch

_HTML = (b"<!doctype html", b"<html")


def update_lists(option: str | None, engagement_root: Path | None, say: Callable[[str], None],
                 now: dt.datetime | None = None) -> list[str]:
    """Download the lists `option` names (all by default); one line per list stored.
    `say` gets a progress line per file."""
    wanted = chosen(option)
    with tempfile.TemporaryDirectory(prefix="finagents-lists-") as tmp:
        downloaded = [(source, download(source, Path(tmp) / source.key, say)) for source in wanted]
        stored = [store_version(item, engagement_root, source=source_text(source), now=now)
                  for source, item in downloaded]
        return [describe(s, engagement_root) for s in stored]


def download(source: Source, folder: Path, say: Callable[[str], None]) -> ScreeningList:
    fetched = []
    for item in source.files:
        say(f"downloading {item.url}")
        got = fetch(item.url, folder / item.file)
        check_content(got)
        fetched.append(got)
    return _read(source, folder, fetched)


def check_content(got: Fetched) -> None:
    with got.path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise InputError(got.url, "is empty; nothing stored")
    if head[:16].lower().startswith(_HTML):
        raise InputError(got.url, f"is a web page (HTML, {got.content_type or 'no content type'}), not the list "
                                  "file: the publisher may be down or moved it; nothing stored")


def _read(source: Source, folder: Path, fetched: list[Fetched]) -> ScreeningList:
    primary = fetched[0]
    # The UN XML prints its date; OFAC's CSVs are dated by their server.
    served = None if primary.path.suffix.lower() == ".xml" else _served_date(fetched)
    try:
        item = load_list(primary.path, date=served, date_origin="last_modified")
    except InputError as exc:
        url = next((f.url for f in fetched if str(f.path) == exc.source), primary.url)
        raise InputError(url, f"{exc.problem.replace(str(folder) + os.sep, '')}; nothing stored") from None
    if item.name != source.name:
        raise InputError(primary.url, f"holds the {item.name} list, not {source.name}; nothing stored")
    return item


def _served_date(fetched: list[Fetched]) -> str:
    """The newest Last-Modified of the set: the day its last file changed."""
    dates = []
    for got in fetched:
        day = last_modified_date(got.last_modified)
        if day is None:
            raise InputError(got.url, "was sent without a Last-Modified date and prints none itself, so the list "
                                      "cannot be dated: download it yourself and load it with `finagents lists load "
                                      "FILE... --date YYYY-MM-DD`; nothing stored")
        dates.append(day)
    return max(dates)


def source_text(source: Source) -> str:
    urls = [f.url for f in source.files]
    if len(urls) == 1:
        return f"downloaded from {urls[0]}"
    prefix = os.path.commonprefix(urls)  # noqa: RUF071 (URLs, not paths: the common characters, cut back to the last '/')
    prefix = prefix[: prefix.rfind("/") + 1]
    return f"downloaded from {prefix} ({', '.join(u[len(prefix):] for u in urls)})"
