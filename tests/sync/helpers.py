"""Reading both sides after a sync: what head office holds and what the laptop says."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import func, select

from app.context import AppContext
from local_db import models
from sync.headoffice.db import StatusEvent, make_engine
from tests.headoffice.server import HeadOffice


def received_counts(office: HeadOffice) -> Counter[str]:
    """record id -> how many "received" events head office wrote for it (one per acceptance)."""
    engine = make_engine(office.db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(StatusEvent.record_id, func.count()).where(StatusEvent.status == "received")
                .group_by(StatusEvent.record_id)
            ).tuples().all()  # fmt: skip
    finally:
        engine.dispose()
    return Counter(dict(rows))


def outbox(ctx: AppContext) -> list[models.OutboxItem]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)))


def assert_exactly_once(ctx: AppContext, office: HeadOffice) -> None:
    """Every outbox item is sent, and head office holds each exactly once, byte for byte,
    with the first answer it gave stored on the laptop."""
    items = outbox(ctx)
    assert [i.status for i in items if i.status != "sent"] == []
    records = {r.id: r for r in office.records()}
    assert len(records) == len(items)
    assert set(received_counts(office).values()) == {1}
    for item in items:
        record = records[item.record_id]
        assert record.idempotency_key == item.id
        assert record.body == item.payload_json
        reply = json.loads(item.server_reply_json)
        assert (reply["id"], reply["seq"]) == (record.id, record.seq)  # the first answer, not a new one
