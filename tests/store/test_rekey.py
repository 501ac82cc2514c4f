"""Changing the passphrase with a real re-key: the database and every backup get a new data
key (SQLCipher `PRAGMA rekey`), so old key material opens none of them; an interrupted
re-key is settled by whichever passphrase is typed next (docs/store.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app import paths as app_paths
from rpc_desktop.cli import main
from rpc_desktop.errors import StoreError, WrongPassphrase
from rpc_desktop.store import rekey
from rpc_desktop.store.engine import raw_key_pragma
from rpc_desktop.store.keys import KeyFile
from rpc_desktop.store.layout import StorePaths
from rpc_desktop.store.store import Store
from tests.helpers import DEMO_CASE, FAST_KDF, PASSPHRASE, ROOT, demo_case, fast_context

NEW = "a brand new passphrase"
REF = demo_case().reference


def opens(path: Path, key: bytes) -> bool:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(raw_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def every_file(home: Path) -> list[Path]:
    paths = StorePaths(home)
    return [paths.db, *sorted(paths.backups.glob("rpc-*.db"))]


def test_rekey_gives_the_database_and_every_backup_a_new_key(tmp_path: Path) -> None:
    home = tmp_path / "data"
    paths = StorePaths(home)
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF, actor="Priya Tester")
    store.add_case(demo_case())
    backups = [store.backup(), store.backup()]
    old_keyfile, old_key = paths.keyfile.read_bytes(), store.data_key

    done = store.change_passphrase(NEW, kdf=FAST_KDF, rekey=True)
    assert done is not None and done.seconds > 0
    assert set(done.moved.rekeyed) == {paths.db, *backups} and done.moved.left == []
    assert store.load_case(REF) == demo_case(), "the open store goes on under the new key"
    store.close(backup=False)

    # An old copy of the key file and the old passphrase give the old key: it opens nothing.
    stolen = tmp_path / "stolen-keyfile.json"
    stolen.write_bytes(old_keyfile)
    assert KeyFile.read(stolen).unlock(PASSPHRASE) == old_key
    assert not any(opens(path, old_key) for path in every_file(home))
    assert len(KeyFile.read(paths.keyfile).entries) == 1, "no old copy is left in the key file"
    with pytest.raises(WrongPassphrase):
        Store.open(home, PASSPHRASE, clock=lambda: 1000.0)

    reopened = Store.open(home, NEW, clock=lambda: 2000.0)
    assert reopened.data_key != old_key
    assert all(opens(path, reopened.data_key) for path in every_file(home))
    assert reopened.load_case(REF) == demo_case()
    assert reopened.verify_audit().intact
    reopened.close(backup=False)
    fast_context(home).restore_backup(NEW, backups[0])  # a re-keyed backup restores
    restored = Store.open(home, NEW, clock=lambda: 3000.0)
    assert restored.load_case(REF) == demo_case()
    restored.close(backup=False)


def test_an_interrupted_rekey_opens_with_either_passphrase_and_settles(tmp_path: Path) -> None:
    """The state a kill leaves midway: the new key pending, the database and one backup
    re-keyed, the other backup not. The old passphrase undoes it, the new one finishes it."""
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    store.add_case(demo_case())
    older, _newer = store.backup(), store.backup()
    old = store.data_key
    store.close(backup=False)
    paths = StorePaths(home)
    new = rekey.begin(paths, old, NEW, FAST_KDF, None)
    rekey.rekey_file(paths.db, old, new, wal=True)
    rekey.rekey_file(older, old, new, wal=False)

    for typed, other, key in ((PASSPHRASE, NEW, old), (NEW, PASSPHRASE, new)):
        copy = tmp_path / f"copy-{typed[:5]}"
        shutil.copytree(home, copy)
        opened = Store.open(copy, typed, clock=lambda: 1000.0)
        assert opened.data_key == key
        assert opened.load_case(REF) == demo_case() and opened.verify_audit().intact
        opened.close(backup=False)
        assert KeyFile.read(StorePaths(copy).keyfile).pending is None
        assert all(opens(path, key) for path in every_file(copy)), typed
        with pytest.raises(WrongPassphrase):
            Store.open(copy, other, clock=lambda: 2000.0)


def test_a_rekey_another_program_blocks_is_undone(tmp_path: Path) -> None:
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    store.add_case(demo_case())
    store.backup()
    old = store.data_key
    reader = sqlcipher3.connect(str(store.paths.db), isolation_level=None)
    reader.execute(raw_key_pragma(old))
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM cases").fetchone()  # another program reading
    try:
        with pytest.raises(StoreError, match="not changed"):
            store.change_passphrase(NEW, kdf=FAST_KDF, rekey=True)
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert KeyFile.read(store.paths.keyfile).pending is None
    assert all(opens(path, old) for path in every_file(home))
    assert store.load_case(REF) == demo_case(), "the store goes on with its key"
    store.close(backup=False)
    Store.open(home, PASSPHRASE).close(backup=False)


def _pem(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def test_the_recovery_copy_is_made_again_and_still_recovers(tmp_path: Path) -> None:
    """A store made before the app kept IT's public key needs it given to re-key; nothing
    changes without it. IT's private key recovers the re-keyed store."""
    private = X25519PrivateKey.generate()
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF, recovery_public_key=private.public_key())
    store.add_case(demo_case())
    keyfile = store.paths.keyfile
    data = json.loads(keyfile.read_text())
    next(e for e in data["wrapped"] if e["kind"] == "recovery").pop("public")
    keyfile.write_text(json.dumps(data))
    before = keyfile.read_bytes()
    with pytest.raises(StoreError, match="recovery public key"):
        store.change_passphrase(NEW, kdf=FAST_KDF, rekey=True)
    assert keyfile.read_bytes() == before and store.load_case(REF) == demo_case()
    store.change_passphrase(NEW, kdf=FAST_KDF, rekey=True, recovery_public_key=private.public_key())
    new_key = store.data_key
    store.close(backup=False)
    recovered = fast_context(home).recover_store(_pem(private), source=tmp_path, actor="IT")
    assert recovered.data_key == new_key and recovered.load_case(REF) == demo_case()
    recovered.close(backup=False)


def test_a_store_from_the_first_version_rekeys(tmp_path: Path) -> None:
    home = tmp_path / "old"
    shutil.copytree(ROOT / "tests" / "fixtures" / "store-v1", home)
    opened = Store.open(home, "fixture passphrase v1")
    old = opened.data_key
    opened.change_passphrase(NEW, kdf=FAST_KDF, rekey=True)
    opened.close(backup=False)
    assert not any(opens(path, old) for path in every_file(home))
    again = Store.open(home, NEW)
    assert again.load_case(REF).parent_a.name == demo_case().parent_a.name
    assert again.verify_audit().intact
    again.close(backup=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(args, context=fast_context(app_paths.data_home()))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_passwd_rekeys_by_default_says_how_long_and_can_only_rewrap(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert run(["init"], capsys)[0] == 0
    assert run(["cases", "import", str(DEMO_CASE)], capsys)[0] == 0
    assert run(["backup"], capsys)[0] == 0
    keyfile = StorePaths(app_paths.data_home()).keyfile
    first = KeyFile.read(keyfile).unlock(PASSPHRASE)
    files = every_file(app_paths.data_home())  # the database, and a backup on each change

    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", NEW)
    code, said = run(["passwd"], capsys)
    assert code == 0 and said["passphrase_changed"] and said["rekeyed"]
    assert said["seconds"] > 0 and said["files_rekeyed"] == len(files) > 2
    assert said["files_left"] == []
    second = KeyFile.read(keyfile).unlock(NEW)
    assert second != first and not any(opens(path, first) for path in files)

    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", NEW)
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "and a third passphrase")
    code, said = run(["passwd", "--rewrap-only"], capsys)
    assert code == 0 and said == {"passphrase_changed": True, "rekeyed": False}
    assert KeyFile.read(keyfile).unlock("and a third passphrase") == second
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "and a third passphrase")
    code, listed = run(["cases", "list"], capsys)
    assert code == 0 and [c["reference"] for c in listed] == [REF]


def test_settling_an_interrupted_rekey_while_the_database_is_held_says_so(
    tmp_path: Path,
) -> None:
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    store.add_case(demo_case())
    old = store.data_key
    store.close(backup=False)
    paths = StorePaths(home)
    new = rekey.begin(paths, old, NEW, FAST_KDF, None)
    rekey.rekey_file(paths.db, old, new, wal=True)
    holder = sqlcipher3.connect(str(paths.db), isolation_level=None)
    holder.execute(raw_key_pragma(new))
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="could not be finished just now"):
            Store.open(home, NEW, clock=lambda: 1000.0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert KeyFile.read(paths.keyfile).pending is not None, "left for the next unlock"
    opened = Store.open(home, NEW, clock=lambda: 2000.0)
    assert opened.load_case(REF) == demo_case()
    opened.close(backup=False)
    assert KeyFile.read(paths.keyfile).pending is None
