"""Every field of the key file, checked before it is used.

A damaged or hand-edited `keyfile.json` (a wrong type, a missing KDF, bad base64, zero
iterations, a nonce of the wrong length, a memory cost that would exhaust the machine) is a
StoreError naming the field and what to do, never a Python traceback. Nothing here reads a
file or touches a key: it only judges what keys.py parsed.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from rpc_desktop.errors import StoreError

MAX_ITERATIONS = 100
"""Argon2id passes; calibration gives at most 50."""
MAX_MEMORY_KIB = 1024 * 1024
"""1 GiB; the app uses 64 MiB. More would exhaust the machine before any answer."""
MAX_LANES = 16
SALT_BYTES = (8, 64)
NONCE_BYTES = 12
WRAPPED_KEY_BYTES = 32 + 16
"""A 256-bit key and its AES-GCM tag."""
RECOVERY_ALG = "x25519-hkdf-sha256-aes256gcm"


def damaged(where: str, what: str) -> StoreError:
    return StoreError(
        f"The key file {where or 'keyfile.json'} is damaged: {what}. The store cannot be "
        "unlocked with it: put back a copy of keyfile.json if you have one, or ask IT to "
        "recover the store with the recovery key."
    )


def _whole(entry: dict[str, Any], field: str, low: int, high: int, where: str) -> int:
    value = entry.get(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise damaged(where, f"{field} must be a whole number (it is {value!r:.40})")
    if not low <= value <= high:
        raise damaged(where, f"{field} must be from {low} to {high} (it is {str(value)[:40]})")
    return value


def _bytes(entry: dict[str, Any], field: str, sizes: tuple[int, int], where: str) -> bytes:
    value = entry.get(field)
    if not isinstance(value, str):
        raise damaged(where, f"{field} is missing or not text")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise damaged(where, f"{field} is not valid base64") from None
    low, high = sizes
    if not low <= len(raw) <= high:
        size = f"{low}" if low == high else f"{low} to {high}"
        raise damaged(where, f"{field} must be {size} bytes (it is {len(raw)})")
    return raw


def _object(value: Any, what: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise damaged(where, f"{what} is missing or not an object")
    return value


def check_entries(value: Any, where: str) -> list[dict[str, Any]]:
    """The list of wrapped copies: objects, each with a kind."""
    if not isinstance(value, list) or not value:
        raise damaged(where, "'wrapped' is missing, empty or not a list")
    for n, entry in enumerate(value):
        entry = _object(entry, f"wrapped copy {n + 1}", where)
        if not isinstance(entry.get("kind"), str):
            raise damaged(where, f"wrapped copy {n + 1} has no kind")
    return value


def check_passphrase_entry(
    entry: dict[str, Any], where: str
) -> tuple[int, int, int, bytes, bytes, bytes]:
    """(iterations, memory_kib, lanes, salt, nonce, ciphertext), every one checked."""
    kdf = _object(entry.get("kdf"), "the passphrase copy's 'kdf'", where)
    if kdf.get("name") != "argon2id":
        raise damaged(where, f"kdf.name must be 'argon2id' (it is {kdf.get('name')!r:.40})")
    iterations = _whole(kdf, "iterations", 1, MAX_ITERATIONS, where)
    lanes = _whole(kdf, "lanes", 1, MAX_LANES, where)
    memory_kib = _whole(kdf, "memory_kib", 8 * lanes, MAX_MEMORY_KIB, where)
    salt = _bytes(kdf, "salt", SALT_BYTES, where)
    nonce = _bytes(entry, "nonce", (NONCE_BYTES, NONCE_BYTES), where)
    ciphertext = _bytes(entry, "ciphertext", (WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES), where)
    return iterations, memory_kib, lanes, salt, nonce, ciphertext


def check_recovery_entry(entry: dict[str, Any], where: str) -> tuple[bytes, bytes, bytes]:
    """(ephemeral public key, nonce, ciphertext) of IT's recovery copy."""
    if entry.get("alg") != RECOVERY_ALG:
        raise damaged(where, f"the recovery copy's alg must be '{RECOVERY_ALG}'")
    ephemeral = _bytes(entry, "ephemeral", (32, 32), where)
    nonce = _bytes(entry, "nonce", (NONCE_BYTES, NONCE_BYTES), where)
    ciphertext = _bytes(entry, "ciphertext", (WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES), where)
    return ephemeral, nonce, ciphertext


def check_sealed(value: Any, what: str, where: str) -> tuple[bytes, bytes]:
    """(nonce, ciphertext) of one key sealed under another (a re-key's link)."""
    sealed = _object(value, what, where)
    nonce = _bytes(sealed, "nonce", (NONCE_BYTES, NONCE_BYTES), where)
    ciphertext = _bytes(sealed, "ciphertext", (WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES), where)
    return nonce, ciphertext


def check_pending(value: Any, where: str) -> dict[str, Any]:
    """A re-key under way: the new key's copies, and each key sealed under the other."""
    pending = _object(value, "'pending'", where)
    check_entries(pending.get("wrapped"), where)
    link = _object(pending.get("link"), "pending.link", where)
    for direction in ("old_to_new", "new_to_old"):
        check_sealed(link.get(direction), f"pending.link.{direction}", where)
    return pending
