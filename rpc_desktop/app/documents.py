"""Documents without a store: a case file checked, its bundle built, a bundle or a PDF
verified (the headless commands and the self-test)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.app import paths
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.casefile import answer_problems, read_case
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import BundleError, CaseFileError

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.workspace import Workspace
    from rpc_desktop.documents.bundle import Bundle
    from rpc_desktop.documents.verify import VerifyResult

log = logging.getLogger(__name__)


def load_case_file(path: Path, packs: Packs) -> Case:
    """A case file checked against the model, its scheme and the questionnaires."""
    case = read_case(path)
    packs.scheme(case.scheme_id)
    if problems := answer_problems(case, packs):
        raise CaseFileError(f"{path}: " + "; ".join(problems))
    return case


def demo_case(context: AppContext) -> Case:
    """The demo family (invented people), checked like any case file."""
    return load_case_file(paths.demo_case_file(), context.packs)


def build(context: AppContext, case: Case, out: Path, workspace: Workspace | None = None) -> Bundle:
    """The case's four PDFs, email draft and sealed bundle file, in `out`: sealed as this
    device when its store is unlocked (`workspace`), else by a one-off key."""
    from rpc_desktop.documents.bundle import build_bundle

    device = workspace.device if workspace is not None else context.one_off_device()
    if context.signing_problem:
        # A headless build never falls back silently from IT's certificate to the device's.
        raise BundleError(context.signing_problem)
    built = build_bundle(case, context.packs, out, device, fonts_dir=context.fonts_dir)
    log.info("bundle built for %s", case.reference)
    return built


def verify(
    context: AppContext,
    target: Path,
    trust: Iterable[str] = (),
    workspace: Workspace | None = None,
) -> VerifyResult:
    """A bundle (file or folder), or one PDF's signature. Trusted: the fingerprints given,
    IT's trusted practitioner keys, this device's own keys (from their public files), and
    with the store unlocked (`workspace`) the keys its user trusts; an encrypted bundle is
    opened with this device's key, which needs the store."""
    from rpc_desktop.app.signing import organisation_ca
    from rpc_desktop.documents.seal import normalise_fingerprint
    from rpc_desktop.documents.verify import verify_bundle, verify_pdf

    given = list(trust)
    device = context.device_public()
    if target.suffix.lower() == ".pdf":
        certificates = set(given)
        if device is not None and device.pdf_certificate_sha256:
            certificates.add(device.pdf_certificate_sha256)
        if (organisation := context.organisation_certificate()) is not None:
            certificates.add(organisation.certificate_sha256)
        # A device certificate the organisation's CA issued (device-certificates mode).
        return verify_pdf(target, certificates, organisation_ca(context.config.signing))
    trusted = {normalise_fingerprint(t) for t in given}
    trusted |= context.trusted_by_it(AppRole.PRACTITIONER)
    if device is not None and device.fingerprint:
        trusted.add(device.fingerprint)
    if workspace is None:
        return verify_bundle(target, trusted)
    from rpc_desktop.documents.envelope import decrypt_for_device

    trusted |= workspace.trusted(AppRole.PRACTITIONER)
    key = workspace.device.key
    return verify_bundle(target, trusted, lambda data: decrypt_for_device(data, key))


def encryption_round_trip(sealed: bytes) -> int:
    """The self-test's check of the bundle as it travels: encrypted to a team lead's key,
    opened with it, refused to another. Returns the encrypted size; BundleError if not."""
    from rpc_desktop.documents.device import one_off_device
    from rpc_desktop.documents.envelope import (
        NotForThisDevice,
        decrypt_for_device,
        device_recipient,
        encrypt,
    )

    lead, stranger = one_off_device(), one_off_device()
    encrypted = encrypt(sealed, [device_recipient(lead.key.public_openssh.decode())])
    if decrypt_for_device(encrypted, lead.key) != sealed:
        raise BundleError("the bundle did not decrypt to what was encrypted")
    try:
        decrypt_for_device(encrypted, stranger.key)
    except NotForThisDevice:
        return len(encrypted)
    raise BundleError("a bundle opened with a key it was not encrypted to")


def decrypt_with_recovery_key(bundle: Path, private_pem: bytes, out: Path) -> Path:
    """IT's way into a bundle whose team lead cannot open it: decrypted with the recovery
    private key into `out` (a new file, the user's only), to verify and read."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from rpc_desktop.app.review import read_at_most
    from rpc_desktop.documents.envelope import (
        ENVELOPE_ALLOWANCE,
        decrypt_for_recovery,
        is_encrypted,
    )
    from rpc_desktop.documents.zipcheck import MAX_BUNDLE_FILE
    from rpc_desktop.errors import VerifyError
    from rpc_desktop.files import write_new_private

    try:
        private = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise VerifyError(f"The recovery private key cannot be read ({exc}).") from exc
    if not isinstance(private, X25519PrivateKey):
        raise VerifyError("The recovery private key must be an X25519 key (PEM).")
    data = read_at_most(bundle, MAX_BUNDLE_FILE + ENVELOPE_ALLOWANCE, "a referral bundle")
    if not is_encrypted(data):
        raise VerifyError(f"{bundle.name} is not encrypted: verify it as it is.")
    sealed = decrypt_for_recovery(data, private)
    if out.exists():
        raise VerifyError(f"{out} already exists; nothing was written.")
    write_new_private(out, sealed)
    log.info("bundle decrypted with the recovery key")
    return out
