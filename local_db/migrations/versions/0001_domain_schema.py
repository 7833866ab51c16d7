"""Domain schema: every table of ../shared/domain.md.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import local_db.base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_events_seq")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "daily_plans",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("target_visits", sa.Integer(), nullable=False),
        sa.Column("target_leaflets", sa.Integer(), nullable=False),
        sa.Column("target_prospects", sa.Integer(), nullable=False),
        sa.Column("target_sms", sa.Integer(), nullable=False),
        sa.Column("target_meetings", sa.Integer(), nullable=False),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("went_badly", sa.Text(), nullable=False),
        sa.Column("tomorrow_notes", sa.Text(), nullable=False),
        sa.Column("closed_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_plans")),
        sa.UniqueConstraint("day", name=op.f("uq_daily_plans_day")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("depends_on_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("next_attempt_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("sent_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("server_reply_json", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["depends_on_id"], ["outbox.id"], name=op.f("fk_outbox_depends_on_id_outbox")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("seq", name=op.f("uq_outbox_seq")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_status_seq", ["status", "seq"], unique=False)

    op.create_table(
        "outlets",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("bank", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("deposit_personal_cents", sa.BigInteger(), nullable=True),
        sa.Column("deposit_corporate_cents", sa.BigInteger(), nullable=True),
        sa.Column("deposit_target_cents", sa.BigInteger(), nullable=True),
        sa.Column("premium_target_cents", sa.BigInteger(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlets")),
        sa.UniqueConstraint("code", name=op.f("uq_outlets_code")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
        sa.UniqueConstraint("key", name=op.f("uq_settings_key")),
    )
    op.create_table(
        "clients",
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("phone_other", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("occupation", sa.String(length=100), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("tier", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("risk_preference", sa.String(length=12), nullable=True),
        sa.Column("income_band", sa.String(length=20), nullable=True),
        sa.Column("assets_cents", sa.BigInteger(), nullable=False),
        sa.Column("investments", sa.Text(), nullable=False),
        sa.Column("hobbies", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("blacklisted", sa.Boolean(), nullable=False),
        sa.Column("blacklist_reason", sa.String(length=200), nullable=False),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("last_contact_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("next_maturity_on", sa.Date(), nullable=True),
        sa.Column("merged_into_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["merged_into_id"], ["clients.id"], name=op.f("fk_clients_merged_into_id_clients")),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_clients_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
    )
    op.create_table(
        "handover_lists",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("teller_name", sa.String(length=50), nullable=False),
        sa.Column("manager_name", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("signed_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_handover_lists_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_lists")),
    )
    op.create_table(
        "outlet_competitors",
        sa.Column("outlet_id", sa.String(length=36), nullable=False),
        sa.Column("company", sa.String(length=100), nullable=False),
        sa.Column("yearly_premium_cents", sa.BigInteger(), nullable=True),
        sa.Column("last_three_months_premium_cents", sa.BigInteger(), nullable=True),
        sa.Column("sales_model", sa.String(length=200), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_outlet_competitors_outlet_id_outlets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_competitors")),
    )
    with op.batch_alter_table("outlet_competitors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outlet_competitors_outlet_id"), ["outlet_id"], unique=False)

    op.create_table(
        "outlet_staff",
        sa.Column("outlet_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("hobbies", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_outlet_staff_outlet_id_outlets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_staff")),
    )
    with op.batch_alter_table("outlet_staff", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outlet_staff_outlet_id"), ["outlet_id"], unique=False)

    op.create_table(
        "outlet_stock",
        sa.Column("outlet_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("item", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("reorder_level", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_outlet_stock_outlet_id_outlets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_stock")),
    )
    with op.batch_alter_table("outlet_stock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outlet_stock_outlet_id"), ["outlet_id"], unique=False)

    op.create_table(
        "proposals",
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.String(length=36), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=True),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("product_name", sa.String(length=100), nullable=False),
        sa.Column("sum_insured_cents", sa.BigInteger(), nullable=True),
        sa.Column("premium_cents", sa.BigInteger(), nullable=True),
        sa.Column("payment_mode", sa.String(length=8), nullable=True),
        sa.Column("payment_years", sa.Integer(), nullable=True),
        sa.Column("payment_bank", sa.String(length=100), nullable=False),
        sa.Column("payment_account", sa.String(length=40), nullable=False),
        sa.Column("payment_account_holder", sa.String(length=50), nullable=False),
        sa.Column("health_answers_json", sa.Text(), nullable=False),
        sa.Column("manager_name", sa.String(length=50), nullable=False),
        sa.Column("manager_code", sa.String(length=32), nullable=False),
        sa.Column("manager_phone", sa.String(length=20), nullable=False),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("finished_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("hq_status", sa.String(length=10), nullable=True),
        sa.Column("hq_status_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("hq_policy_number", sa.String(length=40), nullable=True),
        sa.Column("hq_message", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_proposals_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["previous_id"], ["proposals.id"], name=op.f("fk_proposals_previous_id_proposals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index("ix_proposals_status", ["status"], unique=False)

    op.create_table(
        "client_dates",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_dates_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_dates")),
    )
    with op.batch_alter_table("client_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_dates_client_id"), ["client_id"], unique=False)

    op.create_table(
        "client_family",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("relation", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("education_stage", sa.String(length=12), nullable=True),
        sa.Column("supported", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_family_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_family")),
    )
    with op.batch_alter_table("client_family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_family_client_id"), ["client_id"], unique=False)

    op.create_table(
        "client_products",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("product_type", sa.String(length=12), nullable=False),
        sa.Column("product_name", sa.String(length=100), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("maturity_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_products_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_products")),
    )
    with op.batch_alter_table("client_products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_products_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_client_products_maturity_on"), ["maturity_on"], unique=False)

    op.create_table(
        "client_tags",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_tags_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_tags")),
        sa.UniqueConstraint("client_id", "tag", name=op.f("uq_client_tags_client_id_tag")),
    )
    with op.batch_alter_table("client_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_tags_tag"), ["tag"], unique=False)

    op.create_table(
        "hq_letters",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("remote_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("resolved_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], name=op.f("fk_hq_letters_proposal_id_proposals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_letters")),
        sa.UniqueConstraint("remote_id", name=op.f("uq_hq_letters_remote_id")),
    )
    with op.batch_alter_table("hq_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hq_letters_proposal_id"), ["proposal_id"], unique=False)

    op.create_table(
        "proposal_beneficiaries",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("legal_heirs", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("relation_to_insured", sa.String(length=20), nullable=True),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("benefit_order", sa.Integer(), nullable=False),
        sa.Column("share_basis_points", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_proposal_beneficiaries_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_beneficiaries")),
    )
    with op.batch_alter_table("proposal_beneficiaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_beneficiaries_proposal_id"), ["proposal_id"], unique=False)

    op.create_table(
        "proposal_parties",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("occupation", sa.String(length=100), nullable=False),
        sa.Column("relation_to_policyholder", sa.String(length=20), nullable=True),
        sa.Column("pregnancy_weeks", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_proposal_parties_client_id_clients"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_proposal_parties_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_parties")),
        sa.UniqueConstraint("proposal_id", "role", name=op.f("uq_proposal_parties_proposal_id_role")),
    )
    op.create_table(
        "receipts",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("policy_number", sa.String(length=40), nullable=False),
        sa.Column("picked_up_on", sa.Date(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("cooling_off_days", sa.Integer(), nullable=False),
        sa.Column("cooling_off_ends_on", sa.Date(), nullable=True),
        sa.Column("return_due_on", sa.Date(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("scan", sa.LargeBinary(), nullable=True),
        sa.Column("scan_mime", sa.String(length=40), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("finished_at", local_db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], name=op.f("fk_receipts_proposal_id_proposals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
    )
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipts_proposal_id"), ["proposal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipts_return_due_on"), ["return_due_on"], unique=False)

    op.create_table(
        "visit_series",
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_visit_series_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_visit_series_outlet_id_outlets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_series")),
    )
    op.create_table(
        "handover_items",
        sa.Column("handover_list_id", sa.String(length=36), nullable=False),
        sa.Column("proposal_id", sa.String(length=36), nullable=True),
        sa.Column("receipt_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_list_id"],
            ["handover_lists.id"],
            name=op.f("fk_handover_items_handover_list_id_handover_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["proposals.id"], name=op.f("fk_handover_items_proposal_id_proposals")
        ),
        sa.ForeignKeyConstraint(["receipt_id"], ["receipts.id"], name=op.f("fk_handover_items_receipt_id_receipts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_items")),
    )
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_items_handover_list_id"), ["handover_list_id"], unique=False)

    op.create_table(
        "signatures",
        sa.Column("proposal_id", sa.String(length=36), nullable=True),
        sa.Column("receipt_id", sa.String(length=36), nullable=True),
        sa.Column("handover_list_id", sa.String(length=36), nullable=True),
        sa.Column("signer_role", sa.String(length=12), nullable=False),
        sa.Column("signer_name", sa.String(length=50), nullable=False),
        sa.Column("strokes_json", sa.Text(), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.Column("signed_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_list_id"],
            ["handover_lists.id"],
            name=op.f("fk_signatures_handover_list_id_handover_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["proposals.id"], name=op.f("fk_signatures_proposal_id_proposals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipts.id"], name=op.f("fk_signatures_receipt_id_receipts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signatures_handover_list_id"), ["handover_list_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signatures_proposal_id"), ["proposal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signatures_receipt_id"), ["receipt_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("starts_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("ends_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("referrals_asked", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.String(length=36), nullable=True),
        sa.Column("occurrence_on", sa.Date(), nullable=True),
        sa.Column("rescheduled_to_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_visits_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_visits_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["rescheduled_to_id"], ["visits.id"], name=op.f("fk_visits_rescheduled_to_id_visits")),
        sa.ForeignKeyConstraint(
            ["series_id"], ["visit_series.id"], name=op.f("fk_visits_series_id_visit_series"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_client_id", ["client_id"], unique=False)
        batch_op.create_index("ix_visits_series_occurrence", ["series_id", "occurrence_on"], unique=False)
        batch_op.create_index("ix_visits_starts_at", ["starts_at"], unique=False)

    op.create_table(
        "visit_checklist",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_checklist_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_checklist")),
    )
    with op.batch_alter_table("visit_checklist", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_checklist_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "worklog",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("outlet_id", sa.String(length=36), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("sales_step", sa.String(length=10), nullable=True),
        sa.Column("effective", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", local_db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", local_db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_worklog_client_id_clients"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["corrects_id"], ["worklog.id"], name=op.f("fk_worklog_corrects_id_worklog")),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_worklog_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_worklog_visit_id_visits"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worklog")),
    )
    with op.batch_alter_table("worklog", schema=None) as batch_op:
        batch_op.create_index("ix_worklog_client_id", ["client_id"], unique=False)
        batch_op.create_index("ix_worklog_day", ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("worklog", schema=None) as batch_op:
        batch_op.drop_index("ix_worklog_day")
        batch_op.drop_index("ix_worklog_client_id")

    op.drop_table("worklog")
    with op.batch_alter_table("visit_checklist", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_checklist_visit_id"))

    op.drop_table("visit_checklist")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_starts_at")
        batch_op.drop_index("ix_visits_series_occurrence")
        batch_op.drop_index("ix_visits_client_id")

    op.drop_table("visits")
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signatures_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_signatures_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_signatures_handover_list_id"))

    op.drop_table("signatures")
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_items_handover_list_id"))

    op.drop_table("handover_items")
    op.drop_table("visit_series")
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipts_return_due_on"))
        batch_op.drop_index(batch_op.f("ix_receipts_proposal_id"))

    op.drop_table("receipts")
    op.drop_table("proposal_parties")
    with op.batch_alter_table("proposal_beneficiaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_beneficiaries_proposal_id"))

    op.drop_table("proposal_beneficiaries")
    with op.batch_alter_table("hq_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hq_letters_proposal_id"))

    op.drop_table("hq_letters")
    with op.batch_alter_table("client_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_tags_tag"))

    op.drop_table("client_tags")
    with op.batch_alter_table("client_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_products_maturity_on"))
        batch_op.drop_index(batch_op.f("ix_client_products_client_id"))

    op.drop_table("client_products")
    with op.batch_alter_table("client_family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_family_client_id"))

    op.drop_table("client_family")
    with op.batch_alter_table("client_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_dates_client_id"))

    op.drop_table("client_dates")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_proposals_status")

    op.drop_table("proposals")
    with op.batch_alter_table("outlet_stock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outlet_stock_outlet_id"))

    op.drop_table("outlet_stock")
    with op.batch_alter_table("outlet_staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outlet_staff_outlet_id"))

    op.drop_table("outlet_staff")
    with op.batch_alter_table("outlet_competitors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outlet_competitors_outlet_id"))

    op.drop_table("outlet_competitors")
    op.drop_table("handover_lists")
    op.drop_table("clients")
    op.drop_table("settings")
    op.drop_table("outlets")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status_seq")

    op.drop_table("outbox")
    op.drop_table("daily_plans")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_entity")

    op.drop_table("audit_events")
