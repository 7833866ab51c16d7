"""What goes back to head office about a proposal (issue 19): answers to problem cases and
letters with what the client signed or provided, and requests to change or withdraw an
application before issue.  Each goes through the outbox, after its proposal; head office's reply
comes back on the status feed (`hq_reply`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class LetterAnswer(RecordMixin, Base):
    """An answer to a problem case (问题件) or a letter (函件)."""

    __tablename__ = "letter_answers"

    letter_id: Mapped[str] = mapped_column(ForeignKey("hq_letters.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    # draft | queued (in the outbox; sent from there exactly once)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Head office's reply, from the status feed: accepted | question | closed
    hq_reply: Mapped[str | None] = mapped_column(String(10))
    hq_reply_text: Mapped[str] = mapped_column(Text, default="")
    hq_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ProposalRequest(RecordMixin, Base):
    """投保单变更申请书 (change) or 撤销投保申请书 (withdraw), before the policy is issued."""

    __tablename__ = "proposal_requests"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # change | withdraw
    # What is to change, field by field, as JSON; the reason in words.
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | queued
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hq_reply: Mapped[str | None] = mapped_column(String(10))  # accepted | refused
    hq_reply_text: Mapped[str] = mapped_column(Text, default="")
    hq_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Attachment(RecordMixin, Base):
    """A photo, scan or PDF of what the client signed or provided, sent with an answer or a request."""

    __tablename__ = "attachments"

    answer_id: Mapped[str | None] = mapped_column(ForeignKey("letter_answers.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str | None] = mapped_column(ForeignKey("proposal_requests.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
