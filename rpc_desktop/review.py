"""Review, end to end and without Qt: the practitioner sends a sealed bundle, the team lead
imports it (verified before anything is shown), approves or returns it with a sealed
review note, and the practitioner imports the note.

The GUI and the tests both drive these functions; every step lands in the audit log.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from rpc_desktop.documents.bundle import BUNDLE_SUFFIX, Progress, build_bundle, bundle_name
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.email_draft import Sender, build_email
from rpc_desktop.documents.review_note import (
    MAX_NOTE_BYTES,
    Decision,
    ReviewNote,
    read_note,
    seal_note,
)
from rpc_desktop.documents.seal import normalise_fingerprint
from rpc_desktop.documents.verify import (
    BundleContents,
    VerifyStatus,
    verify_bytes,
)
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.packs import Packs
from rpc_desktop.errors import BundleError, PackError, StoreError, VerifyError
from rpc_desktop.store.reviews import ReviewSummary
from rpc_desktop.store.store import Store

MAX_BUNDLE_BYTES = 256 * 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PRACTITIONER = "practitioner"
"""Trusted as a practitioner's key: its bundles are imported for review."""
TEAM_LEAD = "team-lead"
"""Trusted as a team lead's key: its review notes are applied."""


def trusted_fingerprints(store: Store, role: str, extra: Iterable[str] = ()) -> set[str]:
    """The keys trusted for one purpose: by this device's user, and by IT (`extra`).

    This device's own key is never among them: nobody reviews their own referral.
    """
    keys = {k.fingerprint for k in store.trusted_keys(role)}
    return keys | {normalise_fingerprint(f) for f in extra}


def _refuse_own(signer: str, device: Device, what: str) -> None:
    if signer == device.fingerprint:
        raise VerifyError(
            f"{what} was sealed on this device. A referral is reviewed on the team lead's "
            "own device, never on the one that made it."
        )


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet; a half-written one never takes its name."""
    if path.exists():
        raise BundleError(f"{path} already exists; choose another folder or move it.")
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            raise BundleError(f"{path} already exists; choose another folder or move it.")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        why = exc.strerror or exc
        raise BundleError(f"Cannot write {path.name} in {path.parent}: {why}.") from exc


# --- practitioner ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    version: int
    file: Path
    """The sealed bundle file written to the folder the practitioner picked."""
    folder: Path
    """The unpacked bundle in the private data folder (PDFs and email draft)."""
    fingerprint: str


def send_for_review(
    store: Store,
    case: Case,
    packs: Packs,
    device: Device,
    destination: Path,
    *,
    work_dir: Path,
    fonts_dir: Path,
    progress: Progress | None = None,
) -> Sent:
    """Build the next version's sealed bundle, write it to `destination`, keep it in the
    store and mark the case ready for review.

    The bundle is built in `work_dir` (private to the user); only the sealed file goes to
    the destination (a shared drive, or a folder to attach it from).
    """
    version = store.next_version(case.reference)
    target = destination / f"{bundle_name(case.reference, version)}{BUNDLE_SUFFIX}"
    if target.exists():
        raise BundleError(f"{target} already exists; choose another folder or move it.")
    built = build_bundle(
        case, packs, work_dir, device, fonts_dir=fonts_dir, version=version, progress=progress
    )
    data = built.file.read_bytes()
    _write_new(target, data)
    try:
        store.record_sent(case.reference, version, sha256(data), built.fingerprint, data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Sent(version, target, built.folder, built.fingerprint)


@dataclass(frozen=True)
class NoteCheck:
    """A review note read and its seal checked; `trusted` says whether its key is known."""

    note: ReviewNote
    data: bytes
    trusted: bool


def check_review_note(path: Path, trusted: set[str], device: Device) -> NoteCheck:
    """Read a note and check its seal; a note sealed on this device is refused."""
    try:
        if path.stat().st_size > MAX_NOTE_BYTES:
            raise VerifyError(f"{path.name} is too large to be a review note.")
        data = path.read_bytes()
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    note = read_note(data)
    _refuse_own(note.signer, device, "The review note")
    return NoteCheck(note, data, note.signer in trusted)


def import_review_note(store: Store, check: NoteCheck, *, trust_as: str = "") -> ReviewNote:
    """Apply a trusted team lead's decision to the version it was made on.

    `trust_as` (a label) trusts the note's key as a team lead's, once the user compared it
    and only if the note is then applied.
    """
    note = check.note
    if not check.trusted and not trust_as:
        raise VerifyError(
            f"The review note was sealed by a key this device does not trust "
            f"({note.signer}); compare it with the team lead's before trusting it."
        )
    sent = {v.version: v for v in store.sent_versions(note.reference)}
    version = sent.get(note.version)
    if version is None:
        raise VerifyError(
            f"The note is about version {note.version} of {note.reference}, which was never "
            "sent from this device."
        )
    if version.file_sha256 != note.bundle_sha256:
        raise VerifyError(
            f"The note is about a different bundle file from version {note.version} as sent "
            "from this device: refused."
        )
    if version.decision:
        raise StoreError(
            f"Version {note.version} of {note.reference} was {version.decision} already."
        )
    store.record_decision(
        note.reference,
        note.version,
        approved=note.decision is Decision.APPROVED,
        reviewer=note.reviewer,
        comment=note.comment,
        decided_at=note.decided_at,
        note=check.data,
    )
    if not check.trusted:
        store.trust_key(note.signer, TEAM_LEAD, trust_as, "first use")
    return note


# --- team lead ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportCheck:
    """A bundle file verified before anything in it is shown."""

    status: VerifyStatus
    problems: list[str]
    signer: str
    info: dict[str, str]
    data: bytes = field(repr=False)
    contents: BundleContents | None = field(default=None, repr=False)
    """The documents exactly as verified (None when the bundle was refused)."""

    @property
    def file_sha256(self) -> str:
        return sha256(self.data)


def check_bundle_file(path: Path, trusted: set[str], device: Device) -> ImportCheck:
    """Read the file once, and verify exactly those bytes: seal, every hash, PDF signatures.

    A bundle sealed on this device is refused: nobody reviews their own referral.
    """
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise VerifyError(f"{path.name} is too large to be a referral bundle.")
        data = path.read_bytes()
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    result = verify_bytes(data, trusted)
    if result.signer and result.status is not VerifyStatus.TAMPERED:
        _refuse_own(result.signer, device, "This bundle")
    return ImportCheck(
        result.status, result.problems, result.signer, result.info, data, result.contents
    )


def import_bundle(store: Store, check: ImportCheck, *, trust_as: str = "") -> int:
    """Keep a verified, trusted bundle for review; returns its review id.

    `trust_as` (a label) trusts the signer as a practitioner's key, once the user compared
    its fingerprint and only if the import then succeeds.
    """
    if check.status is VerifyStatus.TAMPERED or check.contents is None:
        raise VerifyError("The bundle was refused:\n- " + "\n- ".join(check.problems))
    if check.status is VerifyStatus.UNTRUSTED and not trust_as:
        raise VerifyError(
            f"The bundle was sealed by a key this device does not trust ({check.signer})."
        )
    contents = check.contents
    review_id = store.add_review(
        reference=contents.reference,
        version=contents.version,
        file_sha256=check.file_sha256,
        signer=check.signer,
        scheme_id=check.info.get("RPC-Scheme", ""),
        info=check.info,
        data=check.data,
    )
    if check.status is VerifyStatus.UNTRUSTED:
        store.trust_key(check.signer, PRACTITIONER, trust_as, "first use")
    return review_id


def open_review(store: Store, review_id: int, trusted: set[str]) -> BundleContents:
    """The documents of an imported bundle, verified again from the store: what is shown
    (and attached to the email) is exactly what was verified. Its key must still be
    trusted."""
    data = store.review_bundle(review_id)
    signer = store.get_review(review_id).signer
    result = verify_bytes(data, trusted)
    if result.status is VerifyStatus.TAMPERED or result.contents is None:
        problems = "\n- ".join(result.problems)
        raise VerifyError(f"The stored bundle no longer verifies:\n- {problems}")
    if result.status is VerifyStatus.UNTRUSTED:
        raise VerifyError(f"The key that sealed this bundle is no longer trusted ({signer}).")
    return result.contents


@dataclass(frozen=True)
class Reviewer:
    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Decided:
    note_file: Path
    email_file: Path | None = None


def approve(
    store: Store,
    review_id: int,
    device: Device,
    packs: Packs,
    reviewer: Reviewer,
    *,
    comment: str,
    strokes: list[list[list[float]]],
    aspect: float,
    out_dir: Path,
    trusted: set[str],
    now: datetime | None = None,
) -> Decided:
    """Seal an approval note and write the final email draft to the gateway (the address
    is the scheme pack's, or IT's `gateway` setting), from the documents as verified."""
    if not reviewer.name.strip():
        raise BundleError("Enter your name to approve.")
    if not any(strokes):
        raise BundleError("Sign in the box to approve.")
    moment = now or datetime.now(UTC)
    summary = store.get_review(review_id)
    contents = open_review(store, review_id, trusted)
    try:
        scheme = packs.scheme(summary.scheme_id)
    except PackError:
        raise BundleError(
            f"This device has no scheme pack '{summary.scheme_id}', so the email to its "
            "gateway cannot be written. Ask IT to add the pack."
        ) from None
    note = _note(summary, Decision.APPROVED, reviewer, comment, moment, strokes, aspect)
    referral = _referral_date(summary.info, moment)
    draft = build_email(
        summary.reference,
        referral,
        Sender(reviewer.email, reviewer.role, reviewer.organisation, reviewer.phone),
        scheme,
        list(contents.pdfs.items()),
        now=moment,
        note=(
            "This referral was reviewed and approved by the team lead on "
            f"{long_date(moment.date())}."
        ),
    )
    email_file = out_dir / f"{bundle_name(summary.reference, summary.version)}-email-to-gateway.eml"
    return _decide(store, review_id, device, note, out_dir, {email_file: draft})


def return_for_changes(
    store: Store,
    review_id: int,
    device: Device,
    reviewer: Reviewer,
    *,
    comment: str,
    out_dir: Path,
    now: datetime | None = None,
) -> Decided:
    """Seal a return note with the team lead's comments, for the practitioner to import."""
    if not comment.strip():
        raise BundleError("Say what needs changing: the practitioner sees these comments.")
    if not reviewer.name.strip():
        raise BundleError("Enter your name to return the referral.")
    summary = store.get_review(review_id)
    note = _note(summary, Decision.RETURNED, reviewer, comment, now or datetime.now(UTC))
    return _decide(store, review_id, device, note, out_dir, {})


def _note(
    summary: ReviewSummary,
    decision: Decision,
    reviewer: Reviewer,
    comment: str,
    moment: datetime,
    strokes: list[list[list[float]]] | None = None,
    aspect: float = 0.0,
) -> ReviewNote:
    """The decision on exactly the bundle file imported (its SHA-256)."""
    return ReviewNote(
        reference=summary.reference,
        version=summary.version,
        bundle_sha256=summary.file_sha256,
        decision=decision,
        reviewer=reviewer.name.strip(),
        reviewer_role=reviewer.role,
        comment=comment.strip(),
        decided_at=moment,
        signature_strokes=strokes or [],
        signature_aspect=aspect,
    )


def _decide(
    store: Store,
    review_id: int,
    device: Device,
    note: ReviewNote,
    out_dir: Path,
    also: dict[Path, bytes],
) -> Decided:
    """Seal the note, write it (and `also`), record the decision: all of it, or none."""
    sealed = seal_note(note, device.key)
    note_file = out_dir / note.file_name()
    files = {**also, note_file: sealed}
    for path in files:
        if path.exists():
            raise BundleError(f"{path} already exists; choose another folder or move it.")
    written: list[Path] = []
    try:
        for path, data in files.items():
            _write_new(path, data)
            written.append(path)
        store.decide_review(
            review_id,
            approved=note.decision is Decision.APPROVED,
            reviewer=note.reviewer,
            comment=note.comment,
            note=sealed,
        )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return Decided(note_file, next(iter(also), None))


def _referral_date(info: dict[str, str], moment: datetime) -> date:
    try:
        return date.fromisoformat(info.get("RPC-Referral-Date", ""))
    except ValueError:
        return moment.date()


def private_work_dir(home: Path) -> Path:
    """A new folder for one build, inside the user's private data folder."""
    folder = home / "bundles"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(prefix=datetime.now(UTC).strftime("%Y%m%dT%H%M%S-"), dir=folder))
