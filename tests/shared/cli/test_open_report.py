"""`finagents open RUN`: the report's absolute path on stdout, by run id or folder; a
browser only for a person at a desktop, never in a pipe (so never in these tests)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from shared.cli import main
from shared.cli.report_cmds import show_in_browser
from tests.support.stderr import last_line

RUN_ID = "20261203-101500-kyc-abc123"


@pytest.fixture
def run(isolated_home: Path) -> Path:
    """A run folder in the runs folder in force, as far as `open` looks at one."""
    folder = isolated_home / "runs" / RUN_ID
    folder.mkdir(parents=True)
    (folder / "result.json").write_text(f'{{"run_id": "{RUN_ID}", "workflow": "kyc"}}')
    (folder / "report.html").write_text("<!doctype html><title>report</title>")
    return folder


@pytest.fixture(autouse=True)
def no_real_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    return opened


@pytest.mark.parametrize("how", ["id", "relative folder", "absolute folder"])
def test_open_prints_the_report_path(run: Path, how: str, capsys, no_real_browser) -> None:
    ref = {"id": RUN_ID, "relative folder": f"runs/{RUN_ID}", "absolute folder": str(run)}[how]
    assert main(["open", ref]) == 0
    out = capsys.readouterr().out
    assert out == f"{(run / 'report.html').resolve()}\n" and Path(out.strip()).is_absolute()
    assert no_real_browser == []  # stdout is not a terminal here


def test_open_a_missing_run_is_exit_2(isolated_home: Path, capsys) -> None:
    assert main(["open", "nope"]) == 2
    err = capsys.readouterr().err
    assert last_line(err) == ("finagents: nope: no such run "
                              f"(not a run folder, nor a run id in {isolated_home / 'runs'})\n")


def test_open_a_run_without_report_is_exit_2(run: Path, capsys) -> None:
    (run / "report.html").unlink()
    assert main(["open", RUN_ID]) == 2
    err = capsys.readouterr().err
    assert last_line(err) == f"finagents: {run}: has no report.html (a run writes it when it reaches the review gate)\n"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stdout", "environ", "platform", "opens"), [
    (Tty(), {"DISPLAY": ":0"}, "linux", True),
    (Tty(), {"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    (Tty(), {"BROWSER": "firefox"}, "linux", True),
    (Tty(), {}, "darwin", True),
    (Tty(), {}, "linux", False),  # over ssh, in a container: no display
    (io.StringIO(), {"DISPLAY": ":0"}, "linux", False),  # a pipe or a script
    (io.StringIO(), {}, "darwin", False),
])
def test_a_browser_only_for_a_person_at_a_desktop(tmp_path: Path, stdout, environ, platform, opens) -> None:
    report = tmp_path / "run dir" / "report.html"
    opened: list[str] = []
    asked = show_in_browser(report, stdout=stdout, environ=environ, platform=platform,
                            opener=lambda url: opened.append(url) or True)
    assert asked is opens
    assert opened == ([f"file://{tmp_path}/run%20dir/report.html"] if opens else [])
