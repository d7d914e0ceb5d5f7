"""A KYC run as a user drives it: the gate wants a verdict on every hit, the memo records
each one; bad input stops the run with one line and exit 2, and so does a run with no
sanctions list in force; the demo list serves the pack's own sample and nothing else."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kyc.screening.demo import DEMO_FILE, DEMO_NAME, pack_sample
from kyc.screening.lists import NO_LISTS
from shared.audit import read_data
from shared.cli import main
from tests.conftest import FIXTURES
from tests.support.corpus import corpus_path
from tests.support.stderr import last_line

CASES = FIXTURES / "kyc" / "cases"


def run_case(case: str, out: Path, capsys) -> tuple[Path, dict]:
    assert main(["run", "kyc", str(CASES / case), "--out", str(out)]) == 0
    capsys.readouterr()
    return out, json.loads((out / "result.json").read_text())


def test_approval_needs_a_verdict_on_every_hit_and_the_memo_records_them(tmp_path, capsys, real_lists_in_force):
    run, result = run_case("sanctions_hit", tmp_path / "run", capsys)
    hit_ids = [h["id"] for h in result["body"]["screening"]["hits"]]
    assert hit_ids
    status = main(["review", str(run), "--approve", "--reviewer", "Dana Cole"])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("finagents: --approve: approval needs a disposition for every item")
    assert hit_ids[0] in err
    dispositions = [a for i in hit_ids for a in ("--disposition", f"{i}=true_match:listed DOB and nationality agree")]
    assert main(["review", str(run), "--reject", "--reviewer", "Dana Cole", "--comment", "Decline: SDN match",
                 *dispositions]) == 0
    final = json.loads((run / "result.json").read_text())
    assert final["status"] == "rejected"
    assert [(d["item_id"], d["verdict"]) for d in final["review"]["dispositions"]] == [
        (i, "true_match") for i in hit_ids]
    memo = (run / "memo.md").read_text()
    assert "**Analysis rejected by Dana Cole on " in memo and "true_match: listed DOB and nationality agree" in memo
    (decision,) = read_data(run / "audit.jsonl", "human_decision")
    assert decision["decision"] == "reject" and len(decision["dispositions"]) == len(hit_ids)


def test_a_clean_case_is_approved_without_dispositions(tmp_path, capsys, made_up_list):
    run, result = run_case("clean_company", tmp_path / "run", capsys)
    assert result["body"]["screening"]["hits"] == []
    assert main(["review", str(run), "--approve", "--reviewer", "Dana Cole", "--onboarding-decision", "clear"]) == 0
    assert json.loads((run / "result.json").read_text())["status"] == "approved"


def copy_case(tmp_path: Path, case: str = "clean_company") -> Path:
    folder = tmp_path / "case"
    shutil.copytree(CASES / case, folder)
    return folder


def edit_application(folder: Path, **changes) -> Path:
    path = folder / "application.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2))
    return path


def _no_application(folder):
    (folder / "application.json").unlink()
    return folder, "holds no application (expected one of: application.json, application.yaml"


def _unknown_field(folder):
    return edit_application(folder, favourite_colour="blue"), "unknown field 'favourite_colour'"


def _malformed_date(folder):
    return edit_application(folder, date="2026-13-01"), "field 'date': '2026-13-01' is not a date (YYYY-MM-DD)"


def _percent_not_a_number(folder):
    path = folder / "register_of_shareholders.csv"
    path.write_text(path.read_text().replace(",60,", ",sixty,", 1))
    return path, "row 1 column 'percent': percentage 'sixty' is not a number"


def _unreadable_document(folder):
    path = folder / "proof_of_address.pdf"
    path.write_bytes(path.read_bytes()[:400])
    return path, "truncated"


BAD = {"no application": _no_application, "unknown field": _unknown_field, "malformed date": _malformed_date,
       "percent not a number": _percent_not_a_number, "unreadable document": _unreadable_document}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_one_line_exit_2_naming_the_file(case, tmp_path, capsys):
    folder = copy_case(tmp_path)
    named, problem = BAD[case](folder)
    status = main(["run", "kyc", str(folder), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    err = last_line(err)
    assert status == 2 and err.count("\n") == 1
    assert err.startswith(f"finagents: {named}: ") and problem in err


def test_register_percent_over_100_is_a_finding_and_the_run_goes_on(tmp_path, capsys, made_up_list):
    folder = copy_case(tmp_path)
    path = folder / "register_of_shareholders.csv"
    path.write_text(path.read_text().replace(",60,", ",75,", 1))
    status = main(["run", "kyc", str(folder), "--out", str(tmp_path / "run")])
    assert status == 0
    result = json.loads((tmp_path / "run" / "result.json").read_text())
    over = [f for f in result["findings"] if f["code"] == "ownership_over_100"]
    assert len(over) == 1 and "add up to 115%" in over[0]["message"] and len(over[0]["citations"]) == 4
    assert "R-OWNERSHIP-OVER-100" in {r["id"] for r in result["body"]["risk"]["rules"]}


def test_a_list_loaded_for_the_engagement_is_the_one_runs_use(isolated_home, capsys):
    """`lists load` in a client project: the run screens against the loaded list and
    stamps its date, where the date came from and its hash; a loaded list that names a
    party makes a new hit."""
    (isolated_home / "engagement.toml").write_text("[engagement]\nclient = 'Test client'\n")
    newer = isolated_home / "sdn_new"
    shutil.copytree(corpus_path("kyc/ofac_sdn_2021-07/sdn.csv").parent, newer)
    # OFAC's file ends with a DOS end-of-file byte; the new entry goes before it.
    body = (newer / "sdn.csv").read_bytes().rstrip(b"\x1a")
    entry = ('99999001,"WHITFIELD, Eleanor Mary","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
             '"DOB 14 Jun 1971; nationality United Kingdom."\r\n')
    (newer / "sdn.csv").write_bytes(body + entry.encode() + b"\x1a")
    assert main(["lists", "load", str(newer / "sdn.csv"), "--date", "2026-11-20"]) == 0
    capsys.readouterr()
    assert main(["run", "kyc", str(CASES / "clean_company")]) == 0
    (run,) = [p for p in (isolated_home / "runs").iterdir() if p.is_dir()]
    result = json.loads((run / "result.json").read_text())
    (listed,) = result["lists"]
    assert (listed["name"], listed["date"], listed["date_origin"]) == ("OFAC SDN", "2026-11-20", "declared")
    assert listed["source"].startswith(f"ofac-sdn/2026-11-20-{listed['sha256'][:12]}: loaded from {newer}")
    hits = [h for h in result["body"]["screening"]["hits"] if h["entry_id"] == "99999001"]
    assert [h["party_name"] for h in hits] == ["Eleanor Mary Whitfield"]
    assert "OFAC SDN" not in {f["subject"] for f in result["findings"] if f["code"] == "list_out_of_date"}
    memo = (run / "memo.md").read_text()
    assert (f"- OFAC SDN, dated 2026-11-20 (date declared when loaded); {listed['source']}; "
            f"sha256 {listed['sha256']}") in memo


def test_a_run_with_no_list_in_force_is_exit_2_with_the_command(tmp_path, capsys, isolated_home):
    status = main(["run", "kyc", str(CASES / "clean_company"), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    err = last_line(err)
    folder = isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists"
    assert status == 2 and err.count("\n") == 1
    assert last_line(err) == f"finagents: {folder}: {NO_LISTS}\n"
    result = json.loads((tmp_path / "run" / "result.json").read_text())
    assert result["status"] == "failed" and result["lists"] == []


def demo_run(folder: Path, out: Path, capsys) -> dict:
    assert main(["run", "kyc", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    return json.loads((out / "result.json").read_text())


def test_the_sample_and_a_byte_identical_copy_are_screened_against_the_demo_list_alone(tmp_path, capsys,
                                                                                         made_up_list):
    copy = tmp_path / "inputs" / "sample"
    shutil.copytree(pack_sample(), copy)
    for folder, out in ((pack_sample(), tmp_path / "pack"), (copy, tmp_path / "copy")):
        result = demo_run(folder, out, capsys)
        (listed,) = result["lists"]
        assert (listed["name"], listed["date"], listed["date_origin"]) == (DEMO_NAME, "2026-10-01", "published")
        assert listed["sha256"] == hashlib.sha256((pack_sample() / DEMO_FILE).read_bytes()).hexdigest()
        assert listed["source"].startswith("the pack's demo list of invented names")
        assert result["body"]["screening"]["hits"] == []
        (demo,) = [f for f in result["findings"] if f["code"] == "demo_list"]
        assert demo["severity"] == "info" and "not a real sanctions list" in demo["message"]
        memo = (out / "memo.md").read_text()
        assert "**Demo only.** The DEMO LIST holds invented names" in memo
        assert "data-demo-list" in (out / "report.html").read_text()


def test_a_demo_list_in_any_other_folder_is_not_honoured(tmp_path, capsys, isolated_home):
    case = tmp_path / "case"
    shutil.copytree(CASES / "clean_company", case)
    shutil.copy(pack_sample() / DEMO_FILE, case / DEMO_FILE)
    status = main(["run", "kyc", str(case), "--out", str(tmp_path / "run")])
    assert status == 2 and capsys.readouterr().err.endswith(f"{NO_LISTS}\n")
    # nor in a copy of the sample that is no longer the sample (a document added)
    sample = tmp_path / "sample"
    shutil.copytree(pack_sample(), sample)
    shutil.copy(CASES / "clean_company" / "proof_of_address.pdf", sample / "bank_letter.pdf")
    assert main(["run", "kyc", str(sample), "--out", str(tmp_path / "run2")]) == 2
    assert capsys.readouterr().err.endswith(f"{NO_LISTS}\n")


def test_a_copy_of_the_sample_without_its_notes_is_still_the_sample(tmp_path, capsys, isolated_home):
    """Its README and hidden expected outcome are notes, not documents: an exported eval
    leaves them out so as not to carry its answer, and the demo list still applies."""
    sample = tmp_path / "sample"
    shutil.copytree(pack_sample(), sample, ignore=shutil.ignore_patterns("README*", ".expected.json"))
    assert not (sample / "README.md").exists() and (sample / DEMO_FILE).is_file()
    result = demo_run(sample, tmp_path / "run", capsys)
    assert [listed["name"] for listed in result["lists"]] == [DEMO_NAME]


def test_with_real_lists_loaded_a_demo_list_in_a_case_is_ignored(tmp_path, capsys, made_up_list):
    case = tmp_path / "case"
    shutil.copytree(CASES / "clean_company", case)
    shutil.copy(pack_sample() / DEMO_FILE, case / DEMO_FILE)
    result = demo_run(case, tmp_path / "run", capsys)
    assert [(l["name"], l["date"]) for l in result["lists"]] == [("OFAC SDN", "2026-11-01")]
    assert "demo_list" not in {f["code"] for f in result["findings"]}
