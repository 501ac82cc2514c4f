"""Getting the data key: every path that tries a passphrase or IT's recovery key goes through
the one throttle (throttle.py), and settles a re-key a kill interrupted (rekey.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.errors import NoStore, StoreError, WrongPassphrase, WrongRecoveryKey
from rpc_desktop.store import rekey, throttle
from rpc_desktop.store.keycheck import check_passphrase_entry, check_recovery_entry
from rpc_desktop.store.keys import (
    KeyFile,
    unwrap_for_recovery,
    unwrap_with_passphrase,
)
from rpc_desktop.store.layout import StorePaths

log = logging.getLogger(__name__)

Clock = Callable[[], float]


def _keyfile(home: Path) -> tuple[StorePaths, KeyFile]:
    paths = StorePaths(home)
    if not paths.exists():
        raise NoStore(f"There is no store in {paths.folder} yet.")
    return paths, KeyFile.read(paths.keyfile)


def _settled(paths: StorePaths, keyfile: KeyFile, key: bytes, forward: bool) -> bytes:
    if keyfile.pending is not None:
        try:
            return rekey.settle(paths, keyfile, key, forward=forward)
        except (sqlcipher3.Error, OSError) as exc:
            raise StoreError(
                f"A change of passphrase was interrupted, and it could not be "
                f"{'finished' if forward else 'undone'} just now ({exc}). Nothing was lost: "
                "close any other copy of the app and unlock again."
            ) from exc
    if not keyfile.throttled:  # a store made before the count was kept in two places
        keyfile.throttled = True
        try:
            keyfile.write()
        except OSError as exc:
            log.warning("the key file could not be marked (%s)", type(exc).__name__)
    return key


def key_from_passphrase(home: Path, passphrase: str, *, clock: Clock = time.time) -> bytes:
    """The data key for the passphrase, after the wait that wrong ones earned. With a re-key
    interrupted, the old passphrase undoes it and the new one finishes it."""
    paths, keyfile = _keyfile(home)
    where = str(paths.keyfile)
    current = keyfile.passphrase_entry()
    pending = keyfile.pending_entry("passphrase")
    if pending is not None:
        check_passphrase_entry(pending, where)

    def attempt() -> tuple[bytes, bool]:
        try:
            return unwrap_with_passphrase(current, passphrase, where), False
        except WrongPassphrase:
            if pending is None:
                raise
            return unwrap_with_passphrase(pending, passphrase, where), True

    key, forward = throttle.attempt(paths, clock, attempt, kept=keyfile.throttled)
    return _settled(paths, keyfile, key, forward)


def key_from_recovery(home: Path, private: X25519PrivateKey, *, clock: Clock = time.time) -> bytes:
    """The data key from IT's recovery private key, under the same throttle."""
    paths, keyfile = _keyfile(home)
    where = str(paths.keyfile)
    current = keyfile.entry("recovery")
    if current is None:
        raise StoreError("This store was created without a recovery key.")
    check_recovery_entry(current, where)
    pending: dict[str, Any] | None = keyfile.pending_entry("recovery")
    if pending is not None:
        check_recovery_entry(pending, where)

    def attempt() -> tuple[bytes, bool]:
        try:
            return unwrap_for_recovery(current, private, where), False
        except WrongRecoveryKey:
            if pending is None:
                raise
            return unwrap_for_recovery(pending, private, where), True

    key, forward = throttle.attempt(paths, clock, attempt, kept=keyfile.throttled)
    return _settled(paths, keyfile, key, forward)
