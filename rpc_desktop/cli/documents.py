"""The document commands: demo, check, bundle, verify, schema (entry.py parses arguments)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.app import documents
from rpc_desktop.app.context import AppContext
from rpc_desktop.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ELIGIBLE,
    EXIT_OK,
    EXIT_TAMPERED,
    emit,
    warn_setup,
)
from rpc_desktop.domain.calendar import clock_start, timeline
from rpc_desktop.domain.case import Case, case_json_schema
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.errors import CaseFileError, NotReadyError, StoreError, VerifyError

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace


def check(context: AppContext, args: argparse.Namespace) -> int:
    warn_setup(context)
    case = documents.load_case_file(args.case, context.packs)
    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise CaseFileError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
    scheme = context.packs.scheme(case.scheme_id)
    result = evaluate(case, scheme, as_of, packs=context.packs)
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
            "clock_starts": clock_start(result.as_of).isoformat(),
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


def _build(context: AppContext, case: Case, args: argparse.Namespace) -> int:
    if args.device:
        from rpc_desktop.cli.store import opened

        if not context.store_exists():
            raise StoreError(
                f"--device: there is no store in {context.home} yet, so this device has no "
                "keys. Run the app (or `rpc-desktop init`) first, or build without --device."
            )

        with opened(context, args) as workspace:
            return _built(context, case, args.out, workspace)
    return _built(context, case, args.out, None)


def _built(context: AppContext, case: Case, out: Path, workspace: Workspace | None) -> int:
    one_off = workspace is None
    try:
        built = documents.build(context, case, out, workspace)
    except NotReadyError as exc:
        print(f"rpc-desktop: {exc}", file=sys.stderr)
        return EXIT_NOT_ELIGIBLE
    emit(
        {
            "bundle_file": str(built.file),
            "folder": str(built.folder),
            "documents": sorted(p.name for p in (built.folder / "data").iterdir()),
            "fingerprint": built.fingerprint,
            "device_key": built.device_fingerprint,
            "sealed_by": "a one-off key" if one_off else "this device",
            "pdf_certificate": built.pdf_certificate,
            "outcome": built.evaluation.outcome.value,
        }
    )
    if one_off:
        print(
            "rpc-desktop: sealed with a one-off key that nothing trusts: check it with "
            f"`verify --trust '{built.device_fingerprint}'`, or build with --device to seal "
            "as this device.",
            file=sys.stderr,
        )
    return EXIT_OK


def bundle(context: AppContext, args: argparse.Namespace) -> int:
    warn_setup(context)
    return _build(context, documents.load_case_file(args.case, context.packs), args)


def demo(context: AppContext, args: argparse.Namespace) -> int:
    warn_setup(context)
    return _build(context, documents.demo_case(context), args)


def verify(context: AppContext, args: argparse.Namespace) -> int:
    try:
        if args.device:
            from rpc_desktop.cli.store import opened

            with opened(context, args) as workspace:
                result = documents.verify(context, args.bundle, args.trust, workspace)
        else:
            result = documents.verify(context, args.bundle, args.trust)
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


def decrypt(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.review import read_at_most

    private = read_at_most(args.recovery_private_key, 64 * 1024, "a private key file")
    out = documents.decrypt_with_recovery_key(args.bundle, private, args.out)
    emit({"bundle": str(args.bundle), "decrypted": str(out)})
    return EXIT_OK


def key(context: AppContext, _args: argparse.Namespace) -> int:
    public = context.device_public()
    if public is None or public.public_key is None:
        print(
            "rpc-desktop key: this device has no keys yet: they are made at the app's first "
            "run (or rpc-desktop init, then any command with --device).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    emit({"fingerprint": public.fingerprint, "public_key": public.public_key})
    return EXIT_OK


def schema(_context: AppContext | None, _args: argparse.Namespace) -> int:
    emit(case_json_schema())
    return EXIT_OK
