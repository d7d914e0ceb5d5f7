"""LangGraph's Postgres saver, for runs whose checkpoints FINAGENTS_CHECKPOINTER sends to a
database (several processes or machines, a firm's server) instead of a SQLite file.

Only shared/runs/checkpoint.py imports this module, and only for a run kept in Postgres:
psycopg loads libpq and its native libraries, which a run on SQLite never needs.

The connection string may hold a password. It is taken from the environment each time a
run is opened and kept nowhere; a database is named by `host:port/dbname` alone, and a
message that quotes the server's words has the password masked.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from langgraph.checkpoint.postgres import PostgresSaver
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow, dict_row

from shared.errors import InputError

VARIABLE = "FINAGENTS_CHECKPOINTER"
SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10
# Runs starting at once on a database the saver has not set up yet (a batch) would each run
# its migrations, and all but the first would fail recording them; they take turns instead.
_SETUP_LOCK = zlib.crc32(b"finagents: PostgresSaver.setup")
SETUP_POLL_S = 0.05


def database_at(url: str) -> str:
    """`host:port/dbname` of the database `url` reaches, as the server reports it (libpq
    fills in what the URL leaves out)."""
    with _connect(url) as connection:
        return _where(connection)


@contextmanager
def open_postgres(expected: str, url: str | None, serde: Any, run_id: str, *,
                  create: bool) -> Iterator[PostgresSaver]:
    """A PostgresSaver on `expected`, the run's database, reached through `url`. A new run
    (`create`) sets the saver's tables up; an existing one must find its thread there."""
    if not url:
        raise InputError(VARIABLE, f"is not set, but this run keeps its checkpoints in Postgres at {expected}: "
                                   "set it to a postgresql:// URL of that database")
    with _connect(url) as connection:
        where = _where(connection)
        if where != expected:
            raise InputError(VARIABLE, f"points at {where}, but this run keeps its checkpoints in Postgres at "
                                       f"{expected}: set it to a postgresql:// URL of that database")
        saver = PostgresSaver(connection, serde=serde)
        if create:
            _set_up(saver, connection)
        elif not _holds(saver, run_id):
            raise InputError(run_id, f"has no checkpoints in Postgres at {expected} (deleted there, or the run "
                                     "stopped before its first step); start a new run")
        yield saver


def _connect(url: str) -> psycopg.Connection[DictRow]:
    # The saver's own settings (as its from_conn_string makes them): each statement
    # committed as it runs, dict rows, no server-side prepared statements.
    shown = _shown(url)
    try:
        return psycopg.Connection.connect(url, autocommit=True, prepare_threshold=0, row_factory=dict_row,
                                          connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as error:
        raise InputError(VARIABLE, f"cannot connect to {shown}: {_masked(error, url)}") from None


def _shown(url: str) -> str:
    """The database `url` names, for a message, without reaching it."""
    if not url.startswith(SCHEMES):
        raise InputError(VARIABLE, "is not a postgresql:// URL")
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:  # its message may quote the URL, password and all
        raise InputError(VARIABLE, "is not a valid postgresql:// URL") from None
    return (f"{parts.get('host') or 'the default host'}:{parts.get('port') or 'the default port'}/"
            f"{parts.get('dbname') or 'the default database'}")


def _masked(error: psycopg.Error, url: str) -> str:
    text = " ".join(str(error).split())  # libpq's message runs over several lines
    password = conninfo_to_dict(url).get("password")
    return text.replace(str(password), "***") if password else text


def _where(connection: psycopg.Connection[DictRow]) -> str:
    info = connection.info
    return f"{info.host}:{info.port}/{info.dbname}"


def _set_up(saver: PostgresSaver, connection: psycopg.Connection[DictRow]) -> None:
    # Asked for again and again, not waited on: the migrations' CREATE INDEX CONCURRENTLY
    # waits for every open transaction, and a session blocked in pg_advisory_lock is one
    # (Postgres reports the deadlock).
    while not _took_lock(connection):
        time.sleep(SETUP_POLL_S)
    try:
        saver.setup()
    finally:
        connection.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))


def _took_lock(connection: psycopg.Connection[DictRow]) -> bool:
    row = connection.execute("SELECT pg_try_advisory_lock(%s) AS held", (_SETUP_LOCK,)).fetchone()
    return bool(row and row["held"])


def _holds(saver: PostgresSaver, run_id: str) -> bool:
    try:
        return saver.get_tuple({"configurable": {"thread_id": run_id}}) is not None
    except psycopg.errors.UndefinedTable:  # a database no run has been kept in yet
        return False
