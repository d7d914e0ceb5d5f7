"""Client projects made with the real `finagents new`, in the test's own home folder."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.cli import main


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def set_setting(project: Path, key: str, value: str) -> None:
    """Change the first `key = ...` line of engagement.toml, as a consultant would."""
    path = project / "engagement.toml"
    text, count = re.subn(rf"(?m)^{re.escape(key)} = .*$", f"{key} = {value}", path.read_text(), count=1)
    assert count == 1, f"no '{key} =' line in engagement.toml"
    path.write_text(text)


@pytest.fixture
def new_project(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Path]:
    def make(workflow: str, *options: str, name: str = "acme", client: str = "Acme Ltd") -> Path:
        status, _out, err = cli(capsys, "new", workflow, str(isolated_home / name), "--client", client, *options)
        assert status == 0, err
        return isolated_home / name

    return make
