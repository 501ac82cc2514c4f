"""Keep a trusted key itself, not only its fingerprint: a team lead's is what bundles are
encrypted to.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trusted_keys") as batch:
        batch.add_column(sa.Column("public_key", sa.String, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("trusted_keys") as batch:
        batch.drop_column("public_key")
