"""The figures other devices send their team lead: one anonymised row a referral.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_figures",
        sa.Column("reference", sa.String, primary_key=True),
        sa.Column("device", sa.String, nullable=False),
        sa.Column("sender", sa.String, nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("row", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("team_figures")
