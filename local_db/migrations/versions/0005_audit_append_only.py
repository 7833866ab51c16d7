"""Audit events become append-only: the database refuses to change or delete one.

Revision ID: 0005
Revises: 0004

The hash chain (app/profile/audit.py) makes tampering *evident*; these triggers make the
ordinary ways of tampering fail loudly, so no code path of ours (or a stray SQL session in a
DB browser) can rewrite history by accident. Anyone holding the file (and, once it is
encrypted, its key) can drop the triggers first — that is what `branchdesk audit verify` is
for. Alembic cannot reflect triggers, so tests/test_schema.py does not see them;
tests/test_audit_verify.py checks they are there and refuse.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_events_no_delete")
    op.execute("DROP TRIGGER audit_events_no_update")
