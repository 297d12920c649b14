"""check-ins indexed by metric and date

A metric's first reading and its latest before a day are each one seek in this index; the
evaluation of a 50-metric plan read every row of every metric to find them. The index on
metric_id alone stays: dropping it would leave a free page in every new plan file, which the
check on open cannot vouch for. Only an index is added: a plan at 0001 reads the same.

Revision ID: 0002_checkin_metric_date
Revises: 0001_initial
Create Date: 2026-11-26 17:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0002_checkin_metric_date"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_checkin_metric_id_date", "checkin", ["metric_id", "date"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_checkin_metric_id_date", table_name="checkin")
