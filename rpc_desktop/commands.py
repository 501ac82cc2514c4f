"""What each headless command does; cli.py only parses arguments."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rpc_desktop import paths
from rpc_desktop.cli import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ELIGIBLE,
    EXIT_OK,
    EXIT_TAMPERED,
    emit,
)
from rpc_desktop.documents.bundle import Bundle, build_bundle
from rpc_desktop.documents.device import Device, load_device
from rpc_desktop.documents.seal import load_or_create_device_key, normalise_fingerprint
from rpc_desktop.domain.calendar import timeline
from rpc_desktop.domain.case import Case, case_json_schema
from rpc_desktop.domain.casefile import answer_problems, read_case
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.packs import Packs
from rpc_desktop.errors import CaseFileError, NotReadyError, VerifyError


def packs() -> Packs:
    """The packs as IT configured them; every set-up problem is a warning on stderr."""
    from rpc_desktop.config import configured_packs, machine_config

    config = machine_config()
    loaded = configured_packs(config, paths.resources_dir())
    for problem in [*config.problems, *loaded.errors]:
        print(f"warning: {problem}", file=sys.stderr)
    return loaded


def device() -> Device:
    """This device's keys; the PDFs are signed with IT's organisation certificate if set."""
    from rpc_desktop.config import machine_config, signing_identity

    return load_device(
        paths.data_home() / "keys", pdf_identity=signing_identity(machine_config().signing)
    )


def load_case_file(path: Path, loaded: Packs) -> Case:
    """A case file checked against the model, its scheme and the questionnaires."""
    case = read_case(path)
    loaded.scheme(case.scheme_id)
    if problems := answer_problems(case, loaded):
        raise CaseFileError(f"{path}: " + "; ".join(problems))
    return case


def check(args: argparse.Namespace) -> int:
    loaded = packs()
    case = load_case_file(args.case, loaded)
    scheme = loaded.scheme(case.scheme_id)
    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise CaseFileError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
    result = evaluate(case, scheme, as_of, packs=loaded)
    emit(
        {
            "reference": case.reference,
            "scheme": scheme.id,
            "as_of": result.as_of.isoformat(),
            "outcome": result.outcome.value,
            "outcome_label": result.outcome.label,
            "bundle_allowed": result.bundle_allowed,
            "oversight_needed": result.oversight_needed,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "status": c.status.value,
                    "reason": c.reason,
                    "field": c.field,
                }
                for c in result.criteria
            ],
            "timeline": [
                {"step": t.step.id, "label": t.step.label, "due": t.due.isoformat()}
                for t in timeline(result.as_of, scheme.timeline)
            ],
            "da_signposting": (
                [s.model_dump() for s in scheme.da_signposting] if result.da_flagged else []
            ),
        }
    )
    return EXIT_OK if result.bundle_allowed else EXIT_NOT_ELIGIBLE


def _build(case: Case, loaded: Packs, out: Path) -> int:
    try:
        built = build_bundle(case, loaded, out, device(), fonts_dir=paths.resources_dir() / "fonts")
    except NotReadyError as exc:
        print(f"rpc-desktop: {exc}", file=sys.stderr)
        return EXIT_NOT_ELIGIBLE
    _report(built)
    return EXIT_OK


def _report(built: Bundle) -> None:
    emit(
        {
            "bundle_file": str(built.file),
            "folder": str(built.folder),
            "documents": sorted(p.name for p in (built.folder / "data").iterdir()),
            "fingerprint": built.fingerprint,
            "device_key": built.device_fingerprint,
            "outcome": built.evaluation.outcome.value,
        }
    )


def bundle(args: argparse.Namespace) -> int:
    loaded = packs()
    return _build(load_case_file(args.case, loaded), loaded, args.out)


def demo(args: argparse.Namespace) -> int:
    loaded = packs()
    return _build(
        load_case_file(paths.resources_dir() / "demo" / "case.json", loaded), loaded, args.out
    )


def verify(args: argparse.Namespace) -> int:
    from rpc_desktop.config import machine_config
    from rpc_desktop.documents.pades import DEVICE_CERT_FILE
    from rpc_desktop.documents.verify import verify_bundle, verify_pdf

    trusted = {normalise_fingerprint(t) for t in args.trust}
    trusted |= machine_config().trusted_for("practitioner")
    key_folder = paths.data_home() / "keys"
    if (key_folder / "device-ed25519.pem").exists():
        trusted.add(load_or_create_device_key(key_folder).fingerprint)
    try:
        if args.bundle.suffix.lower() == ".pdf":
            certificates = set(args.trust)
            if (key_folder / DEVICE_CERT_FILE).exists():
                certificates.add(device().pdf.certificate_sha256)
            result = verify_pdf(args.bundle, certificates)
        else:
            result = verify_bundle(args.bundle, trusted)
    except VerifyError as exc:
        print(f"rpc-desktop verify: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    emit(
        {
            "bundle": str(args.bundle),
            "status": result.status.value,
            "signer": result.signer,
            "problems": result.problems,
            "reference": result.info.get("External-Identifier", ""),
        }
    )
    return EXIT_OK if result.ok else EXIT_TAMPERED


def schema(_args: argparse.Namespace) -> int:
    emit(case_json_schema())
    return EXIT_OK
