"""`finagents lists update` against a loopback server standing in for OFAC and the UN
(FINAGENTS_MIRROR), serving the corpus's files: a good download, a truncated one, a
404, an HTML error page served as 200, an empty file, a file with no date anywhere, a
changed file (a new version beside the old, the newest in force), and what is sent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc.screening.sources import sources
from shared.cli import main
from tests.support.corpus import corpus_path
from tests.support.stderr import last_line

CORPUS_FILES = {
    "sdn.csv": "kyc/ofac_sdn_2021-07/sdn.csv", "alt.csv": "kyc/ofac_sdn_2021-07/alt.csv",
    "add.csv": "kyc/ofac_sdn_2021-07/add.csv", "sdn_comments.csv": "kyc/ofac_sdn_2021-07/sdn_comments.csv",
    "cons_prim.csv": "kyc/ofac_consolidated_nonsdn/cons_prim.csv",
    "cons_alt.csv": "kyc/ofac_consolidated_nonsdn/cons_alt.csv",
    "cons_add.csv": "kyc/ofac_consolidated_nonsdn/cons_add.csv",
    "cons_comments.csv": "kyc/ofac_consolidated_nonsdn/cons_comments.csv",
    "consolidated.xml": "kyc/other_lists/un_sc_consolidated_list_2026-02-27.xml",
}
JULY = "Wed, 07 Jul 2021 15:04:05 GMT"
DECEMBER = "Fri, 19 Dec 2025 08:00:00 GMT"
URL = {f.file: f.url for s in sources() for f in s.files}


@pytest.fixture
def publishers(http_mirror):
    """The mirror serving every list file from the corpus, OFAC's with a Last-Modified."""
    for source in sources():
        for item in source.files:
            modified = DECEMBER if item.file.startswith("cons_") else JULY
            headers = {} if item.file.endswith(".xml") else {"Last-Modified": modified}
            http_mirror.serve(item.url, corpus_path(CORPUS_FILES[item.file]).read_bytes(), headers=headers)
    return http_mirror


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def data_lists(isolated_home: Path) -> Path:
    return isolated_home.parent / "home" / "xdg_data_home" / "finagents" / "lists"


def stored(isolated_home: Path) -> list[str]:
    folder = data_lists(isolated_home)
    return sorted(f"{v.parent.name}/{v.name}" for v in folder.glob("*/*")) if folder.is_dir() else []


def test_a_good_download_stores_each_list_dated_with_its_origin(publishers, capsys, isolated_home) -> None:
    status, out, err = run_cli(capsys, "lists", "update")
    assert status == 0
    assert err.splitlines() == [f"downloading {url}" for url in URL.values()]
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["stored OFAC SDN", "stored OFAC Consolidated (non-SDN)",
                                                       "stored UN Consolidated"]
    assert "8976 entries, dated 2021-07-07 (last_modified), sha256 " in lines[0]
    assert "442 entries, dated 2025-12-19 (last_modified)" in lines[1]
    assert ("1003 entries, dated 2026-02-27 (published), "
            "sha256 66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf, "
            f"as un-consolidated/2026-02-27-66b392a40908 in {data_lists(isolated_home)}") in lines[2]
    agents = {r.headers.get("User-Agent", "") for r in publishers.requests}
    assert len(publishers.requests) == 9 and len(agents) == 1 and agents.pop().startswith("finagents/")
    manifest = (data_lists(isolated_home) / "un-consolidated" / "2026-02-27-66b392a40908" / "list.toml").read_text()
    assert 'source = "downloaded from https://scsanctions.un.org/resources/xml/en/consolidated.xml"' in manifest
    status, out, err = run_cli(capsys, "screen", "Eric Badege", "--json")
    assert status == 0 and "list: OFAC SDN, 8976 entries, dated 2021-07-07 (last_modified), sha256 " in err


def test_downloading_the_same_files_again_stores_nothing_new(publishers, capsys, isolated_home) -> None:
    assert run_cli(capsys, "lists", "update", "--list", "un")[0] == 0
    status, out, _ = run_cli(capsys, "lists", "update", "--list", "un")
    assert status == 0 and out.endswith("nothing new stored\n")
    assert out.startswith("UN Consolidated: identical to the stored version un-consolidated/2026-02-27-66b392a40908")
    assert stored(isolated_home) == ["un-consolidated/2026-02-27-66b392a40908"]


def test_a_changed_file_is_a_new_version_beside_the_old_and_the_newest_is_in_force(publishers, capsys,
                                                                                   isolated_home) -> None:
    assert run_cli(capsys, "lists", "update", "--list", "ofac-sdn")[0] == 0
    body = corpus_path(CORPUS_FILES["sdn.csv"]).read_bytes().rstrip(b"\x1a")
    row = ('99999001,"QUARRINGTON, Zebulon","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
           '"DOB 11 Feb 1958."\r\n')
    publishers.serve(URL["sdn.csv"], body + row.encode() + b"\x1a", headers={"Last-Modified": DECEMBER})
    status, out, _ = run_cli(capsys, "lists", "update", "--list", "ofac-sdn")
    assert status == 0 and out.startswith("stored OFAC SDN: 8977 entries, dated 2025-12-19 (last_modified)")
    assert [name[:19] for name in stored(isolated_home)] == ["ofac-sdn/2021-07-07", "ofac-sdn/2025-12-19"]
    status, out, err = run_cli(capsys, "screen", "Zebulon Quarrington", "--json")
    assert "list: OFAC SDN, 8977 entries, dated 2025-12-19 (last_modified)" in err
    assert [h["entry_id"] for h in json.loads(out)["hits"]] == ["99999001"]


@pytest.mark.parametrize(("file", "route", "problem"), [
    ("sdn.csv", {"truncate_at": 1000}, "download stopped"),
    ("alt.csv", {"status": 404}, "the server answered 404"),
    ("consolidated.xml", {"body": b"<!DOCTYPE html>\n<html><body>Service unavailable</body></html>",
                          "headers": {"Content-Type": "text/html"}},
     "is a web page (HTML, text/html), not the list file: the publisher may be down or moved it; nothing stored"),
    ("cons_alt.csv", {"body": b""}, "is empty; nothing stored"),
    ("sdn_comments.csv", {"headers": {}}, "was sent without a Last-Modified date and prints none itself"),
    ("cons_prim.csv", {"body": b"id,name\r\n1,Acme\r\n", "headers": {"Last-Modified": DECEMBER}},
     "line 1 has 2 fields; an OFAC legacy CSV primary file has 12, the first a number; nothing stored"),
])
def test_a_bad_download_is_refused_naming_its_url_and_nothing_is_stored(publishers, capsys, isolated_home,
                                                                        file: str, route: dict, problem: str) -> None:
    body = route.pop("body", corpus_path(CORPUS_FILES[file]).read_bytes())
    route.setdefault("headers", {"Last-Modified": JULY})
    publishers.serve(URL[file], body, **route)
    status, out, err = run_cli(capsys, "lists", "update")
    assert (status, out) == (2, "")
    last = err.splitlines()[-1]
    assert last.startswith(f"finagents: {URL[file]}: ") and problem in last, last
    assert all(line.startswith("downloading ") for line in err.splitlines()[:-1])
    assert stored(isolated_home) == []


def test_an_unknown_list_is_exit_2(capsys) -> None:
    status, out, err = run_cli(capsys, "lists", "update", "--list", "ofac-sdn,eu")
    assert (status, out) == (2, "")
    assert last_line(err) == ("finagents: --list: 'eu' is not a list the pack downloads "
                              "(one of: ofac-sdn, ofac-consolidated, un)\n")
