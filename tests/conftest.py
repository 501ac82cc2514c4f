"""Every test runs offscreen, with its own data folder, and fails if it opens a network socket."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NetworkUsed(AssertionError):
    pass


def _no_network(event: str, args: tuple[object, ...]) -> None:
    if event == "socket.connect":
        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkUsed(f"the app opened a network connection to {args[1]!r}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        raise NetworkUsed(f"the app looked up a host name: {args[0]!r}")
    elif event in ("socket.sendto", "socket.sendmsg"):
        raise NetworkUsed(f"the app sent a datagram to {args[-1]!r}")


sys.addaudithook(_no_network)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(home))
    # No machine's own IT configuration reaches a test; tests that need one write it.
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(tmp_path / "no-machine-config.toml"))
    from rpc_desktop.app import config

    monkeypatch.setattr(config, "machine_location", lambda: tmp_path / "no-etc" / "config.toml")
    return home


@pytest.fixture
def log_file(isolated_home: Path) -> Iterator[Path]:
    """The app's log on, in the test's data folder (as the app starts it); off after."""
    from rpc_desktop.app import logs

    path = logs.start_logging(isolated_home)
    yield path
    logs.stop_logging()
    logs._activity.clear()
