"""Every test runs offline, in its own home and working folder, with float money trapped.

- Sockets may connect only to loopback (the Messages-API test server lives there); any
  other address fails before a packet leaves.
- HOME, XDG folders and the working folder are a fresh temporary folder, so no test
  reads or writes the user's runs, lists or config, and none sees another's.
- Decimal's FloatOperation trap is on: mixing a float into Decimal arithmetic or
  building a Decimal from a float raises, so a float reaching an amount fails the test.

Tests named in tests/slow.txt, or using a fixture named there, are marked `slow` (the
list is measured: `--measure-cost`, tests/support/slow_list.py); `make check` leaves them out.
"""

from __future__ import annotations

import decimal
import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    # Imported in the fixtures that start them, so a test that uses neither loads neither.
    from tests.support.http_mirror import HttpMirror
    from tests.support.messages_api import MessagesAPI

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "fixtures"


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard_address(address: object) -> None:
    if isinstance(address, tuple) and not _is_loopback(address[0]):
        raise NetworkBlocked(f"tests may not reach the network (tried {address[0]})")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        _guard_address(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        _guard_address(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        if not _is_loopback(host):
            raise NetworkBlocked(f"tests may not resolve names (tried {host})")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "FINAGENTS_MODEL", "FINAGENTS_BUDGET_USD",
                 "FINAGENTS_DEBUG", "FINAGENTS_CHECKPOINTER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(work)
    return work


@pytest.fixture(autouse=True)
def float_money_trapped() -> None:
    with decimal.localcontext() as context:
        context.traps[decimal.FloatOperation] = True
        yield


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


MakePdf = Callable[..., Path]


@pytest.fixture
def make_pdf(tmp_path: Path) -> MakePdf:
    """Write a one-page PDF with `text` at (x, y) points from the top left; optionally
    encrypted or with an image instead of text (a "scan")."""

    def make(
        name: str = "made.pdf",
        text: str | None = "Total revenue 1,234",
        *,
        x: float = 72,
        y: float = 100,
        user_password: str | None = None,
        owner_password: str | None = None,
        image: bool = False,
    ) -> Path:
        from fpdf import FPDF

        pdf = FPDF(unit="pt", format="A4")
        pdf.add_page()
        if image:
            from PIL import Image

            pdf.image(Image.new("RGB", (40, 20), "white"), x=x, y=y, w=80)
        if text is not None:
            pdf.set_font("helvetica", size=12)
            pdf.set_xy(x, y)
            pdf.cell(text=text)
        if owner_password is not None:
            pdf.set_encryption(owner_password=owner_password, user_password=user_password)
        target = tmp_path / name
        pdf.output(str(target))
        return target

    return make


TOY_PACKAGE = "toy_kyc"
TOY_GRAPH = f"{TOY_PACKAGE}.graph:build_graph"


@pytest.fixture
def toy_project(isolated_home: Path) -> Path:
    """A client project (the working folder) made as `finagents new --with-code` makes one,
    whose `kyc` runs the toy workflow: its package is copied into the project (an
    engagement's graph must be the project's own code), its prompts are the engagement's."""
    import json
    import shutil

    from shared import __version__

    toy = REPO_ROOT / "tests" / "support" / "toy_workflow"
    (isolated_home / "engagement.toml").write_text(f'[engagement]\nclient = "Toy"\n\n[kyc]\ngraph = "{TOY_GRAPH}"\n')
    shutil.copytree(toy, isolated_home / TOY_PACKAGE, ignore=shutil.ignore_patterns("prompts", "__pycache__"))
    shutil.copytree(toy / "prompts", isolated_home / "prompts" / "kyc")
    record = {"answers": {"workflow": "kyc", "client": "Toy", "package": TOY_PACKAGE},
              "made_with": __version__, "baseline_version": __version__}
    (isolated_home / ".finagents").mkdir()
    (isolated_home / ".finagents" / "project.json").write_text(json.dumps(record))
    case = isolated_home / "case"
    case.mkdir()
    (case / "lines.csv").write_text('id,amount\n1,"1,500.00"\n2,(25.50)\n3,999.99\n4,2000\n')
    return isolated_home


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the environment would carry loopback requests elsewhere.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def messages_api() -> Iterator[MessagesAPI]:
    """A loopback server speaking the Messages API, for the real SDK to talk to."""
    from tests.support.messages_api import MessagesAPI

    server = MessagesAPI().start()
    try:
        yield server
    finally:
        server.stop()




@pytest.fixture
def http_mirror(monkeypatch: pytest.MonkeyPatch) -> Iterator[HttpMirror]:
    """A loopback server standing in for publishers' sites, with FINAGENTS_MIRROR set to it."""
    from tests.support.http_mirror import HttpMirror

    server = HttpMirror().start()
    monkeypatch.setenv("FINAGENTS_MIRROR", server.prefix)
    try:
        yield server
    finally:
        server.stop()


# -- slow tests: measured (tests/support/slow_list.py), left out by `make check` -----------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--measure-cost", metavar="FILE.json", type=Path, default=None,
                     help="write each shared fixture's setup time and each test's cost to FILE.json, "
                          "for `python -m tests.support.slow_list FILE.json` (tests/slow.txt)")


def pytest_configure(config: pytest.Config) -> None:
    destination = config.getoption("measure_cost")
    if destination is not None:  # a plugin, so that session fixtures are timed too
        from tests.support.slow_list import CostMeasure

        config.pluginmanager.register(CostMeasure(destination), "finagents-measure-cost")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `slow` the tests tests/slow.txt names, and those using a fixture it names:
    `make check` runs the rest (`-m "not slow"`)."""
    from tests.support.slow_list import is_listed, read_list

    listed = read_list()
    for item in items:
        if is_listed(item.nodeid, _fixture_ids(item), listed):
            item.add_marker(pytest.mark.slow)


def _fixture_ids(item: pytest.Item) -> list[str]:
    from tests.support.slow_list import fixture_id

    # The definitions the test gets, the overriding one last (pytest's own record of them).
    chains = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    return [fixture_id(chain[-1].baseid, name) for name, chain in chains.items() if chain]
