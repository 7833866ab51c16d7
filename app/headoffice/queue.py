"""Putting a record in the outbox (issue 19): the next `seq`, after its proposal's own item.

An answer to a letter, a change or withdrawal request, or a paper proposal's follow-up goes to
head office in the outbox's order; when it concerns a proposal it depends on that proposal's
item, so sync.outbox never sends it before head office has the proposal.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from local_db import models
from local_db.base import new_uuid


def enqueue(
    session: Session, kind: str, record_id: str, payload_json: str, proposal_id: str | None
) -> models.OutboxItem:
    """Adds an outbox item with the next seq; when `proposal_id` is given the item depends on
    that proposal's own outbox item (kind "proposal", record_id=proposal_id; the latest one if
    several) so it is sent after it, never before.  Flushes; returns the item."""
    depends_on: str | None = None
    if proposal_id is not None:
        depends_on = session.scalar(
            select(models.OutboxItem.id)
            .where(models.OutboxItem.kind == "proposal", models.OutboxItem.record_id == proposal_id)
            .order_by(models.OutboxItem.seq.desc())
            .limit(1)
        )
    seq = (session.scalar(select(func.max(models.OutboxItem.seq))) or 0) + 1
    item = models.OutboxItem(
        id=new_uuid(), seq=seq, kind=kind, record_id=record_id, payload_json=payload_json,
        status="pending", depends_on_id=depends_on,
    )  # fmt: skip
    session.add(item)
    session.flush()
    return item
