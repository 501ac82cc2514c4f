"""What each case needs next, when it is due, and its row of the monitoring figures, in a
narrow table of their own beside `cases` (issue 14; store/tables.py says why not in it).

Existing cases get no row, which means "not worked out yet": the workspace works each out
(app.followups) when it unlocks, so a store from before this revision comes along with every
case's next action.

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
    op.create_table(
        "case_plans",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("next_action", sa.String, nullable=False),
        sa.Column("next_due", sa.Date, nullable=True),
        sa.Column("figures", sa.String, nullable=False),
    )
    op.create_index("ix_case_plans_next_due", "case_plans", ["next_due"])
    op.create_index("ix_case_plans_next_action", "case_plans", ["next_action"])
    # The case list sorts by each column through its index (store/listing.py).
    op.create_index("ix_cases_display_name", "cases", ["display_name"])
    op.create_index("ix_cases_scheme_id", "cases", ["scheme_id"])


def downgrade() -> None:
    op.drop_index("ix_cases_scheme_id", "cases")
    op.drop_index("ix_cases_display_name", "cases")
    op.drop_table("case_plans")
