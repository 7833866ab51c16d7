"""The product catalogue version a proposal was filled against (issue 16).

Revision ID: 0008
Revises: 0007

proposals.catalogue_version: the version of head office's product catalogue the laptop held when
the form's product was chosen; it travels with the proposal so head office checks the product's
rules (age range, payment terms, limits) against that version, not its newest one.  NULL for the
proposals filled before the catalogue existed.  Added in place (ALTER TABLE ADD COLUMN).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("proposals", sa.Column("catalogue_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.drop_column("catalogue_version")
