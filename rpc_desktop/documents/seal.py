"""The device key that seals bundles (Ed25519), and checking a seal."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rpc_desktop.errors import BundleError

SEAL_FILE = "seal.json"
SEALED_FILE = "tagmanifest-sha256.txt"
KEY_FILE = "device-ed25519.pem"
"""Where earlier builds kept the private key, in the clear; now it is in the store."""
PUBLIC_KEY_FILE = "device-ed25519.pub"
"""The public half, beside the store (OpenSSH form), so `verify` knows this device."""


def fingerprint(public: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key, in groups of four for reading aloud."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def public_key_fingerprint(line: bytes) -> str | None:
    """The fingerprint of a public key in OpenSSH form; None if it is not an Ed25519 key."""
    try:
        public = serialization.load_ssh_public_key(line.strip())
    except (ValueError, UnsupportedAlgorithm):
        return None
    return fingerprint(public) if isinstance(public, Ed25519PublicKey) else None


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any spacing or case) in the form fingerprint() prints."""
    digest = "".join(text.split()).upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


@dataclass(frozen=True)
class DeviceKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> DeviceKey:
        """The key as `private_bytes()` gave it (32 raw bytes)."""
        try:
            return cls(Ed25519PrivateKey.from_private_bytes(raw))
        except ValueError as exc:
            raise BundleError(
                "This device's sealing key, kept in the store, is damaged: restore a backup."
            ) from exc

    def private_bytes(self) -> bytes:
        return self.private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @property
    def public_openssh(self) -> bytes:
        """The public key as one OpenSSH line (`ssh-ed25519 AAAA…`)."""
        return self.public.public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
        )

    @property
    def public_b64(self) -> str:
        raw = self.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode("ascii")

    def seal(self, data: bytes) -> dict[str, str]:
        return {
            "algorithm": "Ed25519",
            "signed_file": SEALED_FILE,
            "public_key": self.public_b64,
            "fingerprint": self.fingerprint,
            "signature": base64.b64encode(self.private.sign(data)).decode("ascii"),
        }


def read_key_file(path: Path) -> DeviceKey:
    """A sealing key an earlier version kept as a PEM file beside the store (moved into the
    store on the next unlock)."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm, OSError) as exc:
        raise BundleError(
            f"The device key {path} cannot be read ({exc}). Move it aside and unlock again to "
            "make a new one; bundles sealed with the old key will then need trusting again."
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(f"{path} does not hold an Ed25519 key.")
    return DeviceKey(key)


def seal_bytes(seal: dict[str, str]) -> bytes:
    """The one serialisation of a seal; verify refuses any other spelling of it."""
    return (json.dumps(seal, sort_keys=True, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class SealCheck:
    valid: bool
    fingerprint: str
    problem: str = ""


def check_seal(seal_json: bytes, signed: bytes) -> SealCheck:
    """Whether the seal's signature covers `signed`; the caller decides whom to trust."""
    try:
        seal = json.loads(seal_json)
        if seal_bytes(seal) != seal_json:
            return SealCheck(False, "", "the seal file has been edited")
        if seal.get("algorithm") != "Ed25519" or seal.get("signed_file") != SEALED_FILE:
            return SealCheck(False, "", "the seal is not an Ed25519 seal of the tag manifest")
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(seal["public_key"]))
        signature = base64.b64decode(seal["signature"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return SealCheck(False, "", "the seal file is unreadable")
    try:
        public.verify(signature, signed)
    except InvalidSignature:
        return SealCheck(False, fingerprint(public), f"the seal does not match {SEALED_FILE}")
    if seal.get("fingerprint") != fingerprint(public):
        return SealCheck(
            False, fingerprint(public), "the seal's fingerprint does not match its key"
        )
    return SealCheck(True, fingerprint(public))
