"""Indexes behind the client list's sorts and filters, so 100,000 cards page without scans.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_clients_id_number": ["id_number"],
    "ix_clients_last_contact_at": ["last_contact_at"],
    "ix_clients_mobile": ["mobile"],
    "ix_clients_name_pinyin": ["name_pinyin"],
    "ix_clients_next_maturity_on": ["next_maturity_on"],
    "ix_clients_outlet_id": ["outlet_id"],
    "ix_clients_tier": ["tier"],
}


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
