"""`finagents mcp` driven as a subprocess through the MCP SDK's own stdio client: the real
protocol, one server for the module. Screening runs against a made-up list put in force in
an isolated HOME; the statement, the filing and the KYC case are the pack's own samples."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from tests.support.batch_cases import made_up_list_in_force
from tests.support.corpus import corpus_path, needs_corpus

REPO = Path(__file__).resolve().parents[3]
FINAGENTS = str(Path(sys.executable).parent / "finagents")
BANK_CSV = REPO / "month_end_close" / "sample" / "bank.csv"
FILING = REPO / "earnings_review" / "sample" / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"
KYC_SAMPLE = REPO / "kyc" / "sample"


@dataclass
class Session:
    portal: BlockingPortal
    client: Client
    work: Path
    home: Path

    def call(self, tool: str, arguments: dict[str, Any]) -> Any:
        return self.portal.call(self.client.call_tool, tool, arguments)

    def ok(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = self.call(tool, arguments)
        assert not result.is_error, result.content[0].text
        return result.structured_content

    def error(self, tool: str, arguments: dict[str, Any]) -> str:
        result = self.call(tool, arguments)
        assert result.is_error and result.structured_content is None
        return result.content[0].text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    home, work = tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("work")
    with pytest.MonkeyPatch.context() as patch:  # the list stored where the server's HOME finds it
        patch.setenv("HOME", str(home))
        patch.delenv("XDG_DATA_HOME", raising=False)
        made_up_list_in_force(home / "made-up-list")
    params = StdioServerParameters(command=FINAGENTS, args=["mcp"], cwd=work, env={"HOME": str(home)})
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(Client(params)) as client:
        yield Session(portal, client, work, home)


def cli_error(*args: str) -> str:
    """The one line `finagents ARGS` gives on stderr, without its prefix."""
    done = subprocess.run([FINAGENTS, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("finagents: ")
    return done.stderr.strip().removeprefix("finagents: ")


def raw_session(args: list[str], requests: list[dict[str, Any]], cwd: Path, expected: int) -> dict[int, Any]:
    """JSON-RPC lines written to `finagents ARGS` by hand, every line of its stdout parsed
    as one (anything else on stdout fails here), stdin held open until `expected` answers
    are in: a server drops calls still going when its client hangs up."""
    server = subprocess.Popen([FINAGENTS, *args], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True,
                              env={"HOME": str(cwd), "PATH": str(Path(sys.executable).parent)})
    watchdog = threading.Timer(60, server.kill)
    watchdog.start()
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write("".join(json.dumps(r) + "\n" for r in requests))
        server.stdin.flush()
        answers = {}
        while len(answers) < expected and (line := server.stdout.readline()):
            message = json.loads(line)
            answers[message["id"]] = message
        server.stdin.close()
        assert server.wait(timeout=30) == 0
        return answers
    finally:
        watchdog.cancel()
        server.kill()


# -- the tools listed ----------------------------------------------------------------------


def test_every_tool_is_listed_with_its_schemas(server: Session) -> None:
    listed = {tool.name: tool for tool in server.portal.call(server.client.list_tools).tools}
    assert sorted(listed) == ["extract_financial_statements", "read_statement", "reconcile", "run_status",
                              "run_workflow", "screen_names", "verify_citation"]
    screen = listed["screen_names"]
    assert screen.input_schema["required"] == ["parties"]
    assert screen.input_schema["additionalProperties"] is False
    assert {"results", "lists", "threshold"} <= set(screen.output_schema["properties"])
    assert all(tool.description and tool.output_schema for tool in listed.values())


def test_no_tool_can_decide_a_run(server: Session) -> None:
    listed = server.portal.call(server.client.list_tools).tools
    assert not [t.name for t in listed if re.search(r"approve|reject|review|resume|sign", t.name)]
    run = next(t for t in listed if t.name == "run_workflow")
    assert set(run.input_schema["properties"]) == {"workflow", "input", "engagement", "model", "wait_seconds"}
    assert server.error("run_workflow", {"workflow": "kyc", "input": str(KYC_SAMPLE), "answer": "approve"}) == (
        "run_workflow: unknown argument 'answer': it takes workflow, input, engagement, model, wait_seconds")


# -- screening -----------------------------------------------------------------------------


def test_a_listed_name_is_a_hit_with_its_breakdown_and_list_version(server: Session) -> None:
    found = server.ok("screen_names", {"parties": [
        {"name": "Zebulon Quarrington", "type": "individual", "dob": "1970-01-01", "id": "p1"},
        {"name": "Harriet Clearwater", "type": "individual"}]})
    listed, clean = found["results"]
    assert listed["query"] == {"id": "p1", "name": "Zebulon Quarrington", "type": "individual", "dob": "1970-01-01"}
    (hit,) = listed["hits"]
    assert (hit["list"], hit["entry_id"], hit["matched_name"]) == ("OFAC SDN", "901", "QUARRINGTON, Zebulon")
    assert float(hit["score"]) >= 95 and {"name", "dob", "type"} <= set(hit["breakdown"])
    assert hit["citation"]["kind"] == "list" and hit["citation"]["text"] == "QUARRINGTON, Zebulon"
    assert clean["hits"] == []
    (version,) = found["lists"]
    assert (version["name"], version["date"], version["entries"]) == ("OFAC SDN", "2026-11-01", 2)
    assert re.fullmatch(r"[0-9a-f]{64}", version["sha256"])
    assert version["version"] == f"ofac-sdn/2026-11-01-{version['sha256'][:12]}"
    again = server.ok("screen_names", {"parties": [{"name": "Zebulon Quarrington"}], "lists": [version["version"]]})
    assert again["results"][0]["hits"][0]["entry_id"] == "901"


def test_a_hit_citation_verifies_in_its_list(server: Session) -> None:
    hit = server.ok("screen_names", {"parties": [{"name": "Marisol Vexhollow"}]})["results"][0]["hits"][0]
    assert server.ok("verify_citation", {"citation": hit["citation"]})["verified"] is True


# -- statements and reconciliation ---------------------------------------------------------


def test_a_statement_is_read_with_its_proof(server: Session) -> None:
    (read,) = server.ok("read_statement", {"path": str(BANK_CSV)})["statements"]
    assert read["proof"] == {"proves": True, "opening": "8264.00", "money_in": "5265.74", "money_out": "8444.41",
                             "closing_computed": "5085.33", "closing_printed": "5085.33", "difference": "0.00",
                             "first_break": None}
    first = read["lines"][0]
    assert (len(read["lines"]), first["id"], first["amount"], first["balance"]) == (40, "B000001", "499.95", "8763.95")
    assert first["citation"] == {**first["citation"], "kind": "csv", "row": 1, "column": "amount",
                                 "path": str(BANK_CSV), "text": "499.95", "verified": True}


@needs_corpus
@pytest.mark.parametrize("relative", ["close/mt940/jejik_ing.sta",
                                      "close/bank_statements_pdf_hsbc_uk_anonymised/good/"
                                      "anonymised_HSBC_UK_CUR_11111111_20230110.pdf"])
def test_a_corpus_statement_reads_as_finagents_statement_gives_it(server: Session, relative: str) -> None:
    path = corpus_path(relative)  # read in place, never copied
    done = subprocess.run([FINAGENTS, "statement", str(path), "--json"], capture_output=True, text=True, timeout=60,
                          cwd=server.work, env={"HOME": str(server.home), "PATH": str(Path(sys.executable).parent)})
    given = [json.loads(line) for line in done.stdout.splitlines()]
    read = server.ok("read_statement", {"path": str(path)})["statements"]
    assert [(s["proof"], len(s["lines"])) for s in read] == [(s["proof"], len(s["lines"])) for s in given]
    assert [line["citation"] for s in read for line in s["lines"]] == [
        line["citation"] for s in given for line in s["lines"]]


def test_a_good_citation_verifies_and_a_forged_one_does_not(server: Session) -> None:
    (read,) = server.ok("read_statement", {"path": str(BANK_CSV)})["statements"]
    citation = read["lines"][0]["citation"]  # as the reader gives it, its `verified` flag included
    good = server.ok("verify_citation", {"citation": citation})
    assert good["verified"] is True and "row 1" in good["reason"]
    forged = server.ok("verify_citation", {"citation": {**citation, "text": "999.95"}})
    assert forged["verified"] is False
    assert forged["reason"] == "text not found at row 1 column 'amount': found '499.95'"
    changed = server.ok("verify_citation", {"citation": {**citation, "doc_sha256": "0" * 64}})
    assert changed == {**changed, "verified": False, "reason": "document changed since it was cited"}


def test_a_small_reconciliation(server: Session) -> None:
    rec = server.ok("reconcile", {
        "bank": [{"id": "b1", "date": "2024-01-03", "description": "ACME LTD", "amount": "100.00"},
                 {"id": "b2", "date": "2024-01-04", "description": "SERVICE CHARGE", "amount": "-15.00"}],
        "ledger": [{"id": "l1", "date": "2024-01-03", "description": "ACME LTD", "amount": "100.00"},
                   {"id": "l2", "date": "2024-01-05", "description": "Cheque 104 Smith", "amount": "-30.00"}],
        "bank_balance": "1085.00", "book_balance": "1070.00", "window_days": 3})
    assert [(m["bank_ids"], m["ledger_ids"], m["kind"]) for m in rec["matches"]] == [(["b1"], ["l1"], "exact")]
    assert [(u["id"], u["category"]) for u in rec["bank_only"]] == [("b2", "fee")]
    assert [(u["id"], u["category"]) for u in rec["ledger_only"]] == [("l2", "outstanding_payment")]
    assert rec["statement"]["unexplained_difference"] == "0.00"
    assert rec["settings"]["window_days"] == 3 and rec["settings"]["lead_days"] == 2  # the workflow's default
    assert rec["as_of"] == "2024-01-05"


def test_a_reconciliation_of_files_cites_its_lines(server: Session) -> None:
    rec = server.ok("reconcile", {"bank_file": str(BANK_CSV), "ledger_file": str(BANK_CSV.parent / "ledger.csv"),
                                  "cash_account": "1000"})
    kinds = [m["kind"] for m in rec["matches"]]
    assert kinds.count("exact") == 29
    first = rec["matches"][0]
    assert {c["kind"] for c in first["citations"]} == {"csv"}
    assert len(first["citations"]) == len(first["bank_ids"]) + len(first["ledger_ids"])


# -- filings -------------------------------------------------------------------------------


def test_a_filing_statements_are_extracted_with_page_and_bbox(server: Session) -> None:
    extracted = server.ok("extract_financial_statements", {"path": str(FILING)})
    assert extracted["format"] == "pdf" and len(extracted["facts"]) == 125
    revenue = next(f for f in extracted["facts"] if f["concept"] == "Revenues")
    assert (revenue["value"], revenue["unit"], revenue["page"]) == ("4812000000", "USD", 3)
    assert revenue["period"] == {"end": "2025-09-30", "months": 3}
    assert revenue["bbox"] == [330.73, 175.26, 352.0, 183.76] and revenue["citation"]["text"] == "4,812"
    assert server.ok("verify_citation", {"citation": revenue["citation"]})["verified"] is True


# -- runs ----------------------------------------------------------------------------------


def test_a_run_started_here_waits_at_the_gate(server: Session) -> None:
    started = server.ok("run_workflow", {"workflow": "kyc", "input": str(KYC_SAMPLE), "wait_seconds": 60})
    assert started["status"] == "awaiting_review" and started["workflow"] == "kyc"
    folder = Path(started["run_folder"])
    assert folder.parent == server.work / "runs" and folder.name == started["run_id"]
    assert (folder / "result.json").is_file() and started["headline"].startswith("Recommendation: ")
    assert "finagents review" in started["next_step"]
    status = server.ok("run_status", {"run": started["run_id"]})
    assert status == {**started, "outputs": status["outputs"]}
    assert {"result.json", "memo.md", "report.html", "audit.jsonl"} <= set(status["outputs"])
    assert sum(status["findings_by_severity"].values()) == len(status["findings"])


def test_a_run_left_running_is_followed_with_run_status(server: Session) -> None:
    started = server.ok("run_workflow", {"workflow": "kyc", "input": str(KYC_SAMPLE), "wait_seconds": 0})
    assert started["status"] == "running" and started["next_step"].startswith("call run_status")
    assert Path(started["run_folder"]).is_dir()
    deadline = time.monotonic() + 60
    status = started
    while status["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.5)
        status = server.ok("run_status", {"run": started["run_folder"]})
    assert status["status"] == "awaiting_review" and status["run_id"] == started["run_id"]


# -- bad arguments ---------------------------------------------------------------------------


def test_a_missing_file_is_the_command_line_message(server: Session) -> None:
    missing = str(server.work / "no-such-statement.pdf")
    assert server.error("read_statement", {"path": missing}) == cli_error("statement", missing)
    assert server.ok("read_statement", {"path": str(BANK_CSV)})["statements"][0]["proof"]["proves"] is True


def test_an_unknown_workflow_is_the_command_line_message(server: Session) -> None:
    message = server.error("run_workflow", {"workflow": "kycc", "input": str(KYC_SAMPLE)})
    assert message == cli_error("run", "kycc", str(KYC_SAMPLE))
    assert "did you mean 'kyc'?" in message


def test_wrong_types_and_unknown_tools_are_errors_and_the_server_goes_on(server: Session) -> None:
    assert server.error("read_statement", {"path": 3}) == (
        "read_statement: 'path': Input should be a valid string (it is 3)")
    assert server.error("screen_names", {"parties": [{"name": "A", "dob": "1970-13-01"}]}) == (
        "parties[0]: date of birth '1970-13-01' is not YYYY, YYYY-MM or YYYY-MM-DD")
    assert server.error("reconcile", {"bank": []}) == "reconcile: give ledger (rows) or ledger_file, one or the other"
    # Money is a decimal string: a JSON number would arrive as a float, and is refused.
    row = {"id": "b1", "date": "2024-01-03", "amount": 100.1}
    assert "a float is not an amount (100.1); use a Decimal or a string" in server.error(
        "reconcile", {"bank": [row], "ledger": []})
    assert server.error("approve_run", {}).startswith("approve_run: no such tool (this server's tools: ")
    assert server.error("run_status", {"run": "nope"}).startswith("nope: no such run")
    assert server.ok("screen_names", {"parties": [{"name": "Harriet Clearwater"}]})["results"][0]["hits"] == []


def test_an_unknown_server_name_is_exit_2_with_did_you_mean() -> None:
    assert cli_error("mcp", "--server-name", "screenin") == (
        "--server-name: 'screenin' is not a server name (did you mean 'screening'?); the names: finagents, "
        "screening, internal-gl, subledger")


def test_stdout_carries_the_protocol_alone(tmp_path: Path) -> None:
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "read_statement", "arguments": {"path": str(BANK_CSV)}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
         "params": {"name": "read_statement", "arguments": {"path": str(tmp_path / "missing.ofx")}}},
    ]
    answers = raw_session(["mcp", "--server-name", "subledger"], requests, tmp_path, expected=3)
    assert sorted(answers) == [1, 2, 3] and answers[1]["result"]["serverInfo"]["name"] == "subledger"
    assert answers[2]["result"]["structuredContent"]["statements"][0]["proof"]["proves"] is True
    assert answers[3]["result"]["isError"] is True
    assert answers[3]["result"]["content"][0]["text"] == f"{tmp_path / 'missing.ofx'}: does not exist"
