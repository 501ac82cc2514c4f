"""`rpc-desktop self-test` from source: every check passes, a broken install fails it, and it
never touches the real data folder. (`make test` also runs it against the built binary.)"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rpc_desktop.app import paths
from rpc_desktop.cli import selftest
from rpc_desktop.cli.selftest import CHECKS, Check, Context
from tests.helpers import ROOT


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    env["RPC_DESKTOP_HOME"] = str(home)
    env["RPC_DESKTOP_CONFIG"] = str(home.parent / "no-machine-config.toml")
    return env


@pytest.mark.slow
def test_every_check_passes_from_source_and_the_data_folder_is_untouched(tmp_path: Path) -> None:
    real_home = tmp_path / "real-home"
    done = subprocess.run(
        [sys.executable, "-m", "rpc_desktop", "self-test"],
        cwd=tmp_path,
        env=child_env(real_home),  # no QT_QPA_PLATFORM, no DISPLAY: it goes offscreen itself
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0].startswith("rpc-desktop ") and "self-test (from source" in lines[0]
    for check in CHECKS:
        assert any(line.startswith(f"PASS  {check.name} (") for line in lines), check.name
    assert not [line for line in lines if line.startswith(("FAIL", "SKIP"))]
    assert lines[-1].startswith(f"self-test: all {len(CHECKS)} checks passed")
    assert not real_home.exists()


def fails(ctx: Context) -> str:
    raise RuntimeError("this check is broken on purpose")


def test_a_failing_check_gives_a_fail_line_and_exit_1() -> None:
    out = io.StringIO()
    code = selftest.run(out=out, checks=[CHECKS[0], Check("deliberately broken", fails)])
    text = out.getvalue()
    assert code == 1
    assert "PASS  shipped resources load (" in text
    assert "FAIL  deliberately broken: RuntimeError: this check is broken on purpose (" in text
    assert text.splitlines()[-1].startswith("self-test: 1 of 2 checks did not pass")


def test_missing_resources_fail_the_checks_that_need_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build that forgot the resources folder looks like."""
    empty = tmp_path / "empty-resources"
    empty.mkdir()
    monkeypatch.setattr(paths, "resources_dir", lambda: empty)
    by_name = {c.name: c for c in CHECKS}
    wanted = ["shipped resources load", "demo bundle builds", "bundle verifies", "no network use"]
    out = io.StringIO()
    code = selftest.run(out=out, checks=[by_name[n] for n in wanted])
    lines = out.getvalue().splitlines()
    assert code == 1
    assert any(line.startswith("FAIL  shipped resources load: ") for line in lines)
    assert any(line.startswith("FAIL  demo bundle builds: ") for line in lines)
    assert "SKIP  bundle verifies: no bundle to verify (the bundle check failed)" in lines
    assert any(line.startswith("PASS  no network use (") for line in lines)
    assert lines[-1].startswith("self-test: 3 of 4 checks did not pass")


def test_a_bad_machine_configuration_fails_its_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('organisation = "Riverside"\nidle_lock_minutes = "soon"\n', encoding="utf-8")
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(config))
    by_name = {c.name: c for c in CHECKS}
    out = io.StringIO()
    assert selftest.run(out=out, checks=[by_name["machine configuration"]]) == 1
    assert "FAIL  machine configuration: " in out.getvalue()
    assert "idle_lock_minutes" in out.getvalue()
    config.write_text('organisation = "Riverside"\n', encoding="utf-8")
    out = io.StringIO()
    assert selftest.run(out=out, checks=[by_name["machine configuration"]]) == 0
    (line,) = [x for x in out.getvalue().splitlines() if x.startswith("PASS  machine config")]
    assert line.endswith(f": {config} read, every key valid")


def test_the_run_restores_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(tmp_path / "mine"))
    seen: list[str] = []

    def where(ctx: Context) -> str:
        seen.append(os.environ["RPC_DESKTOP_HOME"])
        return "ok"

    assert selftest.run(out=io.StringIO(), checks=[Check("where", where)]) == 0
    assert seen and seen[0] != str(tmp_path / "mine")
    assert not Path(seen[0]).exists()  # the temporary folder is gone
    assert os.environ["RPC_DESKTOP_HOME"] == str(tmp_path / "mine")


@pytest.mark.slow
def test_network_use_is_caught_and_blocked(tmp_path: Path) -> None:
    """In a child process: this suite's own guard would otherwise stop the lookup first.
    The self-test's hook refuses before any lookup is made (.invalid never resolves anyway)."""
    code = (
        "import socket, sys\n"
        "from rpc_desktop.cli import selftest\n"
        "def lookup(ctx):\n"
        "    socket.getaddrinfo('rpc-selftest.invalid', 443)\n"
        "    return 'looked up'\n"
        "checks = [selftest.Check('looks a host up', lookup), selftest.CHECKS[-1]]\n"
        "sys.exit(selftest.run(checks=checks))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL  looks a host up: ConnectionRefusedError: self-test: network use blocked" in (
        done.stdout
    )
    assert "FAIL  no network use: host name lookup of 'rpc-selftest.invalid'" in done.stdout


def test_the_guard_ignores_local_sockets() -> None:
    record: list[str] = []
    left, right = socket.socketpair()
    with left, right, selftest._no_network(record):
        selftest._network_hook("socket.connect", (left, "/tmp/some.sock"))
    assert record == []


@pytest.mark.slow
def test_the_log_says_when_the_first_window_has_painted(tmp_path: Path) -> None:
    """The start-up line support reads (in the log file, and on stderr with --verbose), and
    benchmarks/package.py times a build by."""
    home = tmp_path / "home"
    env = child_env(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    child = subprocess.Popen(
        [sys.executable, "-m", "rpc_desktop", "--verbose"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    painted = ""
    try:
        for line in child.stderr:
            if "first window painted" in line:
                painted = line
                break
        assert painted, f"no start-up line; the app exited {child.poll()}"
        assert "first-run screen" in painted
        assert child.poll() is None, "the app is still running: it only logged its start"
        if sys.platform.startswith("linux"):
            status = Path(f"/proc/{child.pid}/status").read_text()
            rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            assert int(rss.split()[1]) > 0
        assert "first window painted: first-run screen" in (home / "rpc-desktop.log").read_text()
    finally:
        child.terminate()
        child.communicate(timeout=30)


def test_a_configuration_naming_a_scheme_not_installed_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('enabled_schemes = ["no-such-scheme"]\n')
    ctx = Context(work=tmp_path, home=tmp_path / "home", machine_config=config_file)
    with pytest.raises(selftest.Failed, match="no-such-scheme"):
        selftest.check_machine_config(ctx)
