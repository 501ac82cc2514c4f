"""Bundle versions sent for review, bundles imported for review, and trusted keys.

SQLAlchemy Core inside the caller's transaction, like repository.py. The bundle files
themselves are kept in the encrypted database, exactly as sealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.errors import StoreError
from rpc_desktop.store.repository import case_id
from rpc_desktop.store.tables import bundle_versions as versions
from rpc_desktop.store.tables import reviews
from rpc_desktop.store.tables import trusted_keys as trusted

NOT_DECIDED = ""
"""How a version sent and not yet decided is stored (bundle_versions.decision)."""


@dataclass(frozen=True)
class SentVersion:
    version: int
    file_sha256: str
    fingerprint: str
    sent_at: datetime
    decision: ReviewStatus
    """AWAITING while it is with the team lead."""
    reviewer: str
    comment: str
    decided_at: datetime | None


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    reference: str
    version: int
    file_sha256: str
    signer: str
    scheme_id: str
    info: dict[str, str]
    imported_at: datetime
    status: ReviewStatus
    reviewer: str
    comment: str
    decided_at: datetime | None


@dataclass(frozen=True)
class TrustedKeyInfo:
    fingerprint: str
    role: AppRole
    label: str
    source: str
    added_at: datetime
    public_key: str = ""


# --- practitioner: versions sent ---------------------------------------------------------


def next_version(conn: Connection, reference: str) -> int:
    cid = case_id(conn, reference)
    latest = conn.execute(
        select(func.max(versions.c.version)).where(versions.c.case_id == cid)
    ).scalar()
    return int(latest or 0) + 1


def add_version(
    conn: Connection, reference: str, version: int, file_sha256: str, fingerprint: str, data: bytes
) -> None:
    cid = case_id(conn, reference)
    if version != next_version(conn, reference):
        raise StoreError(f"Version {version} of {reference} has been sent already.")
    conn.execute(
        insert(versions).values(
            case_id=cid,
            version=version,
            file_sha256=file_sha256,
            fingerprint=fingerprint,
            sent_at=datetime.now(UTC),
            bundle=data,
            decision=NOT_DECIDED,
            reviewer="",
            comment="",
        )
    )


def sent_versions(conn: Connection, reference: str) -> list[SentVersion]:
    cid = case_id(conn, reference)
    query = select(versions).where(versions.c.case_id == cid).order_by(versions.c.version)
    return [
        SentVersion(
            r.version,
            r.file_sha256,
            r.fingerprint,
            r.sent_at,
            ReviewStatus(r.decision or ReviewStatus.AWAITING),
            r.reviewer,
            r.comment,
            r.decided_at,
        )
        for r in conn.execute(query)
    ]


def sent_bundle(conn: Connection, reference: str, version: int) -> bytes:
    cid = case_id(conn, reference)
    data = conn.execute(
        select(versions.c.bundle).where(versions.c.case_id == cid, versions.c.version == version)
    ).scalar()
    if data is None:
        raise StoreError(f"Version {version} of {reference} was never sent from this device.")
    return bytes(data)


def kept_notes(conn: Connection) -> list[bytes]:
    """Every team lead's review note imported on this device, newest first."""
    rows = conn.execute(
        select(versions.c.note)
        .where(versions.c.note.is_not(None))
        .order_by(versions.c.decided_at.desc())
    )
    return [bytes(note) for (note,) in rows]


def record_decision(
    conn: Connection,
    reference: str,
    version: int,
    *,
    decision: ReviewStatus,
    reviewer: str,
    comment: str,
    decided_at: datetime,
    note: bytes,
) -> None:
    if not decision.decided:
        raise StoreError("A review note records a decision: approved or returned.")
    cid = case_id(conn, reference)
    conn.execute(
        update(versions)
        .where(versions.c.case_id == cid, versions.c.version == version)
        .values(
            decision=decision.value,
            reviewer=reviewer,
            comment=comment,
            decided_at=decided_at,
            note=note,
        )
    )


# --- team lead: bundles imported for review ----------------------------------------------


def add_review(
    conn: Connection,
    *,
    reference: str,
    version: int,
    file_sha256: str,
    signer: str,
    scheme_id: str,
    info: dict[str, str],
    data: bytes,
) -> int:
    same = conn.execute(select(reviews.c.id).where(reviews.c.file_sha256 == file_sha256)).scalar()
    if same is not None:
        raise StoreError(f"Version {version} of {reference} has been imported already.")
    result = conn.execute(
        insert(reviews).values(
            reference=reference,
            version=version,
            file_sha256=file_sha256,
            signer=signer,
            scheme_id=scheme_id,
            info=json.dumps(info, ensure_ascii=False),
            bundle=data,
            imported_at=datetime.now(UTC),
            status=ReviewStatus.AWAITING.value,
            reviewer="",
            comment="",
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


_SUMMARY = [c for c in reviews.c if c.name not in ("bundle", "note")]


def _review(r: Row[tuple[object, ...]]) -> ReviewSummary:
    m = r._mapping
    return ReviewSummary(
        id=m["id"],
        reference=m["reference"],
        version=m["version"],
        file_sha256=m["file_sha256"],
        signer=m["signer"],
        scheme_id=m["scheme_id"],
        info=json.loads(m["info"]),
        imported_at=m["imported_at"],
        status=ReviewStatus(m["status"]),
        reviewer=m["reviewer"],
        comment=m["comment"],
        decided_at=m["decided_at"],
    )


def list_reviews(conn: Connection, *, status: ReviewStatus | None = None) -> list[ReviewSummary]:
    query = select(*_SUMMARY).order_by(reviews.c.imported_at.desc())
    if status is not None:
        query = query.where(reviews.c.status == status.value)
    return [_review(r) for r in conn.execute(query)]


def review_history(conn: Connection, reference: str, signer: str) -> list[ReviewSummary]:
    """The versions of one referral: same reference, sealed by the same device."""
    query = (
        select(*_SUMMARY)
        .where(reviews.c.reference == reference, reviews.c.signer == signer)
        .order_by(reviews.c.version)
    )
    return [_review(r) for r in conn.execute(query)]


def get_review(conn: Connection, review_id: int) -> ReviewSummary:
    row = conn.execute(select(*_SUMMARY).where(reviews.c.id == review_id)).first()
    if row is None:
        raise StoreError(f"There is no imported bundle {review_id} on this device.")
    return _review(row)


def review_bundle(conn: Connection, review_id: int) -> bytes:
    data = conn.execute(select(reviews.c.bundle).where(reviews.c.id == review_id)).scalar()
    if data is None:
        raise StoreError(f"There is no imported bundle {review_id} on this device.")
    return bytes(data)


def decide(
    conn: Connection,
    review_id: int,
    *,
    status: ReviewStatus,
    reviewer: str,
    comment: str,
    note: bytes,
) -> ReviewSummary:
    current = get_review(conn, review_id)
    if current.status.decided:
        raise StoreError(
            f"Version {current.version} of {current.reference} was {current.status} already."
        )
    if not status.decided:
        raise StoreError("A decision is approved or returned.")
    conn.execute(
        update(reviews)
        .where(reviews.c.id == review_id)
        .values(
            status=status.value,
            reviewer=reviewer,
            comment=comment,
            decided_at=datetime.now(UTC),
            note=note,
        )
    )
    return current


def reviews_decided_before(conn: Connection, cutoff: datetime) -> list[tuple[int, str]]:
    query = select(reviews.c.id, reviews.c.reference).where(
        reviews.c.status != ReviewStatus.AWAITING.value, reviews.c.decided_at < cutoff
    )
    return [(r.id, r.reference) for r in conn.execute(query)]


def remove_review(conn: Connection, review_id: int) -> None:
    conn.execute(delete(reviews).where(reviews.c.id == review_id))


# --- trusted keys ------------------------------------------------------------------------


def trust(conn: Connection, fingerprint: str, role: AppRole, label: str, source: str) -> bool:
    """Trust a key for one purpose; False when it was already (its label is kept)."""
    try:
        role = AppRole(role)
    except ValueError:
        raise StoreError(
            f"A key is trusted as a practitioner's or a team lead's, not {role!r}."
        ) from None
    known = select(trusted.c.fingerprint).where(
        trusted.c.fingerprint == fingerprint, trusted.c.role == role.value
    )
    if conn.execute(known).first() is not None:
        return False
    conn.execute(
        insert(trusted).values(
            fingerprint=fingerprint,
            role=role.value,
            label=label,
            source=source,
            added_at=datetime.now(UTC),
        )
    )
    return True


def learn_public_key(conn: Connection, fingerprint: str, public_key: str) -> bool:
    """Keep the key itself beside a fingerprint trusted without it (the caller checked that
    it is the key of that fingerprint); False when there was nothing to learn."""
    done = conn.execute(
        update(trusted)
        .where(trusted.c.fingerprint == fingerprint, trusted.c.public_key == "")
        .values(public_key=public_key)
    )
    return bool(done.rowcount)


def untrust(conn: Connection, fingerprint: str, role: AppRole) -> None:
    conn.execute(
        delete(trusted).where(
            trusted.c.fingerprint == fingerprint, trusted.c.role == AppRole(role).value
        )
    )


def trusted_keys(conn: Connection, role: AppRole | None = None) -> list[TrustedKeyInfo]:
    query = select(trusted).order_by(trusted.c.added_at)
    if role is not None:
        query = query.where(trusted.c.role == AppRole(role).value)
    return [
        TrustedKeyInfo(r.fingerprint, AppRole(r.role), r.label, r.source, r.added_at, r.public_key)
        for r in conn.execute(query)
    ]
