"""This device's two keys: the Ed25519 key that seals bundles and review notes, and the
certificate that signs each PDF (PAdES) so a PDF reader can show it is unchanged.

An organisation-issued certificate (from IT's configuration) replaces the device's own
self-signed one for the PDFs; the seal key is always the device's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rpc_desktop.documents.identity import SigningIdentity, load_or_create_device_identity
from rpc_desktop.documents.seal import DeviceKey, load_or_create_device_key


@dataclass(frozen=True)
class Device:
    key: DeviceKey
    pdf: SigningIdentity

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint


def load_device(
    folder: Path, *, organisation: str = "", pdf_identity: SigningIdentity | None = None
) -> Device:
    """The device's keys from `folder` (made on first use)."""
    key = load_or_create_device_key(folder)
    if pdf_identity is None:
        pdf_identity = load_or_create_device_identity(
            folder,
            common_name=f"RPC Referral Desktop device {key.fingerprint[:9]}",
            organisation=organisation,
        )
    return Device(key, pdf_identity)
