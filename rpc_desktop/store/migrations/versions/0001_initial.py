"""The first schema: cases, answers, search terms, status changes, the audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String, nullable=False, unique=True),
        sa.Column("scheme_id", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("display_name", sa.String, nullable=False),
        sa.Column("page", sa.String, nullable=False),
        sa.Column("body", sa.String, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("sent_at", WHEN, nullable=True),
    )
    op.create_index("ix_cases_reference", "cases", ["reference"], unique=True)
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])
    op.create_table(
        "answers",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("form", sa.String, primary_key=True),
        sa.Column("slot", sa.String, primary_key=True),
        sa.Column("item_id", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
        sa.Column("questionnaire_version", sa.String, nullable=False),
        sa.Column("answered_at", WHEN, nullable=False),
    )
    op.create_table(
        "search_terms",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("term", sa.String, primary_key=True),
    )
    op.create_index("ix_search_terms_term", "search_terms", ["term"])
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("from_status", sa.String, nullable=False),
        sa.Column("to_status", sa.String, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("comment", sa.String, nullable=False),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_index("ix_status_changes_case_id", "status_changes", ["case_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("case_ref", sa.String, nullable=False),
        sa.Column("detail", sa.String, nullable=False),
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


def downgrade() -> None:
    for table in ("audit_log", "status_changes", "search_terms", "answers", "cases"):
        op.drop_table(table)
