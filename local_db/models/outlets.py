"""Outlet files (网点资料): the branch itself, its staff, competitors and stock of paper."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from local_db.base import Base, RecordMixin


class Outlet(RecordMixin, Base):
    __tablename__ = "outlets"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    bank: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    # Money is kept in cents (分) as integers so sums are exact.
    deposit_personal_cents: Mapped[int | None] = mapped_column(BigInteger)
    deposit_corporate_cents: Mapped[int | None] = mapped_column(BigInteger)
    deposit_target_cents: Mapped[int | None] = mapped_column(BigInteger)
    premium_target_cents: Mapped[int | None] = mapped_column(BigInteger)
    notes: Mapped[str] = mapped_column(Text, default="")

    staff: Mapped[list[OutletStaff]] = relationship(
        back_populates="outlet", cascade="all, delete-orphan", passive_deletes=True
    )


class OutletStaff(RecordMixin, Base):
    __tablename__ = "outlet_staff"

    outlet_id: Mapped[str] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    # head | lobby_manager | wealth_manager | teller | other
    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(32), default="")
    birthday: Mapped[date | None] = mapped_column(Date)
    hobbies: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    outlet: Mapped[Outlet] = relationship(back_populates="staff")


class Competitor(RecordMixin, Base):
    __tablename__ = "outlet_competitors"

    outlet_id: Mapped[str] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(String(100))
    yearly_premium_cents: Mapped[int | None] = mapped_column(BigInteger)
    last_three_months_premium_cents: Mapped[int | None] = mapped_column(BigInteger)
    sales_model: Mapped[str] = mapped_column(String(200), default="")
    strengths: Mapped[str] = mapped_column(Text, default="")


class OutletStockItem(RecordMixin, Base):
    __tablename__ = "outlet_stock"

    outlet_id: Mapped[str] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), index=True)
    # form | brochure
    kind: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(100))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    # Below this the Today page reminds the manager to restock on the next outlet visit.
    reorder_level: Mapped[int] = mapped_column(Integer, default=0)
