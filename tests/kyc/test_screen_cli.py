"""`finagents screen` and `finagents lists load` as a user meets them: the lists named
with their date, where the date came from and their sha256; nothing in force is exit 2
with the command to run; `lists load` keeps versions and refuses to backdate a list."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from kyc.screening.lists import NO_LISTS
from shared.cli import main
from tests.support.corpus import in_corpus, needs_corpus
from tests.support.stderr import last_line

SDN = in_corpus("kyc/ofac_sdn_2021-07")
UN = in_corpus("kyc/other_lists/un_sc_consolidated_list_2026-02-27.xml")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def sdn_age() -> int:
    return (dt.date.today() - dt.date(2021, 7, 7)).days


def test_screen_with_no_list_in_force_is_exit_2_with_the_command(capsys, isolated_home: Path) -> None:
    status, out, err = run_cli(capsys, "screen", "Eric Badege")
    folder = isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists"
    assert (status, out, err) == (2, "", f"finagents: {folder}: {NO_LISTS}\n")


def test_screen_human_output_shows_lists_hits_and_breakdown(capsys, real_lists_in_force, corpus_lists) -> None:
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "--dob", "1971", "--type", "individual")
    assert status == 0 and err == ""
    sdn = corpus_lists[0]
    assert f"list: OFAC SDN, 8976 entries, dated 2021-07-07 (declared), sha256 {sdn.sha256}" in out
    assert f"list: UN Consolidated, 1003 entries, dated 2026-02-27 (published), sha256 {corpus_lists[2].sha256}" in out
    assert (f"WARNING: OFAC SDN list dated 2021-07-07 is {sdn_age()} days old: "
            "get a current one with `finagents lists update`") in out
    assert "Eric Badege (type individual, dob 1971): 2 hits" in out
    assert "   98.8  OFAC SDN entry 15718: BADEGE, Eric  [hit:Eric-Badege:ofac-sdn:15718]" in out
    assert "         dob       90.0 x 0.15 query '1971', listed '1971'" in out


def test_screen_json_one_object_per_line_and_notes_on_stderr(capsys, real_lists_in_force) -> None:
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "Nobody Atall", "--json", "--country", "rw")
    assert status == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["query"] == {"name": "Eric Badege", "country": "RW"}
    un = next(h for h in first["hits"] if h["list"] == "UN Consolidated")
    assert un == {
        "id": "hit:Eric-Badege:un-consolidated:6907993", "list": "UN Consolidated", "entry_id": "6907993",
        "matched_name": "ERIC BADEGE", "score": "100.0",
        "breakdown": {"name": {"score": "100.0", "weight": "1", "query": "Eric Badege", "listed": "ERIC BADEGE"},
                      "country": {"score": "100.0", "weight": "0.1", "query": "RW", "listed": "CD, RW"}},
    }
    assert second == {"query": {"name": "Nobody Atall", "country": "RW"}, "hits": []}
    assert "WARNING: OFAC SDN list dated 2021-07-07" in err
    assert "list: UN Consolidated, 1003 entries, dated 2026-02-27 (published), sha256 66b392a40908" in err


def test_screen_file_with_ids(capsys, tmp_path: Path, real_lists_in_force) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,name,type,dob,country\nc1,Frank Kakorere,individual,,\nc2,Acme Widgets Ltd,entity,,GB\n")
    status, out, _ = run_cli(capsys, "screen", "--file", str(names), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [r["query"]["id"] for r in rows] == ["c1", "c2"]
    assert rows[0]["hits"][0]["id"] == "hit:c1:un-consolidated:6907994" and rows[1]["hits"] == []


@pytest.mark.parametrize(("content", "problem"), [
    ("id,name,dob\n1,Eric Badege,1971\n2,Someone,12/03/1960\n",
     "row 2 column 'dob': date of birth '12/03/1960' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("id,name,type\n1,Eric Badege,person\n", "row 1 column 'type': type 'person' is not one of individual, entity"),
    ("id,full_name\n1,Eric Badege\n", "has no 'name' column (its columns: id, full_name)"),
    ("name\n\n \n", "row 1 column 'name': the name is empty"),
])
def test_screen_file_with_a_bad_row_is_exit_2(capsys, tmp_path: Path, content: str, problem: str) -> None:
    names = tmp_path / "names.csv"
    names.write_text(content)
    status, out, err = run_cli(capsys, "screen", "--file", str(names))
    assert (status, out) == (2, "")
    assert last_line(err) == f"finagents: {names}: {problem}\n"


def test_screen_bad_options_are_exit_2(capsys) -> None:
    assert run_cli(capsys, "screen", "X", "--threshold", "high")[2] == (
        "finagents: --threshold: 'high' is not a number from 0 to 100\n")
    assert run_cli(capsys, "screen", "X", "--country", "Egyptt")[2] == (
        "finagents: --country: 'Egyptt' is not an ISO 3166 country code nor a country name; closest: Egypt (EG)\n")
    assert run_cli(capsys, "screen")[0] == 2


@needs_corpus
def test_lists_load_stores_a_version_in_the_engagement_and_screen_uses_it(capsys, isolated_home: Path,
                                                                           tmp_path: Path) -> None:
    (isolated_home / "engagement.toml").write_text('[engagement]\nclient = "Acme"\n')
    download, today = tmp_path / "download", dt.date.today().isoformat()
    shutil.copytree(SDN, download)
    status, out, err = run_cli(capsys, "lists", "load", str(download / "sdn.csv"), str(download / "alt.csv"),
                               "--date", today)
    assert (status, err) == (0, "")
    sha = out.split("sha256 ")[1].split(",")[0]
    version = isolated_home / "lists" / "ofac-sdn" / f"{today}-{sha[:12]}"
    assert out == (f"stored OFAC SDN: 8976 entries, dated {today} (declared), sha256 {sha}, "
                   f"as ofac-sdn/{today}-{sha[:12]} in {isolated_home / 'lists'}\n")
    assert sorted(p.name for p in version.iterdir()) == [
        "add.csv", "alt.csv", "list.toml", "sdn.csv", "sdn_comments.csv"]
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "--json")
    assert f"list: OFAC SDN, 8976 entries, dated {today} (declared), sha256 {sha}" in err
    assert "WARNING: OFAC SDN" not in err  # the stored list is current
    hit = json.loads(out.splitlines()[0])["hits"][0]
    assert hit["entry_id"] == "15718"


@needs_corpus
def test_lists_load_outside_an_engagement_uses_the_user_data_folder(capsys, isolated_home: Path) -> None:
    status, out, err = run_cli(capsys, "lists", "load", str(UN))
    data = isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists"
    assert (status, err) == (0, "")
    assert out.startswith("stored UN Consolidated: 1003 entries, dated 2026-02-27 (published), sha256 66b392a40908")
    assert (data / "un-consolidated" / "2026-02-27-66b392a40908" / "list.toml").is_file()
    status, out, _ = run_cli(capsys, "lists", "load", str(UN))
    assert status == 0 and out == (
        "UN Consolidated: identical to the stored version un-consolidated/2026-02-27-66b392a40908 "
        "(dated 2026-02-27, published, "
        "sha256 66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf); "
        "nothing new stored\n")


@needs_corpus
def test_a_file_s_own_date_wins_over_date_with_a_warning_line(capsys, isolated_home: Path) -> None:
    status, out, err = run_cli(capsys, "lists", "load", str(UN), "--date", "2026-12-01")
    assert status == 0
    assert err == f"WARNING: {UN} prints its own date, 2026-02-27; the declared date 2026-12-01 is ignored\n"
    assert "dated 2026-02-27 (published)" in out


@needs_corpus
def test_loading_a_stored_list_again_under_a_later_date_is_refused(capsys, isolated_home: Path, tmp_path: Path) -> None:
    download = tmp_path / "download"
    shutil.copytree(SDN, download)
    assert run_cli(capsys, "lists", "load", str(download), "--date", "2021-07-07")[0] == 0
    status, out, err = run_cli(capsys, "lists", "load", str(download / "sdn.csv"), "--date", "2026-11-30")
    assert (status, out) == (2, "")
    stored = isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists" / "ofac-sdn"
    sha = next(stored.iterdir()).name[11:]
    assert err == (f"finagents: {download / 'sdn.csv'}: is identical (sha256 {sha}...) to the stored version "
                   f"ofac-sdn/2021-07-07-{sha} dated 2021-07-07: storing it as 2026-11-30 would make an old list look "
                   "current; nothing stored\n")
    # the same file under its own date, or an earlier one, stores nothing and is no error
    assert run_cli(capsys, "lists", "load", str(download), "--date", "2021-07-07")[1].startswith(
        "OFAC SDN: identical to the stored version")


def test_lists_load_unknown_format_is_exit_2(capsys, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,name\n1,Acme\n")
    status, out, err = run_cli(capsys, "lists", "load", str(names))
    assert (status, out) == (2, "")
    assert err == (f"finagents: {names}: is not a list format the pack reads (an OFAC legacy CSV set "
                   "(sdn.csv or cons_prim.csv with its alt/add/comments files) or the UN consolidated XML)\n")


def test_the_demo_list_cannot_be_loaded(capsys) -> None:
    from kyc.screening.demo import DEMO_FILE, pack_sample

    demo = pack_sample() / DEMO_FILE
    status, out, err = run_cli(capsys, "lists", "load", str(demo))
    assert (status, out) == (2, "")
    assert err == (f"finagents: {demo}: is the pack's DEMO LIST of invented names, not a real sanctions list: it is "
                   "used only for runs on the pack's own sample and cannot be loaded\n")
