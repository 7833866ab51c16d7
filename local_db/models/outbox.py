"""Transactional outbox: written with the business row, drained by sync."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
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


class OutboxFile(RecordMixin, Base):
    """A scan or attachment an outbox item refers to by SHA-256 (issue 20, migration 0012): a copy
    of its bytes, uploaded to head office in resumable pieces (sync.uploads) before the item goes.
    One row per item and file content."""

    __tablename__ = "outbox_files"

    item_id: Mapped[str] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))  # of `data`, recorded when queued
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # The upload at head office (its path, /v1/uploads/<id>) while it is under way; cleared when
    # head office forgets it (404/410, upload_missing) so the next try starts a new one.
    upload_url: Mapped[str | None] = mapped_column(String(400))
    uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Every byte put into a PATCH body, resends included, and the PATCH requests made: the
    # proof that a drop resumes rather than starts again.
    sent_bytes: Mapped[int] = mapped_column(Integer, default=0)
    pieces_sent: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("item_id", "sha256"),)
