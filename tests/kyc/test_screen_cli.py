"""`finagents screen` and `finagents lists load` as a user meets them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from kyc.screening.lists import PACK_LISTS
from shared.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def sdn_age() -> int:
    return (dt.date.today() - dt.date(2021, 7, 7)).days


def test_screen_human_output_shows_lists_hits_and_breakdown(capsys) -> None:
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "--dob", "1971", "--type", "individual")
    assert status == 0 and err == ""
    assert "list: OFAC SDN, 8976 entries, dated 2021-07-07 (declared)" in out
    assert (f"WARNING: OFAC SDN snapshot dated 2021-07-07 is {sdn_age()} days old: "
            "load a current list with `finagents lists load`") in out
    assert "Eric Badege (type individual, dob 1971): 2 hits" in out
    assert "   98.8  OFAC SDN entry 15718: BADEGE, Eric  [hit:Eric-Badege:ofac-sdn:15718]" in out
    assert "         dob       90.0 x 0.15 query '1971', listed '1971'" in out


def test_screen_json_one_object_per_line_and_notes_on_stderr(capsys) -> None:
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
    assert "WARNING: OFAC SDN snapshot dated 2021-07-07" in err and "list: UN Consolidated" in err


def test_screen_file_with_ids(capsys, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,name,type,dob,country\nc1,Frank Kakorere,individual,,\nc2,Acme Widgets Ltd,entity,,GB\n")
    status, out, _ = run_cli(capsys, "screen", "--file", str(names), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [r["query"]["id"] for r in rows] == ["c1", "c2"]
    assert rows[0]["hits"][0]["id"] == "hit:c1:un-consolidated:6907994" and rows[1]["hits"] == []


@pytest.mark.parametrize(("content", "problem"), [
    ("id,name,dob\n1,Eric Badege,1971\n2,Someone,12/03/1960\n", "row 2 column 'dob': date of birth '12/03/1960' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("id,name,type\n1,Eric Badege,person\n", "row 1 column 'type': type 'person' is not one of individual, entity"),
    ("id,full_name\n1,Eric Badege\n", "has no 'name' column (its columns: id, full_name)"),
    ("name\n\n \n", "row 1 column 'name': the name is empty"),
])
def test_screen_file_with_a_bad_row_is_exit_2(capsys, tmp_path: Path, content: str, problem: str) -> None:
    names = tmp_path / "names.csv"
    names.write_text(content)
    status, out, err = run_cli(capsys, "screen", "--file", str(names))
    assert (status, out) == (2, "")
    assert err == f"finagents: {names}: {problem}\n"


def test_screen_bad_options_are_exit_2(capsys) -> None:
    assert run_cli(capsys, "screen", "X", "--threshold", "high")[2] == "finagents: --threshold: 'high' is not a number from 0 to 100\n"
    assert run_cli(capsys, "screen", "X", "--country", "Egypt")[2] == "finagents: --country: country 'Egypt' is not an ISO 3166 two-letter code\n"
    assert run_cli(capsys, "screen")[0] == 2


def test_lists_load_stores_in_the_engagement_and_screen_uses_it(capsys, isolated_home: Path, tmp_path: Path) -> None:
    (isolated_home / "engagement.toml").write_text('[engagement]\nclient = "Acme"\n')
    download, today = tmp_path / "download", dt.date.today().isoformat()
    shutil.copytree(PACK_LISTS / "ofac_sdn", download)
    status, out, err = run_cli(capsys, "lists", "load", str(download / "sdn.csv"), str(download / "alt.csv"), "--date", today)
    assert (status, err) == (0, "")
    folder = isolated_home / "lists" / "ofac-sdn"
    assert out.startswith(f"stored OFAC SDN: 8976 entries, dated {today} (declared), sha256 c979577ac815")
    assert out.rstrip().endswith(f"in {folder}") and out.count("\n") == 1
    assert sorted(p.name for p in folder.iterdir()) == ["add.csv", "alt.csv", "list.toml", "sdn.csv", "sdn_comments.csv"]
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "--json")
    assert f"list: OFAC SDN, 8976 entries, dated {today} (declared)" in err
    assert "WARNING: OFAC SDN" not in err  # the stored list is current
    hit = json.loads(out.splitlines()[0])["hits"][0]
    assert hit["entry_id"] == "15718"


def test_lists_load_outside_an_engagement_uses_the_user_data_folder(capsys, isolated_home: Path) -> None:
    status, out, _ = run_cli(capsys, "lists", "load", str(PACK_LISTS / "un_consolidated.xml"))
    assert status == 0 and "stored UN Consolidated: 1003 entries, dated 2026-02-27 (published)" in out
    assert (isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists" / "un-consolidated" / "list.toml").is_file()


def test_lists_load_unknown_format_is_exit_2(capsys, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,name\n1,Acme\n")
    status, out, err = run_cli(capsys, "lists", "load", str(names))
    assert (status, out) == (2, "")
    assert err == (f"finagents: {names}: is not a list format the pack reads (an OFAC legacy CSV set "
                   "(sdn.csv or cons_prim.csv with its alt/add/comments files) or the UN consolidated XML)\n")
