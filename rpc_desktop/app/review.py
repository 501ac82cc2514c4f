"""Review on the team lead's device, without Qt: import a sealed bundle (verified before
anything is shown), open it again from the store, approve or return it with a sealed review
note. The practitioner's side (sending, importing the note) is send.py.

The GUI, the tests and the workspace drive these functions; every step is audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from rpc_desktop.documents.bundle import bundle_name
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.email_draft import Sender, build_email
from rpc_desktop.documents.envelope import ENVELOPE_ALLOWANCE, decrypt_for_device, is_encrypted
from rpc_desktop.documents.review_note import ReviewNote, seal_note
from rpc_desktop.documents.seal import normalise_fingerprint
from rpc_desktop.documents.verify import BundleContents, VerifyStatus, verify_bytes
from rpc_desktop.documents.zipcheck import MAX_BUNDLE_FILE
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.errors import BundleError, PackError, VerifyError
from rpc_desktop.files import NotAFile, TooLarge, read_regular_file, write_new_private
from rpc_desktop.store.reviews import ReviewSummary
from rpc_desktop.store.store import Store

MAX_BUNDLE_BYTES = MAX_BUNDLE_FILE


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def trusted_fingerprints(store: Store, role: AppRole, extra: Iterable[str] = ()) -> set[str]:
    """The keys trusted for one purpose: by this device's user, and by IT (`extra`).

    This device's own key is never among them: nobody reviews their own referral.
    """
    keys = {k.fingerprint for k in store.trusted_keys(role)}
    return keys | {normalise_fingerprint(f) for f in extra}


def read_at_most(path: Path, limit: int, what: str) -> bytes:
    """A file that came from someone else: a regular file (never a pipe or a device, which
    could hang the import), read whole unless it is too large to be `what`."""
    try:
        return read_regular_file(path, limit)
    except NotAFile as exc:
        raise VerifyError(f"{path.name} is {exc}, not {what}.") from None
    except TooLarge:
        raise VerifyError(f"{path.name} is too large to be {what}.") from None
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def refuse_own(signer: str, device: Device, what: str) -> None:
    if signer == device.fingerprint:
        raise VerifyError(
            f"{what} was sealed on this device. A referral is reviewed on the team lead's "
            "own device, never on the one that made it."
        )


# --- team lead ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportCheck:
    """A bundle file verified before anything in it is shown."""

    status: VerifyStatus
    problems: list[str]
    signer: str
    info: dict[str, str]
    data: bytes = field(repr=False)
    """The sealed bundle (decrypted, when it came encrypted)."""
    contents: BundleContents | None = field(default=None, repr=False)
    """The documents exactly as verified (None when the bundle was refused)."""
    encrypted: bool = True
    """Whether it came encrypted to this device (False: the practitioner chose not to)."""

    @property
    def file_sha256(self) -> str:
        return sha256(self.data)

    @property
    def tampered(self) -> bool:
        """Not as it was sealed (or not a bundle): refused, nothing in it shown."""
        return self.status is VerifyStatus.TAMPERED

    @property
    def untrusted(self) -> bool:
        """Intact, sealed by a key this device does not trust yet: ask before importing."""
        return self.status is VerifyStatus.UNTRUSTED


def check_bundle_file(path: Path, trusted: set[str], device: Device) -> ImportCheck:
    """Read the file once, decrypt it with this device's key (a bundle for someone else
    says so: NotForThisDevice), and verify exactly those bytes: seal, every hash, PDF
    signatures.

    A bundle sealed on this device is refused: nobody reviews their own referral.
    """
    raw = read_at_most(path, MAX_BUNDLE_BYTES + ENVELOPE_ALLOWANCE, "a referral bundle")
    encrypted = is_encrypted(raw)
    data = decrypt_for_device(raw, device.key) if encrypted else raw
    result = verify_bytes(data, trusted)
    if result.signer and result.status is not VerifyStatus.TAMPERED:
        refuse_own(result.signer, device, "This bundle")
    return ImportCheck(
        result.status,
        result.problems,
        result.signer,
        result.info,
        data,
        result.contents,
        encrypted,
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
        encrypted=check.encrypted,
    )
    if check.status is VerifyStatus.UNTRUSTED:
        store.trust_key(check.signer, AppRole.PRACTITIONER, trust_as, "first use")
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
    note = _note(summary, ReviewStatus.APPROVED, reviewer, comment, moment, strokes, aspect)
    referral = _referral_date(summary.info, moment)
    draft = build_email(
        summary.reference,
        referral,
        Sender(reviewer.email, reviewer.role, reviewer.organisation, reviewer.phone, reviewer.name),
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
    note = _note(summary, ReviewStatus.RETURNED, reviewer, comment, now or datetime.now(UTC))
    return _decide(store, review_id, device, note, out_dir, {})


def _note(
    summary: ReviewSummary,
    decision: ReviewStatus,
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
            write_new_private(path, data)
            written.append(path)
        store.decide_review(
            review_id,
            approved=note.decision is ReviewStatus.APPROVED,
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
