"""Reminder actions, prospects (准客户), work-log links and the day a card reached its tier.

Revision ID: 0007
Revises: 0006

- reminder_actions: done / snoozed / dismissed / sent, one row per occurrence of a computed
  reminder (kind, subject, day), so an occurrence dealt with does not come back;
- prospects: people met but not yet clients, captured without an ID number;
- worklog.prospect_id (a contact with a prospect) and an index on worklog.visit_id (a visit's
  entry is looked up when the visit is marked done);
- clients.tier_since: added in place (ALTER TABLE ADD COLUMN), never by copying the table, which
  holds 100,000 cards, the search triggers and the birthday expression index.
"""

from __future__ import annotations

import warnings
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "prospects",
        *_record_columns(),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("mobile", sa.String(20), nullable=False),
        sa.Column("gender", sa.String(1), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("occupation", sa.String(100), nullable=False),
        sa.Column("housing", sa.String(100), nullable=False),
        sa.Column("car", sa.String(100), nullable=False),
        sa.Column("family", sa.String(200), nullable=False),
        sa.Column("interests", sa.String(200), nullable=False),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("referred_by_client_id", sa.String(36), sa.ForeignKey("clients.id", ondelete="SET NULL")),
        sa.Column("referred_by_prospect_id", sa.String(36), sa.ForeignKey("prospects.id", ondelete="SET NULL")),
        sa.Column("outlet_id", sa.String(36), sa.ForeignKey("outlets.id", ondelete="SET NULL")),
        sa.Column("stage", sa.String(12), nullable=False),
        sa.Column("captured_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("converted_client_id", sa.String(36), sa.ForeignKey("clients.id", ondelete="SET NULL")),
    )
    op.create_index("ix_prospects_captured_on", "prospects", ["captured_on"])
    op.create_index("ix_prospects_mobile", "prospects", ["mobile"])
    # Copying worklog reflects the clients table its keys point to; SQLAlchemy cannot reflect the
    # birthday expression index (0004) and says so, which is no news: clients is left as it is.
    with warnings.catch_warnings(), op.batch_alter_table("worklog", recreate="always") as batch:
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        batch.add_column(sa.Column("prospect_id", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_worklog_prospect_id", "prospects", ["prospect_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_worklog_visit_id", ["visit_id"])
        batch.create_index("ix_worklog_prospect_id", ["prospect_id"])
    op.create_table(
        "reminder_actions",
        *_record_columns(),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("subject_id", sa.String(36), nullable=False),
        sa.Column("occurs_on", sa.Date(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("worklog_id", sa.String(36), sa.ForeignKey("worklog.id", ondelete="SET NULL")),
        sa.UniqueConstraint("kind", "subject_id", "occurs_on", name="uq_reminder_actions_occurrence"),
    )
    op.create_index("ix_reminder_actions_snoozed_until", "reminder_actions", ["snoozed_until"])
    op.add_column("clients", sa.Column("tier_since", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("clients", "tier_since")
    op.drop_table("reminder_actions")
    with op.batch_alter_table("worklog", recreate="always") as batch:
        batch.drop_index("ix_worklog_prospect_id")
        batch.drop_index("ix_worklog_visit_id")
        batch.drop_constraint("fk_worklog_prospect_id", type_="foreignkey")
        batch.drop_column("prospect_id")
    op.drop_table("prospects")
