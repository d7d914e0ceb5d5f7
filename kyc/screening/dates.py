"""A list's date: checked when given, read from a server's Last-Modified header, aged.

Every list in force has a date, because the screening output says how old the list is.
Where it came from is kept beside it (`DATE_ORIGINS`), and result.json says which.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from pathlib import Path

from shared.errors import InputError

# "published": printed in the file itself (the UN XML's dateGenerated); "last_modified":
# the publisher's server said when the file last changed (OFAC's CSVs print no date);
# "declared": given by the user who loaded the file (`lists load --date`).
DATE_ORIGINS = ("published", "last_modified", "declared")
# A list older than this many days is said to be stale, by `screen` and on every run.
STALE_AFTER_DAYS = 90


def check_date(date: str, source: str | Path) -> str:
    """`date` if it is a real YYYY-MM-DD date, else an InputError naming `source`."""
    try:
        if len(date) == 10:
            dt.date.fromisoformat(date)
            return date
    except ValueError:
        pass
    raise InputError(source, f"date '{date}' is not a date in the form YYYY-MM-DD")


def last_modified_date(header: str | None) -> str | None:
    """The UTC day of an HTTP Last-Modified value ('Tue, 06 Jan 2026 14:02:11 GMT'), or
    None when there is none or it cannot be read."""
    if not header:
        return None
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; an unzoned one is read as such
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).date().isoformat()


def stale_age(list_date: str, today: dt.date) -> int | None:
    """The list's age in days when it is older than STALE_AFTER_DAYS, else None."""
    age = (today - dt.date.fromisoformat(list_date)).days
    return age if age > STALE_AFTER_DAYS else None
