"""The test harness itself: offline, isolated, float money trapped."""

import decimal
import os
import socket
import threading
from pathlib import Path

import pytest

from tests.conftest import NetworkBlocked


def test_non_loopback_connection_is_refused_before_sending() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlocked, match=r"192\.0\.2\.1"):
        sock.connect(("192.0.2.1", 443))


def test_name_resolution_is_refused() -> None:
    with pytest.raises(NetworkBlocked, match=r"api\.anthropic\.com"):
        socket.getaddrinfo("api.anthropic.com", 443)


def test_loopback_connection_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        accepted = threading.Thread(target=lambda: server.accept()[0].close())
        accepted.start()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            assert client.getpeername()[1] == port
        accepted.join(timeout=5)


def test_home_and_working_folder_are_private(isolated_home: Path) -> None:
    assert Path.cwd() == isolated_home
    assert Path(os.environ["HOME"]).parent == isolated_home.parent
    assert "ANTHROPIC_API_KEY" not in os.environ


def test_float_into_decimal_is_trapped() -> None:
    with pytest.raises(decimal.FloatOperation):
        decimal.Decimal(0.1)  # noqa: RUF032  (the float is the point: the trap must catch it)
    with pytest.raises(decimal.FloatOperation):
        assert decimal.Decimal("0.1") < 0.2
