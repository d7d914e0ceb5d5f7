"""The corpus resolver and `make corpus` (against a loopback mirror: no internet here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared.corpus import ENV, candidates, corpus_file, corpus_root, download_folder, require_corpus
from shared.corpus_download import CorpusFile, download, read_manifest
from shared.documents.base import sha256_file
from shared.errors import InputError
from tests.conftest import REPO_ROOT
from tests.support.corpus import corpus_path

FINAGENTS = [sys.executable, "-c", "import sys; from shared.cli import main; sys.exit(main())"]


def test_the_environment_variable_wins_and_alone_is_looked_at(tmp_path: Path) -> None:
    assert corpus_root({ENV: str(tmp_path)}) == tmp_path.resolve()
    assert candidates({ENV: str(tmp_path / "typo")}) == (tmp_path / "typo",)
    assert corpus_root({ENV: str(tmp_path / "typo")}) is None


def test_without_the_variable_the_corpus_beside_the_repository_then_the_download_cache(tmp_path: Path) -> None:
    looked = candidates({"HOME": str(tmp_path)})
    assert looked == (REPO_ROOT.parent / "shared" / "data", tmp_path / ".cache" / "finagents" / "corpus")
    assert download_folder({"XDG_CACHE_HOME": str(tmp_path / "c")}) == tmp_path / "c" / "finagents" / "corpus"
    assert download_folder({ENV: str(tmp_path / "x")}) == tmp_path / "x"


def test_no_corpus_is_an_input_error_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        require_corpus({ENV: str(tmp_path / "missing")})
    assert raised.value.source == ENV and raised.value.exit_code == 2
    assert str(tmp_path / "missing") in raised.value.problem and "make corpus" in raised.value.problem
    with pytest.raises(InputError, match="is not in the corpus"):
        corpus_file("earnings/none.pdf", {ENV: str(tmp_path)})


@pytest.mark.parametrize("workflow", ["earnings_review", "kyc", "month_end_close"])
def test_eval_without_corpus_exits_2_naming_the_variable(workflow: str, tmp_path: Path) -> None:
    done = subprocess.run([*FINAGENTS, "eval", workflow], cwd=tmp_path,
                          capture_output=True, text=True, env=_env(tmp_path, {ENV: str(tmp_path / "none")}))
    assert done.returncode == 2, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("finagents: FINAGENTS_CORPUS: no corpus of real documents found"), last


# -- make corpus -------------------------------------------------------------------------------

def _listed(*names: str) -> list[CorpusFile]:
    by_path = {item.path: item for item in read_manifest()}
    return [by_path[name] for name in names]


@pytest.fixture
def publisher(http_mirror):
    """The mirror serving two real corpus files as their publishers would."""
    good, other = _listed("close/ofx/checking.ofx", "close/ofx/suncorp.ofx")
    for item in (good, other):
        http_mirror.serve(item.url, corpus_path(item.path).read_bytes())
    return http_mirror, good, other


def test_download_fetches_checks_and_keeps_what_is_present(publisher, tmp_path: Path) -> None:
    mirror, good, other = publisher
    lines: list[str] = []
    first = download([good, other], tmp_path, say=lines.append)
    assert first["downloaded"] == [good.path, other.path] and not first["failed"]
    assert sha256_file(tmp_path / good.path) == good.sha256
    assert all(request.headers["User-Agent"].startswith("finagents/") for request in mirror.requests)
    again = download([good, other], tmp_path, say=lines.append)
    assert again["present"] == [good.path, other.path] and len(mirror.requests) == 2


def test_a_wrong_hash_a_404_and_a_derived_file(publisher, tmp_path: Path) -> None:
    mirror, good, other = publisher
    mirror.serve(good.url, b"OFXHEADER:100\n(changed by the publisher)")
    missing = CorpusFile(path="close/ofx/gone.ofx", sha256="0" * 64, licence="MIT",
                         url=good.url.replace("checking", "gone"))
    derived = _listed("close/bank_statements_pdf_hsbc_uk_anonymised/statement_summaries.json")[0]
    outcome = download([good, missing, derived, other], tmp_path, say=lambda line: None)
    assert outcome["downloaded"] == [other.path] and outcome["derived"] == [derived.path]
    wrong, absent = outcome["failed"]
    assert wrong.startswith(f"{good.path}: sha256 ") and f"is not the listed {good.sha256} (removed)" in wrong
    assert absent.startswith(f"{missing.path}: {missing.url}: the server answered 404")
    assert not (tmp_path / good.path).exists() and not list((tmp_path / "close" / "ofx").glob(".*part"))


def test_make_corpus_command_exits_1_with_a_summary_line_when_a_file_fails(publisher, tmp_path: Path) -> None:
    mirror, good, other = publisher
    manifest = tmp_path / "corpus.toml"
    manifest.write_text("".join(f'[[file]]\npath = "{i.path}"\nsha256 = "{i.sha256}"\n'
                                f'url = "{i.url}"\nlicence = "MIT"\n\n'
                                for i in (good, other)))
    command = [sys.executable, "-m", "shared.corpus_download", str(manifest), "--into", str(tmp_path / "c")]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True,
                              env=_env(tmp_path, {"FINAGENTS_MIRROR": mirror.prefix}))

    ok = run()
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr.splitlines()[-1] == f"corpus in {tmp_path / 'c'}: 2 downloaded, 0 present, 0 derived, 0 failed"
    (tmp_path / "c" / other.path).write_bytes(b"edited")
    mirror.serve(other.url, b"not it")
    failed = run()
    assert failed.returncode == 1
    assert failed.stderr.splitlines()[-1].startswith(
        f"finagents: corpus in {tmp_path / 'c'} is incomplete (0 downloaded, 1 present")


def _env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    import os

    env = {key: value for key, value in os.environ.items() if key != ENV}
    return {**env, "HOME": str(tmp_path), "PYTHONPATH": str(REPO_ROOT), **extra}
