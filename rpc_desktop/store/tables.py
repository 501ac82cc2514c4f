"""The tables, declared once, in SQLAlchemy Core: every query in the store uses these objects.

Core throughout, not an ORM: a case is a pydantic `Case` serialised into rows, so a second
object model per table would only be copied in and out. Alembic migrations create the same
schema (tests/store/test_store.py compares them). Timestamps are UTC-aware.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
)

metadata = MetaData()


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


def _when(name: str, *, nullable: bool = False) -> Column[datetime]:
    return Column(name, UTCDateTime(), nullable=nullable)


def _text(name: str, **kw: Any) -> Column[str]:
    return Column(name, String, nullable=False, **kw)


cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    _text("reference", unique=True),
    _text("scheme_id"),
    _text("status"),
    _text("display_name"),
    # The parents' names, for the case list.
    _text("page"),
    # The wizard page to resume on.
    _text("body"),
    # The Case as JSON, without its answers (those are rows of their own).
    _when("created_at"),
    _when("updated_at"),
    _when("sent_at", nullable=True),
    Index("ix_cases_reference", "reference", unique=True),
    Index("ix_cases_status", "status"),
    Index("ix_cases_updated_at", "updated_at"),
    # The case list sorts by each column through its index (store/listing.py).
    Index("ix_cases_display_name", "display_name"),
    Index("ix_cases_scheme_id", "scheme_id"),
)

answers = Table(
    "answers",
    metadata,
    # One answer, saved the moment it is given, under the questionnaire version asked.
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("form", String, primary_key=True),
    Column("slot", String, primary_key=True),
    Column("item_id", String, primary_key=True),
    _text("value"),
    # JSON.
    _text("questionnaire_version"),
    _when("answered_at"),
)

search_terms = Table(
    "search_terms",
    metadata,
    # Case-folded name words and the reference, searched by prefix with a range.
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("term", String, primary_key=True),
    Index("ix_search_terms_term", "term"),
)

status_changes = Table(
    "status_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    _text("from_status"),
    _text("to_status"),
    _text("by"),
    _text("comment"),
    _when("at"),
    Index("ix_status_changes_case_id", "case_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    # Append-only (triggers refuse updates and deletes); each row hashes the one before.
    Column("id", Integer, primary_key=True),
    _text("at"),
    # ISO 8601 UTC, as hashed.
    _text("actor"),
    _text("action"),
    _text("case_ref"),
    _text("detail"),
    # No personal values: counts, statuses, item ids.
    _text("prev_hash"),
    _text("hash"),
    Index("ix_audit_log_case_ref", "case_ref"),
)

bundle_versions = Table(
    "bundle_versions",
    metadata,
    # A version of a case's bundle sent for review (practitioner side), kept sealed as sent,
    # with the team lead's decision once their review note is imported.
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    _text("file_sha256"),
    _text("fingerprint"),
    # The content fingerprint the summary prints.
    _when("sent_at"),
    Column("bundle", LargeBinary, nullable=False),
    _text("decision"),
    # "" (with the team lead), "approved" or "returned".
    _text("reviewer"),
    _text("comment"),
    _when("decided_at", nullable=True),
    Column("note", LargeBinary, nullable=True),
    # The sealed review note, as imported.
)

reviews = Table(
    "reviews",
    metadata,
    # A bundle imported for review (team-lead side): kept sealed, as imported.
    Column("id", Integer, primary_key=True),
    _text("reference"),
    Column("version", Integer, nullable=False),
    _text("file_sha256", unique=True),
    _text("signer"),
    # The fingerprint of the device key that sealed it.
    _text("scheme_id"),
    _text("info"),
    # bag-info.txt as JSON.
    Column("bundle", LargeBinary, nullable=False),
    _when("imported_at"),
    _text("status"),
    # A ReviewStatus value.
    _text("reviewer"),
    _text("comment"),
    _when("decided_at", nullable=True),
    Column("note", LargeBinary, nullable=True),
    # The sealed review note this device wrote.
    Index("ix_reviews_reference", "reference"),
    Index("ix_reviews_imported_at", "imported_at"),
)

trusted_keys = Table(
    "trusted_keys",
    metadata,
    # A device key whose seals this device accepts, for one purpose (an AppRole value): a
    # practitioner's key for bundles, or a team lead's key for review notes.
    Column("fingerprint", String, primary_key=True),
    Column("role", String, primary_key=True),
    _text("label"),
    _text("source"),
    # "first use" (compared by the user), "key file" or "configuration".
    _when("added_at"),
    Column("public_key", String, nullable=False, server_default=""),
    # The key itself (one OpenSSH line), once known: a team lead's is what bundles are
    # encrypted to. "" until a key file or a sealed note from it gave it.
)

device_keys = Table(
    "device_keys",
    metadata,
    # This device's own keys (sealing, PDF signing) and its certificate, kept only here,
    # encrypted with everything else. Written once each, never overwritten.
    Column("name", String, primary_key=True),
    Column("data", LargeBinary, nullable=False),
    _when("created_at"),
)

case_plans = Table(
    "case_plans",
    metadata,
    # What each case needs next, when it is due, and its row of the monitoring figures
    # (issue 14; app.followups works them out). Narrow, beside `cases` rather than in it: a
    # case row's body is tens of kilobytes (signatures' strokes), and SQLite reads every
    # overflow page of it to reach a column stored after it, for every row a query scans. A
    # case with no row here is not worked out since it last changed (a change deletes it).
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    _text("next_action"),
    # "" when nothing more is to be done.
    Column("next_due", Date, nullable=True),
    _text("figures"),
    # JSON (domain.figures); "" for a case whose scheme pack this app does not have.
    Index("ix_case_plans_next_due", "next_due"),
    Index("ix_case_plans_next_action", "next_action"),
)

team_figures = Table(
    "team_figures",
    metadata,
    # The anonymised monitoring rows other devices sent their team lead (issue 14): one row a
    # referral, the newest file's (store.team_figures), so no referral counts twice.
    Column("reference", String, primary_key=True),
    _text("device"),
    # The fingerprint of the key that sealed the file.
    _text("sender"),
    # Who sent it, in words ("Name (team)").
    _when("made_at"),
    _when("received_at"),
    _text("row"),
    # The row as JSON (domain.figures columns only).
)
