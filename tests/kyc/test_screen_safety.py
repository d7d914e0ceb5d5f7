"""Issue 17, minor items on the list loader and the screen command: a list that cannot
be the one it replaces is refused unless --force; `screen --file` reads UTF-16 with its
BOM; a long file's results come out as they are screened. Made-up lists, no corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc.screening.store import versions
from shared.cli import main
from tests.kyc.made_lists import SDN_ROW, tiny_sdn

NAMES = ("QUARRINGTON, Zebulon", "VEXHOLLOW, Marisol", "DRAYMOOR, Ottoline", "FENWICKE, Barnaby",
         "HOLLISTRAND, Perpetua", "MARCHBANK, Ignatius")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def list_with_a_nameless_entry(folder: Path) -> Path:
    folder.mkdir(parents=True)
    rows = SDN_ROW.format(id=901, name="", dob="01 Jan 1970") + SDN_ROW.format(id=902, name=NAMES[0], dob="02 Jan 1970")
    (folder / "sdn.csv").write_bytes(rows.encode() + b"\x1a")
    (folder / "alt.csv").write_bytes(b'902,1,"aka","ZEB QUARRINGTON",-0- \r\n\x1a')
    return folder / "sdn.csv"


def test_a_list_with_a_nameless_entry_is_refused_unless_forced(capsys, isolated_home, tmp_path):
    sdn = list_with_a_nameless_entry(tmp_path / "download")
    status, out, err = cli(capsys, "lists", "load", str(sdn), "--date", "2026-11-20")
    assert (status, out) == (2, "")
    assert err == (f"finagents: {sdn}: holds 1 of 2 entries with no name (entry 901): a damaged or wrong file? "
                   "nothing stored; give --force to store it anyway\n")
    assert versions(None) == []
    status, out, err = cli(capsys, "lists", "load", str(sdn), "--date", "2026-11-20", "--force")
    assert status == 0 and out.startswith("stored OFAC SDN: 2 entries, dated 2026-11-20")


def test_a_list_with_under_half_the_entries_in_force_is_refused_unless_forced(capsys, isolated_home, tmp_path):
    assert cli(capsys, "lists", "load", str(tiny_sdn(tmp_path / "full", *NAMES)), "--date", "2026-11-01")[0] == 0
    short = tiny_sdn(tmp_path / "short", *NAMES[:2])
    status, out, err = cli(capsys, "lists", "load", str(short), "--date", "2026-11-20")
    (in_force,) = versions(None)
    assert (status, out) == (2, "")
    assert err == (f"finagents: {short}: holds 2 entries, fewer than half the 6 of the version in force "
                   f"({in_force.label}, dated 2026-11-01): a cut-short or wrong file? nothing stored; give --force "
                   "to store it anyway\n")
    # Half or more is a list that changed; an older one would not go into force.
    assert cli(capsys, "lists", "load", str(tiny_sdn(tmp_path / "half", *NAMES[:3])), "--date", "2026-11-10")[0] == 0
    assert cli(capsys, "lists", "load", str(tiny_sdn(tmp_path / "old", NAMES[5])), "--date", "2026-10-01")[0] == 0
    one = tiny_sdn(tmp_path / "one", NAMES[4])
    assert cli(capsys, "lists", "load", str(one), "--date", "2026-11-20")[0] == 2
    status, out, _ = cli(capsys, "lists", "load", str(one), "--date", "2026-11-20", "--force")
    assert status == 0 and "stored OFAC SDN: 1 entries, dated 2026-11-20" in out
    assert len(versions(None)) == 4


@pytest.fixture
def six_names_in_force(isolated_home, tmp_path) -> None:
    from kyc.screening.lists import load_list
    from kyc.screening.store import store_version

    store_version(load_list(tiny_sdn(tmp_path / "made_up", *NAMES), date="2026-11-01"), None, source="made up")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_screen_file_reads_utf16_with_its_bom(encoding, capsys, six_names_in_force, tmp_path):
    names = tmp_path / "names.csv"
    text = "id,name,type\r\nc-1,Zebulon Quarrington,individual\r\nc-2,Ottoline Draymoor,individual\r\n"
    data = text.encode(encoding)
    names.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    status, out, err = cli(capsys, "screen", "--file", str(names), "--json")
    assert status == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    assert [(r["query"]["id"], [h["matched_name"] for h in r["hits"]][:1]) for r in found] == [
        ("c-1", ["QUARRINGTON, Zebulon"]), ("c-2", ["DRAYMOOR, Ottoline"])]


def test_screen_prints_each_result_as_it_is_screened(capsys, six_names_in_force, tmp_path, monkeypatch):
    from kyc.screening.engine import Screener

    names = tmp_path / "names.csv"
    names.write_text("name\n" + "".join(f"{n.split(', ')[1]} {n.split(', ')[0].title()}\n" for n in NAMES))
    printed: list[str] = []
    printed_before: list[int] = []
    screen = Screener.screen

    def watched(self, query):
        printed.extend(capsys.readouterr().out.splitlines())
        printed_before.append(len(printed))
        return screen(self, query)

    monkeypatch.setattr(Screener, "screen", watched)
    assert main(["screen", "--file", str(names), "--json"]) == 0
    printed.extend(capsys.readouterr().out.splitlines())
    # When the nth name is screened, the n-1 before it have been printed.
    assert printed_before == [0, 1, 2, 3, 4, 5]
    assert [json.loads(line)["query"]["name"] for line in printed] == [f"{n.split(', ')[1]} {n.split(', ')[0].title()}"
                                                                       for n in NAMES]
