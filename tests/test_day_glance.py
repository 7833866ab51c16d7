"""The day at a glance: visits of the local day only, in order, with the right names."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from app.context import AppContext
from local_db.models import Client, Outlet, Proposal, Visit, WorkLogEntry

SHANGHAI = timezone(timedelta(hours=8))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def test_visits_of_the_local_day_with_client_and_outlet_names(ctx: AppContext) -> None:
    day = date(2026, 11, 23)
    with ctx.store.sessions.begin() as session:
        outlet = Outlet(code="BJ01", name="工商银行北京朝阳支行")
        client = Client(name="张三")
        session.add_all([outlet, client])
        session.flush()
        session.add_all(
            [
                # 08:30 Shanghai is 00:30 UTC: still this local day.
                Visit(kind="outlet", outlet_id=outlet.id, purpose="outlet_check",
                      starts_at=at(day, 8, 30), ends_at=at(day, 9, 0)),
                Visit(kind="client", client_id=client.id, outlet_id=outlet.id, purpose="closing",
                      starts_at=at(day, 14), ends_at=at(day, 15), status="done"),
                # 23:30 the evening before and 00:10 the day after belong to other days.
                Visit(kind="client", client_id=client.id, purpose="care",
                      starts_at=at(day, 0, 0) - timedelta(minutes=30), ends_at=at(day, 0, 0)),
                Visit(kind="client", client_id=client.id, purpose="care",
                      starts_at=at(day + timedelta(days=1), 0, 10), ends_at=at(day + timedelta(days=1), 1)),
                WorkLogEntry(day=day, at=at(day, 10), kind="call"),
                WorkLogEntry(day=day - timedelta(days=1), at=at(day, 10) - timedelta(days=1), kind="sms"),
                Proposal(status="draft"),
                Proposal(status="finished"),
            ]
        )
    glance = ctx.day_glance.for_day(day, SHANGHAI)
    assert [(v.starts_at.strftime("%H:%M"), v.who, v.purpose, v.status) for v in glance.visits] == [
        ("08:30", "工商银行北京朝阳支行", "outlet_check", "planned"),
        ("14:00", "张三", "closing", "done"),
    ]
    assert glance.worklog_entries == 1
    assert glance.draft_proposals == 1
    assert glance.clients == 1


def test_an_empty_day(ctx: AppContext) -> None:
    glance = ctx.day_glance.for_day(date(2026, 1, 1), SHANGHAI)
    assert glance.visits == () and glance.worklog_entries == glance.clients == 0
