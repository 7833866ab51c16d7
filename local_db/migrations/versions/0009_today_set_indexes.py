"""Indexes that let the Today page judge a few thousand reminders as sets, not row by row.

Revision ID: 0009
Revises: 0008

The purchase follow-ups and maturities of a 100,000-card book are a few thousand product rows;
joining each to its card (to skip merged cards, to read the last contact) cost ~3 µs a row on
the encrypted file, two thirds of the page's SQL.  The queries now test membership in small sets
built once per query instead (`make bench`, Today):

- ix_clients_merged (merged_into_id, id): a partial index of the merged cards only (a handful), so "not merged" is a
  lookup in that short list;
- ix_clients_contact_cover (last_contact_at, id): the cards contacted since a day, ids from the
  index alone; only their purchases are checked against the contact time;
- ix_client_dates_on and the month-day expression index on client_dates: the important dates of
  the coming week by index instead of a scan of the table (kept identical to the expression
  in app/day/today.py, as for the birthdays of 0004; Alembic cannot reflect it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DATES_MONTH_DAY = "ix_client_dates_month_day"


def upgrade() -> None:
    op.create_index("ix_clients_merged", "clients", ["merged_into_id", "id"],
                    sqlite_where=sa.text("merged_into_id IS NOT NULL"))  # fmt: skip
    op.create_index("ix_clients_contact_cover", "clients", ["last_contact_at", "id"])
    op.create_index("ix_client_dates_on", "client_dates", ["on"])
    op.execute(f'CREATE INDEX {DATES_MONTH_DAY} ON client_dates (substr("on", 6, 5))')


def downgrade() -> None:
    op.execute(f"DROP INDEX {DATES_MONTH_DAY}")
    op.drop_index("ix_client_dates_on", table_name="client_dates")
    op.drop_index("ix_clients_contact_cover", table_name="clients")
    op.drop_index("ix_clients_merged", table_name="clients")
