"""Re-keying: a new data key for the database and every copy kept of it, crash-safe.

The protocol (docs/store.md, "Changing the passphrase"):

1. **Pending.** A new random data key is made. The key file is rewritten (atomically) with,
   beside the current copies, a `pending` block: the new key wrapped under the new
   passphrase (and to IT's recovery key), and each key sealed under the other (AES-GCM under
   a key derived from it with HKDF), so whoever holds either key can reach both.
2. **Files.** The database (switched to a rollback journal for the purpose: SQLCipher's
   `PRAGMA rekey` rewrites every page in one transaction, and a hot journal after a kill
   puts the old pages back), then each backup and each `replaced-*` copy, one by one, each
   with `PRAGMA rekey` in its own transaction. A file already under the target key is left.
3. **Commit.** The key file is rewritten with the pending copies as the current ones, and
   nothing else: the old key is gone from it.

A kill at any moment leaves a key file with or without `pending`, and every file whole under
the old key or the new one. The next unlock (or restore, or recovery) settles it: the old
passphrase undoes the re-key (every file back under the old key, `pending` dropped), the new
passphrase finishes it. Either way the store opens, with the passphrase that was typed.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rpc_desktop.errors import StoreError
from rpc_desktop.store.backup import list_backups
from rpc_desktop.store.engine import connect_to_check, raw_key_pragma
from rpc_desktop.store.keycheck import check_sealed, damaged
from rpc_desktop.store.keys import (
    KdfParams,
    KeyFile,
    new_data_key,
    recovery_public_key,
    wrap_for_recovery,
    wrap_with_passphrase,
)
from rpc_desktop.store.layout import StorePaths

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
_LINK = b"rpc-desktop re-key link v1"


@dataclass(frozen=True)
class Moved:
    """What a re-key (or settling one) did: files now under the target key, files left."""

    rekeyed: list[Path]
    left: list[Path]


@dataclass(frozen=True)
class Rekeyed:
    """A re-key done: how long it took, the files now under the new key, those left."""

    seconds: float
    moved: Moved


def _link_key(key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=_LINK).derive(key)


def seal(under: bytes, key: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    sealed = AESGCM(_link_key(under)).encrypt(nonce, key, _LINK)
    return {
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ciphertext": base64.b64encode(sealed).decode("ascii"),
    }


def unseal(under: bytes, sealed: Any, where: str) -> bytes:
    nonce, ciphertext = check_sealed(sealed, "pending.link", where)
    try:
        return AESGCM(_link_key(under)).decrypt(nonce, ciphertext, _LINK)
    except InvalidTag:
        raise damaged(where, "the pending change of key does not match its keys") from None


def kept_copies(paths: StorePaths) -> list[Path]:
    """Every copy of the database the store keeps: backups, and databases a restore replaced.
    (A `corrupt-*` one is kept untouched, as found.)"""
    replaced = sorted(paths.folder.glob("replaced-*/rpc.db"))
    return [*reversed(list_backups(paths.backups)), *replaced]


def opens_with(path: Path, key: bytes) -> bool:
    """Whether `key` decrypts the file (page 1 and the schema); a hot journal left by a kill
    is rolled back first, by SQLite. A fault that may pass is raised, not answered."""
    conn = connect_to_check(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.OperationalError:
        raise
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def rekey_file(path: Path, old: bytes, new: bytes, *, wal: bool) -> None:
    """`PRAGMA rekey` in a rollback journal (one transaction: all pages or none), then back
    to WAL for the live database."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(raw_key_pragma(old))
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA synchronous = FULL")
        mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
        if mode != "delete":
            raise StoreError(
                f"{path.name} is in use by another program (it stays in {mode} mode): close "
                "any other copy of the app and try again."
            )
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    if not opens_with(path, new):
        raise StoreError(f"{path.name} did not open with its new key after the change.")


def move_files(
    paths: StorePaths, old: bytes, new: bytes, progress: Progress | None = None
) -> Moved:
    """Every file under `new`: the database first, then each kept copy."""
    rekeyed: list[Path] = []
    left: list[Path] = []
    for path in [paths.db, *kept_copies(paths)]:
        if not path.exists():
            continue
        if progress:
            progress(f"file {path.name}")
        if opens_with(path, old):
            rekey_file(path, old, new, wal=path == paths.db)
            rekeyed.append(path)
        elif not opens_with(path, new):
            log.warning("%s opens with neither key; it was left as it is", path.name)
            left.append(path)
    return Moved(rekeyed, left)


def drop_leftovers(paths: StorePaths) -> None:
    """Copies a crash left half made (a backup, a restore): never used, and under the key
    being retired, so they go before it does."""
    for partial in [*paths.backups.glob("rpc-*.partial"), paths.db.with_suffix(".restoring")]:
        partial.unlink(missing_ok=True)


def begin(
    paths: StorePaths,
    old: bytes,
    passphrase: str,
    kdf: KdfParams,
    recovery: X25519PublicKey | None,
    progress: Progress | None = None,
) -> bytes:
    """Step 1: the new key, pending in the key file. Returns it."""
    keyfile = KeyFile.read(paths.keyfile)
    if keyfile.pending is not None:
        raise StoreError("A change of key is already under way: lock and unlock to finish it.")
    entry = keyfile.entry("recovery")
    public = recovery_public_key(entry, recovery) if entry is not None else None
    new = new_data_key()
    wrapped = [wrap_with_passphrase(new, passphrase, kdf)]
    if public is not None:
        wrapped.append(wrap_for_recovery(new, public))
    keyfile.pending = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "wrapped": wrapped,
        "link": {"old_to_new": seal(old, new), "new_to_old": seal(new, old)},
    }
    keyfile.throttled = True
    drop_leftovers(paths)
    if progress:
        progress("key file: new key pending")
    keyfile.write()
    return new


def commit(paths: StorePaths, progress: Progress | None = None) -> None:
    """Step 3: the new key's copies become the only ones."""
    keyfile = KeyFile.read(paths.keyfile)
    if keyfile.pending is None:
        return
    keyfile.entries = keyfile.pending["wrapped"]
    keyfile.pending = None
    if progress:
        progress("key file: commit")
    keyfile.write()


def settle(paths: StorePaths, keyfile: KeyFile, key: bytes, *, forward: bool) -> bytes:
    """Finish (`forward`: `key` is the new one) or undo (`key` is the old one) a re-key that
    was interrupted. Returns the key the store now opens with."""
    assert keyfile.pending is not None
    link = keyfile.pending["link"]
    where = str(keyfile.path)
    if forward:
        old = unseal(key, link["new_to_old"], where)
        moved = move_files(paths, old, key)
        commit(paths)
        log.info("an interrupted change of key was finished (%d file(s))", len(moved.rekeyed))
        return key
    new = unseal(key, link["old_to_new"], where)
    moved = move_files(paths, new, key)
    undo_pending(paths)
    log.info("an interrupted change of key was undone (%d file(s))", len(moved.rekeyed))
    return key


def undo_pending(paths: StorePaths) -> None:
    keyfile = KeyFile.read(paths.keyfile)
    if keyfile.pending is not None:
        keyfile.pending = None
        keyfile.write()


def undo(paths: StorePaths, old: bytes) -> None:
    """Put every file back under `old` and drop the pending key (a re-key that failed)."""
    keyfile = KeyFile.read(paths.keyfile)
    if keyfile.pending is not None:
        settle(paths, keyfile, old, forward=False)


class Interrupted(StoreError):
    """A re-key failed and could not be undone at once: the next unlock settles it."""


def rekey_store(
    paths: StorePaths,
    old: bytes,
    passphrase: str,
    kdf: KdfParams,
    recovery: X25519PublicKey | None = None,
    progress: Progress | None = None,
) -> tuple[bytes, Moved]:
    """The whole re-key, the store's engine closed. A failure (another program holding the
    database, a full disk) is undone: every file back under the old key."""
    new = begin(paths, old, passphrase, kdf, recovery, progress)
    try:
        moved = move_files(paths, old, new, progress)
        commit(paths, progress)
    except Exception as exc:
        try:
            undo(paths, old)
        except Exception as second:
            raise Interrupted(
                f"The change of passphrase was interrupted ({exc}) and could not be undone "
                f"just now ({second}). Unlock again with the old or the new passphrase: the "
                "old one undoes the change, the new one finishes it."
            ) from exc
        raise StoreError(
            f"The passphrase was not changed ({exc}); the store still opens with the old one."
        ) from exc
    return new, moved
