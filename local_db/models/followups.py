"""What the manager does about the day's reminders, and the people not yet clients (准客户)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin


class ReminderAction(RecordMixin, Base):
    """Done, snoozed, dismissed or (a care message) sent: one row per occurrence of a reminder.

    A reminder is computed, not stored (a birthday, a maturity, a receipt due back); it is named by
    its kind, the row it is about and the day that occurrence falls on, so next year's birthday is
    a new occurrence while this year's, once done, does not come back.
    """

    __tablename__ = "reminder_actions"

    # birthday | anniversary | maturity | purchase_follow_up | receipt | letter | policy_delivery,
    # or care:<kind> for a care message (关怀短信) on the care worklist
    kind: Mapped[str] = mapped_column(String(30))
    # The client, product, important date, receipt or letter the reminder is about.
    subject_id: Mapped[str] = mapped_column(String(36))
    occurs_on: Mapped[date] = mapped_column(Date)
    # done | snoozed | dismissed | sent
    action: Mapped[str] = mapped_column(String(10))
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The work-log entry the action wrote (a care message sent, a follow-up call), if any.
    worklog_id: Mapped[str | None] = mapped_column(ForeignKey("worklog.id", ondelete="SET NULL"))

    __table_args__ = (
        UniqueConstraint("kind", "subject_id", "occurs_on", name="uq_reminder_actions_occurrence"),
        Index("ix_reminder_actions_snoozed_until", "snoozed_until"),
    )


class Prospect(RecordMixin, Base):
    """准客户: someone met but not yet a client; captured with a name and a phone, no ID number."""

    __tablename__ = "prospects"

    name: Mapped[str] = mapped_column(String(50))
    mobile: Mapped[str] = mapped_column(String(20), default="")
    gender: Mapped[str | None] = mapped_column(String(1))  # M | F
    age: Mapped[int | None] = mapped_column(Integer)
    occupation: Mapped[str] = mapped_column(String(100), default="")
    housing: Mapped[str] = mapped_column(String(100), default="")
    car: Mapped[str] = mapped_column(String(100), default="")
    family: Mapped[str] = mapped_column(String(200), default="")
    interests: Mapped[str] = mapped_column(String(200), default="")
    # walk_in | referral | outlet_staff | event | other (as a client card's source)
    source: Mapped[str] = mapped_column(String(12), default="walk_in")
    referred_by_client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))
    referred_by_prospect_id: Mapped[str | None] = mapped_column(ForeignKey("prospects.id", ondelete="SET NULL"))
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    # new | contacted | interviewed | proposed | converted | lost
    stage: Mapped[str] = mapped_column(String(12), default="new")
    # The manager's local day of capture: the "10 new prospects" target counts these.
    captured_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    converted_client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_prospects_captured_on", "captured_on"),
        Index("ix_prospects_mobile", "mobile"),
    )
