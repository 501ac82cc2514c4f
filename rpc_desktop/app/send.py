"""Review on the practitioner's device, without Qt: preview the bundle, send the next
version for review (sealed, kept in the store, the case marked ready), and import the team
lead's review note. Both build the bundle from the case as the store holds it.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rpc_desktop.app.review import read_at_most, refuse_own, sha256, write_new
from rpc_desktop.documents.bundle import BUNDLE_SUFFIX, Bundle, Progress, build_bundle, bundle_name
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.review_note import MAX_NOTE_BYTES, ReviewNote, read_note
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.errors import BundleError, StoreError, VerifyError
from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    version: int
    file: Path
    """The sealed bundle file written to the folder the practitioner picked."""
    folder: Path
    """The unpacked bundle in the private data folder (PDFs and email draft)."""
    fingerprint: str


def preview(
    store: Store,
    reference: str,
    packs: Packs,
    device: Device,
    *,
    work_dir: Path,
    fonts_dir: Path,
    progress: Progress | None = None,
) -> Bundle:
    """Build the bundle to look at, from the case as the store holds it; nothing is sent."""
    case = store.load_case(reference)
    built = build_bundle(case, packs, work_dir, device, fonts_dir=fonts_dir, progress=progress)
    log.info("preview built for %s", reference)
    return built


def send_for_review(
    store: Store,
    reference: str,
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

    The bundle is built from the case as the store holds it, in `work_dir` (private to the
    user); only the sealed file goes to the destination (a shared drive, or a folder to
    attach it from).
    """
    case = store.load_case(reference)
    version = store.next_version(case.reference)
    target = destination / f"{bundle_name(case.reference, version)}{BUNDLE_SUFFIX}"
    if target.exists():
        raise BundleError(f"{target} already exists; choose another folder or move it.")
    built = build_bundle(
        case, packs, work_dir, device, fonts_dir=fonts_dir, version=version, progress=progress
    )
    data = built.file.read_bytes()
    write_new(target, data)
    try:
        store.record_sent(case.reference, version, sha256(data), built.fingerprint, data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    log.info("version %d of %s sent for review (%d KB)", version, reference, len(data) // 1024)
    return Sent(version, target, built.folder, built.fingerprint)


@dataclass(frozen=True)
class NoteCheck:
    """A review note read and its seal checked; `trusted` says whether its key is known."""

    note: ReviewNote
    data: bytes
    trusted: bool


def check_review_note(path: Path, trusted: set[str], device: Device) -> NoteCheck:
    """Read a note and check its seal; a note sealed on this device is refused."""
    data = read_at_most(path, MAX_NOTE_BYTES, "a review note")
    note = read_note(data)
    refuse_own(note.signer, device, "The review note")
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
    if version.decision.decided:
        raise StoreError(
            f"Version {note.version} of {note.reference} was {version.decision} already."
        )
    store.record_decision(
        note.reference,
        note.version,
        approved=note.decision is ReviewStatus.APPROVED,
        reviewer=note.reviewer,
        comment=note.comment,
        decided_at=note.decided_at,
        note=check.data,
    )
    if not check.trusted:
        store.trust_key(note.signer, AppRole.TEAM_LEAD, trust_as, "first use")
    log.info("review note imported: %s version %d %s", note.reference, note.version, note.decision)
    return note


def private_work_dir(home: Path) -> Path:
    """A new folder for one build, inside the user's private data folder."""
    folder = home / "bundles"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(prefix=datetime.now(UTC).strftime("%Y%m%dT%H%M%S-"), dir=folder))
