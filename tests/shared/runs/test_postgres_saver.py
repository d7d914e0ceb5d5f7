"""Runs kept in Postgres (FINAGENTS_CHECKPOINTER): the run store's scenarios against
LangGraph's Postgres saver on a throwaway cluster (tests/support/postgres.py), and the
errors of a run reopened without its database. The helpers are the SQLite tests' own.

Without PostgreSQL's server binaries these tests skip with one line saying what is
missing; CI sets FINAGENTS_REQUIRE_POSTGRES=1, and there they fail instead.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.runs.checkpoint import CHECKPOINTER_VARIABLE
from shared.runs.manifest import RunManifest
from shared.workflows import get_workflow
from tests.shared.runs import test_resume
from tests.shared.runs.test_kill_at_boundaries import body, finished
from tests.shared.runs.test_resume import cli, entries, finished_nodes, labels, only_run
from tests.shared.runs.test_signoff import FOLDER_ONLY, drop_last_line
from tests.support import forked
from tests.support.kill_after_writes import run_killed_after
from tests.support.postgres import PASSWORD, REQUIRE, Cluster, cluster, forget_thread, threads
from tests.support.shared_runs import shared_run
from tests.support.stderr import last_line

# The toy workflow stands in for kyc, so its approval carries the onboarding decision too.
APPROVAL = ("--approve", "--reviewer", "Ann Lee", "--onboarding-decision", "clear",
            "--disposition", "line-1=confirmed", "--disposition", "line-4=confirmed")
# Each command that reopens a run's saver, with what it needs after the run's name.
REOPENING = {"resume": (), "review": APPROVAL, "audit verify": ()}
# A step mid-way through each sample's run (of 6, 8 and 8 before the gate).
MID_WAY = {"earnings_review": 3, "kyc": 4, "month_end_close": 4}

paid_project = test_resume.paid_project  # the fixture: the toy project on a model, through the loopback Messages API


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    with cluster() as running:
        yield running


@pytest.fixture
def in_postgres(postgres: Cluster, monkeypatch: pytest.MonkeyPatch) -> Cluster:
    """Runs started from here on are kept in the cluster's `finagents` database."""
    monkeypatch.setenv(CHECKPOINTER_VARIABLE, postgres.url())
    return postgres


def reopen(capsys, command: str, run_dir: Path) -> tuple[int, str, str]:
    return cli(capsys, *command.split(), run_dir.name, *REOPENING[command])


def toy_run(capsys, project: Path) -> Path:
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 0, err
    return only_run(project)


def needs_postgres(at: str, problem: str) -> str:
    return f"finagents: {CHECKPOINTER_VARIABLE}: {problem}this run keeps its checkpoints in Postgres at {at}: " \
           "set it to a postgresql:// URL of that database\n"


# -- a run from start to sign-off -----------------------------------------------------------


def test_a_run_kept_in_postgres_is_reviewed_and_verified_and_no_password_is_written(
        toy_project: Path, in_postgres: Cluster, capsys) -> None:
    status, _, started = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 0, started
    run_dir = only_run(toy_project)
    assert f"checkpoints: Postgres at {in_postgres.at()}\n" in started
    assert json.loads((run_dir / "run.json").read_text())["checkpointer"] == {"kind": "postgres",
                                                                             "at": in_postgres.at()}
    assert run_dir.name in threads(in_postgres.url())
    assert not list(toy_project.rglob("checkpoints.sqlite*"))  # nothing kept beside the runs

    status, _, reviewed = reopen(capsys, "review", run_dir)
    assert status == 0, reviewed
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "approved" and result["review"]["reviewer"] == "Ann Lee"
    assert result["body"]["labels"] == {"1": "large", "4": "large"}

    status, verified, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 0, err
    assert verified.splitlines() == [f"{run_dir / 'audit.jsonl'}: OK, {len(entries(run_dir))} entries, chain intact",
                                     f"{run_dir}: 4 files as signed off at audit entry {signed_at(run_dir)}"]
    assert FOLDER_ONLY not in verified  # checked against the state in Postgres

    for path in [p for p in toy_project.rglob("*") if p.is_file()]:
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in started + reviewed + verified + err


def signed_at(run_dir: Path) -> int:
    (signed,) = [e for e in entries(run_dir) if e["type"] == "outputs_signed"]
    return signed["seq"]


def test_a_log_cut_back_with_its_head_rewritten_fails_against_the_state_in_postgres(
        toy_project: Path, in_postgres: Cluster, capsys) -> None:
    run_dir = toy_run(capsys, toy_project)
    kept = drop_last_line(run_dir)
    last = entries(run_dir)[-1]
    (run_dir / "audit.head").write_text(json.dumps({"seq": kept, "hash": last["hash"]}))
    status, _, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 1
    assert err == (f"{run_dir / 'audit.jsonl'}: line {kept}: the log ends at entry {kept} but the run's state "
                   f"records entry {kept + 1}: lines were removed from the end\n")


# -- crashes and limits ----------------------------------------------------------------------


@pytest.mark.parametrize("workflow", sorted(MID_WAY))
def test_sigkill_mid_way_then_resume_gives_the_body_of_a_run_on_sqlite(workflow: str, postgres: Cluster,
                                                                       tmp_path_factory, tmp_path: Path,
                                                                       monkeypatch, capsys) -> None:
    on_sqlite = body(shared_run(workflow, get_workflow(workflow).sample_dir, tmp_path_factory))
    target, boundary = tmp_path / "run", MID_WAY[workflow]
    env = {**os.environ, CHECKPOINTER_VARIABLE: postgres.url()}
    killed = forked.start(run_killed_after, boundary, workflow, str(get_workflow(workflow).sample_dir), str(target),
                          cwd=tmp_path, env=env).wait(timeout=300)
    assert killed.returncode == -9, killed.stderr
    steps_before = finished(target)
    assert len(steps_before) == boundary

    monkeypatch.setenv(CHECKPOINTER_VARIABLE, postgres.url())
    status, resumed, err = cli(capsys, "resume", str(target))
    assert status == 0 and "awaiting_review" in resumed, err
    assert body(target) == on_sqlite
    ran = finished(target)
    assert ran[:boundary] == steps_before and ran.count(steps_before[-1]) == 1  # the killed step was not run again
    assert not list(target.glob("checkpoints.sqlite*"))
    status, verified, _ = cli(capsys, "audit", "verify", str(target))
    assert status == 0 and FOLDER_ONLY not in verified


def test_a_budget_stop_in_postgres_resumes_with_a_higher_budget(paid_project: Path, messages_api, in_postgres,
                                                                capsys) -> None:
    messages_api.script(*labels("refund", usage={"input_tokens": 1000, "output_tokens": 0}))
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv", "--budget-usd", "0.063")
    run_dir = only_run(paid_project)
    assert status == 3, err
    assert last_line(err).startswith("finagents: budget: the next model request may cost up to $0.06")
    assert json.loads((run_dir / "result.json").read_text())["status"] == "stopped"

    messages_api.script(*labels("invoice", usage={"input_tokens": 1000, "output_tokens": 0}))
    status, out, err = cli(capsys, "resume", run_dir.name, "--budget-usd", "1")
    assert status == 0 and "awaiting_review" in out, err
    final = json.loads((run_dir / "result.json").read_text())
    assert final["body"]["labels"] == {"1": "refund", "4": "invoice"}
    assert final["usage"]["cost_usd"] == "0.006" and len(messages_api.requests) == 2
    assert finished_nodes(run_dir) == Counter({"read": 1, "label": 1, "draft_outputs": 1})
    assert not list(paid_project.rglob("checkpoints.sqlite*"))


# -- reopened without its database -------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(REOPENING))
def test_reopened_without_the_variable_names_it_and_the_database(command: str, toy_project: Path,
                                                                 in_postgres: Cluster, monkeypatch, capsys) -> None:
    run_dir = toy_run(capsys, toy_project)
    monkeypatch.delenv(CHECKPOINTER_VARIABLE)
    status, _, err = reopen(capsys, command, run_dir)
    assert (status, last_line(err)) == (2, needs_postgres(in_postgres.at(), "is not set, but "))
    status, listed, _ = cli(capsys, "runs")  # the list reads the folders, never the saver
    assert status == 0 and run_dir.name in listed and "awaiting_review" in listed


@pytest.mark.parametrize("command", sorted(REOPENING))
def test_reopened_against_another_database_names_both(command: str, toy_project: Path, in_postgres: Cluster,
                                                      monkeypatch, capsys) -> None:
    run_dir = toy_run(capsys, toy_project)
    monkeypatch.setenv(CHECKPOINTER_VARIABLE, in_postgres.url("other"))
    status, _, err = reopen(capsys, command, run_dir)
    assert (status, last_line(err)) == (2, needs_postgres(in_postgres.at(), f"points at {in_postgres.at('other')}, "
                                                                            "but "))


@pytest.mark.parametrize("command", sorted(REOPENING))
def test_a_run_whose_thread_was_deleted_is_an_error_never_an_empty_run(command: str, toy_project: Path,
                                                                        in_postgres: Cluster, capsys) -> None:
    run_dir = toy_run(capsys, toy_project)
    assert forget_thread(in_postgres.url(), run_dir.name) > 0
    status, _, err = reopen(capsys, command, run_dir)
    assert (status, last_line(err)) == (2, f"finagents: {run_dir.name}: has no checkpoints in Postgres at "
                                           f"{in_postgres.at()} (deleted there, or the run stopped before its "
                                           "first step); start a new run\n")
    assert json.loads((run_dir / "result.json").read_text())["status"] == "awaiting_review"  # left as it was


def test_a_database_no_run_was_kept_in_holds_no_thread(toy_project: Path, in_postgres: Cluster, monkeypatch,
                                                       capsys) -> None:
    # run.json pointed at the empty database: the saver's tables are not even there.
    run_dir = toy_run(capsys, toy_project)
    manifest = RunManifest.read(run_dir)
    moved = manifest.checkpointer.model_copy(update={"at": in_postgres.at("other")})
    manifest.model_copy(update={"checkpointer": moved}).write(run_dir)
    monkeypatch.setenv(CHECKPOINTER_VARIABLE, in_postgres.url("other"))
    status, _, err = cli(capsys, "resume", run_dir.name)
    assert status == 2 and f"has no checkpoints in Postgres at {in_postgres.at('other')}" in last_line(err)


@pytest.mark.parametrize(("url", "problem"), [
    ("wrong password", "cannot connect to 127.0.0.1:{port}/finagents: connection failed: connection to server at "
                       '"127.0.0.1", port {port} failed: FATAL: password authentication failed for user "finagents"'),
    ("no such database", "cannot connect to 127.0.0.1:{port}/nowhere: connection failed: connection to server at "
                         '"127.0.0.1", port {port} failed: FATAL: database "nowhere" does not exist'),
    ("not a URL", "is not a postgresql:// URL"),
])
def test_a_database_that_cannot_be_reached_is_refused_before_a_run_folder_exists(
        url: str, problem: str, toy_project: Path, postgres: Cluster, monkeypatch, capsys) -> None:
    given = {"wrong password": postgres.url(password="wrong-" + PASSWORD), "no such database": postgres.url("nowhere"),
             "not a URL": f"host=127.0.0.1 port={postgres.port} password={PASSWORD}"}[url]
    monkeypatch.setenv(CHECKPOINTER_VARIABLE, given)
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert (status, last_line(err)) == (2, f"finagents: {CHECKPOINTER_VARIABLE}: "
                                           f"{problem.format(port=postgres.port)}\n")
    assert PASSWORD not in err
    assert not (toy_project / "runs").exists()


# -- SQLite as before --------------------------------------------------------------------------


def test_a_run_on_sqlite_stays_there_when_the_variable_is_set_later(toy_project: Path, postgres: Cluster,
                                                                    monkeypatch, capsys) -> None:
    run_dir = toy_run(capsys, toy_project)
    assert RunManifest.read(run_dir).checkpointer.model_dump() == {"kind": "sqlite", "at": "../checkpoints.sqlite"}
    monkeypatch.setenv(CHECKPOINTER_VARIABLE, postgres.url())
    status, _, err = reopen(capsys, "review", run_dir)
    assert status == 0, err
    status, verified, _ = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 0 and FOLDER_ONLY not in verified
    assert run_dir.name not in threads(postgres.url())


def test_a_manifest_from_before_postgres_reads_as_a_run_on_sqlite(tmp_path: Path) -> None:
    old = {"run_id": "r", "workflow": "kyc", "input_path": "/in", "engagement_root": None,
           "checkpoint_db": "../checkpoints.sqlite", "options": {}, "settings": {},
           "created_at": "2026-01-02T03:04:05Z", "pack_version": "0.1.0"}
    (tmp_path / "run.json").write_text(json.dumps(old))
    manifest = RunManifest.read(tmp_path)
    assert manifest.checkpointer.model_dump() == {"kind": "sqlite", "at": "../checkpoints.sqlite"}
    assert manifest.checkpointer.sqlite_file(tmp_path) == tmp_path.parent / "checkpoints.sqlite"
    manifest.write(tmp_path)
    written = json.loads((tmp_path / "run.json").read_text())
    assert "checkpoint_db" not in written and written["checkpointer"]["kind"] == "sqlite"


# -- the cluster -----------------------------------------------------------------------------


def test_runs_starting_together_on_a_new_database_set_it_up_once(postgres: Cluster) -> None:
    import psycopg
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    from shared.runs.postgres import open_postgres

    with psycopg.connect(postgres.url(), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS fresh")
        connection.execute("CREATE DATABASE fresh")
    failed: list[BaseException] = []

    def start(n: int) -> None:
        try:
            with open_postgres(postgres.at("fresh"), postgres.url("fresh"), JsonPlusSerializer(), f"run-{n}",
                               create=True):
                pass
        except BaseException as error:  # reported below, whichever thread it came from
            failed.append(error)

    starting = [threading.Thread(target=start, args=(n,)) for n in range(6)]
    for thread in starting:
        thread.start()
    for thread in starting:
        thread.join(timeout=60)
    assert failed == []
    with psycopg.connect(postgres.url("fresh")) as connection:
        versions = [row[0] for row in connection.execute("SELECT v FROM checkpoint_migrations ORDER BY v")]
    assert versions == list(range(len(versions))) and len(versions) > 1


def test_without_the_server_binaries_the_tests_skip_or_fail_as_asked(tmp_path: Path, monkeypatch) -> None:
    nowhere = str(tmp_path / "*" / "bin")
    expected = rf"needs PostgreSQL: no initdb and pg_ctl under {nowhere} \(apt-get install postgresql\)"
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match=rf"^{expected.replace('*', '[*]')}$"), cluster(nowhere):
        pass
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match=rf"^{expected.replace('*', '[*]')} \({REQUIRE}=1\)$"), \
            cluster(nowhere):
        pass
