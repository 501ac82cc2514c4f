"""This device's keys, from its open store: made there on first use, moved in from the plain
files an earlier build left beside the store (which are then removed), and their public
halves written beside the store for `verify`. In IT's "device-certificates" signing mode the
PDF key signs under the certificate the organisation's CA issued for it, once imported
(app/certificates.py).

The order makes a kill harmless at any step: the keys are committed to the store first, an
old file is removed only once the store holds the very same key, and the public files are
rewritten from the store on every unlock.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from rpc_desktop.documents.device import Device, device_from_secrets, read_old_files
from rpc_desktop.documents.device import remove_old_files as remove_old_key_files
from rpc_desktop.files import write_atomically

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)


def load_device(context: AppContext, store: Store) -> Device:
    """The device's keys as its store keeps them (made, or moved in, the first time)."""
    folder = context.keys_folder
    kept = store.device_keys()
    old = read_old_files(folder, skip=kept)
    device, made = device_from_secrets(
        {**old, **kept},
        organisation=context.settings.profile.organisation,
        pdf_identity=context.organisation_certificate(),
    )
    if new := {**old, **made}:
        store.keep_device_keys(new, moved_in=bool(old))
        log.info("device keys %s the store: %s", "moved into" if old else "made in", sorted(new))
    for file in remove_old_key_files(folder, {**kept, **new}):
        log.warning("%s holds a key that is not this device's: left in place", file)
    device = _certified(context, device)
    _write_public_files(context, device)
    return device


def _certified(context: AppContext, device: Device) -> Device:
    """The device signing under the certificate IT's CA issued for its own key, when there
    is one that passes its checks (never instead of IT's organisation key)."""
    if device.own_pdf is not None:
        return device
    from rpc_desktop.app.certificates import issued_pdf_identity

    issued = issued_pdf_identity(context, device.pdf)
    return device if issued is None else replace(device, pdf=issued)


def _write_public_files(context: AppContext, device: Device) -> None:
    folder = context.keys_folder
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, data in device.public_files().items():
        path = folder / name
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomically(path, data, 0o644)
