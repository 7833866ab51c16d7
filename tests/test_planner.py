"""The visit planner: default checklists, moving and resizing, clashes, statuses, carrying over,
weekly series with their exceptions, and the audit trail."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.errors import NotFound
from app.outlets.records import OutletDraft
from app.planner.records import (
    ChecklistEntry,
    InvalidTransition,
    InvalidVisit,
    SeriesInput,
    VisitInput,
)
from app.planner.service import PlannerService
from app.profile.audit import events_for
from app.rules.ids import ClientId, OutletId, VisitId
from local_db import models

SHANGHAI = timezone(timedelta(hours=8))
TODAY = date(2026, 11, 23)  # a Monday


@pytest.fixture
def planner(ctx: AppContext) -> PlannerService:
    return PlannerService(ctx.store.sessions, ctx.actor, zone=SHANGHAI, today=lambda: TODAY)


@pytest.fixture
def outlet_id(ctx: AppContext) -> OutletId:
    return ctx.outlets.save(OutletDraft(code="BJ001", name="工商银行朝阳支行"))


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = models.Client(name="张伟", mobile="13812345678")
        session.add(client)
        session.flush()
        return ClientId(client.id)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def client_visit(
    client_id: ClientId, day: date = TODAY, hour: int = 10, minutes: int = 60, purpose: str = "closing"
) -> VisitInput:
    start = at(day, hour)
    return VisitInput(
        kind="client", purpose=purpose, starts_at=start, ends_at=start + timedelta(minutes=minutes), client_id=client_id
    )


def audit(ctx: AppContext, entity: str, entity_id: str) -> list[str]:
    with ctx.store.sessions() as session:
        return [e.action for e in events_for(session, entity, entity_id)]


def test_a_new_visit_gets_the_default_checklist_of_its_purpose(
    planner: PlannerService, client_id: ClientId, outlet_id: OutletId
) -> None:
    closing = planner.create(client_visit(client_id))
    detail = planner.get(closing.id)
    assert {"投保单", "名片", "录音笔", "核对客户档案", "预判异议与应答"} <= {i.label for i in detail.phase("before")}
    assert next(i.label for i in detail.phase("during")) == "议程"
    assert "当天发感谢短信" in [i.label for i in detail.phase("after")]
    assert closing.checks_done == 0 and closing.checks_total == len(detail.checklist)
    assert closing.client_name == "张伟" and detail.client_phone_masked == "138****5678"
    assert closing.starts_at == at(TODAY, 10)

    start = at(TODAY, 14)
    check = planner.create(
        VisitInput(
            kind="outlet",
            purpose="outlet_check",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            outlet_id=outlet_id,
        )
    )
    during = [i.label for i in planner.get(check.id).phase("during")]
    assert during == ["检查展示物料", "补充空白单证和宣传册", "培训柜员", "收取已填单证", "听取投诉"]
    assert check.who == "工商银行朝阳支行"


def test_a_checklist_given_replaces_the_defaults_and_ticking_counts(
    planner: PlannerService, client_id: ClientId
) -> None:
    data = client_visit(client_id)
    mine = (ChecklistEntry("before", "名片"), ChecklistEntry("after", "约定下一步"))
    visit = planner.create(VisitInput(**{**data.__dict__, "checklist": mine}))
    items = planner.get(visit.id).checklist
    assert [(i.phase, i.label) for i in items] == [("before", "名片"), ("after", "约定下一步")]
    ticked = planner.toggle_check(items[0].id or "", True)
    assert (ticked.checks_done, ticked.checks_total) == (1, 2)


def test_refuses_what_is_not_a_visit(planner: PlannerService, client_id: ClientId) -> None:
    with pytest.raises(InvalidVisit, match="client"):
        planner.create(VisitInput(kind="client", purpose="care", starts_at=at(TODAY, 9), ends_at=at(TODAY, 10)))
    with pytest.raises(InvalidVisit, match="end after"):
        planner.create(client_visit(client_id, minutes=0))
    with pytest.raises(InvalidVisit, match="15 minutes"):
        planner.create(client_visit(client_id, minutes=10))
    with pytest.raises(InvalidVisit, match="purpose"):
        planner.create(client_visit(client_id, purpose="lunch"))


def test_move_keeps_the_length_and_resize_keeps_the_start(
    ctx: AppContext, planner: PlannerService, client_id: ClientId
) -> None:
    visit = planner.create(client_visit(client_id, minutes=45))
    moved = planner.move(visit.id, at(TODAY + timedelta(days=1), 15, 30))
    assert (moved.starts_at, moved.ends_at) == (
        at(TODAY + timedelta(days=1), 15, 30),
        at(TODAY + timedelta(days=1), 16, 15),
    )
    resized = planner.resize(visit.id, at(TODAY + timedelta(days=1), 17))
    assert (resized.starts_at, resized.minutes) == (moved.starts_at, 90)
    with pytest.raises(InvalidVisit, match="15 minutes"):
        planner.resize(visit.id, resized.starts_at + timedelta(minutes=5))
    with pytest.raises(InvalidVisit, match="end after"):
        planner.resize(visit.id, resized.starts_at - timedelta(minutes=30))
    assert audit(ctx, "visit", visit.id) == ["create", "edit", "edit"]
    with pytest.raises(NotFound):
        planner.move(VisitId("no-such-visit"), at(TODAY, 9))


def test_clashing_visits_are_saved_and_flagged(planner: PlannerService, client_id: ClientId) -> None:
    first = planner.create(client_visit(client_id, hour=10))
    assert not first.overlaps
    second = planner.create(client_visit(client_id, hour=10, minutes=30))
    assert second.overlaps
    assert [v.id for v in planner.overlaps(at(TODAY, 10, 15), at(TODAY, 10, 45), exclude_id=second.id)] == [first.id]
    week = {v.id: v for v in planner.between(TODAY, TODAY + timedelta(days=6))}
    assert week[first.id].overlaps and week[second.id].overlaps
    planner.move(second.id, at(TODAY, 11))  # back to back is not a clash
    assert not any(v.overlaps for v in planner.between(TODAY, TODAY))
    planner.move(second.id, at(TODAY, 10, 30))
    planner.set_status(second.id, "cancelled")  # a cancelled visit takes no time
    assert not any(v.overlaps for v in planner.between(TODAY, TODAY))


def test_status_changes_only_from_planned(ctx: AppContext, planner: PlannerService, client_id: ClientId) -> None:
    visit = planner.create(client_visit(client_id))
    with pytest.raises(InvalidVisit, match="outcome"):
        planner.set_status(visit.id, "cancelled", outcome="closed")
    done = planner.set_status(visit.id, "done", outcome="follow_up", notes="客户需与配偶商量")
    assert (done.status, done.outcome) == ("done", "follow_up")
    assert planner.get(visit.id).notes == "客户需与配偶商量"
    with pytest.raises(InvalidTransition):
        planner.set_status(visit.id, "cancelled")
    with pytest.raises(InvalidVisit, match="planned"):
        planner.move(visit.id, at(TODAY, 15))
    # A "done" by mistake is taken back; nothing else changes a finished visit's status.
    assert planner.set_status(visit.id, "planned").status == "planned"
    cancelled = planner.set_status(visit.id, "cancelled")
    with pytest.raises(InvalidTransition):
        planner.set_status(cancelled.id, "planned")
    assert audit(ctx, "visit", visit.id) == ["create", "status", "status", "status"]


def test_rescheduling_makes_a_linked_visit(planner: PlannerService, client_id: ClientId) -> None:
    visit = planner.create(client_visit(client_id, minutes=90))
    first_item = planner.get(visit.id).checklist[0]
    planner.toggle_check(first_item.id or "", True)
    with pytest.raises(InvalidVisit, match="new date"):
        planner.set_status(visit.id, "rescheduled")
    old = planner.set_status(visit.id, "rescheduled", new_start=at(TODAY + timedelta(days=2), 9))
    assert old.status == "rescheduled" and old.rescheduled_to_id is not None
    new = planner.get(old.rescheduled_to_id)
    assert new.view.status == "planned" and new.view.minutes == 90
    assert new.view.starts_at == at(TODAY + timedelta(days=2), 9)
    assert new.checklist[0].label == first_item.label and new.checklist[0].done  # preparation carried


@pytest.mark.parametrize(
    ("day", "carried_to"),
    [
        (date(2026, 9, 30), date(2026, 10, 8)),  # over the National Day holiday, 1-7 October
        (date(2026, 2, 13), date(2026, 2, 14)),  # a Friday, to the Saturday worked before Spring Festival
    ],
)
def test_carry_over_moves_unfinished_visits_to_the_next_working_day(
    planner: PlannerService, client_id: ClientId, day: date, carried_to: date
) -> None:
    late = planner.create(client_visit(client_id, day=day, hour=16))
    finished = planner.create(client_visit(client_id, day=day, hour=9))
    planner.set_status(finished.id, "done", outcome="closed")
    carried = planner.carry_over(day)
    assert [v.starts_at for v in carried] == [at(carried_to, 16)]
    originals = {v.id: v for v in planner.between(day, day)}
    assert originals[late.id].status == "rescheduled"
    assert originals[late.id].rescheduled_to_id == carried[0].id
    assert originals[finished.id].status == "done"
    assert planner.carry_over(day) == []  # nothing left to carry


def tuesday_round(outlet_id: OutletId, starts_on: date = TODAY) -> SeriesInput:
    return SeriesInput(
        kind="outlet",
        purpose="outlet_check",
        weekday=2,
        starts_on=starts_on,
        start_time=time(9, 30),
        outlet_id=outlet_id,
        location="朝阳支行",
    )


def test_a_weekly_series_is_written_ahead_and_further_when_looked_at(
    ctx: AppContext, planner: PlannerService, outlet_id: OutletId
) -> None:
    occurrences = planner.create_series(tuesday_round(outlet_id))
    assert occurrences[0].starts_at == at(date(2026, 11, 24), 9, 30)
    assert all(v.starts_at.isoweekday() == 2 and v.minutes == 60 for v in occurrences)
    assert len(occurrences) == 12  # the Tuesdays of the twelve weeks ahead
    assert planner.get(occurrences[0].id).phase("during")[0].label == "检查展示物料"
    far = date(2027, 6, 1)
    assert [v.starts_at.date() for v in planner.between(far, far + timedelta(days=6))] == [far]
    assert audit(ctx, "visit_series", occurrences[0].series_id or "") == ["create"]


def test_holidays_get_no_occurrence(planner: PlannerService, outlet_id: OutletId) -> None:
    occurrences = planner.create_series(tuesday_round(outlet_id, starts_on=date(2026, 9, 22)))
    days = [v.starts_at.date() for v in occurrences]
    assert date(2026, 9, 29) in days and date(2026, 10, 6) not in days and date(2026, 10, 13) in days


def test_exceptions_survive_regeneration(ctx: AppContext, planner: PlannerService, outlet_id: OutletId) -> None:
    first, second, third, *_rest = planner.create_series(tuesday_round(outlet_id))
    planner.move(first.id, at(date(2026, 11, 25), 14))  # to the Wednesday afternoon
    planner.cancel_occurrence(second.id)
    with pytest.raises(InvalidVisit, match="Cancel"):
        planner.delete(third.id)
    planner.between(TODAY, date(2027, 6, 30))
    again = planner.between(TODAY, date(2026, 12, 13))
    by_id = {v.id: v for v in again}
    assert by_id[first.id].starts_at == at(date(2026, 11, 25), 14)
    assert by_id[second.id].status == "cancelled"
    with ctx.store.sessions() as session:
        per_day = session.execute(
            select(models.Visit.occurrence_on, func.count())
            .where(models.Visit.series_id == first.series_id)
            .group_by(models.Visit.occurrence_on)
            .having(func.count() > 1)
        ).all()
    assert per_day == []


def test_delete_leaves_an_audit_event(ctx: AppContext, planner: PlannerService, client_id: ClientId) -> None:
    visit = planner.create(client_visit(client_id))
    planner.update(visit.id, VisitInput(**{**client_visit(client_id).__dict__, "agenda": "讲解条款"}))
    planner.delete(visit.id)
    assert planner.between(TODAY, TODAY) == []
    assert audit(ctx, "visit", visit.id) == ["create", "edit", "delete"]
    with ctx.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(models.VisitChecklistItem)) == 0


def test_carry_over_never_overlaps_the_next_days_visits_and_keeps_the_order(
    planner: PlannerService, client_id: ClientId
) -> None:
    friday, monday = date(2026, 11, 20), TODAY
    # Monday already holds 10:00-11:00 and 11:30-12:00.
    planner.create(client_visit(client_id, day=monday, hour=10))
    planner.create(client_visit(client_id, day=monday, hour=11, minutes=30))
    planner.move(planner.between(monday, monday)[1].id, at(monday, 11, 30))
    # Friday's unfinished: 10:00 (60 min), 10:30 (30 min), 15:00 (90 min).
    first = planner.create(client_visit(client_id, day=friday, hour=10))
    second = planner.create(client_visit(client_id, day=friday, hour=10, minutes=30))
    planner.move(second.id, at(friday, 10, 30))
    third = planner.create(client_visit(client_id, day=friday, hour=15, minutes=90))
    plan = planner.carry_over_plan(friday)
    assert [(m.visit.id, m.new_start, m.new_end, m.next_day) for m in plan] == [
        (first.id, at(monday, 12), at(monday, 13), True),  # 10:00 taken, first free hour after it
        (second.id, at(monday, 13), at(monday, 13, 30), True),  # after the one before it, in order
        (third.id, at(monday, 15), at(monday, 16, 30), True),  # its own time is free: kept
    ]
    assert planner.between(friday, friday)[0].status == "planned"  # the plan moves nothing
    carried = planner.carry_over(friday)
    assert [v.starts_at for v in carried] == [m.new_start for m in plan]
    assert not any(v.overlaps for v in planner.between(monday, monday))


def test_carry_over_goes_to_a_following_working_day_when_the_next_one_is_full(
    planner: PlannerService, client_id: ClientId
) -> None:
    friday, monday, tuesday = date(2026, 11, 20), TODAY, TODAY + timedelta(days=1)
    planner.create(client_visit(client_id, day=monday, hour=9, minutes=9 * 60))  # 09:00-18:00 booked
    planner.create(client_visit(client_id, day=tuesday, hour=9))
    late = planner.create(client_visit(client_id, day=friday, hour=9))
    [move] = planner.carry_over_plan(friday)
    assert (move.visit.id, move.new_start, move.next_day) == (late.id, at(tuesday, 10), False)
