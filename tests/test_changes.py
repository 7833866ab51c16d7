"""The change feed: what each committed transaction wrote, measured, published after commit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text, update

from app.changes import Changes, written_table
from app.clients.records import ClientDraft
from app.context import AppContext
from app.planner.records import VisitInput
from app.rules.ids import ClientId
from local_db import models
from sync.outbox import OutboxDrain, RetryPolicy


@pytest.fixture
def published(ctx: AppContext) -> list[Changes]:
    seen: list[Changes] = []
    ctx.changes.subscribe(seen.append)
    return seen


def tables(published: list[Changes]) -> list[set[str]]:
    return [set(c.tables) for c in published]


def card(ctx: AppContext, name: str = "张伟", mobile: str = "13812345678") -> ClientId:
    return ctx.clients.save(ClientDraft(name=name, mobile=mobile)).client_id


def test_a_saved_card_publishes_clients_once_after_commit(ctx: AppContext, published: list[Changes]) -> None:
    card(ctx)
    assert len(published) == 1
    assert "clients" in published[0].tables and "audit_events" in published[0].tables
    assert published[0].touches({"clients", "visits"}) and not published[0].touches({"outbox"})


def test_a_visit_marked_done_publishes_visits(ctx: AppContext, published: list[Changes]) -> None:
    client_id = card(ctx)
    start = datetime.now(UTC).replace(microsecond=0)
    visit = ctx.planner.create(VisitInput(kind="client", purpose="closing", starts_at=start,
                                          ends_at=start + timedelta(hours=1), client_id=client_id))  # fmt: skip
    published.clear()
    ctx.planner.set_status(visit.id, "done", outcome="closed")
    assert len(published) == 1 and "visits" in published[0].tables


def test_a_rolled_back_transaction_publishes_nothing(ctx: AppContext, published: list[Changes]) -> None:
    with pytest.raises(RuntimeError), ctx.store.sessions.begin() as session:
        session.add(models.OutboxItem(seq=1, kind="proposal", record_id="r1", payload_json="{}"))
        session.flush()
        session.execute(update(models.Setting).values(value_json="1"))
        raise RuntimeError("changed my mind")
    with ctx.store.sessions() as session:  # a session closed without commit
        session.add(models.OutboxItem(seq=2, kind="proposal", record_id="r2", payload_json="{}"))
        session.flush()
    assert published == []
    card(ctx)  # and the next commit carries nothing of them
    assert len(published) == 1 and "clients" in published[0].tables
    assert not published[0].touches({"outbox", "settings"})


def test_bulk_statements_and_text_publish_their_tables(ctx: AppContext, published: list[Changes]) -> None:
    card(ctx)
    published.clear()
    with ctx.store.sessions.begin() as session:
        session.execute(update(models.Client).values(notes="bulk"))
    with ctx.store.engine.begin() as connection:
        connection.execute(text("UPDATE settings SET value_json = value_json WHERE key = 'nothing'"))
    with ctx.store.sessions.begin() as session:
        session.execute(text("SELECT 1"))  # a read writes nothing: nothing to say
    assert tables(published) == [{"clients"}, {"settings"}]


def test_a_merge_publishes_clients(ctx: AppContext, published: list[Changes]) -> None:
    keep, drop = card(ctx), card(ctx, "张伟", "13812345679")
    published.clear()
    ctx.clients.merge(keep, drop)
    assert len(published) == 1 and "clients" in published[0].tables


class FakeOffice:
    """Acknowledges every item, as head office does."""

    timeout = (1.0, 1.0)

    def push(self, kind: str, item_id: str, payload: str, **_kw: Any) -> dict[str, Any]:
        return {"id": item_id, "status": "accepted"}


def test_the_outbox_marks_publish_outbox(ctx: AppContext, published: list[Changes]) -> None:
    with ctx.store.sessions.begin() as session:
        session.add(models.OutboxItem(seq=1, kind="proposal", record_id="r1", payload_json="{}"))
    published.clear()
    report = OutboxDrain(ctx.store.sessions, FakeOffice(), RetryPolicy(attempts=1)).run()
    assert report.sent == 1
    assert published and all(c.tables == {"outbox"} for c in published)
    assert len(published) == 2  # marked sending, then sent: each its own transaction


def test_subscribers_are_called_on_the_committing_thread(ctx: AppContext) -> None:
    threads: list[threading.Thread] = []
    ctx.changes.subscribe(lambda _c: threads.append(threading.current_thread()))
    worker = threading.Thread(target=card, args=(ctx,))
    worker.start()
    worker.join()
    assert threads == [worker]


def test_no_subscriber_no_listener_and_unsubscribe_stops_the_calls(ctx: AppContext) -> None:
    from sqlalchemy import event

    feed = ctx.changes
    assert not event.contains(ctx.store.engine, "before_execute", feed._noted)
    seen: list[Changes] = []
    stop = feed.subscribe(seen.append)
    assert event.contains(ctx.store.engine, "before_execute", feed._noted)
    card(ctx)
    stop()
    card(ctx, "李娜", "13900000000")
    assert len(seen) == 1
    assert not event.contains(ctx.store.engine, "before_execute", feed._noted)


def test_a_failing_subscriber_does_not_break_the_commit(ctx: AppContext, published: list[Changes]) -> None:
    def broken(_changes: Changes) -> None:
        raise ValueError("a page's bug")

    ctx.changes.subscribe(broken)
    client_id = card(ctx)
    assert client_id and len(published) == 1


@pytest.mark.parametrize(("statement", "table"), [
    ("INSERT INTO outbox (id) VALUES (1)", "outbox"),
    ("  insert or replace into settings VALUES (1)", "settings"),
    ('UPDATE "visits" SET x = 1', "visits"),
    ("DELETE FROM client_tags WHERE 1", "client_tags"),
    ("SELECT * FROM clients", None),
    ("BEGIN IMMEDIATE", None),
    ("PRAGMA foreign_keys=ON", None),
])  # fmt: skip
def test_text_statements_are_read_by_their_first_words(statement: str, table: str | None) -> None:
    assert written_table(statement) == table
    assert written_table(text(statement)) == table
