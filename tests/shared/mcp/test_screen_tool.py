"""`screen_names` refuses as `finagents screen` does when no sanctions list is in force:
the same one line, naming the folder and the commands that get a list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kyc.tools import ScreenArguments, screen_names
from shared.engagement import Engagement
from shared.errors import InputError
from shared.mcp.errors import one_line
from shared.mcp.tool import ToolContext

FINAGENTS = str(Path(sys.executable).parent / "finagents")


def test_no_list_in_force_is_the_screen_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    with pytest.raises(InputError) as raised:
        screen_names(ScreenArguments.model_validate({"parties": [{"name": "Harriet Clearwater"}]}),
                     ToolContext(Engagement(None), tmp_path, {}))
    done = subprocess.run([FINAGENTS, "screen", "Harriet Clearwater"], capture_output=True, text=True, cwd=tmp_path,
                          env={"HOME": str(tmp_path), "PATH": str(Path(sys.executable).parent)}, timeout=60)
    assert done.returncode == 2
    assert f"finagents: {one_line(raised.value)}\n" == done.stderr
    assert "finagents lists update" in done.stderr


def test_an_unknown_list_version_names_the_stored_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    arguments = ScreenArguments.model_validate({"parties": [{"name": "A"}], "lists": ["ofac-sdn/2020-01-01-x"]})
    with pytest.raises(InputError) as raised:
        screen_names(arguments, ToolContext(Engagement(None), tmp_path, {}))
    assert str(raised.value) == "ofac-sdn/2020-01-01-x: is not a stored list version (stored: none)"
