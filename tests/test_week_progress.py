"""This week on Today: Monday to the day shown, counted by the daily bars' rule, against the
daily targets of the working days so far (holidays and adjusted working weekends included)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.context import AppContext
from app.day.daily_plans import DailyPlanService
from app.day.today import TodayService
from app.day.week import WEEK_MEASURES
from app.day.worklog import LogInput, WorkLogService
from app.profile.settings import DailyTargets
from app.prospects.records import ProspectInput
from app.prospects.service import ProspectService
from app.rules.ids import ClientId
from local_db.models import Client

SHANGHAI = timezone(timedelta(hours=8))
MONDAY = date(2026, 2, 9)  # the week before the Spring Festival: Saturday 14 Feb is worked, 15 Feb is off


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def plans(ctx: AppContext) -> DailyPlanService:
    return DailyPlanService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


@pytest.fixture
def worklog(ctx: AppContext) -> WorkLogService:
    return WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name="李四")
        session.add(client)
        session.flush()
        return ClientId(client.id)


def visit(worklog: WorkLogService, day: date, client_id: ClientId, step: str) -> None:
    worklog.log(
        LogInput(kind="visit", day=day, at=at(day), client_id=client_id, sales_step=step, effective=step == "close")
    )


def test_monday_to_wednesday_day_by_day_against_three_working_days(
    ctx: AppContext, plans: DailyPlanService, worklog: WorkLogService, client_id: ClientId
) -> None:
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    visit(worklog, MONDAY, client_id, "close")
    visit(worklog, MONDAY, client_id, "present")  # not the whole flow: not a “5访” visit
    visit(worklog, wednesday, client_id, "close")
    worklog.log(LogInput(kind="call", day=MONDAY, at=at(MONDAY), quantity=4))
    worklog.log(LogInput(kind="call", day=tuesday, at=at(tuesday)))
    worklog.log(LogInput(kind="sms", day=tuesday, at=at(tuesday), quantity=20))
    worklog.log(LogInput(kind="prospect", day=wednesday, at=at(wednesday), quantity=2))
    worklog.log(LogInput(kind="sms", day=MONDAY + timedelta(days=3), at=at(MONDAY + timedelta(days=3))))  # after

    week = plans.week(wednesday)

    assert (week.monday, week.day, week.working_days) == (MONDAY, wednesday, 3)
    assert [line.measure for line in week.lines] == list(WEEK_MEASURES)
    visits, calls, sms, prospects = week.lines
    assert (visits.per_day, visits.actual, visits.target, visits.met) == ((1, 0, 1), 2, 15, False)
    assert (calls.per_day, calls.actual, calls.target, calls.met) == ((4, 1, 0), 5, None, False)
    assert (sms.per_day, sms.target) == ((0, 20, 0), 60)
    assert (prospects.per_day, prospects.target) == ((0, 0, 2), 30)
    assert visits.daily_target == (5, 5, 5) and calls.daily_target == ()


def test_each_day_is_exactly_what_its_daily_bars_show(
    ctx: AppContext, plans: DailyPlanService, worklog: WorkLogService, client_id: ClientId
) -> None:
    friday = MONDAY + timedelta(days=4)
    for offset, step in enumerate(("close", "close", "need", "close", "close")):
        day = MONDAY + timedelta(days=offset)
        visit(worklog, day, client_id, step)
        worklog.log(LogInput(kind="sms", day=day, at=at(day), quantity=offset + 1))
    prospects = ProspectService(ctx.store.sessions, ctx.clients, ctx.actor, today=lambda: friday)
    prospects.capture(ProspectInput(name="王五", mobile="13900001111"))

    week = plans.week(friday)

    today = TodayService(ctx.store.sessions, ctx.settings)
    for index, day in enumerate(week.days):
        bars = {p.measure: p for p in today.build(day, zone=SHANGHAI).progress}
        for measure in ("visits", "sms", "prospects"):
            assert week.line(measure).per_day[index] == bars[measure].actual, (day, measure)
            assert week.line(measure).daily_target[index] == bars[measure].target, (day, measure)
    assert week.line("prospects").per_day == (0, 0, 0, 0, 1)
    assert week.line("sms").actual == 15


def test_a_worked_saturday_adds_its_target_and_a_holiday_adds_none(
    plans: DailyPlanService, worklog: WorkLogService, client_id: ClientId
) -> None:
    saturday, sunday = date(2026, 2, 14), date(2026, 2, 15)  # 调休 working day; the Spring Festival holiday
    visit(worklog, sunday, client_id, "close")  # work done on a day off still counts

    week = plans.week(sunday)

    assert week.working == (True, True, True, True, True, True, False)
    assert week.days[-2] == saturday and week.working_days == 6
    visits = week.line("visits")
    assert (visits.target, visits.actual, visits.per_day[-1], visits.daily_target[-1]) == (30, 1, 1, 0)


def test_a_day_whose_targets_were_changed_counts_with_them(ctx: AppContext, plans: DailyPlanService) -> None:
    ctx.settings.set_targets(DailyTargets(visits=6, sms=10))
    plans.set_targets(MONDAY + timedelta(days=1), DailyTargets(visits=2, sms=30))

    week = plans.week(MONDAY + timedelta(days=1))

    assert week.line("visits").daily_target == (6, 2) and week.line("visits").target == 8
    assert week.line("sms").target == 40


def test_a_corrected_entry_counts_once_with_its_correction(plans: DailyPlanService, worklog: WorkLogService) -> None:
    call = worklog.log(LogInput(kind="call", day=MONDAY, at=at(MONDAY), quantity=2))
    sms = worklog.log(LogInput(kind="sms", day=MONDAY, at=at(MONDAY), quantity=5))
    worklog.close_day(MONDAY)
    worklog.correct(call.id, "三通，不是两通", quantity=3)
    worklog.correct(sms.id, "其实是电话", kind="call", quantity=1)

    week = plans.week(MONDAY)

    assert week.line("calls").per_day == (4,)
    assert week.line("sms").per_day == (0,)
    assert (week.days, week.line("visits").target) == ((MONDAY,), 5)
