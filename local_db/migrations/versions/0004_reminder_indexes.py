"""Indexes behind the Today page's reminders: birthdays by month-day, purchases by date.

Revision ID: 0004
Revises: 0003

Birthday reminders ask "whose birthday falls in the next week" of 100,000 cards; without an
index that is a full scan on every refresh of the Today page. An index on the expression
(SQLite stores a Date as 'YYYY-MM-DD') needs no extra column and no trigger: every writer
(services, import, demo) keeps it current. app/day/today.py queries the same
expression so the planner uses it. Alembic cannot reflect expression indexes, so the schema
comparison in tests/test_schema.py does not see it; tests/test_today.py checks it is used.
A later batch migration that recreates `clients` must create it again (batch mode copies
only the indexes it can reflect).

Purchase follow-ups (a revisit within 10 days of a purchase) look up the last weeks'
purchases among every product held: ix_client_products_start_on, declared on the model.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_clients_birth_month_day ON clients (substr(birth_date, 6, 5))")
    with op.batch_alter_table("client_products") as batch_op:
        batch_op.create_index("ix_client_products_start_on", ["start_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("client_products") as batch_op:
        batch_op.drop_index("ix_client_products_start_on")
    op.execute("DROP INDEX ix_clients_birth_month_day")
