"""Faults that must never lose or lock away a record (issue 11).

Each test injects a real fault: a connection that holds the database locked, a zero-byte or
table-less file, a hand-edited key file or unlock state, a flipped byte in a page the cheap
check does not read, or, at the edge, the driver raising the error SQLite gives for a failing
disk (sqlcipher3.OperationalError).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.errors import StoreCorrupt, StoreError, StoreLocked, WrongPassphrase
from rpc_desktop.store.engine import make_engine, raw_key_pragma
from rpc_desktop.store.keys import KdfParams, KeyFile
from rpc_desktop.store.layout import StorePaths
from rpc_desktop.store.store import Store
from tests.helpers import FAST_KDF, PASSPHRASE, demo_case, fast_context, varied

LATER = 10**9
"""A clock far past any wait: for opens that are not about the throttle."""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(home: Path) -> dict[str, str]:
    """Every file of the store and its backups, by content."""
    paths = StorePaths(home)
    files = [p for p in (*paths.folder.rglob("*"), *paths.backups.rglob("*")) if p.is_file()]
    return {
        str(p.relative_to(home)): sha(p)
        for p in files
        if "unlock-state" not in p.name and p.name != "keyfile.json"
    }


def made(tmp_path: Path, *, backups: int = 0) -> Path:
    """A closed store holding the demo family (and `backups` backups of it)."""
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF, actor="Priya Tester")
    store.add_case(demo_case())
    for _ in range(backups):
        store.backup()
    store.close(backup=False)
    return home


# --- a fault that may pass never moves a healthy database -------------------------------


class _ChecksFail:
    """A real connection whose reads fail as a failing disk makes them fail."""

    def __init__(self, conn: Any, message: str) -> None:
        self._conn = conn
        self._message = message

    def execute(self, sql: str, *args: Any) -> Any:
        if any(word in sql for word in ("integrity_check", "quick_check", "sqlite_master")):
            raise sqlcipher3.OperationalError(self._message)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.mark.parametrize(
    "message", ["disk I/O error", "database or disk is full", "database table is locked"]
)
@pytest.mark.parametrize("where", ["opening the file", "reading its pages"])
def test_a_transient_fault_at_open_leaves_a_healthy_database_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message: str, where: str
) -> None:
    home = made(tmp_path, backups=1)
    before = snapshot(home)
    real = sqlcipher3.connect

    def failing(*args: Any, **kwargs: Any) -> Any:
        if where == "opening the file":
            raise sqlcipher3.OperationalError(message)
        return _ChecksFail(real(*args, **kwargs), message)

    monkeypatch.setattr(sqlcipher3, "connect", failing)
    with pytest.raises(StoreError) as info:
        Store.open(home, PASSPHRASE, clock=lambda: LATER)
    monkeypatch.setattr(sqlcipher3, "connect", real)
    assert not isinstance(info.value, StoreCorrupt), info.value
    assert message in str(info.value) and "try again" in str(info.value)
    assert snapshot(home) == before, "nothing was moved, nothing was changed"
    assert not list(StorePaths(home).folder.glob("corrupt-*"))
    reopened = Store.open(home, PASSPHRASE, clock=lambda: LATER + 100)
    assert reopened.load_case(demo_case().reference) == demo_case()
    reopened.close(backup=False)


def test_a_database_another_program_holds_locked_is_reported_not_moved(tmp_path: Path) -> None:
    """SQLITE_BUSY for real: a second connection holds an exclusive lock."""
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    store.add_case(demo_case())
    key = store.data_key
    store.close(backup=False)
    before = snapshot(home)
    holder = sqlcipher3.connect(str(StorePaths(home).db), isolation_level=None)
    holder.execute(raw_key_pragma(key))
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked") as info:
            Store.open(home, PASSPHRASE)
        assert not isinstance(info.value, StoreCorrupt)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(home) == before
    reopened = Store.open(home, PASSPHRASE, clock=lambda: LATER)
    assert reopened.load_case(demo_case().reference) == demo_case()
    reopened.close(backup=False)


# --- an empty store is refused, never backed up; rotation keeps the cases ---------------


def test_a_zero_byte_database_is_refused_and_never_backed_up(tmp_path: Path) -> None:
    home = made(tmp_path, backups=1)
    paths = StorePaths(home)
    real_backup = {p.name: sha(p) for p in paths.backups.glob("rpc-*.db")}
    paths.db.write_bytes(b"")
    for n in range(6):  # five opens used to rotate out every real backup
        with pytest.raises(StoreError, match="empty") as info:
            Store.open(home, PASSPHRASE, clock=lambda n=n: LATER + n)
        assert "restore" in str(info.value)
    assert paths.db.stat().st_size == 0, "refused, not turned into a new store"
    assert {p.name: sha(p) for p in paths.backups.glob("rpc-*.db")} == real_backup


def _keyed_without_tables(path: Path, key: bytes) -> None:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(raw_key_pragma(key))
    conn.execute("CREATE TABLE scratch (x)")
    conn.execute("DROP TABLE scratch")
    conn.close()


def test_a_database_without_tables_is_refused_and_never_backed_up(tmp_path: Path) -> None:
    home = made(tmp_path, backups=1)
    paths = StorePaths(home)
    key = KeyFile.read(paths.keyfile).unlock(PASSPHRASE)
    for suffix in ("", "-wal", "-shm"):
        paths.db.with_name("rpc.db" + suffix).unlink(missing_ok=True)
    _keyed_without_tables(paths.db, key)
    before = snapshot(home)
    with pytest.raises(StoreError, match="no tables"):
        Store.open(home, PASSPHRASE, clock=lambda: LATER)
    assert snapshot(home) == before
    # Nor does the store back up such a database when asked directly.
    empty = Store(paths, make_engine(paths.db, key), key)
    with pytest.raises(StoreError, match="no tables"):
        empty.backup()
    empty.engine.dispose()
    assert len(list(paths.backups.glob("rpc-*.db"))) == 1


def test_rotation_never_drops_the_newest_backup_holding_cases_for_empty_ones(
    store: Store,
) -> None:
    store.add_case(demo_case())
    with_cases = store.backup()
    store.erase_case(demo_case().reference)
    emptier = [store.backup() for _ in range(7)]
    kept = set(store.paths.backups.glob("rpc-*.db"))
    assert with_cases in kept, "the last backup with the family in it was rotated out"
    assert set(emptier[-5:]) <= kept and len(kept) == 6
    store.add_case(varied(demo_case(), reference="RPC-DEMO-0002"))
    store.backup()  # now the newest holds cases: rotation is back to the newest five
    assert with_cases not in set(store.paths.backups.glob("rpc-*.db"))
    assert len(list(store.paths.backups.glob("rpc-*.db"))) == 5


# --- every field of the key file is checked --------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _kdf(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["wrapped"][0]["kdf"].update(changes)

    return edit


def _entry(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["wrapped"][0].update(changes)

    return edit


def _drop_kdf(data: dict[str, Any]) -> None:
    del data["wrapped"][0]["kdf"]


DAMAGE: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "iterations as text": (_kdf(iterations="2"), "iterations"),
    "zero iterations": (_kdf(iterations=0), "iterations"),
    "fractional iterations": (_kdf(iterations=2.5), "iterations"),
    "iterations true": (_kdf(iterations=True), "iterations"),
    "zero lanes": (_kdf(lanes=0), "lanes"),
    "memory beyond the machine": (_kdf(memory_kib=2**40), "memory_kib"),
    "memory missing": (_kdf(memory_kib=None), "memory_kib"),
    "another KDF": (_kdf(name="scrypt"), "kdf.name"),
    "salt not base64": (_kdf(salt="%%%not base64%%%"), "salt"),
    "salt a number": (_kdf(salt=12345), "salt"),
    "no kdf": (_drop_kdf, "kdf"),
    "kdf a number": (_entry(kdf=7), "kdf"),
    "short nonce": (_entry(nonce=_b64(b"123")), "nonce"),
    "nonce a number": (_entry(nonce=12), "nonce"),
    "nonce not base64": (_entry(nonce="!!!"), "nonce"),
    "ciphertext cut short": (_entry(ciphertext=_b64(b"0123456789")), "ciphertext"),
    "ciphertext missing": (_entry(ciphertext=None), "ciphertext"),
    "wrapped not a list": (lambda d: d.update(wrapped={"kind": "passphrase"}), "wrapped"),
    "an entry not an object": (lambda d: d.update(wrapped=["passphrase"]), "wrapped copy 1"),
    "a kind not text": (_entry(kind=["passphrase"]), "kind"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_key_file_field_gets_a_clear_message(tmp_path: Path, damage: str) -> None:
    home = made(tmp_path, backups=1)
    paths = StorePaths(home)
    data = json.loads(paths.keyfile.read_text())
    edit, field = DAMAGE[damage]
    edit(data)
    paths.keyfile.write_text(json.dumps(data))
    before = snapshot(home)
    with pytest.raises(StoreError) as info:
        Store.open(home, PASSPHRASE, clock=lambda: LATER)
    message = str(info.value)
    assert "keyfile.json" in message and field in message, message
    assert not isinstance(info.value, WrongPassphrase), "a damaged file is not a wrong passphrase"
    with pytest.raises(StoreError, match=r"keyfile\.json"):
        fast_context(home).restore_backup(PASSPHRASE)
    assert snapshot(home) == before


@pytest.mark.parametrize("content", ["[1, 2, 3]", '"keys"', "null"])
def test_a_key_file_that_is_not_an_object_gets_a_clear_message(
    tmp_path: Path, content: str
) -> None:
    home = made(tmp_path)
    StorePaths(home).keyfile.write_text(content)
    with pytest.raises(StoreError, match=r"keyfile\.json"):
        Store.open(home, PASSPHRASE)


def _pem(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("ephemeral", "not base64"), ("ephemeral", _b64(b"short")), ("nonce", 5), ("alg", "rsa")],
)
def test_a_damaged_recovery_copy_gets_a_clear_message(
    tmp_path: Path, field: str, value: Any
) -> None:
    private = X25519PrivateKey.generate()
    home = tmp_path / "data"
    made_store = Store.create(
        home, PASSPHRASE, kdf=FAST_KDF, recovery_public_key=private.public_key()
    )
    made_store.close(backup=False)
    paths = StorePaths(home)
    data = json.loads(paths.keyfile.read_text())
    recovery = next(e for e in data["wrapped"] if e["kind"] == "recovery")
    recovery[field] = value
    paths.keyfile.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=rf"keyfile\.json.*{field}"):
        fast_context(home).recover_store(_pem(private), source=tmp_path / "it.pem", actor="IT")


# --- one throttle, that no file edit resets and nothing pushes past its cap ------------


def _wrong(home: Path, at: float) -> None:
    with pytest.raises(WrongPassphrase):
        Store.open(home, "not the passphrase", clock=lambda: at)


def test_removing_the_unlock_state_does_not_reset_the_wait(tmp_path: Path) -> None:
    home = made(tmp_path)
    _wrong(home, 1000.0)
    _wrong(home, 1001.5)  # two in a row: a 2-second wait
    StorePaths(home).unlock_state.unlink()
    with pytest.raises(StoreLocked):
        Store.open(home, PASSPHRASE, clock=lambda: 1002.0)
    for path in StorePaths(home).folder.glob("unlock-state*"):
        path.unlink()
    with pytest.raises(StoreLocked):
        Store.open(home, PASSPHRASE, clock=lambda: 1002.0)
    Store.open(home, PASSPHRASE, clock=lambda: 1002.0 + 61).close(backup=False)


@pytest.mark.parametrize(
    "state",
    [
        '{"failures": NaN, "last": NaN}',
        '{"failures": 0, "last": 0}',
        '{"failures": -5, "last": 1000}',
        '{"failures": "none", "last": "never"}',
        "not json at all",
        "",
    ],
)
def test_editing_the_unlock_state_does_not_reset_the_wait(tmp_path: Path, state: str) -> None:
    home = made(tmp_path)
    for n in range(3):
        _wrong(home, 1000.0 + 10 * n)  # three in a row: a 4-second wait from 1020
    StorePaths(home).unlock_state.write_text(state)
    with pytest.raises(StoreLocked) as locked:
        Store.open(home, PASSPHRASE, clock=lambda: 1021.0)
    assert 0 < locked.value.wait_seconds <= 60
    Store.open(home, PASSPHRASE, clock=lambda: 1021.0 + 61).close(backup=False)


@pytest.mark.parametrize(
    "state",
    [
        {"failures": 10**30, "last": 1000.0},
        {"failures": 2**63, "last": 1000.0},
        {"failures": 40, "last": 10.0**15},
    ],
)
def test_no_count_or_time_makes_the_wait_longer_than_its_cap(
    tmp_path: Path, state: dict[str, float]
) -> None:
    home = made(tmp_path)
    StorePaths(home).unlock_state.write_text(json.dumps(state))
    with pytest.raises(StoreLocked) as locked:
        Store.open(home, PASSPHRASE, clock=lambda: 1000.0)
    assert 0 < locked.value.wait_seconds <= 60 and math.isfinite(locked.value.wait_seconds)
    reopened = Store.open(home, PASSPHRASE, clock=lambda: 1000.0 + 61)
    assert reopened.load_case(demo_case().reference) == demo_case()
    reopened.close(backup=False)


def test_restore_tries_the_passphrase_under_the_same_throttle(tmp_path: Path) -> None:
    home = made(tmp_path, backups=1)
    context = fast_context(home)
    with pytest.raises(WrongPassphrase, match="Wait 1 second before"):
        context.restore_backup("not the passphrase")
    with pytest.raises(StoreLocked):
        Store.open(home, PASSPHRASE)
    with pytest.raises(StoreLocked):
        context.restore_backup(PASSPHRASE)
    assert not list(StorePaths(home).folder.glob("replaced-*")), "nothing was restored"


def test_recover_tries_the_key_under_the_same_throttle(tmp_path: Path) -> None:
    private = X25519PrivateKey.generate()
    home = tmp_path / "data"
    made_store = Store.create(
        home, PASSPHRASE, kdf=FAST_KDF, recovery_public_key=private.public_key()
    )
    made_store.close(backup=False)
    context = fast_context(home)
    stranger = _pem(X25519PrivateKey.generate())
    with pytest.raises(StoreError, match="does not open this store"):
        context.recover_store(stranger, source=tmp_path / "other.pem", actor="IT")
    with pytest.raises(StoreLocked):
        context.recover_store(_pem(private), source=tmp_path / "it.pem", actor="IT")
    with pytest.raises(StoreLocked):
        Store.open(home, PASSPHRASE)


def test_an_attempt_is_counted_before_the_key_is_derived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill while Argon2id runs must not hide the try: it is on disk before."""
    home = made(tmp_path)
    seen: list[Any] = []
    derive = KdfParams.derive

    def watched(self: KdfParams, passphrase: str, salt: bytes) -> bytes:
        seen.append(json.loads(StorePaths(home).unlock_state.read_text())["failures"])
        return derive(self, passphrase, salt)

    monkeypatch.setattr(KdfParams, "derive", watched)
    Store.open(home, PASSPHRASE, clock=lambda: 1000.0).close(backup=False)
    assert seen == [1]
    assert json.loads(StorePaths(home).unlock_state.read_text())["failures"] == 0


# --- the full check runs off the critical path, and before every backup ----------------


def test_the_full_check_runs_after_unlock_and_before_every_backup(tmp_path: Path) -> None:
    """A store bigger than the budget opens on the cheap check; a page it did not read is
    found damaged by the full check, which refuses the backup and checks in full next time."""
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    case = demo_case()
    store.add_case(case)
    for n in range(60):  # about 6 MB of answers: past the size checked in full at open
        store.set_answer(case.reference, Form.RSQ, ParentSlot.A, f"note-{n}", "x" * 100_000, "1")
    good = store.backup()
    store.close(backup=False)
    paths = StorePaths(home)
    data = bytearray(paths.db.read_bytes())
    data[len(data) // 2] ^= 0x10  # a page of answers, far from page 1 and the schema
    paths.db.write_bytes(bytes(data))
    kept = {p.name: sha(p) for p in paths.backups.glob("rpc-*.db")}

    opened = Store.open(home, PASSPHRASE, clock=lambda: LATER)  # no full read on the way in
    problems = opened.full_check()  # what the app runs in a worker after unlock
    assert problems and any("HMAC" in p or "malformed" in p for p in problems)
    with pytest.raises(StoreError, match="full check"):
        opened.backup()
    with pytest.raises(StoreError, match="full check"):
        opened.close()  # the backup on locking is refused too, and the key still dropped
    assert opened.closed
    assert {p.name: sha(p) for p in paths.backups.glob("rpc-*.db")} == kept

    with pytest.raises(StoreCorrupt) as info:  # the next unlock checks every page
        Store.open(home, PASSPHRASE, clock=lambda: LATER + 1)
    assert info.value.backups == [str(good)]
