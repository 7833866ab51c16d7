"""The daily plan & summary: targets vs the log, the sales-flow funnel, the review, tomorrow."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.context import AppContext
from app.day.daily_plans import DailyPlanService
from app.day.worklog import LogInput, WorkLogService
from app.errors import InvalidInput
from app.profile.settings import DailyTargets
from app.rules.ids import ClientId
from local_db.models import Client, Visit

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 2, 13)  # the Friday before the Spring Festival; Saturday 14 Feb is worked


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def plans(ctx: AppContext) -> DailyPlanService:
    return DailyPlanService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


def test_summary_of_an_untouched_day_uses_the_managers_defaults(ctx: AppContext, plans: DailyPlanService) -> None:
    ctx.settings.set_targets(DailyTargets(visits=6))
    summary = plans.summary(DAY)
    assert summary.targets == DailyTargets(visits=6)
    assert next((p.measure, p.actual) for p in summary.progress) == ("visits", 0)
    assert [s.name for s in summary.steps] == ["识别接触", "需求激发", "产品推介", "拒绝处理", "销售促成"]
    assert summary.tomorrow.day == date(2026, 2, 14) and not summary.closed


def test_funnel_actuals_and_tomorrows_visits(ctx: AppContext, plans: DailyPlanService) -> None:
    worklog = WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)
    with ctx.store.sessions.begin() as session:
        client = Client(name="李四")
        session.add(client)
        session.flush()
        client_id = ClientId(client.id)
        session.add(
            Visit(
                kind="client",
                client_id=client_id,
                purpose="closing",
                starts_at=at(date(2026, 2, 14), 10),
                ends_at=at(date(2026, 2, 14), 11),
            )
        )
    for step in ("identify", "need", "need", "present", "objection", "close", "close"):
        worklog.log(
            LogInput(
                kind="visit", day=DAY, at=at(DAY, 10), client_id=client_id, sales_step=step, effective=step == "close"
            )
        )
    worklog.log(LogInput(kind="leaflets", day=DAY, at=at(DAY, 12), quantity=55))
    summary = plans.summary(DAY)
    assert [(s.step, s.reached, s.stopped) for s in summary.steps] == [
        ("identify", 7, 1),
        ("need", 6, 2),
        ("present", 4, 1),
        ("objection", 3, 1),
        ("close", 2, 2),
    ]
    progress = {p.measure: p for p in summary.progress}
    assert progress["visits"].actual == 2 and not progress["visits"].met
    assert progress["leaflets"].actual == 55 and progress["leaflets"].met
    assert [v.who for v in summary.tomorrow.visits] == ["李四"]


def test_save_the_review_and_tomorrows_targets(plans: DailyPlanService) -> None:
    tomorrow = DailyTargets(visits=8, leaflets=60, prospects=12, sms=25, meetings=5)
    summary = plans.save(DAY, " 促成两单 ", "拒绝处理不够", "约王先生", tomorrow)
    assert (summary.went_well, summary.went_badly, summary.tomorrow_notes) == ("促成两单", "拒绝处理不够", "约王先生")
    assert summary.tomorrow.targets == tomorrow
    assert plans.summary(date(2026, 2, 14)).targets == tomorrow


def test_targets_are_checked_and_locked_once_the_day_is_closed(ctx: AppContext, plans: DailyPlanService) -> None:
    with pytest.raises(InvalidInput, match="visits target"):
        plans.set_targets(DAY, DailyTargets(visits=-1))
    plans.set_targets(DAY, DailyTargets(visits=3))
    assert plans.summary(DAY).targets.visits == 3
    WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor).close_day(DAY)
    with pytest.raises(InvalidInput, match="closed"):
        plans.set_targets(DAY, DailyTargets(visits=4))
    # Closing locks the numbers, not the words of the review.
    assert plans.save(DAY, "ok", "", "").closed
