"""`rpc-desktop self-test` from source: every check passes, a broken install fails it, and it
never touches the real data folder. (`make test` also runs it against the built binary.)"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rpc_desktop.app import config, paths
from rpc_desktop.cli import selftest
from rpc_desktop.cli.selftest import CHECKS, Check, Context
from tests.e2e.it_files import PASSWORD_ENV, SIGNING, place, shared_folder, signing_files
from tests.helpers import ROOT

USERS_OK = "users can read what it names, only root can change it"


@pytest.fixture
def it_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from shared_folder(monkeypatch)


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
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = place(
        it_folder / "config.toml", 'organisation = "Riverside"\nidle_lock_minutes = "soon"\n'
    )
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(config))
    by_name = {c.name: c for c in CHECKS}
    out = io.StringIO()
    assert selftest.run(out=out, checks=[by_name["machine configuration"]]) == 1
    assert "FAIL  machine configuration: " in out.getvalue()
    assert "idle_lock_minutes" in out.getvalue()
    place(config, 'organisation = "Riverside"\n')
    out = io.StringIO()
    assert selftest.run(out=out, checks=[by_name["machine configuration"]]) == 0
    (line,) = [x for x in out.getvalue().splitlines() if x.startswith("PASS  machine config")]
    assert line.endswith(f": {config} read, every key valid; {USERS_OK}")


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
    it_folder: Path,
) -> None:
    config_file = place(it_folder / "config.toml", 'enabled_schemes = ["no-such-scheme"]\n')
    ctx = Context(work=it_folder, home=it_folder / "home", machine_config=config_file)
    with pytest.raises(selftest.Failed, match="no-such-scheme"):
        selftest.check_machine_config(ctx)


# --- IT's configuration and the demo checks ---------------------------------------------------


def machine_file(it_folder: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    """IT's file where the app looks first (as /etc/rpc-desktop/config.toml), and no
    RPC_DESKTOP_CONFIG: a configured machine as IT runs the self-test on it."""
    path = place(it_folder / "config.toml", text)
    monkeypatch.setattr(config, "machine_location", lambda: path)
    monkeypatch.delenv("RPC_DESKTOP_CONFIG")
    return path


def test_a_configured_machine_gets_no_warning_about_the_variable(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The self-test sets nothing that points the app elsewhere, so nothing reading IT's
    configuration during the run is told that RPC_DESKTOP_CONFIG is ignored."""
    path = machine_file(it_folder, monkeypatch, 'organisation = "Riverside"\n')
    seen: list[tuple[str | None, tuple[str, ...]]] = []

    def as_the_app_reads_it(ctx: Context) -> str:
        seen.append((os.environ.get("RPC_DESKTOP_CONFIG"), config.load().problems))
        return "read"

    by_name = {c.name: c for c in CHECKS}
    out = io.StringIO()
    checks = [by_name["machine configuration"], Check("as the app", as_the_app_reads_it)]
    assert selftest.run(out=out, checks=checks) == 0, out.getvalue()
    assert "ignored" not in out.getvalue()
    assert "PASS  machine configuration (" in out.getvalue() and str(path) in out.getvalue()
    assert seen == [(None, ())]


def test_a_variable_it_does_not_read_is_said_when_it_is_really_set(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """IT trying another file on a configured machine: the self-test checks the machine's
    and says the one named is not used, as the app would."""
    path = machine_file(it_folder, monkeypatch, 'organisation = "Riverside"\n')
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(tmp_path / "trial.toml"))
    out = io.StringIO()
    checks = [c for c in CHECKS if c.name == "machine configuration"]
    assert selftest.run(out=out, checks=checks) == 1
    assert (
        f"FAIL  machine configuration: RPC_DESKTOP_CONFIG is set but ignored: the machine-wide "
        f"{path} is used." in out.getvalue()
    )


def test_the_demo_checks_do_not_run_under_it_configuration(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration that would stop the demo (its scheme not enabled, a gateway of
    IT's, a signing key whose password variable is unset) fails its own check only."""
    signing_files(it_folder)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    machine_file(
        it_folder,
        monkeypatch,
        'enabled_schemes = ["worcestershire-harmony-at-home"]\n'
        "[gateway]\n"
        'north-east-relationships-matter = "it-gateway@example.gov.uk"\n' + SIGNING,
    )
    seen: list[object] = []

    def context_of_the_demo(ctx: Context) -> str:
        gateway = ctx.app.packs.scheme("north-east-relationships-matter").gateway.email
        seen.extend([ctx.app.config.path, ctx.app.config.signing, gateway])
        return "seen"

    by_name = {c.name: c for c in CHECKS}
    names = ["machine configuration", "demo bundle builds", "bundle verifies"]
    out = io.StringIO()
    checks = [*(by_name[n] for n in names), Check("the demo's context", context_of_the_demo)]
    assert selftest.run(out=out, checks=checks) == 1
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("FAIL  machine configuration: ")
    assert PASSWORD_ENV in lines[1] and "is not set" in lines[1]
    assert any(line.startswith("PASS  demo bundle builds (") for line in lines), lines
    assert any(line.startswith("PASS  bundle verifies (") for line in lines), lines
    assert seen[:2] == [None, None] and seen[2] != "it-gateway@example.gov.uk"
    assert lines[-1].startswith("self-test: 1 of 4 checks did not pass")


def test_a_newer_shipped_pack_it_placed_is_named_in_the_check(it_folder: Path) -> None:
    """Issue 15: IT ships a newer version of a shipped scheme pack without a new release;
    the self-test says it took."""
    shipped = paths.resources_dir() / "schemes" / "north-east-relationships-matter.toml"
    text = shipped.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2026.2"')
    (it_folder / "packs" / "schemes").mkdir(parents=True)
    for folder in (it_folder / "packs", it_folder / "packs" / "schemes"):
        folder.chmod(0o755)
    place(it_folder / "packs" / "schemes" / "ne.toml", text)
    config_file = place(it_folder / "config.toml", 'extra_packs = "packs"\n')
    ctx = Context(work=it_folder, home=it_folder / "home", machine_config=config_file)
    said = selftest.check_machine_config(ctx)
    assert "north-east-relationships-matter" in said and "2026.2" in said, said
    assert "replaces the shipped 2026.1" in said
