"""The manuals' sales forms (issue 17): 电话邀约记录表, 需求面谈表, 成交面谈记录表, 早会信息记录表,
财经要闻摘录表, and the targets by period and product line of 个人指标进度情况表.

A form that is work done (a call made, an interview held) points to the one work-log entry that
counts it (`worklog_id`), so the day's tally counts it once, from the log.  Free-form parts that
grow with the manuals (calculator inputs, objections) are JSON text, so they need no migration.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class CallRecord(RecordMixin, Base):
    """电话邀约记录表: prepared (often the evening before), then made and reviewed."""

    __tablename__ = "call_records"

    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    prospect_id: Mapped[str | None] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    # The day the call is (to be) made, the manager's local day.
    call_on: Mapped[date] = mapped_column(Date)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # prepared | done
    status: Mapped[str] = mapped_column(String(10), default="prepared")
    script: Mapped[str] = mapped_column(Text, default="")  # the planned invitation (邀约话术)
    # appointment | clear_answer | call_back | no_answer | refused — the first two are 有效电话.
    outcome: Mapped[str | None] = mapped_column(String(12))
    agreed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agreed_place: Mapped[str] = mapped_column(String(200), default="")
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    # The self-review after the call: 准备充分 / 微笑、热情 / 开场白 / other.
    review_prepared: Mapped[bool] = mapped_column(Boolean, default=False)
    review_warm: Mapped[bool] = mapped_column(Boolean, default=False)
    review_opening: Mapped[bool] = mapped_column(Boolean, default=False)
    review_other: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    worklog_id: Mapped[str | None] = mapped_column(ForeignKey("worklog.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_call_records_call_on", "call_on"),
        Index("ix_call_records_client_id", "client_id"),
        Index("ix_call_records_prospect_id", "prospect_id"),
    )


class NeedsInterview(RecordMixin, Base):
    """需求面谈表: before (preparation), during (relationship, needs found), after (analysis)."""

    __tablename__ = "needs_interviews"

    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    prospect_id: Mapped[str | None] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date)
    # draft | done
    status: Mapped[str] = mapped_column(String(10), default="draft")
    preparation: Mapped[str] = mapped_column(Text, default="")
    relationship: Mapped[str] = mapped_column(Text, default="")
    needs_found: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    # education | pension | health | wealth | protection, as a JSON list.
    goals_json: Mapped[str] = mapped_column(Text, default="[]")
    # The calculators' inputs (family, income, cover, assets, …) as JSON: app/rules decides them.
    inputs_json: Mapped[str] = mapped_column(Text, default="{}")
    worklog_id: Mapped[str | None] = mapped_column(ForeignKey("worklog.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_needs_interviews_held_on", "held_on"),
        Index("ix_needs_interviews_client_id", "client_id"),
    )


class ClosingInterview(RecordMixin, Base):
    """成交面谈记录表: the plan presented, FAB, three closing attempts, objections, follow-up."""

    __tablename__ = "closing_interviews"

    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    prospect_id: Mapped[str | None] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date)
    # draft | done
    status: Mapped[str] = mapped_column(String(10), default="draft")
    product_code: Mapped[str] = mapped_column(String(32), default="")
    product_name: Mapped[str] = mapped_column(String(100), default="")
    premium_cents: Mapped[int | None] = mapped_column(BigInteger)
    fab_presented: Mapped[bool] = mapped_column(Boolean, default=False)
    three_attempts: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"objection": …, "handling": …}, …]
    objections_json: Mapped[str] = mapped_column(Text, default="[]")
    other: Mapped[str] = mapped_column(Text, default="")
    improve: Mapped[str] = mapped_column(Text, default="")
    # closed | follow_up | declined
    outcome: Mapped[str | None] = mapped_column(String(10))
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    follow_up_visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id", ondelete="SET NULL"))
    worklog_id: Mapped[str | None] = mapped_column(ForeignKey("worklog.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_closing_interviews_held_on", "held_on"),
        Index("ix_closing_interviews_client_id", "client_id"),
    )


class MorningNote(RecordMixin, Base):
    """早会信息记录表: the points of one morning meeting."""

    __tablename__ = "morning_notes"

    day: Mapped[date] = mapped_column(Date)
    points: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_morning_notes_day", "day"),)


class NewsExcerpt(RecordMixin, Base):
    """财经要闻摘录表: a news item, its key content, the products it matches."""

    __tablename__ = "news_excerpts"

    news_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    # Catalogue product codes, as a JSON list.
    product_codes_json: Mapped[str] = mapped_column(Text, default="[]")

    __table_args__ = (Index("ix_news_excerpts_news_on", "news_on"),)


class LineTarget(RecordMixin, Base):
    """个人指标: a target for a month, quarter or year, for one product line or all ("all")."""

    __tablename__ = "line_targets"

    # month | quarter | year
    period: Mapped[str] = mapped_column(String(8))
    starts_on: Mapped[date] = mapped_column(Date)  # the period's first day
    line: Mapped[str] = mapped_column(String(20))  # a catalogue line, or "all"
    premium_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    policies: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("period", "starts_on", "line", name="uq_line_targets_period_line"),)
