"""Review: bundle versions sent (practitioner), bundles imported for review (team lead),
and the device keys this device trusts.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bundle_versions",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("file_sha256", sa.String, nullable=False),
        sa.Column("fingerprint", sa.String, nullable=False),
        sa.Column("sent_at", WHEN, nullable=False),
        sa.Column("bundle", sa.LargeBinary, nullable=False),
        sa.Column("decision", sa.String, nullable=False),
        sa.Column("reviewer", sa.String, nullable=False),
        sa.Column("comment", sa.String, nullable=False),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("note", sa.LargeBinary, nullable=True),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("file_sha256", sa.String, nullable=False, unique=True),
        sa.Column("signer", sa.String, nullable=False),
        sa.Column("scheme_id", sa.String, nullable=False),
        sa.Column("info", sa.String, nullable=False),
        sa.Column("bundle", sa.LargeBinary, nullable=False),
        sa.Column("imported_at", WHEN, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("reviewer", sa.String, nullable=False),
        sa.Column("comment", sa.String, nullable=False),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("note", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_reviews_reference", "reviews", ["reference"])
    op.create_index("ix_reviews_imported_at", "reviews", ["imported_at"])
    op.create_table(
        "trusted_keys",
        sa.Column("fingerprint", sa.String, primary_key=True),
        sa.Column("role", sa.String, primary_key=True),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("added_at", WHEN, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("trusted_keys")
    op.drop_index("ix_reviews_imported_at", "reviews")
    op.drop_index("ix_reviews_reference", "reviews")
    op.drop_table("reviews")
    op.drop_table("bundle_versions")
