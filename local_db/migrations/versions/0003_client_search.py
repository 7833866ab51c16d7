"""Client search: an FTS5 trigram index over names, pinyin, phones, employer, tags and ID tail.

Revision ID: 0003
Revises: 0002

Trigram matching finds any substring of three or more characters through the index, so
search-as-you-type stays fast at 100,000 cards. Shorter queries use the B-tree indexes on
name, pinyin and initials added here. The ID number is indexed with a sentinel after it so a
query can match only its last characters, never its middle (the birth date).

The FTS rows are keyed by client_search_keys.rowid, an explicit INTEGER PRIMARY KEY, because
the implicit rowid of `clients` may be renumbered by VACUUM. Triggers keep both current.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Kept in step with app/clients/search.py, which builds the MATCH expressions.
DOC = {
    "names": "new.name || ' ' || new.name_pinyin || ' ' || new.name_initials",
    "phones": "new.mobile || ' ' || new.phone_other",
    "employer": "new.employer",
    "tags": "new.tags_text",
    "id_tail": "coalesce(new.id_number, '') || '$'",
}
COLUMNS = ", ".join(DOC)
VALUES = ", ".join(DOC.values())
SET = ", ".join(f"{column} = {expr}" for column, expr in DOC.items())


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch_op:
        batch_op.add_column(sa.Column("tags_text", sa.String(300), nullable=False, server_default=""))
        batch_op.create_index("ix_clients_name", ["name"], unique=False)
        batch_op.create_index("ix_clients_name_initials", ["name_initials"], unique=False)
    op.execute(
        "UPDATE clients SET tags_text = coalesce((SELECT group_concat(tag, ' ') FROM client_tags "
        "WHERE client_tags.client_id = clients.id), '')"
    )
    op.execute("CREATE TABLE client_search_keys (rowid INTEGER PRIMARY KEY, client_id VARCHAR(36) NOT NULL UNIQUE)")
    op.execute(f"CREATE VIRTUAL TABLE client_search_fts USING fts5({COLUMNS}, tokenize='trigram')")
    op.execute(
        f"""CREATE TRIGGER client_search_insert AFTER INSERT ON clients BEGIN
            INSERT INTO client_search_keys (client_id) VALUES (new.id);
            INSERT INTO client_search_fts (rowid, {COLUMNS}) VALUES (last_insert_rowid(), {VALUES});
        END"""
    )
    op.execute(
        f"""CREATE TRIGGER client_search_update AFTER UPDATE OF name, name_pinyin, name_initials,
            mobile, phone_other, employer, tags_text, id_number ON clients BEGIN
            UPDATE client_search_fts SET {SET}
            WHERE rowid = (SELECT rowid FROM client_search_keys WHERE client_id = new.id);
        END"""
    )
    op.execute(
        """CREATE TRIGGER client_search_delete AFTER DELETE ON clients BEGIN
            DELETE FROM client_search_fts
            WHERE rowid = (SELECT rowid FROM client_search_keys WHERE client_id = old.id);
            DELETE FROM client_search_keys WHERE client_id = old.id;
        END"""
    )
    op.execute("INSERT INTO client_search_keys (client_id) SELECT id FROM clients")
    backfill = VALUES.replace("new.", "c.")
    op.execute(
        f"INSERT INTO client_search_fts (rowid, {COLUMNS}) SELECT k.rowid, {backfill} "
        "FROM client_search_keys k JOIN clients c ON c.id = k.client_id"
    )


def downgrade() -> None:
    for trigger in ("client_search_insert", "client_search_update", "client_search_delete"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE client_search_fts")
    op.execute("DROP TABLE client_search_keys")
    with op.batch_alter_table("clients") as batch_op:
        batch_op.drop_index("ix_clients_name_initials")
        batch_op.drop_index("ix_clients_name")
        batch_op.drop_column("tags_text")
