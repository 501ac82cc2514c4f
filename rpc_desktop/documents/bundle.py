"""The referral bundle: four PDFs and an email draft in a sealed BagIt bag, zipped."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import bagit

from rpc_desktop import __version__
from rpc_desktop.documents.agreement_pdf import AGREEMENT_TITLE, build_agreement
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.email_draft import Sender, build_email
from rpc_desktop.documents.pades import sign_pdf
from rpc_desktop.documents.rsq_pdf import build_rsq, rsq_title
from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, seal_bytes
from rpc_desktop.documents.styles import register_fonts, render
from rpc_desktop.documents.summary_pdf import (
    SUMMARY_TITLE,
    SummaryContext,
    build_summary,
    checklist_rows,
    screening_statement,
)
from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.eligibility import Evaluation, evaluate
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.readiness import readiness_problems
from rpc_desktop.errors import BundleError, NotReadyError
from rpc_desktop.files import PRIVATE_FILE, make_owner_only, make_tree_private

BUNDLE_SUFFIX = ".rpcbundle"
Progress = Callable[[int, str], None]
"""Called with a percentage and what is being done, for a progress bar."""


PDF_KEYS = ("rsq-a", "rsq-b", "agreement", "summary")


def document_names(reference: str) -> dict[str, str]:
    """File names carry the case reference only: never a family name."""
    return {
        "rsq-a": f"{reference}-1-rsq-parent-a.pdf",
        "rsq-b": f"{reference}-2-rsq-parent-b.pdf",
        "agreement": f"{reference}-3-participation-agreement.pdf",
        "summary": f"{reference}-4-referral-summary.pdf",
        "email": f"{reference}-email-to-gateway.eml",
        "checklist": f"{reference}-eligibility.json",
    }


def bundle_name(reference: str, version: int) -> str:
    """The bundle's folder and file name: each version sent for review has its own."""
    return f"{reference}-v{version}"


def content_fingerprint(rsq_a: bytes, rsq_b: bytes, agreement: bytes) -> str:
    """The SHA-256 the summary prints, over the three documents it vouches for."""
    digest = hashlib.sha256()
    for part in (rsq_a, rsq_b, agreement):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Bundle:
    folder: Path
    file: Path
    fingerprint: str
    device_fingerprint: str
    evaluation: Evaluation
    version: int = 1
    pdf_certificate: str = ""
    """The SHA-256 of the certificate that signed the PDFs."""


def build_bundle(
    case: Case,
    packs: Packs,
    out_dir: Path,
    device: Device,
    *,
    fonts_dir: Path,
    version: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Bundle:
    """Build, sign, bag, seal and zip; nothing is left behind in `out_dir` if it fails.

    `version` numbers the bundles of one case sent for review (1, then 2 after a return).
    """
    report = progress or (lambda _pct, _what: None)
    register_fonts(fonts_dir)  # Paragraphs look their fonts up when they are made.
    scheme = packs.scheme(case.scheme_id)
    agreement = packs.agreement_for(scheme)
    rsq, _screening = packs.require_questionnaires()
    evaluation = evaluate(case, scheme, case.referral_date, packs=packs)
    problems = readiness_problems(case, packs, evaluation)
    if problems:
        raise NotReadyError("The bundle cannot be built yet:\n- " + "\n- ".join(problems))

    if version < 1:
        raise BundleError(f"Bundle version {version} is not a version number (1, 2, 3 ...).")
    name = bundle_name(case.reference, version)
    target = out_dir / name
    bundle_file = out_dir / f"{name}{BUNDLE_SUFFIX}"
    for existing in (target, bundle_file):
        if existing.exists():
            raise BundleError(f"{existing} already exists; choose another folder or move it.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # when it is made here
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=out_dir))
    except OSError as exc:
        raise BundleError(f"Cannot write the bundle in {out_dir}: {exc.strerror or exc}.") from exc
    moment = now or datetime.now(UTC)
    names = document_names(case.reference)
    referral = case.referral_date or moment.date()

    def signed(data: bytes, what: str) -> bytes:
        return sign_pdf(data, device.pdf, reason=f"{what}, case {case.reference}", when=moment)

    try:
        docs: dict[str, bytes] = {}
        for pct, key, slot in ((10, "rsq-a", ParentSlot.A), (30, "rsq-b", ParentSlot.B)):
            report(pct, f"RSQ for {slot.label}")
            pdf = render(
                build_rsq(case, slot, rsq, scheme),
                title=rsq_title(slot),
                reference=case.reference,
                fonts_dir=fonts_dir,
            )
            docs[key] = signed(pdf, rsq_title(slot))
        report(50, "Participation Agreement")
        pdf = render(
            build_agreement(case, agreement, scheme),
            title=AGREEMENT_TITLE,
            reference=case.reference,
            fonts_dir=fonts_dir,
        )
        docs["agreement"] = signed(pdf, AGREEMENT_TITLE)
        fingerprint = content_fingerprint(docs["rsq-a"], docs["rsq-b"], docs["agreement"])
        report(65, "Referral summary")
        context = SummaryContext(
            evaluation=evaluation,
            fingerprint=fingerprint,
            device_fingerprint=device.fingerprint,
            app_version=__version__,
            questionnaire_version=rsq.version,
            agreement_version=agreement.version,
        )
        pdf = render(
            build_summary(case, scheme, context),
            title=SUMMARY_TITLE,
            reference=case.reference,
            fonts_dir=fonts_dir,
        )
        docs["summary"] = signed(pdf, SUMMARY_TITLE)
        for key, data in docs.items():
            (staging / names[key]).write_bytes(data)
        report(80, "Email draft")
        attachments = [(names[key], docs[key]) for key in PDF_KEYS]
        draft = build_email(
            case.reference,
            referral,
            Sender.from_referrer(case.referrer),
            scheme,
            attachments,
            now=moment,
        )
        (staging / names["email"]).write_bytes(draft)
        (staging / names["checklist"]).write_bytes(checklist_json(case, scheme.name, evaluation))

        report(88, "Sealing")
        bagit.make_bag(
            str(staging),
            {
                "Source-Organization": case.referrer.organisation or "Not recorded",
                # Who sent it and the area, for the team lead's inbox (not the family).
                "Contact-Name": case.referrer.name or "Not recorded",
                "RPC-Area": case.address.local_authority or "Not recorded",
                "External-Identifier": case.reference,
                "External-Description": f"Reducing Parental Conflict referral to {scheme.name}",
                "RPC-App-Version": __version__,
                "RPC-Scheme": scheme.id,
                "RPC-Scheme-Version": scheme.version,
                "RPC-Bundle-Version": str(version),
                "RPC-Referral-Date": referral.isoformat(),
                "RPC-Questionnaire-Version": rsq.version,
                "RPC-Agreement-Version": agreement.version,
                "RPC-Agreement-Text-SHA256": agreement.sha256,
                "RPC-Bundle-Fingerprint": fingerprint,
                "RPC-Device-Key": device.fingerprint,
                "RPC-PDF-Certificate-SHA256": device.pdf.certificate_sha256,
            },
            checksums=["sha256"],
        )
        seal = device.key.seal((staging / SEALED_FILE).read_bytes())
        (staging / SEAL_FILE).write_bytes(seal_bytes(seal))
        make_tree_private(staging)  # the unpacked bundle holds the family's details
        report(95, "Packing the bundle file")
        _zip_folder(staging, bundle_file, arcroot=name)
        staging.rename(target)
    except OSError as exc:
        _discard(staging, bundle_file)
        raise BundleError(f"Cannot write the bundle in {out_dir}: {exc.strerror or exc}.") from exc
    except BaseException:
        _discard(staging, bundle_file)
        raise
    report(100, "Done")
    return Bundle(
        target,
        bundle_file,
        fingerprint,
        device.fingerprint,
        evaluation,
        version,
        device.pdf.certificate_sha256,
    )


def checklist_json(case: Case, scheme_name: str, evaluation: Evaluation) -> bytes:
    """The eligibility checklist for the team lead's screen: what the summary prints."""
    data = {
        "reference": case.reference,
        "scheme": scheme_name,
        "as_of": evaluation.as_of.isoformat(),
        "outcome": evaluation.outcome.label,
        "criteria": [
            {"criterion": t, "outcome": o, "reason": r} for t, o, r in checklist_rows(evaluation)
        ],
        "screening": screening_statement(evaluation, reviewed=case.oversight is not None),
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _discard(staging: Path, bundle_file: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
    bundle_file.with_name(bundle_file.name + ".partial").unlink(missing_ok=True)
    bundle_file.unlink(missing_ok=True)


def _zip_folder(folder: Path, dest: Path, *, arcroot: str) -> None:
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    make_owner_only(tmp)  # a user-only ACL on Windows (0600 already elsewhere)
    with (
        os.fdopen(fd, "wb") as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf,
    ):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            info = zipfile.ZipInfo(f"{arcroot}/{rel}", date_time=(2000, 1, 1, 0, 0, 0))
            # PDFs are compressed already; deflating them again costs time and saves nothing.
            pdf = path.suffix == ".pdf"
            info.compress_type = zipfile.ZIP_STORED if pdf else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=1)
    tmp.replace(dest)
