"""The paperwork loop with head office (issue 19 schema).

Revision ID: 0011
Revises: 0010

- letter_answers, proposal_requests, attachments: answers to problem cases and letters, and
  requests to change or withdraw an application, with what the client signed or provided; each
  goes to head office through the outbox and gets head office's reply back
  (local_db/models/paperwork_loop.py);
- hq_letters: each kind's own fields (JSON), the Planner visit booked for a medical examination,
  the client's decision on an underwriting letter;
- signatures.letter_id: the policyholder's and the insured's signatures on that decision;
- proposals: `source` (app | paper), the paper form's number and initial-review checklist, and
  the withdrawal (撤件) of an application not issued in time;
- receipts: where the policy was picked up, who took the signed 回执 at the insurer's counter.

The columns of proposals and receipts are added in place (ALTER TABLE ADD COLUMN, with the default a
new row gets); hq_letters and signatures, small, are copied to gain their foreign keys.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _reply_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=True),
        sa.Column("hq_reply", sa.String(10), nullable=True),
        sa.Column("hq_reply_text", sa.Text(), nullable=False),
        sa.Column("hq_reply_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "letter_answers",
        *_record_columns(),
        sa.Column("letter_id", sa.String(36), sa.ForeignKey("hq_letters.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *_reply_columns(),
    )
    op.create_index("ix_letter_answers_letter_id", "letter_answers", ["letter_id"])
    op.create_table(
        "proposal_requests",
        *_record_columns(),
        sa.Column("proposal_id", sa.String(36), sa.ForeignKey("proposals.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_reply_columns(),
    )
    op.create_index("ix_proposal_requests_proposal_id", "proposal_requests", ["proposal_id"])
    op.create_table(
        "attachments",
        *_record_columns(),
        sa.Column("answer_id", sa.String(36), sa.ForeignKey("letter_answers.id", ondelete="CASCADE"), nullable=True),
        sa.Column(
            "request_id", sa.String(36), sa.ForeignKey("proposal_requests.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("mime", sa.String(60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_attachments_answer_id", "attachments", ["answer_id"])
    op.create_index("ix_attachments_request_id", "attachments", ["request_id"])

    # Columns with a foreign key go through a copy of the table (batch mode: SQLite cannot add the
    # constraint in place, and an inline REFERENCES reflects without its name and ON DELETE). Both
    # tables are small (a proposal's letters, its few signatures); the big ones are altered in place.
    with op.batch_alter_table("hq_letters", recreate="always") as batch:
        batch.add_column(sa.Column("fields_json", sa.Text(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("visit_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("decision", sa.String(10), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch.create_foreign_key("fk_hq_letters_visit_id_visits", "visits", ["visit_id"], ["id"], ondelete="SET NULL")
    with op.batch_alter_table("signatures", recreate="always") as batch:
        batch.add_column(sa.Column("letter_id", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_signatures_letter_id_hq_letters", "hq_letters", ["letter_id"], ["id"],
                                 ondelete="CASCADE")  # fmt: skip
        batch.create_index("ix_signatures_letter_id", ["letter_id"])
    op.add_column("proposals", sa.Column("source", sa.String(8), nullable=False, server_default="app"))
    op.add_column("proposals", sa.Column("paper_form_number", sa.String(40), nullable=False, server_default=""))
    op.add_column("proposals", sa.Column("review_json", sa.Text(), nullable=False, server_default="{}"))
    op.add_column("proposals", sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
    op.add_column("proposals", sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default=""))
    op.add_column("receipts", sa.Column("picked_up_from", sa.String(10), nullable=True))
    op.add_column("receipts", sa.Column("returned_to", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("receipts") as batch:
        batch.drop_column("returned_to")
        batch.drop_column("picked_up_from")
    with op.batch_alter_table("proposals") as batch:
        for name in ("withdrawn_reason", "withdrawn_at", "review_json", "paper_form_number", "source"):
            batch.drop_column(name)
    op.drop_index("ix_signatures_letter_id", table_name="signatures")
    with op.batch_alter_table("signatures") as batch:
        batch.drop_column("letter_id")
    with op.batch_alter_table("hq_letters") as batch:
        for name in ("decided_at", "decision", "visit_id", "fields_json"):
            batch.drop_column(name)
    for table in ("attachments", "proposal_requests", "letter_answers"):
        op.drop_table(table)
