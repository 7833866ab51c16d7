"""Scans and attachments uploaded ahead of their outbox item (issue 20 schema).

Revision ID: 0012
Revises: 0011

- outbox_files: the files an outbox item refers to by SHA-256 instead of carrying them inline,
  with the state of their resumable upload to head office (local_db/models/outbox.py OutboxFile).
  Items queued before this revision keep their bytes inline and are sent as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_files",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("item_id", sa.String(36), sa.ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(60), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("upload_url", sa.String(400), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.Column("sent_bytes", sa.Integer(), nullable=False),
        sa.Column("pieces_sent", sa.Integer(), nullable=False),
        sa.UniqueConstraint("item_id", "sha256", name="uq_outbox_files_item_id_sha256"),
    )


def downgrade() -> None:
    op.drop_table("outbox_files")
