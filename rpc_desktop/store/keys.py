"""The data key: random, 256-bit, and only ever stored wrapped.

Wrapped under the practitioner's passphrase (Argon2id, then AES-GCM), and, when IT
supplies an organisation recovery public key, a second time to that key (X25519, HKDF,
AES-GCM) so a forgotten passphrase can be recovered by IT. Changing the passphrase
re-wraps the key, never the database.
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

from rpc_desktop.errors import StoreError, WrongPassphrase
from rpc_desktop.files import write_atomically

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


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


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


def unwrap_with_passphrase(entry: dict[str, Any], passphrase: str) -> bytes:
    kdf = entry["kdf"]
    params = KdfParams(kdf["iterations"], kdf["memory_kib"], kdf["lanes"])
    kek = params.derive(passphrase, _unb64(kdf["salt"]))
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["ciphertext"]), _AAD)
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


def wrap_for_recovery(data_key: bytes, public: X25519PublicKey) -> dict[str, Any]:
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
        "ephemeral": _b64(eph_raw),
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(kek).encrypt(nonce, data_key, _AAD)),
    }


def unwrap_for_recovery(entry: dict[str, Any], private: X25519PrivateKey) -> bytes:
    eph_raw = _unb64(entry["ephemeral"])
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    try:
        return AESGCM(_recovery_kek(shared, eph_raw)).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["ciphertext"]), _AAD
        )
    except InvalidTag:
        raise StoreError("That recovery key does not open this store.") from None


@dataclass
class KeyFile:
    """The wrapped copies of the data key, kept beside the database."""

    path: Path
    entries: list[dict[str, Any]]

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"{path} is missing: the store cannot be opened without it.") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path} cannot be read ({exc}).") from exc
        if data.get("format") != KEYFILE_FORMAT or not isinstance(data.get("wrapped"), list):
            raise StoreError(f"{path} is not a key file this version understands.")
        return cls(path, data["wrapped"])

    def write(self) -> None:
        """Atomically: a crash leaves the old file or the new one, never half of either."""
        payload = json.dumps({"format": KEYFILE_FORMAT, "wrapped": self.entries}, indent=2)
        write_atomically(self.path, payload.encode("utf-8"))

    def entry(self, kind: str) -> dict[str, Any] | None:
        return next((e for e in self.entries if e.get("kind") == kind), None)

    def unlock(self, passphrase: str) -> bytes:
        entry = self.entry("passphrase")
        if entry is None:
            raise StoreError(f"{self.path} holds no passphrase-wrapped key.")
        return unwrap_with_passphrase(entry, passphrase)

    def rewrap(self, data_key: bytes, passphrase: str, params: KdfParams) -> None:
        self.entries = [e for e in self.entries if e.get("kind") != "passphrase"]
        self.entries.insert(0, wrap_with_passphrase(data_key, passphrase, params))
        self.write()
