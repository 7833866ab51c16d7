"""Client file cards (客户档案) and what hangs off them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class Client(RecordMixin, Base):
    """A client file card. Migration 0003 adds a full-text index over it (client_search_*),
    kept current by triggers, so every writer (services, import, demo) updates it."""

    __tablename__ = "clients"

    # valid | draft — a card that fails validation is autosaved as a draft, never as valid.
    status: Mapped[str] = mapped_column(String(10), default="valid")
    name: Mapped[str] = mapped_column(String(50))
    # Kept beside the name so pinyin search and pinyin sorting need no work at query time.
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    name_initials: Mapped[str] = mapped_column(String(50), default="")
    gender: Mapped[str | None] = mapped_column(String(1))  # M | F
    birth_date: Mapped[date | None] = mapped_column(Date)
    # resident_id | passport | military_id | birth_certificate | other
    id_type: Mapped[str] = mapped_column(String(20), default="resident_id")
    id_number: Mapped[str | None] = mapped_column(String(32))
    mobile: Mapped[str] = mapped_column(String(20), default="")
    phone_other: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    occupation: Mapped[str] = mapped_column(String(100), default="")
    employer: Mapped[str] = mapped_column(String(100), default="")
    # ordinary | gold | platinum | diamond | private
    tier: Mapped[str] = mapped_column(String(12), default="ordinary")
    # The day the card reached its tier: a care message congratulates a client newly at gold or above.
    tier_since: Mapped[date | None] = mapped_column(Date)
    # walk_in | referral | outlet_staff | other
    source: Mapped[str] = mapped_column(String(12), default="walk_in")
    # conservative | steady | balanced | growth | aggressive
    risk_preference: Mapped[str | None] = mapped_column(String(12))
    income_band: Mapped[str | None] = mapped_column(String(20))
    assets_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    investments: Mapped[str] = mapped_column(Text, default="")
    hobbies: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    blacklisted: Mapped[bool] = mapped_column(Boolean, default=False)
    blacklist_reason: Mapped[str] = mapped_column(String(200), default="")
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    # Denormalised for sorting 100,000 cards without joins; kept up to date by the services.
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_maturity_on: Mapped[date | None] = mapped_column(Date)
    # Set when this card was merged into another; the card stays for history, hidden from lists.
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id"))
    # The card's tags joined by spaces, kept beside client_tags for the search index (FTS5).
    tags_text: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (
        Index("ix_clients_name_pinyin", "name_pinyin"),
        Index("ix_clients_name", "name"),
        Index("ix_clients_name_initials", "name_initials"),
        Index("ix_clients_id_number", "id_number"),
        Index("ix_clients_mobile", "mobile"),
        Index("ix_clients_outlet_id", "outlet_id"),
        Index("ix_clients_tier", "tier"),
        Index("ix_clients_next_maturity_on", "next_maturity_on"),
        Index("ix_clients_last_contact_at", "last_contact_at"),
        # Covers the card side of the Today page's reminder joins (migration 0006).
        Index("ix_clients_reminder_cover", "id", "merged_into_id", "name", "last_contact_at"),
        # The Today page's sets (migration 0009): the merged cards, the cards contacted since a day.
        Index("ix_clients_merged", "merged_into_id", "id", sqlite_where=text("merged_into_id IS NOT NULL")),
        Index("ix_clients_contact_cover", "last_contact_at", "id"),
    )


class FamilyMember(RecordMixin, Base):
    __tablename__ = "client_family"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    # spouse | child | parent | other
    relation: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(50), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    # For children: preschool | primary | middle | high | university | working
    education_stage: Mapped[str | None] = mapped_column(String(12))
    supported: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class ProductHolding(RecordMixin, Base):
    __tablename__ = "client_products"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    # deposit | wealth | fund | insurance | bond | other
    product_type: Mapped[str] = mapped_column(String(12))
    product_name: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    start_on: Mapped[date | None] = mapped_column(Date)
    maturity_on: Mapped[date | None] = mapped_column(Date)

    # The Today page's purchase follow-ups and maturities search by date and read only these
    # columns, so the indexes answer them without the table rows (migration 0006).
    __table_args__ = (
        Index("ix_client_products_start_on", "start_on", "client_id", "product_name", "id"),
        Index("ix_client_products_maturity_on", "maturity_on", "client_id", "product_name", "id"),
    )


class ImportantDate(RecordMixin, Base):
    __tablename__ = "client_dates"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    # anniversary | child_birthday | other  (the client's own birthday comes from birth_date)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(100), default="")
    on: Mapped[date] = mapped_column(Date)
    yearly: Mapped[bool] = mapped_column(Boolean, default=True)

    # The coming week's dates by index (migration 0009, with a month-day expression index).
    __table_args__ = (Index("ix_client_dates_on", "on"),)


class ClientTag(RecordMixin, Base):
    __tablename__ = "client_tags"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(30), index=True)

    __table_args__ = (UniqueConstraint("client_id", "tag"),)
