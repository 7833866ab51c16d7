"""The work log: logging, one-click buttons, closing the day and corrections that never double-count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from app.context import AppContext
from app.day.daily_plans import DailyPlanService
from app.day.worklog import LogInput, WorkLogService, tally
from app.errors import InvalidInput, NotFound
from app.planner.records import VisitInput
from app.planner.service import PlannerService
from app.profile.audit import events_for
from app.rules.ids import ClientId, VisitId
from local_db.models import Client, DailyPlan

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 11, 23)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def worklog(ctx: AppContext) -> WorkLogService:
    return WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI, now=lambda: at(10, 15))


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name="张三", mobile="13812345678", id_number="110101199001011234")
        session.add(client)
        session.flush()
        return ClientId(client.id)


def test_log_a_visit_with_the_client_name_and_move_last_contact(
    ctx: AppContext, worklog: WorkLogService, client_id: ClientId
) -> None:
    entry = worklog.log(
        LogInput(
            kind="visit", day=DAY, at=at(14), client_id=client_id, sales_step="close", effective=True, outcome="成交"
        )
    )
    assert (entry.client_name, entry.effective, entry.counts) == ("张三", True, True)
    assert entry.at.utcoffset() == timedelta(hours=8)
    with ctx.store.sessions() as session:
        assert session.get_one(Client, client_id).last_contact_at == at(14)
        audit = events_for(session, "worklog", entry.id)
    assert [e.action for e in audit] == ["create"]
    assert "13812345678" not in str(audit[0].detail) and "1101011990" not in str(audit[0].detail)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "dance"}, "Unknown kind of work 'dance'"),
        ({"quantity": 0}, "at least 1"),
        ({"at": at(14).replace(tzinfo=None)}, "needs its time zone"),
        ({"at": at(23, 30, DAY - timedelta(days=1))}, "is not on 2026-11-23"),
        ({"sales_step": "dream"}, "Unknown sales-flow step"),
        ({"effective": True, "sales_step": "present"}, "whole sales flow"),
        ({"client_id": "missing"}, "No client card missing"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(
    worklog: WorkLogService, changes: dict[str, Any], message: str
) -> None:
    base = {"kind": "visit", "day": DAY, "at": at(9)}
    with pytest.raises(InvalidInput, match=message):
        worklog.log(LogInput(**{**base, **changes}))


def test_quick_buttons_stamp_now_and_add_up(ctx: AppContext, worklog: WorkLogService) -> None:
    worklog.quick("leaflets", DAY, quantity=20)
    worklog.quick("leaflets", DAY, quantity=15)
    entry = worklog.quick("sms", DAY, quantity=12)
    assert entry.at == at(10, 15)
    other_day = worklog.quick("prospect", DAY - timedelta(days=3))
    assert other_day.at == at(10, 15, DAY - timedelta(days=3))
    with ctx.store.sessions() as session:
        actuals = tally(session, DAY)
    assert (actuals.leaflets, actuals.sms, actuals.prospects) == (35, 12, 0)


def test_closed_day_refuses_new_entries_and_explains(worklog: WorkLogService) -> None:
    worklog.quick("call", DAY)
    closed = worklog.close_day(DAY)
    assert worklog.close_day(DAY) == closed  # closing twice changes nothing
    assert worklog.is_closed(DAY)
    with pytest.raises(InvalidInput, match="2026-11-23 is closed") as raised:
        worklog.quick("call", DAY)
    assert "correct an entry" in raised.value.hint


def test_close_day_keeps_the_managers_targets(ctx: AppContext, worklog: WorkLogService) -> None:
    from app.profile.settings import DailyTargets

    ctx.settings.set_targets(DailyTargets(visits=7, leaflets=40))
    worklog.close_day(DAY)
    with ctx.store.sessions() as session:
        plan = session.query(DailyPlan).filter_by(day=DAY).one()
    assert (plan.target_visits, plan.target_leaflets) == (7, 40)


def test_correction_replaces_the_entry_in_counts_and_keeps_the_old_one(
    ctx: AppContext, worklog: WorkLogService, client_id: ClientId
) -> None:
    visit = worklog.log(LogInput(kind="visit", day=DAY, at=at(11), client_id=client_id, sales_step="present"))
    leaflets = worklog.quick("leaflets", DAY, quantity=30)
    with pytest.raises(InvalidInput, match="still open"):
        worklog.correct(visit.id, "wrong step", sales_step="close", effective=True)
    worklog.close_day(DAY)
    fixed = worklog.correct(visit.id, "闭环了，忘记标记", sales_step="close", effective=True)
    assert fixed.corrects_id == visit.id and fixed.day == DAY and fixed.at == visit.at

    entries = worklog.entries(DAY)
    assert {e.id for e in entries if e.counts} == {fixed.id, leaflets.id}
    old = next(e for e in entries if e.id == visit.id)
    new = next(e for e in entries if e.id == fixed.id)
    assert old.corrected_by_id == fixed.id and not old.counts
    assert new.correction_reason == "闭环了，忘记标记" and new.client_name == "张三"
    with ctx.store.sessions() as session:
        actuals = tally(session, DAY)
        assert [e.action for e in events_for(session, "worklog", fixed.id)] == ["correct"]
    assert actuals.visits == 1 and actuals.reached == (1, 1, 1, 1, 1)

    with pytest.raises(InvalidInput, match="already corrected"):
        worklog.correct(visit.id, "again", quantity=2)
    again = worklog.correct(fixed.id, "only a presentation after all", sales_step="present", effective=False)
    with ctx.store.sessions() as session:
        actuals = tally(session, DAY)
    assert actuals.visits == 0 and actuals.reached == (1, 1, 1, 0, 0)
    assert again.corrects_id == fixed.id


def test_correction_needs_a_reason_and_known_fields(worklog: WorkLogService) -> None:
    entry = worklog.quick("call", DAY)
    worklog.close_day(DAY)
    with pytest.raises(InvalidInput, match="needs a reason"):
        worklog.correct(entry.id, "  ", quantity=2)
    with pytest.raises(InvalidInput, match="day"):
        worklog.correct(entry.id, "move it", day=DAY + timedelta(days=1))
    with pytest.raises(NotFound):
        worklog.correct("missing", "why", quantity=2)
    with pytest.raises(InvalidInput, match="at least 1"):
        worklog.correct(entry.id, "none after all", quantity=0)


def test_meetings_count_only_client_meetings(worklog: WorkLogService, ctx: AppContext, client_id: ClientId) -> None:
    worklog.quick("meeting", DAY)  # the morning meeting (晨会)
    worklog.quick("meeting", DAY, client_id=client_id)
    with ctx.store.sessions() as session:
        assert tally(session, DAY).meetings == 1


# ---- every piece of work recorded once (issue 15, item 3) --------------------------------


@pytest.fixture
def planner(ctx: AppContext) -> PlannerService:
    return PlannerService(ctx.store.sessions, ctx.actor, zone=SHANGHAI, today=lambda: DAY)


def plan_visit(planner: PlannerService, client_id: ClientId, hour: int = 10) -> VisitId:
    return planner.create(
        VisitInput(kind="client", purpose="closing", starts_at=at(hour), ends_at=at(hour + 1), client_id=client_id)
    ).id


def last_contact(ctx: AppContext, client_id: ClientId) -> datetime | None:
    with ctx.store.sessions() as session:
        return session.get_one(Client, client_id).last_contact_at


def test_a_visit_marked_done_is_one_entry_counted_once_everywhere(
    ctx: AppContext, planner: PlannerService, worklog: WorkLogService, client_id: ClientId
) -> None:
    visit_id = plan_visit(planner, client_id)
    planner.set_status(visit_id, "done", outcome="closed", notes="签了投保单", sales_step="close")
    [entry] = worklog.entries(DAY)
    assert (entry.kind, entry.visit_id, entry.client_id, entry.sales_step, entry.effective) == (
        "visit", visit_id, client_id, "close", True,
    )  # fmt: skip
    assert entry.at == at(10) and last_contact(ctx, client_id) == at(10)
    summary = DailyPlanService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI).summary(DAY)
    assert {p.measure: p.actual for p in summary.progress}["visits"] == 1
    assert [s.reached for s in summary.steps] == [1, 1, 1, 1, 1]
    assert planner.get(visit_id).sales_step == "close"

    # Changing the visit changes that one entry; never a second one.
    detail = planner.get(visit_id)
    planner.update(visit_id, VisitInput(kind="client", purpose="closing", starts_at=at(10), ends_at=at(11),
                                        client_id=client_id, outcome="follow_up", sales_step="present"))  # fmt: skip
    [changed] = worklog.entries(DAY)
    assert (changed.id, changed.sales_step, changed.effective) == (entry.id, "present", False)
    with ctx.store.sessions() as session:
        assert tally(session, DAY).visits == 0
        assert [e.action for e in events_for(session, "worklog", entry.id)] == ["create", "edit"]
    assert detail.view.status == "done"

    # Un-marking removes it, and the last contact goes back to what it was.
    planner.set_status(visit_id, "planned")
    assert worklog.entries(DAY) == [] and last_contact(ctx, client_id) is None
    planner.set_status(visit_id, "done", sales_step="close")
    assert len(worklog.entries(DAY)) == 1


def test_the_clients_history_shows_a_done_visit_once(
    ctx: AppContext, planner: PlannerService, client_id: ClientId
) -> None:
    visit_id = plan_visit(planner, client_id)
    planner.set_status(visit_id, "done", outcome="closed", sales_step="close")
    assert len(ctx.clients.history(client_id)) == 1


def test_logging_a_visit_for_a_planned_one_links_them_and_marks_it_done(
    ctx: AppContext, planner: PlannerService, worklog: WorkLogService, client_id: ClientId
) -> None:
    morning, afternoon = plan_visit(planner, client_id, 9), plan_visit(planner, client_id, 15)
    assert worklog.planned_visit_for(client_id, DAY, at(14)) == afternoon
    entry = worklog.log(LogInput(kind="visit", day=DAY, at=at(14, 30), client_id=client_id, sales_step="close",
                                 effective=True))  # fmt: skip
    assert entry.visit_id == afternoon  # the nearest in time
    statuses = {v.id: v.status for v in planner.between(DAY, DAY)}
    assert statuses == {morning: "planned", afternoon: "done"}
    assert planner.get(afternoon).sales_step == "close"
    with pytest.raises(InvalidInput, match="already in the work log") as refused:
        worklog.log(LogInput(kind="visit", day=DAY, at=at(15), client_id=client_id, visit_id=afternoon))
    assert refused.value.message_zh == "这次拜访已记入工作日志。"
    call = worklog.log(LogInput(kind="call", day=DAY, at=at(8), client_id=client_id))
    assert call.visit_id is None  # a call is not the meeting
    with ctx.store.sessions() as session:
        assert tally(session, DAY).visits == 1


def test_an_entry_of_an_open_day_can_be_deleted_or_changed_and_the_audit_log_says_so(
    ctx: AppContext, planner: PlannerService, worklog: WorkLogService, client_id: ClientId
) -> None:
    visit_id = plan_visit(planner, client_id)
    planner.set_status(visit_id, "done", sales_step="close")
    [visit_entry] = worklog.entries(DAY)
    mistake = worklog.quick("leaflets", DAY, quantity=500)
    fixed = worklog.edit(mistake.id, quantity=50, notes=" 网点大堂 ")
    assert (fixed.id, fixed.quantity, fixed.notes) == (mistake.id, 50, "网点大堂")
    with pytest.raises(InvalidInput, match="cannot be changed"):
        worklog.edit(mistake.id, day=DAY)
    with pytest.raises(InvalidInput, match="at least 1"):
        worklog.edit(mistake.id, quantity=0)
    worklog.delete(visit_entry.id, "记错了")
    assert [e.id for e in worklog.entries(DAY)] == [mistake.id]
    assert planner.get(visit_id).view.status == "planned"  # the visit no longer counts as done
    assert last_contact(ctx, client_id) is None
    with ctx.store.sessions() as session:
        events = events_for(session, "worklog", visit_entry.id)
        assert [e.action for e in events] == ["create", "delete"]
        assert events[-1].detail["reason"] == "记错了"
        assert [e.action for e in events_for(session, "worklog", mistake.id)] == ["create", "edit"]
    with pytest.raises(NotFound):
        worklog.delete("missing")


def test_a_closed_days_entries_are_corrected_never_deleted_or_edited(
    ctx: AppContext, planner: PlannerService, worklog: WorkLogService, client_id: ClientId
) -> None:
    visit_id = plan_visit(planner, client_id)
    entry = worklog.quick("call", DAY, client_id=client_id)
    worklog.close_day(DAY)
    with pytest.raises(InvalidInput, match="closed: its entries cannot be deleted") as refused:
        worklog.delete(entry.id)
    assert "更正" in refused.value.hint_zh
    with pytest.raises(InvalidInput, match="cannot be changed"):
        worklog.edit(entry.id, quantity=2)
    with pytest.raises(InvalidInput, match="can no longer be recorded"):
        planner.set_status(visit_id, "done", sales_step="close")
    assert planner.get(visit_id).view.status == "planned"  # nothing half-done
