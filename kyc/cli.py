"""`finagents screen ...`, `finagents lists update` and `finagents lists load ...`:
sanctions screening from the command line, and keeping the lists it screens against
current. The work is in `kyc.screening`; these are the commands around it.

The screening modules (rapidfuzz, pydantic, the list parsers) are imported inside the
commands, so `finagents --help` stays light.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from shared.cli.common import EngagementOption, engagement_in_force

if TYPE_CHECKING:
    from decimal import Decimal

    from kyc.screening.engine import Hit, Query
    from kyc.screening.records import ScreeningList

CSV_COLUMNS = ("id", "name", "type", "dob", "country")
PROGRESS_FROM = 50  # a bar for fewer names would flash and vanish


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage, usage_forms

    screen_usage = usage_forms("[OPTIONS] NAME...", "[OPTIONS] --file NAMES.csv")
    app.command("screen", cls=screen_usage,
                help="Screen names against the sanctions lists in force; prints hits with their breakdown.")(screen)
    group = typer.Typer(no_args_is_help=True)
    group.command("update", cls=PlainUsage,
                  help="Download the official lists from their publishers, check, date and store them.")(update)
    group.command("load", cls=PlainUsage, help="Validate list files you downloaded and store them for screening "
                                               "(engagement or user data folder).")(load)
    app.add_typer(group, name="lists", help="Keep the sanctions lists current: download or load them.")


def screen(
    names: list[str] | None = typer.Argument(
        None, metavar="NAME", help='A name to screen, in quotes when it has spaces: "Acme Trading Ltd".'),
    kind: str | None = typer.Option(None, "--type", metavar="individual|entity",
                                       help="What the names are: people (individual) or companies and other "
                                            "bodies (entity); a listed entry of another kind scores lower."),
    dob: str | None = typer.Option(None, "--dob", metavar="DATE",
                                      help="Date of birth, YYYY, YYYY-MM or YYYY-MM-DD; compared with listed ones."),
    country: str | None = typer.Option(None, "--country", metavar="COUNTRY",
                                          help="Country as an ISO 3166 code (GB, GBR) or its name (United "
                                               "Kingdom, UK); compared with listed ones."),
    threshold: str = typer.Option("85", "--threshold", metavar="SCORE", help="Lowest score reported, 0 to 100."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line on stdout; list notes on stderr."),
    file: Path | None = typer.Option(None, "--file", metavar="NAMES.csv",
                                        help="Screen every row of a CSV with columns id, name, type, dob, country "
                                             "(only name is required; country as a code or a name) instead of "
                                             "NAME..."),
    engagement: Path | None = EngagementOption,
) -> None:
    from kyc.screening.engine import Screener
    from kyc.screening.lists import lists_in_force
    from shared.errors import InputError

    if bool(names) == bool(file):
        raise InputError("screen", "give the names to screen (NAME...) or a file of them (--file NAMES.csv), "
                                   "one or the other")
    queries = _queries_from_file(file) if file else _queries_from_options(names or [], kind, dob, country)
    at = _threshold(threshold)  # every option is checked before the lists are read
    lists = lists_in_force(engagement_in_force(engagement).root)
    _list_notes(lists, sys.stderr if as_json else sys.stdout)
    screener = Screener(lists, threshold=at)
    for query, hits in _screen_all(screener, queries, show_progress=file is not None):
        if as_json:
            typer.echo(json.dumps({"query": query.to_json(), "hits": [h.to_json() for h in hits]}, ensure_ascii=False))
        else:
            typer.echo(_human(query, hits, screener.threshold))
        # Each result as soon as it is known: a long file shows its first hits at once,
        # and a pipe reading the output is not kept waiting until the end.
        sys.stdout.flush()


def _threshold(text: str) -> Decimal:
    from decimal import Decimal, InvalidOperation

    from shared.errors import InputError

    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= 100:
        raise InputError("--threshold", f"'{text}' is not a number from 0 to 100")
    return value


def _queries_from_options(names: list[str], kind: str | None, dob: str | None, country: str | None) -> list[Query]:
    from kyc.screening import engine
    from shared.errors import InputError

    checks = (("--type", kind, engine.check_type), ("--dob", dob, engine.check_dob),
              ("--country", country, engine.check_country))
    for option, value, check in checks:
        if value is not None:
            try:
                check(value)
            except ValueError as exc:
                raise InputError(option, str(exc)) from None
    for name in names:
        if not name.strip():
            raise InputError("NAME", "a name to screen is empty")
    return [engine.Query(name, type=kind, dob=dob, country=country) for name in names]


def _queries_from_file(path: Path) -> list[Query]:
    """Every row checked before anything is screened: a bad row is exit 2 naming it."""
    import csv
    import io

    from shared.documents.decoding import decode_text
    from shared.errors import InputError

    if not path.is_file():
        raise InputError(path, "does not exist")
    # UTF-8 with or without a BOM, or UTF-16 with one (Excel's "Unicode text").
    reader = csv.DictReader(io.StringIO(decode_text(path, path.read_bytes(), expected="a CSV file"), newline=""))
    queries: list[Query] = []
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        _check_header(path, header)
        reader.fieldnames = header
        for number, row in enumerate(reader, 1):
            queries.append(_row_query(path, number, row))
    except csv.Error as exc:
        raise InputError(path, f"row {len(queries) + 1}: not readable as CSV ({exc})") from None
    return queries


def _check_header(path: Path, header: list[str]) -> None:
    from shared.errors import InputError

    if "name" not in header:
        raise InputError(path, f"has no 'name' column (its columns: {', '.join(header) or 'none'})")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise InputError(path, f"column '{unknown[0]}' is not one of {', '.join(CSV_COLUMNS)}")


def _row_query(path: Path, number: int, row: dict) -> Query:
    """Row numbers are 1-based with the header excluded, as in CSV citations."""
    from kyc.screening import engine
    from shared.errors import InputError

    values = {key: (row.get(key) or "").strip() or None for key in CSV_COLUMNS}
    checks = {"type": engine.check_type, "dob": engine.check_dob, "country": engine.check_country}
    column = ""
    try:
        name = _non_empty(values["name"])
        for column, check in checks.items():
            given = values[column]
            values[column] = check(given) if given is not None else None
    except ValueError as exc:
        raise InputError(path, f"row {number} column '{column or 'name'}': {exc}") from None
    return engine.Query(name, type=values["type"], dob=values["dob"], country=values["country"], id=values["id"])


def _non_empty(value: str | None) -> str:
    if not value:
        raise ValueError("the name is empty")
    return value


def _screen_all(screener, queries: list[Query], show_progress: bool) -> Iterator[tuple[Query, tuple[Hit, ...]]]:
    """Each query with its hits, screened one at a time as the caller asks for them."""
    if not (show_progress and len(queries) >= PROGRESS_FROM and sys.stderr.isatty()):
        yield from ((query, screener.screen(query)) for query in queries)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("screening", total=len(queries))
        for query in queries:
            yield query, screener.screen(query)
            bar.advance(task)


def _list_notes(lists: tuple[ScreeningList, ...], stream) -> None:
    """Which lists were used and how old they are; a stale list is said loudly."""
    import datetime as dt

    from kyc.screening.dates import stale_age

    today = dt.date.today()
    for item in lists:
        print(f"list: {item.name}, {len(item.entries)} entries, dated {item.date} ({item.date_origin}), "
              f"sha256 {item.sha256}", file=stream)
        age = stale_age(item.date, today)
        if age is not None:
            print(f"WARNING: {item.name} list dated {item.date} is {age} days old: "
                  "get a current one with `finagents lists update`", file=stream)


def _human(query: Query, hits: tuple[Hit, ...], threshold: Decimal) -> str:
    facts = ", ".join(f"{k} {v}" for k, v in query.to_json().items() if k not in ("name", "id"))
    lines = [f"\n{query.name}" + (f" ({facts})" if facts else "") + f": {len(hits)} hit{'s' * (len(hits) != 1)}"]
    if not hits:
        lines.append(f"  no hits at or above {threshold}")
    for hit in hits:
        lines.append(f"  {hit.score:>5}  {hit.list} entry {hit.entry_id}: {hit.matched_name}  [{hit.id}]")
        for field, row in hit.breakdown.items():
            lines.append(f"         {field:8} {row.score:>5} x {row.weight:<4} "
                         f"query {row.query!r}, listed {row.listed!r}")
    return "\n".join(lines)


def update(
    lists: str | None = typer.Option(None, "--list", metavar="LIST,...",
                                        help="Which lists, comma-separated: ofac-sdn, ofac-consolidated, un "
                                             "(default: all three)."),
    engagement: Path | None = EngagementOption,
) -> None:
    from kyc.screening.update import update_lists

    for line in update_lists(lists, engagement_in_force(engagement).root, _progress):
        typer.echo(line)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def load(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="List files: an OFAC sdn.csv/cons_prim.csv set "
                                                                "(or its folder), the UN XML."),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                       help="The list's publication date, for files that print none (OFAC CSV)."),
    force: bool = typer.Option(False, "--force", help="Store a list with nameless entries, or with under half "
                                                       "the entries of the one in force."),
    engagement: Path | None = EngagementOption,
) -> None:
    from kyc.screening.loading import load_files

    outcome = load_files(files, date, engagement_in_force(engagement).root, force=force)
    for warning in outcome.warnings:
        print(warning, file=sys.stderr)
    for line in outcome.lines:
        typer.echo(line)
