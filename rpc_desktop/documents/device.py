"""This device's two keys: the Ed25519 key that seals bundles and review notes, and the
certificate that signs each PDF (PAdES) so a PDF reader can show it is unchanged.

The private keys are kept in the encrypted store (as `secrets`: name -> bytes), never in a
file; their public halves are written beside the store so `verify` knows this device without
a passphrase. An organisation-issued certificate (from IT's configuration) replaces the
device's own self-signed one for the PDFs; the seal key is always the device's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rpc_desktop.documents.identity import (
    DEVICE_CERT_FILE,
    DEVICE_KEY_FILE,
    SigningIdentity,
    certificate_sha256,
    certificate_to_pem,
    device_identity_from_bytes,
    new_device_identity,
    private_key_bytes,
    read_certificate_sha256,
    read_device_files,
)
from rpc_desktop.documents.seal import (
    KEY_FILE,
    PUBLIC_KEY_FILE,
    DeviceKey,
    public_key_fingerprint,
    read_key_file,
)
from rpc_desktop.errors import BundleError

SEAL_KEY = "seal-ed25519"
"""The sealing key's 32 raw bytes."""
PDF_KEY = "pdf-ecdsa-p256"
"""The PDF-signing key, PKCS#8 DER."""
PDF_CERTIFICATE = "pdf-certificate"
"""Its self-signed certificate, PEM."""
NAMES = (SEAL_KEY, PDF_KEY, PDF_CERTIFICATE)

OLD_PRIVATE_FILES = {SEAL_KEY: KEY_FILE, PDF_KEY: DEVICE_KEY_FILE}
"""What earlier builds left in the clear beside the store (the certificate, public, stays)."""


@dataclass(frozen=True)
class Device:
    key: DeviceKey
    pdf: SigningIdentity
    own_pdf: SigningIdentity | None = None
    """The device's own PDF identity when IT's certificate signs instead (None otherwise)."""

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint

    def public_files(self) -> dict[str, bytes]:
        """What is written beside the store: public halves only."""
        own = self.own_pdf or self.pdf
        return {
            PUBLIC_KEY_FILE: self.key.public_openssh + b"\n",
            DEVICE_CERT_FILE: certificate_to_pem(own.certificate),
        }


@dataclass(frozen=True)
class DevicePublic:
    """What `verify` trusts as this device, read from the public files beside the store."""

    fingerprint: str | None
    pdf_certificate_sha256: str | None
    public_key: str | None = None
    """The sealing key itself, one OpenSSH line (what colleagues encrypt bundles to)."""


def device_from_secrets(
    kept: Mapping[str, bytes],
    *,
    organisation: str = "",
    pdf_identity: SigningIdentity | None = None,
) -> tuple[Device, dict[str, bytes]]:
    """The device from the secrets the store keeps, and the secrets made now (for the store
    to keep: the first time, or a certificate that went missing). With no secrets at all it
    is a new device; unsaved, a one-off."""
    made: dict[str, bytes] = {}
    if SEAL_KEY in kept:
        key = DeviceKey.from_private_bytes(kept[SEAL_KEY])
    else:
        key = DeviceKey.generate()
        made[SEAL_KEY] = key.private_bytes()
    names = {
        "common_name": f"RPC Referral Desktop device {key.fingerprint[:9]}",
        "organisation": organisation,
    }
    if PDF_KEY in kept:
        own = device_identity_from_bytes(kept[PDF_KEY], kept.get(PDF_CERTIFICATE), **names)
    else:
        own = new_device_identity(**names)
        made[PDF_KEY] = private_key_bytes(own)
    if PDF_CERTIFICATE not in kept:
        made[PDF_CERTIFICATE] = certificate_to_pem(own.certificate)
    if pdf_identity is None:
        return Device(key, own), made
    return Device(key, pdf_identity, own), made


def one_off_device(
    *, organisation: str = "", pdf_identity: SigningIdentity | None = None
) -> Device:
    """Keys made in memory for one headless build and never kept: nobody trusts them unless
    told their fingerprint."""
    return device_from_secrets({}, organisation=organisation, pdf_identity=pdf_identity)[0]


def read_old_files(folder: Path, *, skip: Iterable[str] = ()) -> dict[str, bytes]:
    """The private keys an earlier build kept as plain files in `folder`, as secrets (those
    named in `skip` are not read: the store has them already)."""
    found: dict[str, bytes] = {}
    if SEAL_KEY not in skip and (folder / KEY_FILE).exists():
        found[SEAL_KEY] = read_key_file(folder / KEY_FILE).private_bytes()
    if PDF_KEY not in skip and (pdf := read_device_files(folder)):
        found[PDF_KEY] = pdf[0]
        if pdf[1] is not None and PDF_CERTIFICATE not in skip:
            found[PDF_CERTIFICATE] = pdf[1]
    return found


def remove_old_files(folder: Path, kept: Mapping[str, bytes]) -> list[str]:
    """Remove each plain key file once the store keeps the very same key. A file holding any
    other key, or none readable, is left where it is (never destroyed) and named in the
    list returned."""
    left = []
    for name, file in OLD_PRIVATE_FILES.items():
        path = folder / file
        if not path.exists():
            continue
        try:
            same = read_old_files(folder, skip=set(NAMES) - {name}).get(name) == kept.get(name)
        except BundleError:
            same = False
        if same:
            path.unlink()
        else:
            left.append(file)
    return left


def read_public(folder: Path) -> DevicePublic | None:
    """This device's public identity from the files beside the store (or, before the first
    unlock after an upgrade, from the old key file); None if the device has no keys yet."""
    seal = folder / PUBLIC_KEY_FILE
    fingerprint = line = None
    if seal.exists():
        try:
            line = seal.read_bytes().strip()
        except OSError:
            line = b""
        fingerprint = public_key_fingerprint(line)
    elif (folder / KEY_FILE).exists():
        old = read_key_file(folder / KEY_FILE)
        fingerprint, line = old.fingerprint, old.public_openssh
    certificate = read_certificate_sha256(folder / DEVICE_CERT_FILE)
    if fingerprint is None and certificate is None:
        return None
    text = line.decode("ascii", "replace") if fingerprint and line else None
    return DevicePublic(fingerprint, certificate, text)


__all__ = [
    "NAMES",
    "OLD_PRIVATE_FILES",
    "Device",
    "DevicePublic",
    "certificate_sha256",
    "device_from_secrets",
    "one_off_device",
    "read_old_files",
    "read_public",
    "remove_old_files",
]
