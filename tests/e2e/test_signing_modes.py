"""Who can sign as the organisation, by IT's `[signing]` mode, and what the self-test says of
it: "group-key" (the key readable by one group only), "shared-key" (by every user: named
as IT's choice, or an earlier build's file with a key and no mode, which still works and is
warned about), "device-certificates" (no organisation key on the machine).

Files are placed in a folder every user could reach and judged by their modes and owners
(tests/e2e/it_files.py), as the self-test judges them when it runs as root."""

from __future__ import annotations

import grp
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rpc_desktop.app import config_access, paths, signing
from rpc_desktop.app.config import SigningMode, load, signing_identity
from rpc_desktop.cli import selftest
from rpc_desktop.cli.selftest import CHECKS
from tests.e2e.it_files import (
    DEVICE_CERTIFICATES,
    PASSWORD_ENV,
    SIGNING,
    organisation_ca,
    place,
    shared_folder,
    signing_files,
)
from tests.helpers import ROOT, RUN_AS_NOBODY, as_nobody

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and groups")

GROUP = grp.getgrgid(os.getgid()).gr_name
"""A group that exists here (this account's own), standing in for IT's `rpc-signers`."""
GROUP_KEY = SIGNING + f'mode = "group-key"\ngroup = "{GROUP}"\n'


@pytest.fixture
def it_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(PASSWORD_ENV, "org secret")
    yield from shared_folder(monkeypatch)


def problems(folder: Path) -> list[str]:
    return config_access.setup_problems(folder / "config.toml", paths.resources_dir())


def check(folder: Path) -> list[str]:
    """The self-test's machine-configuration check's lines, as IT reads them."""
    os.environ["RPC_DESKTOP_CONFIG"] = str(folder / "config.toml")  # conftest restores it
    out = io.StringIO()
    selftest.run(out=out, checks=[c for c in CHECKS if c.name == "machine configuration"])
    return out.getvalue().splitlines()[1:-1]


def group_key(folder: Path, mode: int = 0o640) -> Path:
    _cert, key = signing_files(folder)
    os.chown(key, -1, os.getgid())
    key.chmod(mode)
    place(folder / "config.toml", GROUP_KEY)
    return key


# --- shared-key ---------------------------------------------------------------------------


def test_a_key_without_a_mode_still_signs_and_is_reported_as_shared(it_folder: Path) -> None:
    """An earlier build's configuration: it keeps working, and the self-test says what it
    means and what to do."""
    _cert, key = signing_files(it_folder)
    place(it_folder / "config.toml", SIGNING)
    loaded = load(it_folder / "config.toml")
    assert loaded.problems == () and loaded.signing is not None
    assert loaded.signing.mode is SigningMode.SHARED_KEY and not loaded.signing.mode_named
    assert signing_identity(loaded.signing) is not None
    lines = check(it_folder)
    assert lines[0].startswith("PASS  machine configuration (")
    (said,) = lines[1:]
    assert said.startswith(
        "      - warning: signing mode: shared-key: any local user can sign as the organisation"
    )
    assert str(key) in said
    assert 'mode = "device-certificates"' in said and 'mode = "group-key"' in said
    assert 'to keep it knowingly: mode = "shared-key"' in said


def test_a_shared_key_named_as_the_mode_is_said_without_a_warning(it_folder: Path) -> None:
    _cert, key = signing_files(it_folder)
    place(it_folder / "config.toml", SIGNING + 'mode = "shared-key"\n')
    lines = check(it_folder)
    assert lines[0].startswith("PASS  machine configuration (")
    assert lines[1] == (
        f'      - signing mode: shared-key (IT\'s choice: mode = "shared-key"): any local user '
        f"can read {key} and sign as the organisation"
    )


# --- group-key ----------------------------------------------------------------------------


def test_a_key_only_the_group_can_read_passes_and_names_who_can_sign(it_folder: Path) -> None:
    key = group_key(it_folder)
    assert problems(it_folder) == []
    lines = check(it_folder)
    assert lines[0].startswith("PASS  machine configuration (")
    members = signing.group_members(GROUP)
    assert members is not None
    who = ", ".join(members) or f"nobody yet (As root: usermod -aG {GROUP} USER)"
    assert lines[1] == (
        f"      - signing mode: group-key: the members of {GROUP} can read {key} and sign as "
        f"the organisation: {who}; every other user signs as their own device"
    )


def test_a_group_key_every_user_can_read_is_named(it_folder: Path) -> None:
    key = group_key(it_folder, 0o644)
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{key} (signing.key, the organisation's signing key): ")
    assert "any user can read it (mode 0644, owner" in problem
    assert f"so any local user can sign as the organisation, not only the members of {GROUP}" in (
        problem
    )
    assert problem.endswith(f"As root: chgrp {GROUP} {key} && chmod 0640 {key}")
    lines = check(it_folder)
    assert lines[0].startswith(f"FAIL  machine configuration: {key} (signing.key")
    assert lines[1].startswith(f"      - signing mode: group-key: the members of {GROUP}")


def test_a_group_key_its_group_cannot_read_is_named(it_folder: Path) -> None:
    key = group_key(it_folder, 0o600)
    (problem,) = problems(it_folder)
    assert f"the members of {GROUP} cannot read it (mode 0600" in problem
    assert problem.endswith(f"As root: chmod g+r {key}")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another group")
def test_a_group_key_of_another_group_is_named(it_folder: Path) -> None:
    key = group_key(it_folder)
    other = next(g for g in grp.getgrall() if g.gr_gid != os.getgid())
    os.chown(key, -1, other.gr_gid)
    (problem,) = problems(it_folder)
    assert f"its group is {other.gr_name}, not {GROUP}" in problem
    assert f"so the members of {GROUP} cannot sign" in problem


def test_a_group_that_does_not_exist_is_a_bad_value(it_folder: Path) -> None:
    signing_files(it_folder)
    place(it_folder / "config.toml", SIGNING + 'mode = "group-key"\ngroup = "no-such-group-x"\n')
    loaded = load(it_folder / "config.toml")
    (problem,) = loaded.problems
    assert "key 'signing'" in problem
    assert "group 'no-such-group-x' does not exist on this machine. As root: groupadd" in problem
    assert loaded.signing is None


def test_group_key_needs_its_group(it_folder: Path) -> None:
    signing_files(it_folder)
    place(it_folder / "config.toml", SIGNING + 'mode = "group-key"\n')
    (problem,) = load(it_folder / "config.toml").problems
    assert "mode 'group-key' needs group" in problem


def test_a_user_outside_the_group_signs_as_their_device_without_a_problem(
    it_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not being able to read the key is what group-key means for them, not a set-up
    problem (even the password variable is not theirs to have)."""
    key = group_key(it_folder)
    monkeypatch.delenv(PASSWORD_ENV)
    monkeypatch.setattr(signing, "_readable", lambda path: path != key)
    loaded = load(it_folder / "config.toml")
    assert loaded.problems == () and loaded.signing is not None
    assert signing_identity(loaded.signing) is None
    monkeypatch.undo()
    os.environ[PASSWORD_ENV] = "org secret"  # a member's session has it
    assert signing_identity(loaded.signing) is not None


# --- device-certificates, none, and bad modes ---------------------------------------------


def test_device_certificates_are_said_with_their_ca(it_folder: Path, tmp_path: Path) -> None:
    organisation_ca(it_folder, tmp_path / "it-desk")
    place(it_folder / "config.toml", DEVICE_CERTIFICATES)
    lines = check(it_folder)
    assert lines[0].startswith("PASS  machine configuration (")
    assert lines[1].startswith(
        "      - signing mode: device-certificates: each device signs with its own key under "
        "a certificate issued by CN=Test Council Signing CA (until "
    )
    assert "no organisation key is on this machine" in lines[1]


def test_a_ca_certificate_users_cannot_read_is_named(it_folder: Path, tmp_path: Path) -> None:
    ca, _key, _cert = organisation_ca(it_folder, tmp_path / "it-desk")
    ca.chmod(0o600)
    place(it_folder / "config.toml", DEVICE_CERTIFICATES)
    (problem,) = problems(it_folder)
    assert problem.startswith(f"{ca} (signing.ca_certificate, the organisation CA's certificate)")
    assert "users cannot read it (mode 0600" in problem


def test_no_signing_table_is_said(it_folder: Path) -> None:
    place(it_folder / "config.toml", 'organisation = "Riverside"\n')
    assert check(it_folder)[1] == (
        "      - signing mode: none ([signing] not set): each device signs its PDFs with its "
        "own self-signed certificate; no user can sign as the organisation"
    )


def test_an_unknown_mode_is_a_bad_value(it_folder: Path) -> None:
    signing_files(it_folder)
    place(it_folder / "config.toml", SIGNING + 'mode = "everyone"\n')
    loaded = load(it_folder / "config.toml")
    (problem,) = loaded.problems
    assert 'mode \'everyone\': must be one of "device-certificates", "group-key"' in problem
    lines = check(it_folder)
    assert lines[0].startswith("FAIL  machine configuration: ")
    assert lines[1].startswith("      - signing mode: none in force: [signing] is not valid")


@RUN_AS_NOBODY
def test_what_a_user_outside_the_group_really_meets(it_folder: Path) -> None:
    """The app run as `nobody` (not in the group, no password variable): no set-up problem,
    and its PDFs are signed as its device; root, the group's member here, gets the key."""
    group_key(it_folder)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from rpc_desktop.app.config import load, signing_identity\n"
        f"loaded = load(Path({str(it_folder / 'config.toml')!r}))\n"
        "print(loaded.signing.mode.value, signing_identity(loaded.signing), *loaded.problems)\n"
    )
    done = as_nobody(code, {"PATH": os.environ.get("PATH", "")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["group-key", "None"]
    assert signing_identity(load(it_folder / "config.toml").signing) is not None


def test_a_ca_beside_a_key_without_a_mode_asks_for_the_mode(
    it_folder: Path, tmp_path: Path
) -> None:
    signing_files(it_folder)
    organisation_ca(it_folder, tmp_path / "it-desk")
    place(it_folder / "config.toml", SIGNING + 'ca_certificate = "org-ca.pem"\n')
    (problem,) = load(it_folder / "config.toml").problems
    assert 'with a key and no mode, the mode is "shared-key", which takes no' in problem
    assert "name the mode you mean" in problem
