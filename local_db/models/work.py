"""The manager's day: visits (拜访), the work log (工作日志) and the daily plan & summary."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class VisitSeries(RecordMixin, Base):
    """A recurring visit (e.g. every Tuesday at an outlet).

    Occurrences are computed; a Visit row with series_id and occurrence_on overrides one
    occurrence (moved, cancelled, done), which is how single-occurrence exceptions are kept.
    """

    __tablename__ = "visit_series"

    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(30))
    # weekly:<ISO weekday 1-7>, the only rule the manuals call for so far
    rule: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    location: Mapped[str] = mapped_column(String(200), default="")


class Visit(RecordMixin, Base):
    __tablename__ = "visits"

    # client | outlet
    kind: Mapped[str] = mapped_column(String(10), default="client")
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    # e.g. needs_interview | product_presentation | closing | policy_delivery | care | outlet_check
    purpose: Mapped[str] = mapped_column(String(30))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    location: Mapped[str] = mapped_column(String(200), default="")
    # planned | done | cancelled | no_show | rescheduled
    status: Mapped[str] = mapped_column(String(12), default="planned")
    # closed | not_closed | follow_up
    outcome: Mapped[str | None] = mapped_column(String(12))
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    referrals_asked: Mapped[int] = mapped_column(Integer, default=0)
    series_id: Mapped[str | None] = mapped_column(ForeignKey("visit_series.id", ondelete="CASCADE"))
    occurrence_on: Mapped[date | None] = mapped_column(Date)
    rescheduled_to_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"))

    __table_args__ = (
        Index("ix_visits_starts_at", "starts_at"),
        Index("ix_visits_client_id", "client_id"),
        Index("ix_visits_series_occurrence", "series_id", "occurrence_on"),
    )


class VisitChecklistItem(RecordMixin, Base):
    __tablename__ = "visit_checklist"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    # before | during | after  (the “3S” of the manuals)
    phase: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(100))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class WorkLogEntry(RecordMixin, Base):
    __tablename__ = "worklog"

    # The manager's local calendar day: the day a closed log belongs to must not shift with UTC.
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # visit | call | sms | leaflets | prospect | meeting | outlet | other
    kind: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    # A contact with someone not yet a client; converting the prospect moves it to the card.
    prospect_id: Mapped[str | None] = mapped_column(ForeignKey("prospects.id", ondelete="SET NULL"))
    # identify | need | present | objection | close — the five steps of an effective contact
    sales_step: Mapped[str | None] = mapped_column(String(10))
    # Counts toward the “5访” target only when the full sales flow was run.
    effective: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Once a day is closed its entries are locked; a change is a new entry pointing here.
    corrects_id: Mapped[str | None] = mapped_column(ForeignKey("worklog.id"))

    __table_args__ = (
        Index("ix_worklog_day", "day"),
        Index("ix_worklog_client_id", "client_id"),
        Index("ix_worklog_visit_id", "visit_id"),
        Index("ix_worklog_prospect_id", "prospect_id"),
    )


class DailyPlan(RecordMixin, Base):
    """每日工作计划与总结表: one row a day, targets set in the morning, summary in the evening."""

    __tablename__ = "daily_plans"

    day: Mapped[date] = mapped_column(Date, unique=True)
    target_visits: Mapped[int] = mapped_column(Integer, default=5)
    target_leaflets: Mapped[int] = mapped_column(Integer, default=50)
    target_prospects: Mapped[int] = mapped_column(Integer, default=10)
    target_sms: Mapped[int] = mapped_column(Integer, default=20)
    target_meetings: Mapped[int] = mapped_column(Integer, default=0)
    # The manual's five measures (issue 17, migration 0010): 有效电话, 需求面谈, 成交面谈,
    # 销售金额 (fen), 售后服务; and 各环节成败分析与总结 per step, as a JSON object step -> text.
    target_calls: Mapped[int] = mapped_column(Integer, default=0)
    target_needs_interviews: Mapped[int] = mapped_column(Integer, default=0)
    target_closing_interviews: Mapped[int] = mapped_column(Integer, default=0)
    target_sales_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    target_after_sales: Mapped[int] = mapped_column(Integer, default=0)
    step_analysis_json: Mapped[str] = mapped_column(Text, default="{}")
    went_well: Mapped[str] = mapped_column(Text, default="")
    went_badly: Mapped[str] = mapped_column(Text, default="")
    tomorrow_notes: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
