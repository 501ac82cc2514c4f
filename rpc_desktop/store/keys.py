"""The data key: random, 256-bit, and only ever stored wrapped.

Wrapped under the practitioner's passphrase (Argon2id, then AES-GCM), and, when IT
supplies an organisation recovery public key, a second time to that key (X25519, HKDF,
AES-GCM) so a forgotten passphrase can be recovered by IT. Changing the passphrase
re-wraps the key, or re-keys the database and its backups under a new one (rekey.py), with
the new key held in the key file as `pending` until every file is done.

Every field of the key file is checked before it is used (keycheck.py): a damaged one is a
StoreError saying which, never a traceback.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rpc_desktop.errors import StoreError, WrongPassphrase, WrongRecoveryKey
from rpc_desktop.files import write_atomically
from rpc_desktop.store.keycheck import (
    check_entries,
    check_passphrase_entry,
    check_pending,
    check_recovery_entry,
    damaged,
)

KEYFILE_FORMAT = 1
_AAD = b"rpc-desktop data key v1"


@dataclass(frozen=True)
class KdfParams:
    iterations: int
    memory_kib: int
    lanes: int = 4

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


def calibrate(target_seconds: float = 0.5, memory_kib: int = 64 * 1024) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` on this machine."""

    def timed(iterations: int) -> float:
        start = time.perf_counter()
        KdfParams(iterations, memory_kib).derive("calibration", b"0" * 16)
        return time.perf_counter() - start

    timed(1)  # the first run pays for page faults
    two, four = timed(2), timed(4)
    per_iteration = max((four - two) / 2, 1e-3)
    fixed = max(two - 2 * per_iteration, 0.0)
    iterations = round((target_seconds - fixed) / per_iteration)
    return KdfParams(iterations=max(2, min(50, iterations)), memory_kib=memory_kib)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def wrap_with_passphrase(data_key: bytes, passphrase: str, params: KdfParams) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = params.derive(passphrase, salt)
    return {
        "kind": "passphrase",
        "kdf": {"name": "argon2id", "salt": _b64(salt), **asdict(params)},
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(kek).encrypt(nonce, data_key, _AAD)),
    }


def unwrap_with_passphrase(entry: dict[str, Any], passphrase: str, where: str = "") -> bytes:
    """The data key, or WrongPassphrase; a damaged entry is a StoreError naming the field."""
    iterations, memory_kib, lanes, salt, nonce, ciphertext = check_passphrase_entry(entry, where)
    kek = KdfParams(iterations, memory_kib, lanes).derive(passphrase, salt)
    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, _AAD)
    except InvalidTag:
        raise WrongPassphrase("That passphrase is not right.") from None


def _recovery_kek(shared: bytes, ephemeral: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral, info=_AAD).derive(shared)


def recovery_fingerprint(public: X25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashes.Hash(hashes.SHA256())
    digest.update(raw)
    return digest.finalize().hex()[:32]


def load_recovery_public_key(pem: bytes) -> X25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, X25519PublicKey):
        raise StoreError("The recovery key must be an X25519 public key (PEM).")
    return key


def recovery_public_bytes(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def wrap_for_recovery(data_key: bytes, public: X25519PublicKey) -> dict[str, Any]:
    """Wrapped to IT's key; the public key is kept beside it, so a re-key can wrap again."""
    ephemeral = X25519PrivateKey.generate()
    eph_raw = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    kek = _recovery_kek(ephemeral.exchange(public), eph_raw)
    nonce = os.urandom(12)
    return {
        "kind": "recovery",
        "alg": "x25519-hkdf-sha256-aes256gcm",
        "recipient": recovery_fingerprint(public),
        "public": _b64(recovery_public_bytes(public)),
        "ephemeral": _b64(eph_raw),
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(kek).encrypt(nonce, data_key, _AAD)),
    }


def unwrap_for_recovery(entry: dict[str, Any], private: X25519PrivateKey, where: str = "") -> bytes:
    eph_raw, nonce, ciphertext = check_recovery_entry(entry, where)
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_raw))
        return AESGCM(_recovery_kek(shared, eph_raw)).decrypt(nonce, ciphertext, _AAD)
    except (InvalidTag, ValueError):
        raise WrongRecoveryKey("That recovery key does not open this store.") from None


def recovery_public_key(entry: dict[str, Any], given: X25519PublicKey | None) -> X25519PublicKey:
    """IT's public key for a recovery entry: the one kept beside it, else `given` when its
    fingerprint matches (stores made before the app kept it)."""
    kept = entry.get("public")
    if isinstance(kept, str):
        try:
            public = X25519PublicKey.from_public_bytes(base64.b64decode(kept, validate=True))
        except ValueError:
            public = None
        if public is not None and recovery_fingerprint(public) == entry.get("recipient"):
            return public
    if given is not None and recovery_fingerprint(given) == entry.get("recipient"):
        return given
    raise StoreError(
        "IT's recovery copy of the key can only be made again with IT's recovery public key, "
        "which this store did not keep: give it (--recovery-public-key PUB.pem, or IT's "
        "configuration), or only re-wrap the key (--rewrap-only). Nothing was changed."
    )


@dataclass
class KeyFile:
    """The wrapped copies of the data key, kept beside the database.

    `pending` is a re-key under way (rekey.py): the new key's wrapped copies, and each key
    sealed under the other. `throttled` says the wrong-passphrase count is kept (throttle.py),
    so its files missing means they were removed, not that no passphrase was ever wrong.
    """

    path: Path
    entries: list[dict[str, Any]]
    pending: dict[str, Any] | None = None
    throttled: bool = False

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"{path} is missing: the store cannot be opened without it.") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path} cannot be read ({exc}).") from exc
        if not isinstance(data, dict) or data.get("format") != KEYFILE_FORMAT:
            raise StoreError(f"{path} is not a key file this version understands.")
        check_entries(data.get("wrapped"), str(path))
        pending = data.get("pending")
        if pending is not None:
            check_pending(pending, str(path))
        return cls(path, data["wrapped"], pending, data.get("throttled") is True)

    def write(self) -> None:
        """Atomically: a crash leaves the old file or the new one, never half of either."""
        data: dict[str, Any] = {"format": KEYFILE_FORMAT, "wrapped": self.entries}
        if self.pending is not None:
            data["pending"] = self.pending
        if self.throttled:
            data["throttled"] = True
        write_atomically(self.path, json.dumps(data, indent=2).encode("utf-8"))

    def entry(self, kind: str) -> dict[str, Any] | None:
        return next((e for e in self.entries if e.get("kind") == kind), None)

    def pending_entry(self, kind: str) -> dict[str, Any] | None:
        entries = self.pending["wrapped"] if self.pending else []
        return next((e for e in entries if e.get("kind") == kind), None)

    def passphrase_entry(self) -> dict[str, Any]:
        entry = self.entry("passphrase")
        if entry is None:
            raise damaged(str(self.path), "it holds no passphrase-wrapped key")
        check_passphrase_entry(entry, str(self.path))
        return entry

    def unlock(self, passphrase: str) -> bytes:
        """The data key the committed entry wraps (no wait, no re-key settled: unlock.py
        does both; this is for code that already holds the passphrase's key)."""
        return unwrap_with_passphrase(self.passphrase_entry(), passphrase, str(self.path))

    def rewrap(self, data_key: bytes, passphrase: str, params: KdfParams) -> None:
        self.entries = [e for e in self.entries if e.get("kind") != "passphrase"]
        self.entries.insert(0, wrap_with_passphrase(data_key, passphrase, params))
        self.write()
