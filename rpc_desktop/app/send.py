"""Review on the practitioner's device, without Qt: preview the bundle, send the next
version for review (sealed, kept in the store, the case marked ready), and import the team
lead's review note. Both build the bundle from the case as the store holds it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rpc_desktop.app.paths import make_private
from rpc_desktop.app.review import read_at_most, refuse_own, sha256
from rpc_desktop.documents.bundle import (
    BUNDLE_SUFFIX,
    PDF_KEYS,
    Progress,
    build_bundle,
    bundle_name,
    document_names,
)
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.envelope import Recipient, encrypt
from rpc_desktop.documents.review_note import MAX_NOTE_BYTES, ReviewNote, read_note
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.errors import BundleError, NoRecipients, StoreError, VerifyError
from rpc_desktop.files import remove_tree, write_new_private
from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)


BUILD_SPACE = "tmp"
"""The private folder, inside the data folder, where a bundle is built; emptied as soon as
each build is read into memory, and at the next start if the app died during one."""
OLD_BUNDLES = "bundles"
"""Where earlier versions left previews and copies of sent bundles (removed at unlock)."""


@dataclass(frozen=True)
class Preview:
    """A bundle built to look at, held in memory only; nothing is sent or kept."""

    reference: str
    pdfs: dict[str, bytes]
    """The four PDFs, in bundle order, by file name."""
    email: bytes
    """The .eml draft to the gateway."""
    bundle: bytes = field(repr=False)
    """The sealed bundle file as it would be sent."""
    fingerprint: str


@dataclass(frozen=True)
class Sent:
    version: int
    file: Path
    """The sealed bundle file written (0600) to the folder the practitioner picked."""
    fingerprint: str
    encrypted_to: tuple[str, ...] = ()
    """Whom the file was encrypted to, in words; empty when the user chose to send it
    unencrypted."""


@dataclass(frozen=True)
class Recipients:
    """Whom a bundle for review is encrypted to: the team leads whose keys this device holds
    in full, and IT's recovery key when one is configured."""

    team_leads: tuple[Recipient, ...]
    recovery: Recipient | None = None
    known_by_fingerprint_only: tuple[str, ...] = ()
    """Team leads trusted by fingerprint alone: their notes are accepted, but a bundle
    cannot be encrypted to them until their key file is added."""

    def all(self) -> list[Recipient]:
        return [*self.team_leads, *([self.recovery] if self.recovery else [])]

    def refusal(self, what: str = "The bundle", *, may_go_unencrypted: bool = True) -> str:
        """Why `what` cannot be encrypted, and what to do (sending it unencrypted is offered
        for a bundle; figures have no such choice)."""
        partly = (
            " This device trusts "
            + ", ".join(self.known_by_fingerprint_only)
            + " by fingerprint only, which is enough to accept their review notes but not to "
            "encrypt to them."
            if self.known_by_fingerprint_only
            else ""
        )
        return (
            f"{what} cannot be encrypted: this device holds no team lead's key."
            + partly
            + " Ask your team lead for their key file (Device key… on their laptop, then "
            "Save this device's key file) and add it here with Device key… then Add a team "
            "lead's key…, or ask IT to put it in the configuration."
            + (
                " Sending it unencrypted is possible only as your explicit choice, and is recorded."
                if may_go_unencrypted
                else ""
            )
        )


@contextmanager
def build_space(home: Path) -> Iterator[Path]:
    """A new private folder to build one bundle in, removed whatever happens."""
    root = home / BUILD_SPACE
    make_private(root)
    folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    try:
        yield folder
    finally:
        remove_tree(folder)


def remove_leftovers(home: Path, reference: str = "") -> list[Path]:
    """Build folders a process that died left behind, and the previews and bundle copies
    earlier versions kept in the data folder: family data outside the store. With a
    reference, only what names that case (erase) — unless the app died, nothing does."""
    gone: list[Path] = []
    for folder in sorted((home / BUILD_SPACE).glob("*")):
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            remove_tree(folder)
            gone.append(folder)
    old = home / OLD_BUNDLES
    if old.is_dir():
        for folder in sorted(old.iterdir()):
            if reference and not any(p.name.startswith(reference) for p in folder.rglob("*")):
                continue
            if folder.is_dir():
                remove_tree(folder)
            else:
                folder.unlink(missing_ok=True)
            gone.append(folder)
        if not any(old.iterdir()):
            old.rmdir()
    if gone:
        log.info("removed %d folder(s) of built bundles left outside the store", len(gone))
    return gone


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # not known: left for the process that made it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def preview(
    store: Store,
    reference: str,
    packs: Packs,
    device: Device,
    *,
    home: Path,
    fonts_dir: Path,
    progress: Progress | None = None,
) -> Preview:
    """Build the bundle to look at, from the case as the store holds it; nothing is sent,
    and nothing of it stays on disk."""
    case = store.load_case(reference)
    with build_space(home) as space:
        built = build_bundle(case, packs, space, device, fonts_dir=fonts_dir, progress=progress)
        names = document_names(reference)
        data = built.folder / "data"
        shown = Preview(
            reference=reference,
            pdfs={names[key]: (data / names[key]).read_bytes() for key in PDF_KEYS},
            email=(data / names["email"]).read_bytes(),
            bundle=built.file.read_bytes(),
            fingerprint=built.fingerprint,
        )
    log.info("preview built for %s", reference)
    return shown


def send_for_review(
    store: Store,
    reference: str,
    packs: Packs,
    device: Device,
    destination: Path,
    *,
    recipients: Recipients,
    unencrypted: bool = False,
    home: Path,
    fonts_dir: Path,
    progress: Progress | None = None,
) -> Sent:
    """Build the next version's sealed bundle, encrypt it to its recipients, write it to
    `destination`, keep it in the store and mark the case ready for review.

    The bundle is built from the case as the store holds it, in a private build folder
    that is removed at once; only the encrypted file goes to the destination (a shared
    drive, or a folder to attach it from), readable by the user only. With no team lead's
    key it is refused (NoRecipients), unless the user chose `unencrypted` (audited).
    """
    if not recipients.team_leads and not unencrypted:
        raise NoRecipients(recipients.refusal())
    case = store.load_case(reference)
    version = store.next_version(case.reference)
    target = destination / f"{bundle_name(case.reference, version)}{BUNDLE_SUFFIX}"
    if target.exists():
        raise BundleError(f"{target} already exists; choose another folder or move it.")
    with build_space(home) as space:
        built = build_bundle(
            case, packs, space, device, fonts_dir=fonts_dir, version=version, progress=progress
        )
        data = built.file.read_bytes()
    to = [] if unencrypted else recipients.all()
    write_new_private(target, encrypt(data, to) if to else data)
    try:
        store.record_sent(
            case.reference,
            version,
            sha256(data),
            built.fingerprint,
            data,
            encrypted_to=len(to),
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    log.info(
        "version %d of %s sent for review (%d KB, %s)",
        version,
        reference,
        len(data) // 1024,
        f"encrypted to {len(to)} key(s)" if to else "NOT encrypted, by the user's choice",
    )
    return Sent(version, target, built.fingerprint, tuple(r.label for r in to))


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
        store.trust_key(
            note.signer, AppRole.TEAM_LEAD, trust_as, "first use", note.signer_public_key
        )
    else:  # trusted by fingerprint before: the note gives the key itself, to encrypt to
        store.learn_public_key(note.signer, note.signer_public_key)
    log.info("review note imported: %s version %d %s", note.reference, note.version, note.decision)
    return note
