"""The manuals' sales forms, targets by product line, and the daily plan's five measures (issue 17).

Revision ID: 0010
Revises: 0009

- call_records (电话邀约记录表), needs_interviews (需求面谈表), closing_interviews (成交面谈记录表),
  morning_notes (早会信息记录表), news_excerpts (财经要闻摘录表), line_targets (个人指标: a target per
  month / quarter / year and product line); see local_db/models/sales_forms.py;
- daily_plans: the plan numbers of the manual's five measures and the per-step analysis, added
  in place (ALTER TABLE ADD COLUMN, with the defaults a new row gets).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PLAN_COLUMNS = (
    ("target_calls", sa.Integer(), "0"),
    ("target_needs_interviews", sa.Integer(), "0"),
    ("target_closing_interviews", sa.Integer(), "0"),
    ("target_sales_cents", sa.BigInteger(), "0"),
    ("target_after_sales", sa.Integer(), "0"),
    ("step_analysis_json", sa.Text(), "{}"),
)


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _fk(name: str, table: str, ondelete: str) -> sa.Column[Any]:
    return sa.Column(name, sa.String(36), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=True)


def _who() -> list[sa.Column[Any]]:
    return [_fk("client_id", "clients", "CASCADE"), _fk("prospect_id", "prospects", "CASCADE")]


def upgrade() -> None:
    op.create_table(
        "call_records",
        *_record_columns(),
        *_who(),
        sa.Column("call_on", sa.Date(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("script", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=True),
        sa.Column("agreed_at", sa.DateTime(), nullable=True),
        sa.Column("agreed_place", sa.String(200), nullable=False),
        _fk("visit_id", "visits", "SET NULL"),
        sa.Column("review_prepared", sa.Boolean(), nullable=False),
        sa.Column("review_warm", sa.Boolean(), nullable=False),
        sa.Column("review_opening", sa.Boolean(), nullable=False),
        sa.Column("review_other", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        _fk("worklog_id", "worklog", "SET NULL"),
    )
    op.create_index("ix_call_records_call_on", "call_records", ["call_on"])
    op.create_index("ix_call_records_client_id", "call_records", ["client_id"])
    op.create_index("ix_call_records_prospect_id", "call_records", ["prospect_id"])
    op.create_table(
        "needs_interviews",
        *_record_columns(),
        *_who(),
        _fk("visit_id", "visits", "SET NULL"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("preparation", sa.Text(), nullable=False),
        sa.Column("relationship", sa.Text(), nullable=False),
        sa.Column("needs_found", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("goals_json", sa.Text(), nullable=False),
        sa.Column("inputs_json", sa.Text(), nullable=False),
        _fk("worklog_id", "worklog", "SET NULL"),
    )
    op.create_index("ix_needs_interviews_held_on", "needs_interviews", ["held_on"])
    op.create_index("ix_needs_interviews_client_id", "needs_interviews", ["client_id"])
    op.create_table(
        "closing_interviews",
        *_record_columns(),
        *_who(),
        _fk("visit_id", "visits", "SET NULL"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("product_code", sa.String(32), nullable=False),
        sa.Column("product_name", sa.String(100), nullable=False),
        sa.Column("premium_cents", sa.BigInteger(), nullable=True),
        sa.Column("fab_presented", sa.Boolean(), nullable=False),
        sa.Column("three_attempts", sa.Boolean(), nullable=False),
        sa.Column("objections_json", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("improve", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        _fk("follow_up_visit_id", "visits", "SET NULL"),
        _fk("proposal_id", "proposals", "SET NULL"),
        _fk("worklog_id", "worklog", "SET NULL"),
    )
    op.create_index("ix_closing_interviews_held_on", "closing_interviews", ["held_on"])
    op.create_index("ix_closing_interviews_client_id", "closing_interviews", ["client_id"])
    op.create_table(
        "morning_notes",
        *_record_columns(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("points", sa.Text(), nullable=False),
    )
    op.create_index("ix_morning_notes_day", "morning_notes", ["day"])
    op.create_table(
        "news_excerpts",
        *_record_columns(),
        sa.Column("news_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("product_codes_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_news_excerpts_news_on", "news_excerpts", ["news_on"])
    op.create_table(
        "line_targets",
        *_record_columns(),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("line", sa.String(20), nullable=False),
        sa.Column("premium_cents", sa.BigInteger(), nullable=False),
        sa.Column("policies", sa.Integer(), nullable=False),
        sa.UniqueConstraint("period", "starts_on", "line", name="uq_line_targets_period_line"),
    )
    for name, type_, default in PLAN_COLUMNS:
        op.add_column("daily_plans", sa.Column(name, type_, nullable=False, server_default=default))


def downgrade() -> None:
    with op.batch_alter_table("daily_plans") as batch:
        for name, _type, _default in reversed(PLAN_COLUMNS):
            batch.drop_column(name)
    for table in ("line_targets", "news_excerpts", "morning_notes", "closing_interviews", "needs_interviews",
                  "call_records"):  # fmt: skip
        op.drop_table(table)
