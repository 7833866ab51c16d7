"""Transactional outbox: written with the business row, drained by sync."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class OutboxItem(RecordMixin, Base):
    __tablename__ = "outbox"

    # Delivery order; assigned max+1 in the same transaction as the business row.
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    # proposal | receipt
    kind: Mapped[str] = mapped_column(String(12))
    record_id: Mapped[str] = mapped_column(String(36))
    # The exact body sent; its id doubles as the Idempotency-Key.
    payload_json: Mapped[str] = mapped_column(Text)
    # A receipt waits until its proposal's item is acknowledged.
    depends_on_id: Mapped[str | None] = mapped_column(ForeignKey("outbox.id"))
    # pending | sending | sent | rejected | discarded
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    server_reply_json: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_outbox_status_seq", "status", "seq"),)
