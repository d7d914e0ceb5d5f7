"""`finagents batch` (issue 21): every case its own run, in a child process of its own, N
at a time; a bad or crashed case is recorded and the rest go on; a killed batch resumes
with every case done exactly once; batch.csv sums it up in cells no spreadsheet runs.

The cases are made at test time from the pack's own samples and the KYC case generator,
never from the corpus, so every test here runs with or without it."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.cli import main
from shared.runs.batch import (
    BatchOptions,
    BatchRecord,
    CaseRecord,
    Ended,
    case_paths,
    csv_table,
    error_line,
    progress_line,
)
from tests.support.batch_cases import (
    SAMPLES,
    batch_json,
    cases_done,
    copies,
    csv_rows,
    generated_kyc_cases,
    kyc_cases,
    made_up_list_in_force,
    only_batch,
    runs_by_input,
    wait_until,
)
from tests.support.stderr import last_line

FINAGENTS = "import sys; from shared.cli import main; sys.exit(main())"  # the command, in a process of its own
NO_CASE = "holds no case (a case is a folder or a file directly under it; hidden ones are left out)"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def progress_lines(err: str) -> list[str]:
    return [line.strip() for line in err.splitlines() if line.strip().startswith("[")]


# -- what a batch is made of (no case is run) ----------------------------------------------


def test_cases_are_what_lies_directly_under_the_folder_hidden_ones_left_out(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    (cases / "b-close").mkdir(parents=True)
    (cases / "a-filing.pdf").write_bytes(b"%PDF")
    (cases / ".DS_Store").write_bytes(b"")
    (cases / ".git").mkdir()
    assert [path.name for path in case_paths(cases)] == ["a-filing.pdf", "b-close"]


def test_an_empty_cases_folder_is_bad_input_and_makes_no_batch(tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / ".keep").write_text("")
    status, out, err = cli(capsys, "batch", "month_end_close", str(cases))
    assert (status, out, err) == (2, "", f"finagents: {cases}: {NO_CASE}\n")
    assert not (Path.cwd() / "runs").exists()


@pytest.mark.parametrize(("args", "says"), [
    (("no_such_flow", "{cases}"), "finagents: no_such_flow: no such workflow"),
    (("month_end_close", "{cases}", "--jobs", "0"), "finagents: Invalid value for '--jobs' / '-j': "),
    (("month_end_close", "{cases}", "--budget-usd", "lots"), "finagents: --budget-usd: "),
    (("month_end_close", "{cases}/c1"), f"finagents: {{cases}}/c1: {NO_CASE}"),
    (("resume", "{cases}"), "finagents: {cases}: is not a batch folder (batch.json cannot be read: "),
    (("resume", "{cases}", "--model", "offline"),
     "finagents: --model: a batch resumes with the settings it started with"),
], ids=["unknown workflow", "no jobs", "bad budget", "not a folder of cases", "not a batch", "resume with a model"])
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, capsys, args: tuple[str, ...], says: str) -> None:
    cases = tmp_path / "cases"
    (cases / "c1").mkdir(parents=True)
    status, out, err = cli(capsys, "batch", *(arg.format(cases=cases) for arg in args))
    assert status == 2 and out == ""
    assert last_line(err).startswith(says.format(cases=cases)) and len(err.splitlines()) == 1
    assert not (Path.cwd() / "runs").exists()


def _record(*cases: CaseRecord) -> BatchRecord:
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    return BatchRecord(batch_id="batch-20261207-090000-abcdef", workflow="kyc", cases_dir=Path("/cases"),
                       workdir=Path("/work"), runs_dir=Path("/work/runs"), options=BatchOptions(), created_at=now,
                       cases=cases)


# A case named by whoever sent it: a file name cannot hold the "/" of the classic payload
# (=cmd|' /C calc'!A0), so the batch tests write it with a "-".
FORMULAS = ["=cmd|' -C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("name", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage return"])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(name: str) -> None:
    case = CaseRecord(name=name, path=Path("/cases") / "x", log="logs/001.log", status="failed", exit_status=2,
                      error="=HYPERLINK(\"http://x\")")
    header, row = csv.reader(io.StringIO(csv_table(_record(case))))
    assert header == ["case", "run_id", "status", "headline", "findings_error", "findings_warning", "findings_info",
                      "cost_usd", "failure"]
    assert row == [f"'{name}", "", "failed", "", "0", "0", "0", "", "'=HYPERLINK(\"http://x\")"]


def test_each_finished_case_says_its_state_and_run_or_its_error() -> None:
    done = CaseRecord(name="case-07", path=Path("/c"), log="l", status="awaiting_review", run_id="20261207-kyc-1")
    bad = CaseRecord(name="case-08", path=Path("/c"), log="l", status="failed", error="application.json: bad")
    crashed = bad.model_copy(update={"run_id": "20261207-kyc-2", "error": "killed by SIGKILL"})
    assert progress_line(3, 20, done) == "[3/20] case-07: awaiting_review (20261207-kyc-1)"
    assert progress_line(4, 20, bad) == "[4/20] case-08: failed: application.json: bad"
    assert progress_line(5, 20, crashed) == "[5/20] case-08: failed (20261207-kyc-2): killed by SIGKILL"


def test_a_case_error_is_the_command_own_last_line_or_how_it_ended(tmp_path: Path) -> None:
    log = tmp_path / "001.log"
    log.write_text("== first attempt\nfinagents: earlier: not this one\n== second attempt\nrun x in y\n"
                   "finagents: /cases/c1: holds no application\n")
    start = len("== first attempt\nfinagents: earlier: not this one\n")
    assert error_line(log, start, Ended(0, 2, timed_out=False), None) == "/cases/c1: holds no application"
    assert error_line(log, start, Ended(0, 0, timed_out=False), None) is None
    assert error_line(log, start, Ended(0, -signal.SIGKILL, timed_out=False), None) == "killed by SIGKILL"
    assert error_line(log, len(log.read_bytes()), Ended(0, 1, timed_out=False), None) == "exit status 1"
    assert error_line(log, 0, Ended(0, -9, timed_out=True), 30) == (
        "stopped after 30 s (--case-timeout); `finagents batch resume` continues it")


# -- the three workflows on their samples ---------------------------------------------------

# (workflow, the cases: a copy of the sample, or of one file of it, under each name)
SAMPLE_BATCHES = {
    "kyc": [("acme", None), ("acme-again", None)],
    "month_end_close": [(FORMULAS[0], None), ("march", None)],
    "earnings_review": [("quillfeather", None), ("quillfeather.pdf", "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf")],
}
KYC_HEADLINE = ("Recommendation: clear (medium risk with a complete, consistent packet and no screening hits); "
                "risk rating medium")
EARNINGS_HEADLINE = ("Headline: Quillfeather Instruments, Inc. 10-Q for the quarter ended September 30, 2025: revenue "
                     "$4,812 million, up 8.67% year on year; diluted EPS $2.23.")
# Each case's headline and findings (error, warning, info), the cases in name order: the
# samples' own figures (the earnings sample's seeded tie-out failure is its one error).
EXPECTED = {
    "kyc": [(KYC_HEADLINE, ("0", "0", "1"))] * 2,
    "month_end_close": [("Unexplained difference: 0.00", ("0", "0", "0"))] * 2,
    "earnings_review": [(EARNINGS_HEADLINE, ("1", "0", "0"))] * 2,
}


def _sample_cases(workflow: str, folder: Path) -> Path:
    folder.mkdir()
    for name, file in SAMPLE_BATCHES[workflow]:
        source = SAMPLES[workflow] / file if file else SAMPLES[workflow]
        copies(source, folder, [name])
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("workflow", sorted(SAMPLE_BATCHES))
def test_a_batch_of_each_workflow_sums_up_its_runs(tmp_path: Path, capsys, workflow: str) -> None:
    cases = _sample_cases(workflow, tmp_path / "cases")
    status, out, err = cli(capsys, "batch", workflow, str(cases), "--jobs", "2")
    batch_dir = only_batch(Path.cwd() / "runs")
    assert status == 0, err
    assert out == f"{batch_dir}\n  {batch_dir / 'batch.csv'}\n"
    rows = csv_rows(batch_dir)
    names = sorted(name for name, _ in SAMPLE_BATCHES[workflow])
    # A spreadsheet shows the case named like a formula as text, never runs it.
    assert [row["case"] for row in rows] == [f"'{name}" if name == FORMULAS[0] else name for name in names]
    for row in rows:
        result = json.loads((Path.cwd() / "runs" / row["run_id"] / "result.json").read_text())
        severities = [finding["severity"] for finding in result["findings"]]
        assert (row["status"], result["status"]) == ("awaiting_review", "awaiting_review")
        assert [row[f"findings_{s}"] for s in ("error", "warning", "info")] == [
            str(severities.count(s)) for s in ("error", "warning", "info")]
        assert row["cost_usd"] == "0" and row["failure"] == ""
    assert [(row["headline"], (row["findings_error"], row["findings_warning"], row["findings_info"]))
            for row in rows] == EXPECTED[workflow]
    lines = progress_lines(err)
    assert sorted(line.split("] ", 1)[0] for line in lines) == ["[1/2", "[2/2"]
    assert {line.split("] ", 1)[1] for line in lines} == {
        f"{row['case'].removeprefix(chr(39))}: awaiting_review ({row['run_id']})" for row in rows}


# -- twenty KYC cases, two of them bad ---------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generated_kyc_cases(tmp_path_factory.mktemp("kyc-generated"))


@pytest.mark.slow
def test_two_bad_cases_of_twenty_are_recorded_and_the_rest_reach_the_gate(tmp_path: Path, capsys,
                                                                            generated: list[Path]) -> None:
    made_up_list_in_force(tmp_path / "list")
    cases = kyc_cases(tmp_path / "cases", generated, 20)
    (cases / "case-05" / "application.json").write_text('{"customer": ')  # cut off: unreadable
    (cases / "case-12" / "application.json").unlink()  # the application is missing
    status, _, err = cli(capsys, "batch", "kyc", str(cases), "--jobs", "2")
    batch_dir = only_batch(Path.cwd() / "runs")
    record = batch_json(batch_dir)
    assert status == 1
    assert last_line(err) == (f"finagents: {record['batch_id']}: 2 of 20 cases did not reach the review gate (see "
                              f"batch.csv); `finagents batch resume {batch_dir}` continues them\n")
    rows = {row["case"]: row for row in csv_rows(batch_dir)}
    assert sorted(rows) == [f"case-{n:02d}" for n in range(1, 21)]
    assert {name for name, row in rows.items() if row["status"] != "awaiting_review"} == {"case-05", "case-12"}
    assert (rows["case-05"]["status"], rows["case-05"]["failure"]) == (
        "failed", f"{cases}/case-05/application.json: is not valid JSON: Expecting value at line 1 column 14")
    assert (rows["case-12"]["status"], rows["case-12"]["failure"]) == (
        "failed", f"{cases}/case-12: holds no application (expected one of: application.json, application.yaml, "
                  "application.yml, application.pdf)")
    by_name = {case["name"]: case for case in record["cases"]}
    assert [by_name[name]["exit_status"] for name in ("case-05", "case-12")] == [2, 2]
    log = (batch_dir / by_name["case-12"]["log"]).read_text()
    assert log.endswith(f"finagents: {rows['case-12']['failure']}\n")
    assert len({row["run_id"] for row in rows.values()}) == 20
    assert sorted(int(line[1:].split("/")[0]) for line in progress_lines(err)) == list(range(1, 21))
    assert "[20/20] " in err and "2 at a time" in err.splitlines()[0]


# -- killed and resumed -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_killed_batch_resumes_with_every_case_done_exactly_once(tmp_path: Path, capsys) -> None:
    cases = copies(SAMPLES["month_end_close"], tmp_path / "cases", [f"close-{n}" for n in range(1, 7)])
    batch_dir = tmp_path / "batch"
    with (tmp_path / "batch.err").open("wb") as stderr:
        args = ["batch", "month_end_close", str(cases), "--jobs", "2", "--out", str(batch_dir)]
        batch = subprocess.Popen([sys.executable, "-c", FINAGENTS, *args], stdout=subprocess.DEVNULL, stderr=stderr,
                                 start_new_session=True)
    try:
        wait_until(lambda: cases_done(batch_dir) >= 2, 120, "two cases at their gate")
    finally:
        os.killpg(batch.pid, signal.SIGKILL)  # the batch and its children, mid-flight
        batch.wait()
    finished = {case["name"]: case["run_id"] for case in batch_json(batch_dir)["cases"]
                if case["status"] == "awaiting_review"}
    assert 2 <= len(finished) < 6

    status, _, err = cli(capsys, "batch", "resume", str(batch_dir))
    assert status == 0, err
    after = batch_json(batch_dir)["cases"]
    assert [case["status"] for case in after] == ["awaiting_review"] * 6
    assert {name: run for name, run in ((c["name"], c["run_id"]) for c in after) if name in finished} == finished
    by_input = runs_by_input(Path.cwd() / "runs")
    for case in after:
        runs = by_input[case["path"]]
        assert [run for run, state in runs if state == "awaiting_review"] == [case["run_id"]]
        # any other run of the case was killed before its first step, and is recorded as left behind
        assert sorted(run for run, _ in runs) == sorted([case["run_id"], *case["abandoned_runs"]])
    resumed = progress_lines(err)
    assert {line.split("] ")[1].split(":")[0] for line in resumed}.isdisjoint(finished)
    assert sorted(int(line[1:].split("/")[0]) for line in resumed) == list(range(7 - len(resumed), 7))


# -- a case that hangs, and runs the batch did not get to record (the toy workflow) ------------


def _toy_cases(project: Path, folder: Path, names: list[str]) -> Path:
    return copies(project / "case" / "lines.csv", folder, names)


@pytest.mark.slow
def test_a_hung_case_is_stopped_the_rest_go_on_and_resume_continues_its_run(toy_project: Path, tmp_path: Path,
                                                                           capsys) -> None:
    held = _toy_cases(toy_project, tmp_path / "held", ["lines.csv"])
    (held / "hold").write_text("the toy's label step waits while this file is here\n")
    cases = _toy_cases(toy_project, tmp_path / "cases", ["a.csv", "c.csv"])
    (cases / "b-held.csv").symlink_to(held / "lines.csv")
    status, _, err = cli(capsys, "batch", "kyc", str(cases), "--case-timeout", "4")
    batch_dir = only_batch(toy_project / "runs")
    rows = {row["case"]: row for row in csv_rows(batch_dir)}
    assert status == 1
    assert [rows[name]["status"] for name in ("a.csv", "b-held.csv", "c.csv")] == [
        "awaiting_review", "failed", "awaiting_review"]
    assert rows["b-held.csv"]["failure"] == "stopped after 4 s (--case-timeout); `finagents batch resume` continues it"
    held_run = toy_project / "runs" / rows["b-held.csv"]["run_id"]
    assert (held_run / "holding").is_file()  # it was in its label step when stopped

    (held / "hold").unlink()
    status, _, err = cli(capsys, "batch", "resume", str(batch_dir))
    assert status == 0, err
    after = {row["case"]: row for row in csv_rows(batch_dir)}
    assert {name: (row["status"], row["run_id"]) for name, row in after.items()} == {
        name: ("awaiting_review", row["run_id"]) for name, row in rows.items()}
    events = [json.loads(line)["type"] for line in (held_run / "audit.jsonl").read_text().splitlines()]
    assert events.count("run_started") == 1 and events.count("run_resumed") == 1
    assert progress_lines(err) == [f"[3/3] b-held.csv: awaiting_review ({held_run.name})"]
    assert len(runs_by_input(toy_project / "runs")) == 3


@pytest.mark.slow
def test_resume_finds_runs_the_batch_did_not_record_and_restarts_one_that_never_began(toy_project: Path,
                                                                                       tmp_path: Path,
                                                                                       capsys) -> None:
    cases = _toy_cases(toy_project, tmp_path / "cases", ["a.csv", "b.csv"])
    jobs = (os.cpu_count() or 1) + 1
    status, _, err = cli(capsys, "batch", "kyc", str(cases), "--jobs", str(jobs))
    assert status == 0 and err.splitlines()[0].endswith(
        f"2 cases of kyc, {jobs} at a time (more than the {jobs - 1} CPUs here)")
    batch_dir = only_batch(toy_project / "runs")
    record = batch_json(batch_dir)
    first_a, first_b = (case["run_id"] for case in record["cases"])
    # As if the batch had been killed: a's run killed before its first step (a manifest,
    # no audit log), b's run at its gate before the batch could record it.
    never_began = _run_without_steps(toy_project / "runs" / first_a)
    record["cases"][0] |= {"status": "running", "run_id": never_began}
    record["cases"][1] |= {"status": "running", "run_id": None}
    (batch_dir / "batch.json").write_text(json.dumps(record))

    status, _, err = cli(capsys, "batch", "resume", str(batch_dir))
    assert status == 0, err
    a, b = batch_json(batch_dir)["cases"]
    assert (b["status"], b["run_id"], b["attempts"]) == ("awaiting_review", first_b, 1)  # not run again
    assert (a["status"], a["abandoned_runs"], a["attempts"]) == ("awaiting_review", [never_began], 2)
    assert a["run_id"] not in (first_a, never_began)
    assert progress_lines(err) == [f"[2/2] a.csv: awaiting_review ({a['run_id']})"]


def _run_without_steps(run: Path) -> str:
    """A copy of `run`'s manifest under a new run id, alone in its folder: a run killed
    after it wrote its manifest and before its first step."""
    manifest = json.loads((run / "run.json").read_text())
    run_id = run.name.rsplit("-", 1)[0] + "-000000"
    (run.parent / run_id).mkdir()
    (run.parent / run_id / "run.json").write_text(json.dumps(manifest | {"run_id": run_id}))
    return run_id
