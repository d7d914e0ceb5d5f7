"""Loading screening lists, and the lists in force for a screening.

Formats: the OFAC legacy CSV sets (a folder, or any file of the set: sdn.csv,
alt.csv... or cons_prim.csv, cons_alt.csv...) and the UN consolidated XML. A list must
have a date, because the screening output says how old the list is: the UN XML prints
it (`dateGenerated`), and that date wins over any other; OFAC's CSVs print none, so
theirs comes from the publisher's server (`lists update`) or from the user (`--date`).

No list ships with the pack. The lists in force are the newest stored version of each
list (`kyc.screening.store`); a run on the pack's own sample uses the demo list instead
(`kyc.screening.demo`). With neither, screening stops with the command to run.
"""

from __future__ import annotations

from pathlib import Path

# `store` by module: it loads each stored version with `load_list` (a cycle resolved at call time)
from kyc.screening import demo, ofac_csv, store, un_xml
from kyc.screening.dates import check_date, stale_age
from kyc.screening.records import ListedName, ListEntry, ScreeningList, list_slug
from shared.errors import InputError

__all__ = [
    "NO_LISTS",
    "ListEntry",
    "ListedName",
    "ScreeningList",
    "check_date",
    "date_warning",
    "list_slug",
    "lists_in_force",
    "load_list",
    "require_lists",
    "stale_age",
]

FORMATS = "an OFAC legacy CSV set (sdn.csv or cons_prim.csv with its alt/add/comments files) or the UN consolidated XML"
NO_LISTS = ("no sanctions list is in force: run `finagents lists update` to download the official lists, "
            "or `finagents lists load FILE...` for files you downloaded")


def load_list(path: Path, *, date: str | None = None, date_origin: str = "declared") -> ScreeningList:
    """Read the list at `path`; `date` (YYYY-MM-DD) dates a file that prints none, and
    `date_origin` says where that date came from. A file that prints its own date is
    dated by it. Anything that is not a list format the pack reads, or a list with no
    entries, is an InputError naming `path`."""
    path = Path(path)
    if date is not None:
        check_date(date, path)
    if not path.exists():
        raise InputError(path, "does not exist")
    loaded = _load(path, date, date_origin)
    if not loaded.entries:
        raise InputError(path, f"holds no entries: it is not a usable {loaded.name} list")
    return loaded


def _load(path: Path, date: str | None, date_origin: str) -> ScreeningList:
    layout, folder = _csv_layout(path)
    if layout is not None:
        return ofac_csv.load_set(folder, layout, _declared(path, date), date_origin)
    if path.is_file() and _looks_like_xml(path):
        return un_xml.load_un(path)
    raise InputError(path, f"is not a list format the pack reads ({FORMATS})")


def date_warning(loaded: ScreeningList, declared: str | None) -> str | None:
    """The warning line for a declared date the file's own date overrules."""
    if declared is None or loaded.date_origin != "published" or declared == loaded.date:
        return None
    return (f"WARNING: {loaded.files[0]} prints its own date, {loaded.date}; the declared date {declared} "
            "is ignored")


def _csv_layout(path: Path) -> tuple[ofac_csv.CsvSet | None, Path]:
    if path.is_dir():
        layout = ofac_csv.set_in_folder(path)
        if layout is None and len(xmls := sorted(path.glob("*.xml"))) == 1:
            raise InputError(path, f"is a folder; give the list file itself ({xmls[0].name})")
        return layout, path
    return ofac_csv.set_named(path), path.parent


def _declared(path: Path, date: str | None) -> str:
    if date is None:
        raise InputError(path, "an OFAC CSV list prints no date of its own: give the date it was published "
                               "with --date YYYY-MM-DD")
    return date


def _looks_like_xml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def lists_in_force(engagement_root: Path | None, case: Path | None = None) -> tuple[ScreeningList, ...]:
    """The lists a screening uses: for a run on the pack's own sample (`case`), the demo
    list alone; otherwise the newest stored version of each list (in the engagement, or
    the user's data folder outside one). None at all is an InputError with the command."""
    if case is not None and demo.is_pack_sample(case):
        return (demo.demo_list(case),)
    found = store.lists_stored(engagement_root)
    if not found:
        raise InputError(store.lists_folder(engagement_root), NO_LISTS)
    return found


def require_lists(engagement_root: Path | None, case: Path | None = None) -> None:
    """The same refusal as `lists_in_force`, without reading any list: a run checks it
    before it spends time (or a model's tokens) on a case it could not screen."""
    if case is not None and demo.is_pack_sample(case):
        return
    if not store.has_stored_lists(engagement_root):
        raise InputError(store.lists_folder(engagement_root), NO_LISTS)
