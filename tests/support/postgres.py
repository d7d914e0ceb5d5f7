"""A throwaway PostgreSQL cluster for the tests of the Postgres checkpointer.

Debian's server binaries (`apt-get install postgresql`: /usr/lib/postgresql/<version>/bin)
make a cluster in a temporary folder and start it on a free loopback port; it is stopped
and removed when the session ends. The server refuses to run as root, so under root (CI,
this machine) the binaries run as the `postgres` user through `runuser`, and that user
owns the folder. Where something is missing the tests skip with one line saying what; with
FINAGENTS_REQUIRE_POSTGRES=1 (CI sets it) they fail instead, so CI never passes by skipping.

The cluster has a role with a password (TCP connections must give it, as a real server's
would), a database for the runs and another one for a run pointed at the wrong database.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

BIN_GLOB = "/usr/lib/postgresql/*/bin"
REQUIRE = "FINAGENTS_REQUIRE_POSTGRES"
SERVER_USER = "postgres"
ROLE = "finagents"
PASSWORD = "Lb7-loopback-Zq93-not-a-secret"
DATABASES = ("finagents", "other")


@dataclass(frozen=True)
class Cluster:
    port: int

    def url(self, database: str = "finagents", password: str = PASSWORD) -> str:
        return f"postgresql://{ROLE}:{password}@127.0.0.1:{self.port}/{database}"

    def at(self, database: str = "finagents") -> str:
        """The database as a run's manifest names it."""
        return f"127.0.0.1:{self.port}/{database}"


def unavailable(what: str) -> NoReturn:
    """Skip the test that needs PostgreSQL, saying what is missing; fail it where CI requires it."""
    line = f"needs PostgreSQL: {what}"
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{line} ({REQUIRE}=1)", pytrace=False)
    pytest.skip(line)


def server_binaries(pattern: str = BIN_GLOB) -> Path | None:
    """The newest installed server's bin folder (one with initdb and pg_ctl)."""
    found = [p for p in Path("/").glob(pattern.lstrip("/")) if (p / "initdb").is_file() and (p / "pg_ctl").is_file()]
    return max(found, key=lambda p: _version(p.parent.name), default=None)


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _as_server_user() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs a server binary, and the user to give the folder to."""
    if os.geteuid() != 0:
        return [], None
    if shutil.which("runuser") is None:
        unavailable("runuser is missing, and the server refuses to run as root")
    try:
        return ["runuser", "-u", SERVER_USER, "--"], pwd.getpwnam(SERVER_USER)
    except KeyError:
        unavailable(f"no `{SERVER_USER}` user to run the server as (it refuses to run as root)")


@contextmanager
def cluster(pattern: str = BIN_GLOB) -> Iterator[Cluster]:
    """A running cluster with the role and databases above, removed afterwards."""
    bindir = server_binaries(pattern)
    if bindir is None:
        unavailable(f"no initdb and pg_ctl under {pattern} (apt-get install postgresql)")
    prefix, owner = _as_server_user()
    # Not under pytest's base temp, which is root's alone: the server user must reach the
    # folder, and a socket's path must stay under 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="finagents-postgres-", dir="/tmp"))
    data, sockets = folder / "data", folder / "sockets"
    try:
        sockets.mkdir()
        for path in (folder, sockets):
            if owner is not None:
                os.chown(path, owner.pw_uid, owner.pw_gid)
        _run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", SERVER_USER, "--auth-local=trust",
              "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"])
        port = _free_port()
        # Durability off: the cluster lives for one session, and the tests check what is
        # saved, not that it survives a power cut.
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sockets} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
              "-o", options, "start"])
        try:
            _create_role_and_databases(sockets, port)
            yield Cluster(port)
        finally:
            _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip() or done.stdout.strip()}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _create_role_and_databases(sockets: Path, port: int) -> None:
    import psycopg
    from psycopg import sql

    # The superuser over the cluster's own socket (trusted); runs connect over TCP with the role's password.
    with psycopg.connect(host=str(sockets), port=port, user=SERVER_USER, dbname="postgres", autocommit=True) as admin:
        role = sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}")  # CREATEDB: a test makes a fresh database
        admin.execute(role.format(sql.Identifier(ROLE), sql.Literal(PASSWORD)))
        for name in DATABASES:
            admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(ROLE)))


def forget_thread(url: str, thread_id: str) -> int:
    """Delete a run's checkpoints from the saver's tables, as someone tidying the database
    might; how many rows went."""
    import psycopg
    from psycopg import sql

    tables = ("checkpoint_writes", "checkpoint_blobs", "checkpoints")
    with psycopg.connect(url, autocommit=True) as connection:
        return sum(connection.execute(sql.SQL("DELETE FROM {} WHERE thread_id = %s").format(sql.Identifier(table)),
                                      (thread_id,)).rowcount for table in tables)


def threads(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT thread_id FROM checkpoints")}
