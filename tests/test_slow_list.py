"""tests/slow.txt names only tests and fixtures that exist (a renamed test would otherwise
drop out of the list and slow `make check` down unnoticed), and the rule that makes the
list marks what it should."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.support.slow_list import (
    FIXTURE,
    KEEP,
    SLOW_CALL,
    SLOW_FUNCTION,
    SLOW_SETUP,
    function_id,
    is_listed,
    read_list,
    slow_entries,
)


def _defines(path: Path, name: str) -> bool:
    source = path.read_text(encoding="utf-8")
    return re.search(rf"^\s*(async )?def {re.escape(name)}\(", source, re.MULTILINE) is not None


def test_every_listed_test_function_exists() -> None:
    functions = sorted(e.removeprefix(KEEP) for e in read_list() if not e.startswith(FIXTURE))
    assert functions, "tests/slow.txt lists no test"
    missing = [e for e in functions if not (REPO_ROOT / e.split("::")[0]).is_file()
               or not _defines(REPO_ROOT / e.split("::")[0], e.split("::")[1])]
    assert missing == []


def test_every_listed_fixture_exists_where_the_list_says() -> None:
    missing = []
    for entry in sorted(e.removeprefix(FIXTURE) for e in read_list() if e.startswith(FIXTURE)):
        baseid, name = entry.split("::")
        where = REPO_ROOT / baseid
        files = [where] if where.suffix == ".py" else [where / "conftest.py"]
        if not any(f.is_file() and _defines(f, name) for f in files):
            missing.append(entry)
    assert missing == []


def test_the_rule_lists_costly_shared_fixtures_and_slow_functions_only() -> None:
    measure = {"setups": {"fixture tests/x::big": [SLOW_SETUP * 4], "fixture tests/x::small": [0.01]},
               "calls": {"tests/x/test_a.py::test_slow": [SLOW_CALL + 0.1],
                         "tests/x/test_a.py::test_many": [SLOW_FUNCTION / 3] * 4,  # each quick, together not
                         "tests/x/test_a.py::test_first_pays_a_load": [SLOW_FUNCTION * 3, 0.01, 0.01],
                         "tests/x/test_a.py::test_quick": [0.01, 0.02]}}
    assert SLOW_FUNCTION / 3 < SLOW_CALL
    assert slow_entries(measure) == {"fixture tests/x::big", "tests/x/test_a.py::test_slow",
                                     "tests/x/test_a.py::test_many"}


def test_a_test_is_listed_by_its_function_or_by_a_fixture_it_uses() -> None:
    listed = {"tests/x/test_a.py::test_slow", "fixture tests/x::big"}
    assert function_id("tests/x/test_a.py::test_slow[case-1]") == "tests/x/test_a.py::test_slow"
    assert is_listed("tests/x/test_a.py::test_slow[case-1]", [], listed)
    assert is_listed("tests/x/test_b.py::test_other", ["fixture tests::tmp", "fixture tests/x::big"], listed)
    assert not is_listed("tests/x/test_b.py::test_other", ["fixture tests/y::big"], listed)
    kept = {*listed, "keep tests/x/test_a.py::test_slow"}
    assert not is_listed("tests/x/test_a.py::test_slow[case-1]", ["fixture tests/x::big"], kept)
