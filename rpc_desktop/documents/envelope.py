"""A sealed bundle encrypted to the people who may open it, in the age format
(age-encryption.org/v1, through pyrage, the Python binding of the Rust `rage`).

Why age and not CMS EnvelopedData: age takes the keys we already have. Each device's
Ed25519 sealing key is an age `ssh-ed25519` recipient, so the team lead a practitioner
trusts (by the fingerprint they compared) is the very key the bundle is encrypted to, with no
second key to exchange or to bind to the first; IT's X25519 recovery key is an age X25519
recipient as it is. CMS in `cryptography` encrypts only to RSA certificates, which no device
here has. age is a small, fixed, audited format (X25519, HKDF-SHA256, ChaCha20-Poly1305) with
one well-kept implementation behind pyrage; nothing of it is written here.

Encryption wraps the sealed bundle file whole: the seal inside still says who made it, and
the SHA-256 that review notes name is the sealed file's, before encryption.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from rpc_desktop.documents.seal import DeviceKey, fingerprint
from rpc_desktop.errors import BundleError, VerifyError

MAGIC = b"age-encryption.org/v1\n"
ENVELOPE_ALLOWANCE = 64 * 1024
"""What encryption adds to a bundle at most: its header (about 150 bytes a recipient) and
16 bytes for each 64 KiB of the bundle."""


class NotForThisDevice(VerifyError):
    """Encrypted, but to none of the keys this device holds."""


@dataclass(frozen=True)
class Recipient:
    """Someone a bundle is encrypted to: an age recipient string and whom it names."""

    text: str
    label: str


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def device_recipient(public_openssh: str, label: str = "") -> Recipient:
    """A device's sealing key (one OpenSSH line) as a recipient."""
    key = _ed25519(public_openssh)
    line = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return Recipient(line.decode("ascii"), label or fingerprint(key))


def recovery_recipient(public: X25519PublicKey, label: str = "IT's recovery key") -> Recipient:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return Recipient(bech32_encode("age", raw), label)


def openssh_fingerprint(public_openssh: str) -> str:
    """The fingerprint of a sealing key given as one OpenSSH line (as people compare it)."""
    return fingerprint(_ed25519(public_openssh))


def encrypt(data: bytes, recipients: Iterable[Recipient]) -> bytes:
    import pyrage

    parsed: list[object] = []
    for recipient in recipients:
        try:
            if recipient.text.startswith("age1"):
                parsed.append(pyrage.x25519.Recipient.from_str(recipient.text))
            else:
                parsed.append(pyrage.ssh.Recipient.from_str(recipient.text))
        except pyrage.RecipientError as exc:
            raise BundleError(
                f"{recipient.label} is not a key a bundle can be encrypted to."
            ) from exc
    if not parsed:
        raise BundleError("A bundle is encrypted to at least one person: none was given.")
    try:
        encrypted: bytes = pyrage.encrypt(data, parsed)
        return encrypted
    except pyrage.EncryptError as exc:
        raise BundleError(f"The bundle could not be encrypted ({exc}).") from exc


def decrypt_for_device(data: bytes, device: DeviceKey) -> bytes:
    """The sealed bundle inside, if this device's key is among its recipients."""
    import pyrage

    private = device.private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    return _decrypt(data, pyrage.ssh.Identity.from_buffer(private))


def decrypt_for_recovery(data: bytes, private: X25519PrivateKey) -> bytes:
    """The sealed bundle inside, with IT's recovery key."""
    import pyrage

    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    secret = bech32_encode("age-secret-key-", raw).upper()
    return _decrypt(data, pyrage.x25519.Identity.from_str(secret))


def _decrypt(data: bytes, identity: object) -> bytes:
    import pyrage

    try:
        plain: bytes = pyrage.decrypt(data, [identity])
        return plain
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise NotForThisDevice(
                "This bundle is encrypted for someone else: this device's key is not among "
                "the people it was sent to."
            ) from exc
        raise VerifyError(f"The encrypted bundle is damaged ({exc}).") from exc


def _ed25519(public_openssh: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_ssh_public_key(public_openssh.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise BundleError("This is not a device key (one `ssh-ed25519 AAAA…` line).") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError("This is not a device key: it must be an ssh-ed25519 key.")
    return key


# --- Bech32 (BIP 173), the text form of age's X25519 keys -----------------------------------

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            check ^= generator if (top >> i) & 1 else 0
    return check


def _expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _to_five_bits(data: bytes) -> list[int]:
    accumulator, bits, out = 0, 0, []
    for byte in data:
        accumulator = (accumulator << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((accumulator >> bits) & 31)
    if bits:
        out.append((accumulator << (5 - bits)) & 31)
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """`data` in Bech32 under the human-readable part `hrp` (lower case, no length limit,
    as age uses it)."""
    values = _to_five_bits(data)
    polymod = _polymod([*_expand(hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[v] for v in values + checksum)
