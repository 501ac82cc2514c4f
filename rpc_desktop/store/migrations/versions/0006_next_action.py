"""What each case needs next and when it is due, for the case list, and its row of the
monitoring figures (issue 14).

Existing cases get NULL, which means "not worked out yet": the workspace works each out
(app.followups) before it next lists cases, so a store from before this revision comes along
with every case's next action.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("next_action", sa.String, nullable=True))
        batch.add_column(sa.Column("next_due", sa.Date, nullable=True))
        batch.add_column(sa.Column("figures", sa.String, nullable=True))
        batch.create_index("ix_cases_next_due", ["next_due"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_next_due")
        batch.drop_column("figures")
        batch.drop_column("next_due")
        batch.drop_column("next_action")
