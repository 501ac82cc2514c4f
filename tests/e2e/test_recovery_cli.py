"""IT's recovery as IT really runs it (issue 15): as root against a user's data folder (the
user keeps every file), with the recovery key kept encrypted, naming the folder, refusing
another ordinary user; and adding or rotating the recovery key in an existing store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app import recovery
from rpc_desktop.app.workspace import Workspace
from tests.e2e.test_store_cli import PASS, run
from tests.helpers import ROOT, fast_context

NOBODY = 65534
root_only = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="handing files back needs root"
)


def keys(folder: Path, password: bytes | None = None) -> tuple[X25519PrivateKey, Path, Path]:
    private = X25519PrivateKey.generate()
    public_pem = folder / "recovery.pub.pem"
    public_pem.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    private_pem = folder / "recovery.pem"
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    private_pem.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )
    )
    return private, public_pem, private_pem


def user_store(home: Path, public_pem: Path | None) -> None:
    from rpc_desktop.app.context import read_key_file

    workspace = Workspace.create(fast_context(home), PASS, actor="user", recovery_key=public_pem)
    workspace.close(backup=False)
    assert read_key_file(home / "store" / "keyfile.json")


def opens_with(home: Path, passphrase: str) -> bool:
    try:
        Workspace.open(fast_context(home), passphrase).close(backup=False)
    except Exception:
        return False
    return True


@root_only
def test_root_recovers_a_users_store_and_the_user_keeps_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _private, public_pem, private_pem = keys(tmp_path, b"kept by IT")
    home = tmp_path / "alice"
    user_store(home, public_pem)
    for path in [home, *home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)  # the user's own folder
    monkeypatch.setenv("IT_RECOVERY_PASSWORD", "kept by IT")
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "set by IT for alice")
    code, out, err = run(
        [
            "recover",
            "--recovery-private-key",
            str(private_pem),
            "--key-password-env",
            "IT_RECOVERY_PASSWORD",
            "--data-folder",
            str(home),
        ],
        capsys,
    )
    assert code == 0, err
    assert f"Recovering the store in {home}" in err
    assert out["store"] == str(home) and out["recovered"] is True
    not_theirs = [p for p in [home, *home.rglob("*")] if p.lstat().st_uid != NOBODY]
    assert not_theirs == [], "every file stays the user's"
    keyfile = home / "store" / "keyfile.json"
    assert keyfile.stat().st_mode & 0o777 == 0o600
    assert recovery.recovered_by_it(home), "the user is offered their own passphrase"
    assert opens_with(home, "set by IT for alice")


def test_a_folder_without_a_store_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _private, _public, private_pem = keys(tmp_path)
    empty = tmp_path / "not-a-store"
    empty.mkdir()
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "set by IT for alice")
    code, _out, err = run(
        ["recover", "--recovery-private-key", str(private_pem), "--data-folder", str(empty)],
        capsys,
    )
    assert code == 2
    assert f"{empty} holds no store" in err and "--data-folder" in err
    assert list(empty.iterdir()) == [], "nothing written there"


def test_an_encrypted_recovery_key_needs_its_password_and_says_which_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _private, public_pem, private_pem = keys(tmp_path, b"kept by IT")
    home = tmp_path / "data"
    user_store(home, public_pem)
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "set by IT for alice")
    args = ["recover", "--recovery-private-key", str(private_pem), "--data-folder", str(home)]
    code, _out, err = run([*args, "--key-password-env", "NOT_SET_ANYWHERE"], capsys)
    assert code == 2 and "NOT_SET_ANYWHERE" in err and "not set" in err
    monkeypatch.setenv("IT_RECOVERY_PASSWORD", "a wrong guess")
    code, _out, err = run([*args, "--key-password-env", "IT_RECOVERY_PASSWORD"], capsys)
    assert code == 2 and "not the password of" in err
    assert opens_with(home, PASS), "nothing changed"
    monkeypatch.setenv("IT_RECOVERY_PASSWORD", "kept by IT")
    code, _out, err = run([*args, "--key-password-env", "IT_RECOVERY_PASSWORD"], capsys)
    assert code == 0, err
    assert opens_with(home, "set by IT for alice")


@root_only
def test_another_ordinary_user_is_refused_before_anything_changes(tmp_path: Path) -> None:
    """Run for real as a second user (setpriv), against a folder root owns."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    _private, public_pem, private_pem = keys(tmp_path)
    home = tmp_path / "alice"
    user_store(home, public_pem)
    before = {p: p.stat().st_mtime_ns for p in home.rglob("*")}
    private_pem.chmod(0o644)  # the other user can read the key, and reach the folder
    for folder in (tmp_path, *tmp_path.parents):
        if folder == Path("/tmp"):
            break
        folder.chmod(folder.stat().st_mode | 0o005)
    done = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-m",
            "rpc_desktop",
            "recover",
            "--recovery-private-key",
            str(private_pem),
            "--data-folder",
            str(home),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "RPC_DESKTOP_NEW_PASSPHRASE": "x" * 20, "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode != 0
    assert "belongs to root" in done.stderr and "nothing was changed" in done.stderr
    assert {p: p.stat().st_mtime_ns for p in home.rglob("*")} == before


def test_the_recovery_key_is_added_to_a_store_without_one_then_rotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    assert run(["init"], capsys)[0] == 0
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _first, first_public, first_private = keys(tmp_path / "one")
    code, out, _ = run(["recovery-key", str(first_public)], capsys)
    assert code == 0 and out["recovery_key"] == "added"
    _second, second_public, second_private = keys(tmp_path / "two")
    code, out, _ = run(["recovery-key", str(second_public)], capsys)
    assert code == 0 and out["recovery_key"] == "replaced"
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "set by IT after rotation")
    code, _out, err = run(["recover", "--recovery-private-key", str(second_private)], capsys)
    assert code == 0, err
    code, _out, err = run(["recover", "--recovery-private-key", str(first_private)], capsys)
    assert code == 2 and "does not open this store" in err, "the old key opens nothing now"
