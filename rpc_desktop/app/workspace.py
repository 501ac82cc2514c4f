"""The unlocked store and what can be done with it: one `Workspace` per unlock.

The practitioner's case list and referrals, the review on both sides, the keys this device
trusts, and the store's own upkeep (export, purge, backup, passphrase). Every method is a
use case the GUI or the CLI asks for; the store, the documents and the review functions are
reached only from here. `close()` is locking: the key and every open case are dropped.
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpc_desktop.app import followups, review, send
from rpc_desktop.app.context import AppContext
from rpc_desktop.app.editor import CaseEditor
from rpc_desktop.app.trust import KeyOffer, TrustedKeys
from rpc_desktop.domain.case import Case, Referrer
from rpc_desktop.domain.listing import CaseQuery
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import CaseStatus, ReviewStatus
from rpc_desktop.store.repository import CaseSummary
from rpc_desktop.store.reviews import ReviewSummary, SentVersion, TrustedKeyInfo

if TYPE_CHECKING:
    from rpc_desktop.app.settings import Profile
    from rpc_desktop.documents.bundle import Progress
    from rpc_desktop.documents.device import Device
    from rpc_desktop.documents.review_note import ReviewNote
    from rpc_desktop.documents.verify import BundleContents
    from rpc_desktop.domain.packs import Packs
    from rpc_desktop.store.audit import ChainReport
    from rpc_desktop.store.store import Store

__all__ = [
    "CaseSummary",
    "KeyOffer",
    "OpenReview",
    "ReviewSummary",
    "SentVersion",
    "TrustedKeyInfo",
    "Workspace",
    "new_reference",
]

log = logging.getLogger(__name__)


def new_reference(today: date | None = None) -> str:
    day = today or date.today()
    return f"RPC-{day:%Y%m%d}-{secrets.token_hex(2).upper()}"


@dataclass(frozen=True)
class OpenReview:
    """An imported bundle, verified again from the store, with the versions before it."""

    summary: ReviewSummary
    contents: BundleContents
    history: list[ReviewSummary]


class Workspace(TrustedKeys):
    def __init__(self, context: AppContext, store: Store) -> None:
        self.context = context
        self.store = store
        """The open store (tests reach it here)."""
        self._device: Device | None = None
        self._device_lock = threading.Lock()

    @classmethod
    def create(
        cls,
        context: AppContext,
        passphrase: str,
        *,
        profile: Profile | None = None,
        role: AppRole | None = None,
        actor: str = "",
        recovery_key: Path | None = None,
    ) -> Workspace:
        """A new store (first run, or `rpc-desktop init`), opened."""
        store = context.create_store(
            passphrase, profile=profile, role=role, actor=actor, recovery_key=recovery_key
        )
        return cls(context, store)

    @classmethod
    def open(cls, context: AppContext, passphrase: str, *, actor: str | None = None) -> Workspace:
        """Unlock. The app then applies IT's retention (`apply_retention`); a headless
        command does not, unless it is `cases purge`. Next actions not worked out yet are
        worked out here (app.followups)."""
        workspace = cls(context, context.open_store(passphrase, actor=actor))
        followups.refresh(workspace.store, workspace.packs)
        return workspace

    @classmethod
    def recover(cls, context: AppContext, private_pem: bytes, **how: Any) -> Workspace:
        """Open with IT's recovery private key (`how`: source, actor, password), to set a
        new passphrase."""
        return cls(context, context.recover_store(private_pem, **how))

    @property
    def packs(self) -> Packs:
        return self.context.packs

    @property
    def device(self) -> Device:
        """This device's keys, kept in the store (made, or moved in from an earlier build's
        plain files, on first use): app/device.py."""
        with self._device_lock:
            if self._device is None:
                from rpc_desktop.app.device import load_device

                self._device = load_device(self.context, self.store)
            return self._device

    @property
    def folder(self) -> Path:
        """Where the store's files are."""
        return self.store.paths.folder

    def has_recovery_key(self) -> bool:
        """Whether IT's recovery key can open this store (a forgotten passphrase)."""
        from rpc_desktop.store.keys import KeyFile

        return KeyFile.read(self.store.paths.keyfile).entry("recovery") is not None

    @property
    def closed(self) -> bool:
        return self.store.closed

    def close(self, *, backup: bool = True) -> None:
        """Lock: drop the key (a backup first, unless told not to)."""
        self.store.close(backup=backup)
        self._device = None  # the private keys go with the store's key
        log.info("store locked")

    def record_event(self, action: str, reference: str = "", detail: str = "") -> None:
        """An audit entry for something refused or checked that changed no data."""
        self.store.record_event(action, reference, detail)

    # --- cases -------------------------------------------------------------------------

    def list_cases(self, limit: int = 200, status: CaseStatus | None = None) -> list[CaseSummary]:
        return self.store.list_cases(limit, status=status)

    def search(self, text: str, limit: int = 200) -> list[CaseSummary]:
        return self.store.search(text, limit)

    def cases_page(self, query: CaseQuery, **kw: Any) -> tuple[list[CaseSummary], int]:
        """The case list's page, and how many cases the query chooses in all."""
        return followups.cases_page(self.store, self.packs, query, **kw)

    def due_now(self, today: date | None = None) -> tuple[int, int]:
        """How many cases are due today, and how many are overdue."""
        return followups.due_now(self.store, self.packs, today)

    def history(self, reference: str) -> list[dict[str, str]]:
        return self.store.history(reference)

    def returned_comment(self, reference: str) -> str:
        """The team lead's words on the last return of a case, or ""."""
        returned = [h for h in self.history(reference) if h["to"] == CaseStatus.RETURNED]
        return f"Returned by {returned[-1]['by']}: {returned[-1]['comment']}" if returned else ""

    def new_case(self, today: date | None = None) -> str:
        """A new draft for the first enabled scheme, with the user as referrer."""
        settings = self.context.settings
        profile = settings.profile
        enabled = settings.enabled_schemes
        scheme = next((s for s in self.packs.schemes if not enabled or s in enabled), "")
        case = Case(
            reference=new_reference(today),
            scheme_id=scheme,
            referral_date=today or date.today(),
            referrer=Referrer(
                name=profile.name,
                role=profile.role,
                organisation=profile.organisation,
                phone=profile.phone,
                email=profile.email,
            ),
        )
        self.store.add_case(case, page="scheme")
        log.info("case created: %s", case.reference)
        return case.reference

    def add_case(self, case: Case) -> None:
        self.store.add_case(case)
        log.info("case added: %s", case.reference)

    def load(self, reference: str) -> tuple[Case, str]:
        """A case and the page it resumes on."""
        return self.store.load_case_and_page(reference)

    def open_case(self, reference: str, page: str | None = None) -> CaseEditor:
        case, saved_page = self.load(reference)
        log.info("case opened: %s", reference)
        return CaseEditor(self.store, self.packs, case, page or saved_page)

    def erase_case(self, reference: str) -> None:
        """The case, its answers, versions and history, and anything of it outside the store."""
        self.store.erase_case(reference)
        send.remove_leftovers(self.context.home, reference)
        log.info("case erased: %s", reference)

    def export_case(self, reference: str) -> dict[str, Any]:
        """Everything held about a case, for a subject access request (audited)."""
        return self.store.export_case(reference)

    def tidy(self) -> None:
        """At unlock: remove what a build that died, or an earlier version, left outside the
        store (audited, by count)."""
        gone = send.remove_leftovers(self.context.home)
        if gone:
            self.record_event("leftovers-removed", detail=f"{len(gone)} folder(s) of built bundles")

    def apply_retention(self) -> list[str]:
        """Remove what IT's retention (`retention_days`) says has been kept long enough: the
        app does it at every unlock (audited)."""
        return self.purge(self.context.config.retention_days)

    def purge(self, retention_days: int) -> list[str]:
        """Remove what IT's retention says has been kept long enough (audited)."""
        gone = self.store.purge(retention_days)
        for reference in gone:
            send.remove_leftovers(self.context.home, reference)
        if gone:
            log.info("retention purge removed %d case(s) or review(s)", len(gone))
        return gone

    # --- the practitioner's side of review ---------------------------------------------

    def sent_versions(self, reference: str) -> list[SentVersion]:
        return self.store.sent_versions(reference)

    def preview(self, reference: str, progress: Progress | None = None) -> send.Preview:
        """The bundle as it would be sent, in memory: nothing is written or kept."""
        return send.preview(
            self.store,
            reference,
            self.packs,
            self.device,
            home=self.context.home,
            fonts_dir=self.context.fonts_dir,
            progress=progress,
        )

    def send_for_review(
        self,
        reference: str,
        destination: Path,
        progress: Progress | None = None,
        *,
        unencrypted: bool = False,
    ) -> send.Sent:
        """Encrypted to the team leads this device holds in full (and IT's recovery key);
        with none, NoRecipients says what to do, unless the user chose `unencrypted`."""
        return send.send_for_review(
            self.store,
            reference,
            self.packs,
            self.device,
            destination,
            recipients=self.recipients(),
            unencrypted=unencrypted,
            home=self.context.home,
            fonts_dir=self.context.fonts_dir,
            progress=progress,
        )

    def check_review_note(self, path: Path) -> send.NoteCheck:
        return send.check_review_note(path, self.trusted(AppRole.TEAM_LEAD), self.device)

    def import_review_note(self, check: send.NoteCheck, *, trust_as: str = "") -> ReviewNote:
        return send.import_review_note(self.store, check, trust_as=trust_as)

    # --- the team lead's side ----------------------------------------------------------

    def list_reviews(self, status: ReviewStatus | None = None) -> list[ReviewSummary]:
        return self.store.list_reviews(status)

    def check_bundle(self, path: Path) -> review.ImportCheck:
        return review.check_bundle_file(path, self.trusted(AppRole.PRACTITIONER), self.device)

    def import_bundle(self, check: review.ImportCheck, *, trust_as: str = "") -> int:
        review_id = review.import_bundle(self.store, check, trust_as=trust_as)
        log.info("bundle imported for review: %s", check.info.get("External-Identifier", ""))
        return review_id

    def open_review(self, review_id: int) -> OpenReview:
        contents = review.open_review(self.store, review_id, self.trusted(AppRole.PRACTITIONER))
        summary = self.store.get_review(review_id)
        history = self.store.review_history(summary.reference, summary.signer)
        return OpenReview(summary, contents, history)

    def reviewer(self, name: str | None = None) -> review.Reviewer:
        """The user as the reviewer, from their profile (`name` as typed on the screen)."""
        profile = self.context.settings.profile
        return review.Reviewer(
            profile.name if name is None else name,
            profile.role,
            profile.organisation,
            profile.email,
            profile.phone,
        )

    def approve(
        self,
        review_id: int,
        reviewer: review.Reviewer,
        *,
        comment: str,
        strokes: list[list[list[float]]],
        aspect: float,
        out_dir: Path,
    ) -> review.Decided:
        decided = review.approve(
            self.store,
            review_id,
            self.device,
            self.packs,
            reviewer,
            comment=comment,
            strokes=strokes,
            aspect=aspect,
            out_dir=out_dir,
            trusted=self.trusted(AppRole.PRACTITIONER),
        )
        log.info("review %d approved", review_id)
        return decided

    def return_for_changes(
        self, review_id: int, reviewer: review.Reviewer, *, comment: str, out_dir: Path
    ) -> review.Decided:
        decided = review.return_for_changes(
            self.store, review_id, self.device, reviewer, comment=comment, out_dir=out_dir
        )
        log.info("review %d returned", review_id)
        return decided

    # --- the store's upkeep (the store commands) ---------------------------------------

    @property
    def database_file(self) -> Path:
        return self.store.paths.db

    def integrity_problems(self) -> list[str]:
        """Empty when the database decrypts and SQLite finds nothing wrong."""
        return self.store.integrity_problems()

    def verify_audit(self) -> ChainReport:
        return self.store.verify_audit()

    def backup(self) -> Path:
        """A verified encrypted backup. The store checks every page first: a damaged
        database is refused (StoreError) and the backups already kept stay as they are."""
        return self.store.backup()

    def change_passphrase(
        self, new: str, *, rekey: bool = True, recovery_public_key: Path | None = None
    ) -> dict[str, Any]:
        """A new passphrase. By default the database and every backup get a new data key as
        well (seconds for a big store; crash-safe: docs/store.md), so an old copy of the key
        file with the old passphrase opens none of them. `rekey=False` only re-wraps the key
        (instant). IT's recovery public key (given, or IT's configuration) is needed only to
        re-key a store made before the app kept it. Returns what was done, for the CLI."""
        from rpc_desktop.app.context import read_key_file
        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.keys import load_recovery_public_key

        public = None
        source = recovery_public_key or self.context.config.recovery_public_key
        if rekey and source is not None:
            try:
                public = load_recovery_public_key(read_key_file(source))
            except (StoreError, ValueError):
                if recovery_public_key is not None:
                    raise  # given on purpose: say why it cannot be used
        done = self.store.change_passphrase(
            new, kdf=self.context.kdf(), rekey=rekey, recovery_public_key=public
        )
        if done is None:
            log.info("passphrase changed (key re-wrapped)")
            return {"rekeyed": False}
        log.info("passphrase changed, store re-keyed in %.1f s", done.seconds)
        return {
            "rekeyed": True,
            "seconds": round(done.seconds, 3),
            "files_rekeyed": len(done.moved.rekeyed),
            "files_left": [str(path) for path in done.moved.left],
        }
