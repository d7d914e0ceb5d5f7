"""Issue 18, "A run you can follow": help a compliance officer reads at a glance.

The usage lines use the README's notation (NAME..., [CASE]...), not typer's {NAME} and
[[NAME]...]..., and every argument and option of these commands says what it is for.
"""

from __future__ import annotations

import re

import pytest

from shared.cli import main

# The commands whose help this issue fixed (run, resume, review and open are others').
COMMANDS = (("screen",), ("lists", "update"), ("lists", "load"), ("statement",), ("new",), ("update",), ("check",),
            ("eval",), ("prompts", "list"), ("prompts", "show"), ("prompts", "diff"), ("list",), ("graph",))


def help_of(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *command: str) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    assert main([*command, "--help"]) == 0
    return capsys.readouterr().out


def test_screen_usage_reads_as_its_two_forms(capsys, monkeypatch) -> None:
    text = help_of(capsys, monkeypatch, "screen")
    assert text.splitlines()[:2] == ["Usage: finagents screen [OPTIONS] NAME...",
                                     "   or: finagents screen [OPTIONS] --file NAMES.csv"]
    rows = _rows(text)
    assert rows["NAME..."].startswith("A name to screen, in quotes when it has spaces")
    assert rows["--file NAMES.csv"].startswith("Screen every row of a CSV with columns id, name, type, dob, country")
    assert rows["--threshold SCORE"] == "Lowest score reported, 0 to 100.  [default: 85]"
    assert rows["--dob DATE"].startswith("Date of birth, YYYY, YYYY-MM or YYYY-MM-DD")


@pytest.mark.parametrize(("command", "usage"), [
    (("eval",), "Usage: finagents eval [OPTIONS] WORKFLOW [CASE]..."),
    (("statement",), "Usage: finagents statement [OPTIONS] FILE..."),
    (("new",), "Usage: finagents new [OPTIONS] WORKFLOW DEST"),
    (("check",), "Usage: finagents check [OPTIONS] [DEST]"),
    (("prompts", "show"), "Usage: finagents prompts show [OPTIONS] WORKFLOW TEMPLATE"),
    (("lists", "load"), "Usage: finagents lists load [OPTIONS] FILE..."),
], ids=lambda value: " ".join(value) if isinstance(value, tuple) else None)
def test_usage_lines_use_the_readme_notation(capsys, monkeypatch, command, usage) -> None:
    assert help_of(capsys, monkeypatch, *command).splitlines()[0] == usage


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_argument_and_option_has_a_help_text_and_no_bare_type(capsys, monkeypatch, command) -> None:
    text = help_of(capsys, monkeypatch, *command)
    rows = _rows(text)
    assert rows or command == ("list",)  # `list` alone takes nothing but --help
    assert all(rows.values()), f"rows without a help text: {[k for k, v in rows.items() if not v]}"
    # A value shows what to write (AMOUNT, DATE, FILE.whl), never a type such as <str>;
    # --engagement is the shared option (its <dir> is a folder, said in its help).
    shown = [name for name in rows if re.search(r"<\w+(\[\w+\])?>", name) and not name.startswith("--engagement")]
    assert not shown, f"options showing a bare type: {shown}"
    assert "{" not in text.splitlines()[0]


def test_new_documents_the_wheel_option(capsys, monkeypatch) -> None:
    rows = _rows(help_of(capsys, monkeypatch, "new"))
    assert rows["--wheel FILE.whl"].startswith("The pack's wheel (finagents-VERSION-py3-none-any.whl of the installed "
                                               "version): kept in the project's wheels/")


@pytest.mark.parametrize("args", [(), ("Acme Trading Ltd", "--file", "names.csv")], ids=["neither", "both"])
def test_screen_without_one_form_names_both(capsys, args) -> None:
    assert main(["screen", *args]) == 2
    assert capsys.readouterr().err == ("finagents: screen: give the names to screen (NAME...) or a file of them "
                                       "(--file NAMES.csv), one or the other\n")


def _rows(text: str) -> dict[str, str]:
    """Each row of the Arguments and Options sections: its name column and its help,
    continuation lines joined."""
    rows: dict[str, str] = {}
    section, name = False, ""
    for line in text.splitlines():
        if line in ("Arguments:", "Options:"):
            section = True
        elif not line.strip():
            section = False
        elif section and line.startswith("   ") and name:
            rows[name] = f"{rows[name]} {line.strip()}".strip()
        elif section:
            name, _, rest = line.strip().partition("  ")
            rows[name] = rest.strip()
    rows.pop("--help", None)
    return rows
