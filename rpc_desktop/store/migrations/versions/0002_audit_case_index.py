"""Index the audit log by case, for subject access exports.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_case_ref", "audit_log", ["case_ref"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_case_ref", "audit_log")
