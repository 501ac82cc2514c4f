"""The tables, all in one module (SQLModel's advice). Timestamps are UTC-aware."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Dialect, LargeBinary, TypeDecorator
from sqlmodel import Field, SQLModel

from rpc_desktop.store.status import ALLOWED_MOVES, CaseStatus

__all__ = [
    "ALLOWED_MOVES",
    "AnswerRow",
    "AuditEntry",
    "BundleVersion",
    "CaseRow",
    "CaseStatus",
    "ReviewRow",
    "SearchTerm",
    "StatusChange",
    "TrustedKey",
]


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """SQLite keeps no time zone: store UTC, hand back aware datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: give a UTC-aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _when(index: bool = False) -> datetime:
    return Field(  # type: ignore[no-any-return]
        default_factory=utcnow, sa_column=Column(UTCDateTime(), index=index, nullable=False)
    )


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    scheme_id: str
    status: str = Field(default=CaseStatus.DRAFT.value, index=True)
    display_name: str = ""
    """The parents' names, for the case list."""
    page: str = ""
    """The wizard page to resume on."""
    body: str
    """The Case as JSON, without its answers (those are rows of their own)."""
    created_at: datetime = _when()
    updated_at: datetime = _when(index=True)
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class AnswerRow(SQLModel, table=True):
    """One answer, saved the moment it is given, under the questionnaire version asked."""

    __tablename__ = "answers"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    form: str = Field(primary_key=True)
    """"rsq" or "screening"."""
    slot: str = Field(primary_key=True)
    item_id: str = Field(primary_key=True)
    value: str
    """JSON."""
    questionnaire_version: str
    answered_at: datetime = _when()


class SearchTerm(SQLModel, table=True):
    """Case-folded name words and the reference, searched by prefix with a range."""

    __tablename__ = "search_terms"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    term: str = Field(primary_key=True, index=True)


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_changes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    from_status: str
    to_status: str
    by: str = ""
    comment: str = ""
    at: datetime = _when()


class AuditEntry(SQLModel, table=True):
    """Append-only (triggers refuse updates and deletes); each row hashes the one before."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: str
    """ISO 8601 UTC, as hashed."""
    actor: str
    action: str
    case_ref: str = Field(default="", index=True)
    detail: str = ""
    """No personal values: counts, statuses, item ids."""
    prev_hash: str
    hash: str


def _maybe_when() -> datetime | None:
    return Field(  # type: ignore[no-any-return]
        default=None, sa_column=Column(UTCDateTime(), nullable=True)
    )


class BundleVersion(SQLModel, table=True):
    """A version of a case's bundle sent for review (practitioner side), kept sealed as sent,
    with the team lead's decision once their review note is imported."""

    __tablename__ = "bundle_versions"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    version: int = Field(primary_key=True)
    file_sha256: str
    fingerprint: str
    """The content fingerprint the summary prints."""
    sent_at: datetime = _when()
    bundle: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    decision: str = ""
    """"", "approved" or "returned"."""
    reviewer: str = ""
    comment: str = ""
    decided_at: datetime | None = _maybe_when()
    note: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    """The sealed review note, as imported."""


class ReviewRow(SQLModel, table=True):
    """A bundle imported for review (team-lead side): kept sealed, as imported."""

    __tablename__ = "reviews"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(index=True)
    version: int
    file_sha256: str = Field(unique=True)
    signer: str
    """The fingerprint of the device key that sealed it."""
    scheme_id: str
    info: str
    """bag-info.txt as JSON."""
    bundle: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    imported_at: datetime = _when(index=True)
    status: str = "awaiting"
    """"awaiting", "approved" or "returned"."""
    reviewer: str = ""
    comment: str = ""
    decided_at: datetime | None = _maybe_when()
    note: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    """The sealed review note this device wrote."""


class TrustedKey(SQLModel, table=True):
    """A device key whose seals this device accepts, for one purpose: a practitioner's key
    for bundles, or a team lead's key for review notes."""

    __tablename__ = "trusted_keys"

    fingerprint: str = Field(primary_key=True)
    role: str = Field(primary_key=True)
    """"practitioner" (its bundles are accepted) or "team-lead" (its review notes are)."""
    label: str = ""
    source: str = ""
    """"first use" (compared by the user) or "configuration"."""
    added_at: datetime = _when()
