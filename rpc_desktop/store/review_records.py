"""The store's review records: versions sent (practitioner), bundles imported for review
(team lead), and the keys this device trusts. A part of Store, kept in its own module."""

from __future__ import annotations

from datetime import datetime

from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import CaseStatus, ReviewStatus
from rpc_desktop.store import audit, repository, reviews
from rpc_desktop.store.part import StorePart


class ReviewRecords(StorePart):
    """Store's methods for review; each is one short transaction with its audit entry."""

    # --- review: versions sent (practitioner) ----------------------------------------------

    def next_version(self, reference: str) -> int:
        with self.engine.connect() as conn:
            return reviews.next_version(conn, reference)

    def record_sent(
        self,
        reference: str,
        version: int,
        file_sha256: str,
        fingerprint: str,
        data: bytes,
        *,
        encrypted_to: int = 0,
    ) -> None:
        """Keep the sealed bundle as sent, and mark the case ready for review: together.
        `encrypted_to` counts the keys the file was encrypted to; 0 is the user's explicit
        choice to send it unencrypted, and is audited as such."""
        with self.transaction() as conn:
            reviews.add_version(conn, reference, version, file_sha256, fingerprint, data)
            was = repository.move(conn, reference, CaseStatus.READY_FOR_REVIEW, self.actor, "")
            audit.append(
                conn,
                self.actor,
                "bundle-sent" if encrypted_to else "bundle-sent-unencrypted",
                reference,
                f"version {version}; {was.value} -> {CaseStatus.READY_FOR_REVIEW.value}; "
                + (
                    f"encrypted to {encrypted_to} key(s)"
                    if encrypted_to
                    else "NOT encrypted, by the user's choice"
                ),
            )

    def sent_versions(self, reference: str) -> list[reviews.SentVersion]:
        with self.engine.connect() as conn:
            return reviews.sent_versions(conn, reference)

    def kept_notes(self) -> list[bytes]:
        with self.engine.connect() as conn:
            return reviews.kept_notes(conn)

    def sent_bundle(self, reference: str, version: int) -> bytes:
        with self.engine.connect() as conn:
            return reviews.sent_bundle(conn, reference, version)

    def record_decision(
        self,
        reference: str,
        version: int,
        *,
        approved: bool,
        reviewer: str,
        comment: str,
        decided_at: datetime,
        note: bytes,
    ) -> None:
        """A team lead's review note, imported: the version's decision and the case's status."""
        to = CaseStatus.APPROVED if approved else CaseStatus.RETURNED
        decision = ReviewStatus.APPROVED if approved else ReviewStatus.RETURNED
        with self.transaction() as conn:
            reviews.record_decision(
                conn,
                reference,
                version,
                decision=decision,
                reviewer=reviewer,
                comment=comment,
                decided_at=decided_at,
                note=note,
            )
            repository.move(conn, reference, to, reviewer, comment)
            audit.append(
                conn, self.actor, "review-note-imported", reference, f"version {version}: {to}"
            )

    # --- review: bundles imported (team lead) ----------------------------------------------

    def add_review(
        self,
        *,
        reference: str,
        version: int,
        file_sha256: str,
        signer: str,
        scheme_id: str,
        info: dict[str, str],
        data: bytes,
        encrypted: bool = True,
    ) -> int:
        """Keep a bundle for review, sealed as it came (decrypted: the store is encrypted)."""
        with self.transaction() as conn:
            review_id = reviews.add_review(
                conn,
                reference=reference,
                version=version,
                file_sha256=file_sha256,
                signer=signer,
                scheme_id=scheme_id,
                info=info,
                data=data,
            )
            audit.append(
                conn,
                self.actor,
                "bundle-imported",
                reference,
                f"version {version}; sealed by {signer}; sha256 {file_sha256}; "
                + ("came encrypted to this device" if encrypted else "came NOT encrypted"),
            )
        return review_id

    def list_reviews(self, status: ReviewStatus | None = None) -> list[reviews.ReviewSummary]:
        with self.engine.connect() as conn:
            return reviews.list_reviews(conn, status=status)

    def review_history(self, reference: str, signer: str) -> list[reviews.ReviewSummary]:
        with self.engine.connect() as conn:
            return reviews.review_history(conn, reference, signer)

    def get_review(self, review_id: int) -> reviews.ReviewSummary:
        with self.engine.connect() as conn:
            return reviews.get_review(conn, review_id)

    def review_bundle(self, review_id: int) -> bytes:
        with self.engine.connect() as conn:
            return reviews.review_bundle(conn, review_id)

    def decide_review(
        self, review_id: int, *, approved: bool, reviewer: str, comment: str, note: bytes
    ) -> None:
        status = ReviewStatus.APPROVED if approved else ReviewStatus.RETURNED
        with self.transaction() as conn:
            was = reviews.decide(
                conn, review_id, status=status, reviewer=reviewer, comment=comment, note=note
            )
            audit.append(
                conn,
                self.actor,
                f"bundle-{status.value}",
                was.reference,
                f"version {was.version}; sha256 {was.file_sha256}",
            )

    def record_event(self, action: str, case_ref: str = "", detail: str = "") -> None:
        """An audit entry for something refused or checked that changes no data."""
        with self.transaction() as conn:
            audit.append(conn, self.actor, action, case_ref, detail)

    # --- trusted keys ----------------------------------------------------------------------

    def trust_key(
        self,
        fingerprint: str,
        role: AppRole,
        label: str = "",
        source: str = "first use",
        public_key: str = "",
    ) -> None:
        """Trust a practitioner's key (for bundles) or a team lead's (for review notes, and
        to encrypt bundles to). `public_key` is the key itself when known: the caller has
        checked that `fingerprint` is its fingerprint."""
        with self.transaction() as conn:
            if reviews.trust(conn, fingerprint, role, label, source):
                audit.append(
                    conn,
                    self.actor,
                    "key-trusted",
                    detail=f"{fingerprint} as {role.value} ({source})",
                )
            if public_key and reviews.learn_public_key(conn, fingerprint, public_key):
                audit.append(conn, self.actor, "key-public-half-kept", detail=fingerprint)

    def learn_public_key(self, fingerprint: str, public_key: str) -> None:
        """The key itself, for a fingerprint trusted without it (checked by the caller)."""
        with self.transaction() as conn:
            if reviews.learn_public_key(conn, fingerprint, public_key):
                audit.append(conn, self.actor, "key-public-half-kept", detail=fingerprint)

    def untrust_key(self, fingerprint: str, role: AppRole) -> None:
        with self.transaction() as conn:
            reviews.untrust(conn, fingerprint, role)
            audit.append(conn, self.actor, "key-untrusted", detail=f"{fingerprint} as {role.value}")

    def trusted_keys(self, role: AppRole | None = None) -> list[reviews.TrustedKeyInfo]:
        with self.engine.connect() as conn:
            return reviews.trusted_keys(conn, role)
