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


def verify(context: AppContext, target: Path, trust: Iterable[str] = ()) -> VerifyResult:
    """A bundle (file or folder), or one PDF's signature. Trusted: the fingerprints given,
    IT's trusted practitioner keys, and this device's own keys (from their public files)."""
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
        return verify_pdf(target, certificates)
    trusted = {normalise_fingerprint(t) for t in given}
    trusted |= context.trusted_by_it(AppRole.PRACTITIONER)
    if device is not None and device.fingerprint:
        trusted.add(device.fingerprint)
    return verify_bundle(target, trusted)
