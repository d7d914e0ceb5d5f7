"""`finagents export plugin` on a client project made with `finagents new`: a validator of
every rule the plugin must meet (Agent Skills frontmatter, the plugin manifest, agents,
.mcp.json, evals), the engagement's edited prompt in the agent, and the folder rules."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared import __version__
from shared.workflows import all_workflows
from tests.shared.project.conftest import cli
from tests.support.corpus import ROOT as CORPUS_ROOT

SKILL_KEYS = {"name", "description", "license", "compatibility", "metadata", "allowed-tools"}
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A semver 2.0.0 version with a build part (semver.org's grammar; pre-release loosely).
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?"
                    r"\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)$")
SERVERS = {"finagents", "screening", "internal-gl", "subledger"}
EDIT = "Acme house rule 7: name the relationship partner in every answer."


def _server_names() -> dict[str, tuple[str, ...]]:
    from shared.mcp.servers import SERVER_NAMES

    return SERVER_NAMES


def read_frontmatter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} does not open with frontmatter"
    head, _, body = text[4:].partition("\n---\n")
    fields = yaml.safe_load(head)
    assert isinstance(fields, dict)
    return fields, body


@pytest.fixture
def project(new_project: Callable[..., Path]) -> Path:
    made = new_project("kyc")
    system = made / "prompts" / "kyc" / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
    return made


def export(capsys: pytest.CaptureFixture[str], dest: Path, *options: str) -> str:
    status, out, err = cli(capsys, "export", "plugin", str(dest), *options)
    assert status == 0, err
    return out


@pytest.fixture
def plugin(project: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    dest = isolated_home / "plugin"
    export(capsys, dest, "--engagement", str(project))
    return dest


# -- skills --------------------------------------------------------------------------------


def test_one_skill_per_installed_workflow_named_as_the_spec_with_hyphens(plugin: Path) -> None:
    folders = sorted(p.name for p in (plugin / "skills").iterdir())
    assert folders == sorted(w.name.replace("_", "-") for w in all_workflows())
    assert {"earnings-review", "kyc", "month-end-close"} <= set(folders)


def test_every_skill_meets_the_agent_skills_specification(plugin: Path) -> None:
    for skill in sorted((plugin / "skills").iterdir()):
        fields, body = read_frontmatter(skill / "SKILL.md")
        assert set(fields) <= SKILL_KEYS, skill.name
        assert fields["name"] == skill.name
        assert NAME.match(fields["name"]) and len(fields["name"]) <= 64
        description = fields["description"]
        assert isinstance(description, str) and 1 <= len(description) <= 1024
        assert "<" not in description and ">" not in description
        assert "Use when" in description  # says when, not only what
        assert isinstance(fields["metadata"], dict)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in fields["metadata"].items())
        assert len(fields.get("compatibility", "x")) <= 500
        assert len(body.splitlines()) < 500
        assert "Nothing is final until `finagents review`" in body


def test_a_skill_names_its_commands_tools_and_the_engagement(plugin: Path, project: Path) -> None:
    _fields, body = read_frontmatter(plugin / "skills" / "month-end-close" / "SKILL.md")
    assert f"finagents run month_end_close INPUT --engagement {project.resolve()}" in body
    for tool in ("run_workflow", "run_status", "verify_citation", "reconcile"):
        assert f"`{tool}`" in body


def test_skill_metadata_carries_the_pack_version_and_each_prompts_sha256(plugin: Path, project: Path) -> None:
    fields, _body = read_frontmatter(plugin / "skills" / "kyc" / "SKILL.md")
    metadata = fields["metadata"]
    edited = hashlib.sha256((project / "prompts" / "kyc" / "system.j2").read_bytes()).hexdigest()
    assert metadata["pack-version"] == __version__
    assert metadata["prompt-sha256:system.j2"] == edited
    assert metadata["prompt-source:system.j2"] == "engagement"
    assert metadata["prompt-source:validation_reask.j2"] == "pack"


def test_no_skill_pre_approves_a_shell_that_could_sign_off(plugin: Path) -> None:
    for skill in (plugin / "skills").iterdir():
        assert "allowed-tools" not in read_frontmatter(skill / "SKILL.md")[0]


# -- plugin.json -----------------------------------------------------------------------------


def test_the_manifest_names_the_client_and_a_semver_build_of_the_pack(plugin: Path) -> None:
    manifest = json.loads((plugin / ".claude-plugin" / "plugin.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "finagents-acme-ltd"
    match = SEMVER.match(manifest["version"])
    assert match, manifest["version"]
    assert manifest["version"].split("+")[0] == __version__
    assert "Acme Ltd" in manifest["description"]
    assert manifest["author"]["name"] == "finagents"


def test_the_version_differs_between_two_exports(project: Path, isolated_home: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    versions = []
    for _ in range(2):
        export(capsys, isolated_home / "again", "--engagement", str(project))
        versions.append(json.loads((isolated_home / "again" / ".claude-plugin" / "plugin.json").read_text())["version"])
    assert versions[0] != versions[1]
    assert all(SEMVER.match(v) for v in versions)


# -- agents ----------------------------------------------------------------------------------


def test_the_agent_carries_the_engagements_edited_prompt_and_the_review_rule(plugin: Path) -> None:
    fields, body = read_frontmatter(plugin / "agents" / "kyc.md")
    assert set(fields) == {"name", "description", "tools"}
    assert fields["name"] == "kyc"
    assert EDIT in body
    assert "### `system.j2` (engagement," in body
    assert "Nothing is final until `finagents review`" in body


def test_agents_may_call_every_tool_of_the_main_server_and_none_can_sign_off(plugin: Path) -> None:
    expected = {f"mcp__finagents__{tool}" for tool in _server_names()["finagents"]}
    for agent in (plugin / "agents").glob("*.md"):
        tools = {t.strip() for t in read_frontmatter(agent)[0]["tools"].split(",")}
        assert expected <= tools, agent.name
        assert {f"mcp__plugin_finagents-acme-ltd_finagents__{t}" for t in _server_names()["finagents"]} <= tools
        assert "Bash" not in tools
        mcp_names = [t for t in tools if t.startswith("mcp__")]
        assert all(re.fullmatch(r"mcp__[a-z0-9_-]+__[a-z_]+", t) for t in mcp_names)


def test_one_agent_file_per_installed_workflow_named_as_the_workflow(plugin: Path) -> None:
    assert sorted(p.name for p in (plugin / "agents").iterdir()) == sorted(f"{w.name}.md" for w in all_workflows())


def test_an_agent_without_overrides_gets_the_packs_prompts(plugin: Path) -> None:
    fields, body = read_frontmatter(plugin / "agents" / "month_end_close.md")
    assert fields["name"] == "month-end-close"
    pack = next(w for w in all_workflows() if w.name == "month_end_close").prompts_dir / "system.j2"
    assert pack.read_text(encoding="utf-8").rstrip("\n") in body
    assert "### `system.j2` (pack," in body


# -- .mcp.json -------------------------------------------------------------------------------


def test_mcp_json_is_json_and_starts_finagents_mcp_under_each_server_name(plugin: Path, project: Path) -> None:
    servers = json.loads((plugin / ".mcp.json").read_text(encoding="utf-8"))["mcpServers"]
    assert set(servers) == SERVERS == set(_server_names())
    engagement = str(project.resolve())
    assert servers["finagents"] == {"command": "finagents", "args": ["mcp", "--engagement", engagement]}
    for name in SERVERS - {"finagents"}:
        assert servers[name] == {"command": "finagents",
                                 "args": ["mcp", "--engagement", engagement, "--server-name", name]}


# -- evals -----------------------------------------------------------------------------------


def _evals(plugin: Path, skill: str) -> dict[str, Any]:
    evals: dict[str, Any] = json.loads((plugin / "skills" / skill / "evals" / "evals.json").read_text())
    return evals


def test_evals_have_the_skill_creator_shape_and_their_files_are_in_the_plugin(plugin: Path) -> None:
    for skill in ("earnings-review", "kyc", "month-end-close"):
        evals = _evals(plugin, skill)
        assert set(evals) == {"skill_name", "evals"} and evals["skill_name"] == skill
        ids = [e["id"] for e in evals["evals"]]
        assert ids == list(range(1, len(ids) + 1))
        for case in evals["evals"]:
            assert {"id", "prompt", "expected_output", "files"} <= set(case)
            assert case["prompt"] and case["expected_output"] and case["files"]
            for relative in case["files"]:
                path = (plugin / "skills" / skill / relative).resolve()
                assert path.is_file() and path.is_relative_to(plugin.resolve()), relative


def test_expected_outputs_come_from_each_cases_own_truth(plugin: Path) -> None:
    kyc = {e["files"][0].split("/")[2]: e for e in _evals(plugin, "kyc")["evals"]}
    assert "Risk rating medium; recommendation clear." in kyc["sample"]["expected_output"]
    assert "Andrew James Calloway is a beneficial owner at 40%." in kyc["sample"]["expected_output"]
    hit = kyc["sanctions_hit"]["expected_output"]
    assert "Mohamad Hamsho is a screening hit on OFAC SDN entry 12845" in hit
    assert "recommendation recommend decline" in hit
    close = _evals(plugin, "month-end-close")["evals"][0]["expected_output"]
    assert "29 exact match(es)" in close and "unexplained difference 0.00" in close
    earnings = _evals(plugin, "earnings-review")["evals"][0]["expected_output"]
    assert "16,494" in earnings and "diluted EPS $2.23" in earnings


def test_no_eval_case_carries_its_answer_and_the_kyc_sample_is_still_the_sample(plugin: Path) -> None:
    files = plugin / "skills" / "kyc" / "evals" / "files"
    assert not (files / "sanctions_hit" / ".expected.json").exists()
    assert (files / "sanctions_hit" / "application.json").is_file()
    for skill in ("kyc", "month-end-close", "earnings-review"):
        sample = plugin / "skills" / skill / "evals" / "files" / "sample"
        assert sample.is_dir() and not (sample / ".expected.json").exists()
        assert not (sample / ".truth.json").exists() and not (sample / "README.md").exists()
    # Without its notes, the copy is still the pack's sample, so the demo list applies.
    from kyc.screening.demo import is_pack_sample

    assert is_pack_sample(files / "sample")


def test_no_file_of_the_plugin_is_a_corpus_file(plugin: Path) -> None:
    from shared.corpus_download import read_manifest
    from shared.documents.base import sha256_file

    corpus = {entry.sha256 for entry in read_manifest()}
    if CORPUS_ROOT is not None:
        corpus |= {sha256_file(p) for p in CORPUS_ROOT.rglob("*") if p.is_file()}
    copies = [p for p in plugin.rglob("*") if p.is_file() and sha256_file(p) in corpus]
    assert not copies


# -- the folder and the pack alone -----------------------------------------------------------


def test_a_non_empty_folder_not_ours_is_refused(project: Path, isolated_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    dest = isolated_home / "theirs"
    dest.mkdir()
    (dest / "notes.txt").write_text("keep me")
    status, _out, err = cli(capsys, "export", "plugin", str(dest), "--engagement", str(project))
    assert status == 2
    assert err.strip().splitlines()[-1].startswith(f"finagents: {dest}: is not empty and is not a previous export")
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]


def test_a_previous_export_is_replaced_whole_and_a_foreign_file_in_it_refused(
        plugin: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = plugin / "skills" / "kyc" / "evals" / "files" / "retired_case" / "application.json"
    stale.parent.mkdir()
    stale.write_text("{}")
    status, _out, err = cli(capsys, "export", "plugin", str(plugin), "--engagement", str(project))
    assert status == 2 and "skills/kyc/evals/files/retired_case/application.json" in err
    stale.unlink()
    stale.parent.rmdir()
    record = json.loads((plugin / ".finagents-export.json").read_text())
    record["files"].append("agents/retired.md")  # a file an older export wrote, and this one does not
    (plugin / ".finagents-export.json").write_text(json.dumps(record))
    (plugin / "agents" / "retired.md").write_text("old")
    (plugin / ".git").mkdir()  # a plugin kept in a repository keeps its repository
    (plugin / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    export(capsys, plugin, "--engagement", str(project))
    assert not (plugin / "agents" / "retired.md").exists()
    assert (plugin / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    listed = set(json.loads((plugin / ".finagents-export.json").read_text())["files"])
    present = {p.relative_to(plugin).as_posix() for p in plugin.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert present == listed | {".finagents-export.json"}


def test_without_an_engagement_the_packs_prompts_and_name(isolated_home: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    dest = isolated_home / "pack-plugin"
    out = export(capsys, dest)
    assert "plugin finagents " in out
    manifest = json.loads((dest / ".claude-plugin" / "plugin.json").read_text())
    assert manifest["name"] == "finagents"
    _fields, body = read_frontmatter(dest / "agents" / "kyc.md")
    assert "(engagement," not in body and "### `system.j2` (pack," in body
    assert EDIT not in body
    servers = json.loads((dest / ".mcp.json").read_text())["mcpServers"]
    assert servers["screening"]["args"] == ["mcp", "--server-name", "screening"]


def test_a_case_file_with_a_corpus_files_sha256_stops_the_export(project: Path, isolated_home: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from shared.documents.base import sha256_file
    from shared.export import evals

    sample = next(w for w in all_workflows() if w.name == "month_end_close").sample_dir / "ledger.csv"
    monkeypatch.setattr(evals, "read_manifest", lambda: (SimpleNamespace(sha256=sha256_file(sample)),))
    dest = isolated_home / "refused"
    status, _out, err = cli(capsys, "export", "plugin", str(dest), "--engagement", str(project))
    assert status == 2
    assert err.strip().splitlines()[-1] == (f"finagents: {sample}: has the sha256 of a corpus file, "
                                            "which no plugin may carry")
    assert not dest.exists()


def test_an_edited_export_record_cannot_make_the_export_delete_outside_the_plugin(
        plugin: Path, project: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = isolated_home / "ledger-notes.txt"
    outside.write_text("not the plugin's")
    record = json.loads((plugin / ".finagents-export.json").read_text())
    record["files"].append("../ledger-notes.txt")
    (plugin / ".finagents-export.json").write_text(json.dumps(record))
    export(capsys, plugin, "--engagement", str(project))
    assert outside.read_text() == "not the plugin's"
