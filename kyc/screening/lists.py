"""Loading screening lists: the format is detected, the date is known or refused.

Formats: the OFAC legacy CSV sets (a folder, or any file of the set: sdn.csv,
alt.csv... or cons_prim.csv, cons_alt.csv...) and the UN consolidated XML. A list must
have a date, because the screening output says how old the list is: the UN XML prints
it (`dateGenerated`); OFAC's CSVs do not, so their date must be declared (`--date`, or
`lists.toml` for the pack's own snapshots).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from kyc.screening import ofac_csv, un_xml
from kyc.screening.records import ListedName, ListEntry, ScreeningList, list_slug
from shared.errors import InputError

__all__ = ["ListedName", "ListEntry", "ScreeningList", "list_slug", "load_list", "pack_lists", "lists_in_force", "PACK_LISTS"]

PACK_LISTS = Path(__file__).resolve().parents[1] / "data" / "lists"
# A list older than this many days is said to be stale, by `screen` and on every run.
STALE_AFTER_DAYS = 90
FORMATS = "an OFAC legacy CSV set (sdn.csv or cons_prim.csv with its alt/add/comments files) or the UN consolidated XML"


def load_list(path: Path, *, date: str | None = None) -> ScreeningList:
    """Read the list at `path`; `date` (YYYY-MM-DD) is its publication date when the
    file prints none. Anything that is not a list format the pack reads is an
    InputError naming `path`."""
    path = Path(path)
    if date is not None:
        check_date(date, path)
    if not path.exists():
        raise InputError(path, "does not exist")
    layout, folder = _csv_layout(path)
    if layout is not None:
        return ofac_csv.load_set(folder, layout, _declared(path, date))
    if path.is_file() and _looks_like_xml(path):
        return un_xml.load_un(path, date)
    raise InputError(path, f"is not a list format the pack reads ({FORMATS})")


def _csv_layout(path: Path) -> tuple[ofac_csv.CsvSet | None, Path]:
    if path.is_dir():
        layout = ofac_csv.set_in_folder(path)
        if layout is None and len(xmls := sorted(path.glob("*.xml"))) == 1:
            raise InputError(path, f"is a folder; give the list file itself ({xmls[0].name})")
        return layout, path
    return ofac_csv.set_named(path), path.parent


def _declared(path: Path, date: str | None) -> str:
    if date is None:
        raise InputError(path, "an OFAC CSV list prints no date of its own: give the date it was published with --date YYYY-MM-DD")
    return date


def _looks_like_xml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def check_date(date: str, source: str | Path) -> str:
    """`date` if it is a real YYYY-MM-DD date, else an InputError naming `source`."""
    try:
        if len(date) == 10:
            dt.date.fromisoformat(date)
            return date
    except ValueError:
        pass
    raise InputError(source, f"date '{date}' is not a date in the form YYYY-MM-DD")


@cache
def pack_lists() -> tuple[ScreeningList, ...]:
    """The snapshots shipped with the pack, parsed once per process."""
    with (PACK_LISTS / "lists.toml").open("rb") as handle:
        declared = tomllib.load(handle)["list"]
    return tuple(load_list(PACK_LISTS / item["path"], date=item.get("date")) for item in declared)


def lists_in_force(engagement_root: Path | None) -> tuple[ScreeningList, ...]:
    """The pack's snapshots, each replaced by a list of the same name stored with
    `finagents lists load` (in the engagement, or the user's data folder outside one)."""
    from kyc.screening.store import stored_lists

    stored = {item.name: item for item in stored_lists(engagement_root)}
    pack = [stored.pop(item.name, item) for item in pack_lists()]
    return tuple(pack) + tuple(stored.values())


def stale_age(list_date: str, today: dt.date) -> int | None:
    """The list's age in days when it is older than STALE_AFTER_DAYS, else None."""
    age = (today - dt.date.fromisoformat(list_date)).days
    return age if age > STALE_AFTER_DAYS else None
