"""电话邀约记录表: prepared the evening before, made, counted once as 有效电话, a visit booked once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.day.worklog import LogInput, WorkLogService
from app.errors import InvalidInput
from app.prospects.records import ProspectInput
from app.rules.ids import ClientId, ProspectId
from app.sales_forms.calls import OUTCOMES, CallInput, CallRecordService, is_effective
from local_db.models import Client, ProductHolding, Prospect, Visit, VisitChecklistItem, WorkLogEntry

SHANGHAI = timezone(timedelta(hours=8))
EVENING = date(2026, 11, 23)
DAY = date(2026, 11, 24)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def calls(ctx: AppContext) -> CallRecordService:
    return CallRecordService(ctx.store.sessions, ctx.actor, zone=SHANGHAI, now=lambda: at(10, 15))


@pytest.fixture
def worklog(ctx: AppContext) -> WorkLogService:
    return WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI, now=lambda: at(10, 15))


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name="张三", gender="M", birth_date=date(1980, 5, 1), mobile="13812345678")
        session.add(client)
        session.flush()
        session.add(
            ProductHolding(client_id=client.id, product_type="insurance", product_name="鑫享年金", amount_cents=1)
        )
        return ClientId(client.id)


def entries(ctx: AppContext) -> list[WorkLogEntry]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(WorkLogEntry).order_by(WorkLogEntry.created_at)))


def visits(ctx: AppContext) -> list[Visit]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(Visit)))


def effective_calls(ctx: AppContext, day: date = DAY) -> int:
    """有效电话 as the day's actuals count them: latest versions of call entries, effective."""
    rows = [e for e in entries(ctx) if e.day == day]
    replaced = {e.corrects_id for e in rows if e.corrects_id}
    return sum(1 for e in rows if e.kind == "call" and e.effective and e.id not in replaced)


def test_prepared_the_evening_before_counts_nothing_and_reads_the_card(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId
) -> None:
    record = calls.prepare(CallInput(call_on=DAY, client_id=client_id, script="您好，张先生……"))
    assert record.status == "prepared" and record.worklog_id is None and not record.effective
    subject = record.subject
    assert (subject.name, subject.gender, subject.age, subject.products) == ("张三", "M", 46, ("鑫享年金",))
    assert subject.mobile_masked != "13812345678" and subject.mobile_masked.endswith("5678")
    assert [r.id for r in calls.day(DAY)] == [record.id]
    assert calls.day(EVENING) == []
    assert entries(ctx) == []
    # Basics are read, never copied: the card's change shows on the form.
    with ctx.store.sessions.begin() as session:
        session.get_one(Client, client_id).name = "张三丰"
    assert calls.get(record.id).subject.name == "张三丰"


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_each_outcome_writes_one_call_entry_effective_only_for_appointment_or_clear_answer(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId, outcome: str
) -> None:
    record = calls.prepare(CallInput(call_on=DAY, client_id=client_id))
    done = calls.mark_done(record.id, outcome, agreed_at=at(15) if outcome == "appointment" else None,
                           agreed_place="网点贵宾室", called_at=at(9, 30))  # fmt: skip
    [entry] = entries(ctx)
    assert (entry.id, entry.kind, entry.client_id, entry.day) == (done.worklog_id, "call", client_id, DAY)
    assert entry.effective is (outcome in ("appointment", "clear_answer")) is done.effective is is_effective(outcome)
    assert effective_calls(ctx) == int(outcome in ("appointment", "clear_answer"))
    assert entry.at == at(9, 30)
    with ctx.store.sessions() as session:
        assert session.get_one(Client, client_id).last_contact_at == at(9, 30)
    assert len(visits(ctx)) == (1 if outcome == "appointment" else 0)


def test_the_agreed_time_books_exactly_one_visit_and_editing_keeps_it_one(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId
) -> None:
    record = calls.prepare(CallInput(call_on=DAY, client_id=client_id, script="邀约"))
    done = calls.mark_done(record.id, "appointment", agreed_at=at(15, 0, DAY + timedelta(days=2)), agreed_place="茶楼")
    [visit] = visits(ctx)
    assert (visit.id, visit.client_id, visit.purpose, visit.status) == (done.visit_id, client_id, "needs_interview",
                                                                       "planned")  # fmt: skip
    assert visit.starts_at == at(15, 0, DAY + timedelta(days=2)) and visit.location == "茶楼"
    with ctx.store.sessions() as session:
        assert (session.scalar(select(func.count()).select_from(VisitChecklistItem)) or 0) > 0
    # Edit the form: new time and place, notes, review ticks: the same visit and entry move.
    data = replace(done.as_input(), agreed_at=at(10, 0, DAY + timedelta(days=3)), agreed_place="客户办公室",
                   review_prepared=True, review_warm=True, notes="客户很感兴趣")  # fmt: skip
    again = calls.save(record.id, data)
    calls.save(record.id, data)
    [visit] = visits(ctx)
    assert visit.id == again.visit_id == done.visit_id
    assert visit.starts_at == at(10, 0, DAY + timedelta(days=3)) and visit.location == "客户办公室"
    assert [e.id for e in entries(ctx)] == [done.worklog_id]
    assert again.review_prepared and again.review_warm and not again.review_opening
    # No appointment any more: the visit still planned goes, the entry stays (not effective).
    changed = calls.save(record.id, replace(data, outcome="call_back"))
    assert visits(ctx) == [] and changed.visit_id is None
    assert [e.effective for e in entries(ctx)] == [False]


def test_undoing_a_call_removes_its_entry_and_a_held_visit_stays(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId
) -> None:
    record = calls.prepare(CallInput(call_on=DAY, client_id=client_id))
    done = calls.mark_done(record.id, "appointment", agreed_at=at(16))
    ctx.planner.set_status(done.visit_id, "done", sales_step="need")  # type: ignore[arg-type]
    undone = calls.save(record.id, replace(done.as_input(), done=False))
    assert undone.status == "prepared" and undone.worklog_id is None
    assert [e.kind for e in entries(ctx)] == ["visit"]  # the held visit's own entry, not the call
    assert [v.status for v in visits(ctx)] == ["done"]
    assert effective_calls(ctx) == 0


def test_a_closed_day_refuses_new_calls_and_corrects_with_a_reason(
    ctx: AppContext, calls: CallRecordService, worklog: WorkLogService, client_id: ClientId
) -> None:
    record = calls.mark_done(calls.prepare(CallInput(call_on=DAY, client_id=client_id)).id, "no_answer",
                             called_at=at(9))  # fmt: skip
    late = calls.prepare(CallInput(call_on=DAY, client_id=client_id))
    worklog.close_day(DAY)
    with pytest.raises(InvalidInput) as refused:
        calls.mark_done(late.id, "clear_answer")
    assert "已关闭" in refused.value.text("zh_CN") and "closed" in str(refused.value)
    # The review and notes are the manager's own: they change freely; the count does not.
    noted = calls.save(record.id, replace(record.as_input(), review_opening=True, notes="下次早点打"))
    assert noted.day_closed and noted.worklog_id == record.worklog_id
    with pytest.raises(InvalidInput) as no_reason:
        calls.save(record.id, replace(noted.as_input(), outcome="clear_answer"))
    assert "原因" in no_reason.value.text("zh_CN")
    corrected = calls.save(record.id, replace(noted.as_input(), outcome="clear_answer"), reason="记错了结果")
    assert corrected.worklog_id != record.worklog_id
    assert effective_calls(ctx) == 1 and len(entries(ctx)) == 2
    with pytest.raises(InvalidInput):
        calls.save(record.id, replace(corrected.as_input(), done=False))
    with pytest.raises(InvalidInput):
        calls.delete(record.id)


@pytest.mark.parametrize(
    ("change", "zh"),
    [
        ({"client_id": None}, "只对应一位客户或一位准客户"),
        ({"outcome": "maybe"}, "未知的通话结果"),
        ({"done": True}, "请选择通话结果"),
        ({"done": True, "outcome": "appointment"}, "约定的时间"),
        ({"done": True, "outcome": "appointment", "agreed_at": at(9, 0, EVENING)}, "早于通话日期"),
        ({"called_at": at(9, 0, EVENING)}, "不在"),
        ({"called_at": datetime(2026, 11, 24, 9)}, "时区"),
        ({"agreed_place": "地" * 201}, "地点超过"),
    ],
)
def test_bad_input_is_refused_in_both_languages(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId, change: dict[str, Any], zh: str
) -> None:
    data = replace(CallInput(call_on=DAY, client_id=client_id), **change)
    with pytest.raises(InvalidInput) as refused:
        calls.prepare(data)
    assert zh in refused.value.text("zh_CN") and refused.value.message
    assert entries(ctx) == [] and calls.day(DAY) == []


def test_a_prospect_call_counts_and_moves_them_on_without_a_visit(ctx: AppContext, calls: CallRecordService) -> None:
    result = ctx.prospects.capture(ProspectInput(name="李四", mobile="13912345678", gender="F", age=35))
    prospect_id = ProspectId(result.prospect.id)  # type: ignore[union-attr]
    record = calls.prepare(CallInput(call_on=DAY, prospect_id=prospect_id))
    assert (record.subject.kind, record.subject.age, record.subject.products) == ("prospect", 35, ())
    done = calls.mark_done(record.id, "appointment", agreed_at=at(14), agreed_place="网点")
    assert done.effective and done.visit_id is None  # a planner visit is with a client card
    [entry] = entries(ctx)
    assert (entry.prospect_id, entry.client_id, entry.effective) == (prospect_id, None, True)
    with ctx.store.sessions() as session:
        assert session.get_one(Prospect, prospect_id).stage == "contacted"
    assert [r.id for r in calls.for_subject(prospect_id=prospect_id)] == [record.id]


def test_deleting_a_record_takes_its_entry_and_its_planned_visit(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId
) -> None:
    record = calls.mark_done(calls.prepare(CallInput(call_on=DAY, client_id=client_id)).id, "appointment",
                             agreed_at=at(17))  # fmt: skip
    assert len(entries(ctx)) == 1 and len(visits(ctx)) == 1
    calls.delete(record.id)
    assert entries(ctx) == [] and visits(ctx) == [] and calls.day(DAY) == []
    with ctx.store.sessions() as session:
        assert session.get_one(Client, client_id).last_contact_at is None


def test_the_clients_history_shows_the_call_once_as_its_form(
    ctx: AppContext, calls: CallRecordService, client_id: ClientId
) -> None:
    record = calls.mark_done(calls.prepare(CallInput(call_on=DAY, client_id=client_id)).id, "clear_answer",
                             called_at=at(11))  # fmt: skip
    by_hand = ctx.worklog.log(LogInput(kind="call", day=DAY, at=at(16), client_id=client_id))
    history = ctx.clients.history(client_id)
    forms = [h for h in history if h.kind == "call_record"]
    assert [(h.record_id, h.title, h.at) for h in forms] == [(record.id, "clear_answer", at(11))]
    logged = [h for h in history if h.kind == "worklog"]
    assert [h.at for h in logged] == [by_hand.at]  # the plain call logged by hand, not the form's entry
