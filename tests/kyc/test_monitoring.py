"""Ongoing monitoring on a project with made-up lists (tests/kyc/monitored.py tells the
story): the memory of cleared hits (`kyc/dispositions.jsonl`) and `finagents rescreen`.
No corpus needed; tests/kyc/test_rescreen_book.py does the same on the real OFAC lists."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html

from shared.audit import read_data
from tests.kyc.monitored import (
    DANA,
    HALE,
    HALE_REASON,
    MORLEY,
    WHITFIELD,
    WHITFIELD_REASON,
    Monitored,
    book_hit,
    build,
    cli,
    onboarding_hit,
)

# Slow through its `monitored` story, as tests/slow.txt measures (one of its tests is kept
# in `make check`, for the rescreen's modules).


@pytest.fixture(scope="module")
def monitored(tmp_path_factory: pytest.TempPathFactory) -> Monitored:
    return build(tmp_path_factory.mktemp("monitored"))


def approval_date(monitored: Monitored, step: str) -> str:
    return monitored.result(step)["review"]["at"][:10]


def hits(result: dict) -> dict[str, dict]:
    return {hit["id"]: hit for hit in result["body"]["screening"]["hits"]}


# -- the memory ---------------------------------------------------------------------------------


def test_an_approval_remembers_each_false_positive_with_its_run_and_audit_entry(monitored: Monitored) -> None:
    first = monitored.run("first")
    decision = [e for e in _entries(first) if e["type"] == "human_decision"][-1]
    line = monitored.memory()[0]
    assert line["party"]["id"] == "party:" + HALE and line["party"]["name"] == "Thomas Edward Hale"
    assert (line["list"], line["entry_id"], line["verdict"]) == ("OFAC SDN", "901", "false_positive")
    assert (line["reviewer"], line["reason"], line["date"]) == (DANA, HALE_REASON, approval_date(monitored, "first"))
    assert (line["run_id"], line["run"], line["audit_seq"]) == (first.name, f"runs/{first.name}", decision["seq"])
    hit = hits(monitored.result("first"))[onboarding_hit(HALE, "901")]
    assert (line["entry_sha256"], line["party"]["screened_sha256"]) == (hit["entry_sha256"], hit["party_sha256"])
    assert read_data(first, "dispositions_remembered") == [
        {"memory": "kyc/dispositions.jsonl", "lines": [1, 2],
         "hits": [onboarding_hit(HALE, "901"), onboarding_hit(WHITFIELD, "902")]}]


def test_a_cleared_hit_stays_cleared_and_needs_no_verdict(monitored: Monitored) -> None:
    again = monitored.result("again")
    date = approval_date(monitored, "first")
    cleared = {hit_id: hit["cleared"] for hit_id, hit in hits(again).items()}
    assert cleared[onboarding_hit(HALE, "901")]["message"] == f"cleared on {date} by {DANA}: {HALE_REASON}"
    assert cleared[onboarding_hit(WHITFIELD, "902")]["memory_line"] == 2
    assert again["review"]["dispositions"] == [] and again["review"]["onboarding_decision"] == "clear"
    # A known false positive is not a sanctions risk factor any more.
    assert "R-SANCTIONS" not in [rule["id"] for rule in again["body"]["risk"]["rules"]]
    assert again["body"]["screening"]["cleared"] == 2


def test_every_use_of_the_memory_is_an_audit_entry_of_the_run(monitored: Monitored) -> None:
    used = read_data(monitored.run("again"), "disposition_memory_used")
    assert [(u["line"], u["hit"], u["outcome"], u["from_run"]) for u in used] == [
        (2, onboarding_hit(WHITFIELD, "902"), "cleared", monitored.run("first").name),
        (1, onboarding_hit(HALE, "901"), "cleared", monitored.run("first").name)]


def test_the_memo_and_report_show_the_clearance(monitored: Monitored) -> None:
    date = approval_date(monitored, "first")
    memo = (monitored.run("again") / "memo.md").read_text()
    assert f"false_positive, cleared on {date} by {DANA}: {WHITFIELD_REASON} (remembered: run " in memo
    page = html.fromstring((monitored.run("again") / "report.html").read_text())
    assert page.xpath("//dd[@data-summary='open-hits']/@data-count") == ["0"]
    shown = page.xpath(f"//article[@data-id='{onboarding_hit(HALE, '901')}']//strong[@data-cleared]")[0]
    assert shown.get("data-cleared") == "1"
    assert f"cleared on {date} by {DANA}: {HALE_REASON}" in " ".join(shown.getparent().text_content().split())


def test_a_hit_comes_back_when_the_partys_data_changed(monitored: Monitored) -> None:
    moved = monitored.result("moved")
    hale = hits(moved)[onboarding_hit(HALE, "901")]
    date = approval_date(monitored, "first")
    assert hale["cleared"] is None
    assert hale["previously_cleared"] == (f"was cleared on {date} by {DANA} ({HALE_REASON}); back for review because "
                                          "the party's screened data changed since")
    assert hits(moved)[onboarding_hit(WHITFIELD, "902")]["cleared"]["memory_line"] == 2
    step = cli("review", str(monitored.run("moved")), "--approve", "--reviewer", DANA, "--onboarding-decision", "clear")
    assert step.status == 2
    assert step.err.splitlines()[-1] == ("finagents: --approve: approval needs a disposition for every item; none "
                                         f"given for: {onboarding_hit(HALE, '901')}")


def test_a_hit_the_memory_cleared_cannot_be_given_a_verdict(monitored: Monitored, tmp_path: Path) -> None:
    moved = _copy(monitored, tmp_path, "moved")
    step = cli("review", str(moved), "--approve", "--reviewer", DANA, "--onboarding-decision", "clear",
               "--disposition", f"{onboarding_hit(WHITFIELD, '902')}=true_match")
    assert step.status == 2
    assert step.err.splitlines()[-1] == (f"finagents: --disposition: run {moved.name} has no reviewable item "
                                         f"'{onboarding_hit(WHITFIELD, '902')}'")


def test_a_memory_line_its_run_does_not_vouch_for_clears_nothing(monitored: Monitored, tmp_path: Path) -> None:
    from kyc.dispositions import consult
    from kyc.screening_step import ScreeningHit
    from shared.audit import AuditLog

    project = tmp_path / "acme"
    shutil.copytree(monitored.project, project, symlinks=True)
    memory = project / "kyc" / "dispositions.jsonl"
    lines = memory.read_text().splitlines()
    forged = json.loads(lines[0]) | {"reviewer": "Mallory"}  # Hale's line, as if Mallory had cleared him
    memory.write_text("\n".join([json.dumps(forged), *lines[1:]]) + "\n")
    found = [ScreeningHit.model_validate(h) for h in monitored.result("first")["body"]["screening"]["hits"]]
    first = monitored.run("first").name

    looked, findings = consult(found, project, AuditLog(tmp_path / "audit.jsonl"))
    assert [(h.id, h.cleared is not None, h.previously_cleared) for h in looked] == [
        (onboarding_hit(WHITFIELD, "902"), True, None),
        (onboarding_hit(HALE, "901"), False, f"was cleared on {forged['date']} by Mallory ({HALE_REASON}); back for "
         f"review because audit entry {forged['audit_seq']} of run {first} is not the approval that cleared this hit "
         "(the memory line was not written by that run)")]
    assert [f.code for f in findings] == ["hit_cleared_before", "cleared_hit_returns"]

    (project / "runs" / first / "audit.jsonl").unlink()
    looked, _ = consult(found, project, AuditLog(tmp_path / "audit.jsonl"))
    assert looked[0].previously_cleared.endswith(f"back for review because run {first}, which the memory names, has "
                                                 f"no audit log at {project / 'runs' / first}")


def test_a_damaged_memory_is_refused_naming_its_line(monitored: Monitored, tmp_path: Path) -> None:
    project = tmp_path / "acme"
    shutil.copytree(monitored.project, project, symlinks=True)
    with (project / "kyc" / "dispositions.jsonl").open("a") as memory:
        memory.write('{"party": "nobody"}\n')
    step = cli("rescreen", "--engagement", str(project), "--quiet")
    assert step.status == 2
    assert step.err.splitlines()[-1].startswith(f"finagents: {project / 'kyc' / 'dispositions.jsonl'}: line 5 is not "
                                                "a remembered disposition (party: ")


# -- the rescreen ---------------------------------------------------------------------------------


def test_the_rescreen_reports_only_what_changed(monitored: Monitored) -> None:
    body = monitored.result("rescreen")["body"]
    assert [(c["kind"], c["party_key"], c["entry_id"], c["needs_verdict"]) for c in body["changes"]] == [
        ("new", f"harbour-lane-trading-ltd.{MORLEY}", "904", True),
        ("changed", f"harbour-lane-trading-ltd.{HALE}", "901", True),
        ("delisted", f"harbour-lane-trading-ltd.{WHITFIELD}", "902", False)]
    assert body["summary"] == {"parties": 4, "runs": 2, "new": 1, "changed": 1, "delisted": 1, "no_longer_hit": 0,
                               "list_not_in_force": 0, "needs_verdict": 2, "cleared": 0}
    assert [p["compared_with"] for p in body["parties"]] == [monitored.run("again").name] * 4


def test_each_change_says_what_changed_and_cites_the_entry(monitored: Monitored) -> None:
    changes = {c["kind"]: c for c in monitored.result("rescreen")["body"]["changes"]}
    again, date = monitored.run("again").name, approval_date(monitored, "first")
    assert changes["changed"]["message"] == (
        "Changed entry: Thomas Edward Hale (Harbour Lane Trading Limited) against OFAC SDN entry 901 "
        f"'HALE, Thomas Edward', score 100.0, a hit when last screened in run {again}: the entry changed since "
        f"(programs SDGT -> SDGT, IFSR); it was cleared on {date} by {DANA} ({HALE_REASON}); back for review because "
        "the list entry changed since")
    assert changes["delisted"]["message"] == (
        f"OFAC SDN entry 902 'WHITFIELD, Eleanor Mary', a hit for Eleanor Mary Whitfield (Harbour Lane Trading "
        f"Limited) in run {again}, is no longer on the OFAC SDN list in force (delisted)")
    assert changes["new"]["message"] == (
        "New hit: Catherine Ann Morley (Harbour Lane Trading Limited) against OFAC SDN entry 904 'MORLEY, Catherine "
        f"Ann', score 100.0 (no hit on this entry when last screened, in run {again})")
    assert changes["changed"]["citation"]["path"].endswith("/lists/ofac-sdn/2026-11-15-"
                                                           f"{_version(monitored, '2026-11-15')}/sdn.csv")
    assert changes["changed"]["previous_citation"]["path"].endswith(f"2026-11-01-{_version(monitored, '2026-11-01')}"
                                                                    "/sdn.csv")
    assert changes["delisted"]["citation"]["text"] == "WHITFIELD, Eleanor Mary"


def test_the_rescreen_stops_at_the_gate_for_new_and_changed_hits_only(monitored: Monitored) -> None:
    step = monitored.steps["rescreen"]
    assert step.out.splitlines()[1].startswith("  awaiting_review: review it: finagents review ")
    decision = next(e for e in _entries(monitored.run("rescreen")) if e["type"] == "human_decision")["data"]
    assert [d["item_id"] for d in decision["dispositions"]] == [book_hit(HALE, "901"), book_hit(MORLEY, "904")]
    assert monitored.result("rescreen")["status"] == "approved"


def test_the_rescreen_refuses_an_approval_without_the_verdicts_it_needs(monitored: Monitored) -> None:
    rescreen, steps = monitored.run("rescreen").name, monitored.steps
    delisted = f"delisted:harbour-lane-trading-ltd.{WHITFIELD}:ofac-sdn:902"
    assert [(steps[name].status, steps[name].err.splitlines()[-1]) for name in
            ("refused_short", "refused_delisting", "refused_onboarding")] == [
        (2, "finagents: --approve: approval needs a disposition for every item; none given for: "
            f"{book_hit(MORLEY, '904')}"),
        (2, f"finagents: --disposition: run {rescreen} has no reviewable item '{delisted}'"),
        (2, "finagents: --onboarding-decision: is not taken for a kyc_rescreen run; only kyc runs have an onboarding "
            "decision")]


def test_a_rescreen_with_nothing_changed_is_approved_with_no_verdict(monitored: Monitored, tmp_path: Path) -> None:
    run = _copy(monitored, tmp_path, "nothing_new")
    assert cli("review", str(run), "--approve", "--reviewer", DANA).status == 0
    assert json.loads((run / "result.json").read_text())["status"] == "approved"


def test_the_rescreens_false_positives_are_remembered(monitored: Monitored) -> None:
    lines = monitored.memory()
    rescreen = monitored.run("rescreen").name
    assert [(line["hit_id"], line["run_id"], line["party"]["id"]) for line in lines[2:]] == [
        (book_hit(HALE, "901"), rescreen, f"harbour-lane-trading-ltd.{HALE}"),
        (book_hit(MORLEY, "904"), rescreen, f"harbour-lane-trading-ltd.{MORLEY}")]
    assert read_data(monitored.run("rescreen"), "disposition_memory_used") == [
        {"memory": "kyc/dispositions.jsonl", "line": 1, "hit": book_hit(HALE, "901"),
         "party": f"harbour-lane-trading-ltd.{HALE}", "list": "OFAC SDN", "entry_id": "901",
         "outcome": "back_for_review", "why": "the list entry changed since", "from_run": monitored.run("first").name}]


def test_a_second_rescreen_compares_with_the_first_and_finds_nothing(monitored: Monitored) -> None:
    second = monitored.result("nothing_new")
    assert second["status"] == "awaiting_review" and second["body"]["changes"] == []
    assert {p["compared_with"] for p in second["body"]["parties"]} == {monitored.run("rescreen").name}
    memo = (monitored.run("nothing_new") / "memo.md").read_text()
    assert "Nothing changed since each party's last screening." in memo


def test_the_rescreen_counts_the_parties_it_screened(monitored: Monitored) -> None:
    steps = [line.split() for line in monitored.steps["nothing_new"].err.splitlines()]
    assert [words[:1] + words[3:] for words in steps if words[0] in ("read_book", "rescreen_book")] == [
        ["read_book"], ["rescreen_book", "4", "parties", "screened"]]


def test_the_rescreen_is_a_run_like_any_other(monitored: Monitored) -> None:
    rescreen = monitored.run("rescreen")
    inputs = monitored.result("rescreen")["inputs"]
    assert [Path(i["path"]).parent.name for i in inputs] == [monitored.run("first").name, monitored.run("again").name]
    step = cli("audit", "verify", str(rescreen))
    assert step.status == 0 and "as signed off" in step.out
    listed = cli("runs", "--engagement", str(monitored.project)).out
    assert f"{rescreen.name}  kyc_rescreen" in listed
    page = html.fromstring((rescreen / "report.html").read_text())
    assert page.xpath("//tr[@data-item='change']/@data-kind") == ["new", "changed", "delisted"]
    assert page.xpath("//dd[@data-summary='needs-verdict']/@data-count") == ["2"]


def test_without_an_approved_run_there_is_nothing_to_rescreen(isolated_home: Path) -> None:
    project = isolated_home / "empty"
    assert cli("new", "kyc", str(project)).status == 0
    step = cli("rescreen", "--engagement", str(project))
    assert step.status == 2
    assert step.err.splitlines()[-1] == (f"finagents: {project / 'runs'}: holds no approved KYC run, so there is "
                                         "nobody to rescreen: approve an onboarding run first (`finagents review RUN "
                                         "--approve ...`)")


def _entries(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "audit.jsonl").read_text().splitlines()]


def _version(monitored: Monitored, date: str) -> str:
    folder = next((monitored.project / "lists" / "ofac-sdn").glob(f"{date}-*"))
    return folder.name.removeprefix(f"{date}-")


def _copy(monitored: Monitored, tmp_path: Path, step: str) -> Path:
    project = tmp_path / "acme"
    if not project.exists():
        shutil.copytree(monitored.project, project, symlinks=True)
    return project / "runs" / monitored.run(step).name
