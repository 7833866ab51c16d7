"""The schema as the models declare it and as the migrations build it must be the same."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.schema import SchemaItem

import local_db.models  # noqa: F401
from app.context import AppContext
from local_db.base import Base
from local_db.migrate import script_head
from local_db.schema import head_revision, known_revisions

DOMAIN_TABLES = {
    "outlets",
    "outlet_staff",
    "outlet_competitors",
    "outlet_stock",
    "clients",
    "client_family",
    "client_products",
    "client_dates",
    "client_tags",
    "visits",
    "visit_checklist",
    "visit_series",
    "worklog",
    "daily_plans",
    "proposals",
    "proposal_parties",
    "proposal_beneficiaries",
    "signatures",
    "receipts",
    "handover_lists",
    "handover_items",
    "hq_letters",
    "outbox",
    "audit_events",
    "settings",
    "reminder_actions",
    "prospects",
}


def test_known_revisions_agree_with_alembic(tmp_path: Path) -> None:
    assert head_revision() == script_head(tmp_path / "x.sqlite3")
    assert known_revisions() == sorted(known_revisions()) and len(known_revisions()) >= 2


def not_search_index(obj: SchemaItem, name: str | None, type_: str, reflected: bool,
                     compare_to: SchemaItem | None) -> bool:  # fmt: skip
    # The FTS5 index and its key table live only in migration 0003 (SQLAlchemy has no
    # virtual tables); tests/test_client_search.py checks them.
    return not (type_ == "table" and name is not None and name.startswith("client_search_"))


def test_migrations_build_exactly_the_models(ctx: AppContext) -> None:
    with ctx.store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": not_search_index})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_whole_domain_is_modelled_and_every_record_has_uuid_and_utc_stamps() -> None:
    assert set(Base.metadata.tables) >= DOMAIN_TABLES
    for table in Base.metadata.tables.values():
        assert {"id", "created_at", "updated_at"} <= set(table.columns.keys()), table.name
        assert table.c.id.primary_key
