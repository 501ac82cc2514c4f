"""The self-test judges IT's configuration as an ordinary user meets it: readable where users
need it, changeable by root only (docs/deploying.md), though it runs as root.

Each test places the files as IT might, with one thing wrong, and runs the self-test's
machine-configuration check: the problem is named with the file, what is wrong and the
command that puts it right."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rpc_desktop.app import config_access, paths
from rpc_desktop.app.config import load
from rpc_desktop.cli import selftest
from rpc_desktop.cli.selftest import CHECKS
from tests.e2e.it_files import PASSWORD_ENV, SIGNING, place, shared_folder, signing_files
from tests.helpers import ROOT, RUN_AS_NOBODY, as_nobody

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


@pytest.fixture
def it_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from shared_folder(monkeypatch)


def problems(folder: Path) -> list[str]:
    return config_access.setup_problems(folder / "config.toml", paths.resources_dir())


def check(folder: Path) -> str:
    """The self-test's machine-configuration check, run as IT runs it, on the file the app
    would read (RPC_DESKTOP_CONFIG names it; the tests' machine-wide file is absent)."""
    os.environ["RPC_DESKTOP_CONFIG"] = str(folder / "config.toml")  # conftest restores it
    out = io.StringIO()
    selftest.run(out=out, checks=[c for c in CHECKS if c.name == "machine configuration"])
    return out.getvalue()


def test_a_configuration_placed_as_the_guide_says_passes(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signing_files(it_folder)
    monkeypatch.setenv(PASSWORD_ENV, "org secret")
    place(it_folder / "config.toml", 'organisation = "Riverside"\n' + SIGNING)
    assert load(it_folder / "config.toml").problems == ()
    assert problems(it_folder) == []
    text = check(it_folder)
    assert "PASS  machine configuration (" in text
    assert "users can read what it names, only root can change it" in text


def test_a_signing_key_only_root_can_read_is_named(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root opens it, so the values are fine; every user's PDFs would not carry it."""
    _cert, key = signing_files(it_folder)
    key.chmod(0o600)
    monkeypatch.setenv(PASSWORD_ENV, "org secret")
    place(it_folder / "config.toml", SIGNING)
    assert load(it_folder / "config.toml").problems == (), "as root, every value is good"
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{key} (signing.key, the organisation's signing key): ")
    assert "users cannot read it (mode 0600" in problem
    assert f"As root: chmod o+r {key}" in problem
    text = check(it_folder)
    assert f"FAIL  machine configuration: {key} (signing.key" in text


def test_a_configuration_folder_users_cannot_enter_is_named(it_folder: Path) -> None:
    place(it_folder / "config.toml", 'organisation = "Riverside"\n')
    it_folder.chmod(0o700)
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{it_folder} (a folder the configuration file is in): ")
    assert "users cannot enter it (mode 0700" in problem
    assert "the app runs for them on every default" in problem
    assert f"As root: chmod o+x {it_folder}" in problem


def test_a_configuration_file_any_user_can_write_is_named(it_folder: Path) -> None:
    config = place(it_folder / "config.toml", 'organisation = "Riverside"\n', mode=0o666)
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{config} (the configuration file): any user can change it")
    assert f"As root: chmod go-w {config}" in problem


def test_each_problem_is_a_line_of_its_own(it_folder: Path) -> None:
    """Three things wrong: three lines under the FAIL line, and the check fails."""
    packs = it_folder / "packs"
    (packs / "schemes").mkdir(parents=True)
    packs.chmod(0o775)
    scheme = paths.resources_dir() / "schemes" / "north-east-relationships-matter.toml"
    text = scheme.read_text().replace(
        'id = "north-east-relationships-matter"', 'id = "north-east-pilot"', 1
    )
    pilot = place(packs / "schemes" / "pilot.toml", text, mode=0o600)
    config = place(it_folder / "config.toml", f'extra_packs = "{packs}"\n', mode=0o664)
    found = problems(it_folder)
    assert len(found) == 3, found
    assert found[0].startswith(f"{config} (the configuration file): its group's members can")
    assert found[1].startswith(f"{packs} (extra_packs): its group's members can change it")
    assert found[2].startswith(f"{pilot} (a file in extra_packs): users cannot read it")
    assert "the schemes in it are missing for them" in found[2]
    lines = check(it_folder).splitlines()
    assert lines[1].startswith("FAIL  machine configuration: 3 problems, each below")
    assert lines[2:5] == [f"      - {p}" for p in found]
    assert lines[-1].startswith("self-test: 1 of 1 checks did not pass")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_file_another_user_owns_is_named(it_folder: Path) -> None:
    config = place(it_folder / "config.toml", 'organisation = "Riverside"\n')
    os.chown(config, 65534, 65534)
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{config} (the configuration file): owned by ")
    assert "not root, so that user can change it" in problem
    assert f"As root: chown root {config}" in problem


@RUN_AS_NOBODY
def test_what_the_check_names_is_what_a_user_meets(it_folder: Path) -> None:
    """The folder the check names really keeps an ordinary user out: the app, run as
    `nobody` with RPC_DESKTOP_CONFIG set (system-wide, say), reports that it cannot read the
    machine file; it used to stop with PermissionError while looking whether it exists."""
    place(it_folder / "config.toml", 'organisation = "Riverside"\n')
    it_folder.chmod(0o700)
    code = (
        "import sys; from pathlib import Path\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from rpc_desktop.app import config\n"
        f"config.machine_location = lambda: Path({str(it_folder / 'config.toml')!r})\n"
        "loaded = config.load()\n"
        "print(loaded.organisation or 'default', *loaded.problems, sep='\\n')\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "RPC_DESKTOP_CONFIG": "/nowhere.toml"}
    done = as_nobody(code, env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "default"
    assert "cannot be read" in lines[1] and "Permission denied" in lines[1]
    (named,) = problems(it_folder)
    assert "users cannot enter it" in named
