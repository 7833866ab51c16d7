"""The five measures on a real profile: the day's plan and actuals, the week and month summaries,
and the targets by period and product line (app/day/summaries.py, app/day/daily_plans.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.context import AppContext
from app.day.daily_plans import DailyPlanService
from app.day.summaries import SummaryService
from app.day.worklog import LogInput, WorkLogService
from app.errors import InvalidInput
from app.rules.ids import ClientId, VisitId
from app.rules.sales_measures import Measures
from local_db.models import CallRecord, Client, ClosingInterview, NeedsInterview, Proposal, Visit

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 3, 31)  # a Tuesday: its ISO week runs into April


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def summaries(ctx: AppContext) -> SummaryService:
    return SummaryService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


@pytest.fixture
def plans(ctx: AppContext) -> DailyPlanService:
    return DailyPlanService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


@pytest.fixture
def worklog(ctx: AppContext) -> WorkLogService:
    return WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


def client(ctx: AppContext, name: str = "王芳") -> ClientId:
    with ctx.store.sessions.begin() as session:
        row = Client(name=name)
        session.add(row)
        session.flush()
        return ClientId(row.id)


def visit(ctx: AppContext, client_id: ClientId, day: date, purpose: str, hour: int = 10) -> VisitId:
    with ctx.store.sessions.begin() as session:
        row = Visit(kind="client", client_id=client_id, purpose=purpose, starts_at=at(day, hour),
                    ends_at=at(day, hour + 1))  # fmt: skip
        session.add(row)
        session.flush()
        return VisitId(row.id)


def a_days_work(ctx: AppContext, worklog: WorkLogService, day: date) -> None:
    """Two calls made from records (one an appointment), a quick call, a needs interview, a
    closing interview, a policy delivery, and a finished proposal for an annuity."""
    who = client(ctx)
    for outcome in ("appointment", "no_answer"):
        entry = worklog.log(LogInput(kind="call", day=day, at=at(day, 9), client_id=who))
        with ctx.store.sessions.begin() as session:
            session.add(CallRecord(client_id=who, call_on=day, status="done", outcome=outcome, worklog_id=entry.id))
    worklog.quick("call", day, client_id=who)
    needs = worklog.log(LogInput(kind="visit", day=day, at=at(day, 10), client_id=who, sales_step="need",
                                 visit_id=visit(ctx, who, day, "needs_interview", 10)))  # fmt: skip
    closing = worklog.log(LogInput(kind="visit", day=day, at=at(day, 14), client_id=who, sales_step="close",
                                   visit_id=visit(ctx, who, day, "closing", 14)))  # fmt: skip
    worklog.log(LogInput(kind="visit", day=day, at=at(day, 16), client_id=who,
                         visit_id=visit(ctx, who, day, "policy_delivery", 16)))  # fmt: skip
    with ctx.store.sessions.begin() as session:
        session.add(NeedsInterview(client_id=who, held_on=day, status="done", worklog_id=needs.id))
        session.add(ClosingInterview(client_id=who, held_on=day, status="done", worklog_id=closing.id))
        session.add(Proposal(status="finished", finished_at=at(day, 15), product_code="GS-XXNJ",
                             product_name="国寿鑫享年金保险", premium_cents=5_000_000))  # fmt: skip


def test_an_empty_day_has_the_five_measures_at_zero(plans: DailyPlanService) -> None:
    summary = plans.summary(DAY)
    assert [(m.measure, m.plan, m.actual, m.percent) for m in summary.measures] == [
        ("calls", 0, 0, None), ("needs_interviews", 0, 0, None), ("closing_interviews", 0, 0, None),
        ("sales_cents", 0, 0, None), ("after_sales", 0, 0, None),
    ]  # fmt: skip
    assert summary.sales == () and summary.step_analysis == {}


def test_the_days_actuals_count_from_the_log_and_the_forms(
    ctx: AppContext, plans: DailyPlanService, worklog: WorkLogService
) -> None:
    a_days_work(ctx, worklog, DAY)
    plans.set_measures(DAY, Measures(calls=4, needs_interviews=1, closing_interviews=0, sales_cents=10_000_000))
    summary = plans.summary(DAY)
    actual = {m.measure: m.actual for m in summary.measures}
    assert actual == {"calls": 1, "needs_interviews": 1, "closing_interviews": 1, "sales_cents": 5_000_000,
                      "after_sales": 1}  # fmt: skip
    percent = {m.measure: m.percent for m in summary.measures}
    assert percent == {"calls": 25, "needs_interviews": 100, "closing_interviews": None, "sales_cents": 50,
                       "after_sales": None}  # fmt: skip
    (sale,) = summary.sales
    assert (sale.line, sale.product_name, sale.policies, sale.cents) == ("annuity", "国寿鑫享年金保险", 1, 5_000_000)
    # The daily targets (5 visits, 50 leaflets…) stay beside them.
    assert [p.measure for p in summary.progress][:4] == ["visits", "leaflets", "prospects", "sms"]


def test_the_evening_review_keeps_the_step_analysis_and_plans_the_next_working_day(
    plans: DailyPlanService,
) -> None:
    friday = date(2026, 4, 3)  # Saturday 4 April to Monday 6 April are Qingming holidays
    tomorrow = Measures(calls=10, needs_interviews=3, closing_interviews=2, sales_cents=2_000_000, after_sales=5)
    analysis = {"need": " 挖掘需求充分 ", "close": "促成不足", "present": " "}
    summary = plans.save(friday, "", "", "", step_analysis=analysis, tomorrow_measures=tomorrow)
    assert summary.step_analysis == {"need": "挖掘需求充分", "close": "促成不足"}
    assert summary.tomorrow.day == date(2026, 4, 7)
    assert summary.tomorrow.measures == tomorrow
    assert plans.summary(date(2026, 4, 7)).measure("calls").plan == 10
    with pytest.raises(InvalidInput):
        plans.save(friday, "", "", "", step_analysis={"lunch": "x"})
    with pytest.raises(InvalidInput) as refused:
        plans.set_measures(friday, Measures(calls=-1))
    assert "有效电话数量" in refused.value.message_zh


def test_a_closed_day_keeps_its_plan(ctx: AppContext, plans: DailyPlanService, worklog: WorkLogService) -> None:
    worklog.close_day(DAY)
    with pytest.raises(InvalidInput):
        plans.set_measures(DAY, Measures(calls=1))


def test_a_corrected_call_on_a_closed_day_counts_once(
    ctx: AppContext, plans: DailyPlanService, worklog: WorkLogService
) -> None:
    who = client(ctx)
    entry = worklog.log(LogInput(kind="call", day=DAY, at=at(DAY, 9), client_id=who))
    with ctx.store.sessions.begin() as session:
        session.add(CallRecord(client_id=who, call_on=DAY, status="done", outcome="clear_answer", worklog_id=entry.id))
    worklog.close_day(DAY)
    worklog.correct(entry.id, "wrong time", at=at(DAY, 11))
    assert plans.summary(DAY).measure("calls").actual == 1


def test_the_week_crosses_into_april_and_the_month_stops_at_its_end(
    ctx: AppContext, summaries: SummaryService, worklog: WorkLogService, plans: DailyPlanService
) -> None:
    a_days_work(ctx, worklog, DAY)
    a_days_work(ctx, worklog, date(2026, 4, 1))
    plans.set_measures(DAY, Measures(calls=2))
    plans.set_measures(date(2026, 4, 1), Measures(calls=2))
    week = summaries.week(DAY)
    assert (week.first, week.last, len(week.buckets)) == (date(2026, 3, 30), date(2026, 4, 5), 7)
    assert week.measure("calls").actual == 2 and week.measure("calls").plan == 4
    assert week.measure("sales_cents").actual == 10_000_000
    assert week.lines == {"annuity": (2, 10_000_000)}
    # 30 March – 3 April are worked, 4–5 April are the Qingming holiday.
    assert week.working_days == 5
    assert next(p for p in week.daily if p.measure == "visits").target == 5 * 5
    march = summaries.month(DAY)
    assert (march.first, march.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert march.measure("calls").actual == 1 and march.measure("closing_interviews").actual == 1
    assert (march.buckets[0].first, march.buckets[0].last) == (date(2026, 3, 1), date(2026, 3, 1))
    assert march.buckets[-1].first == date(2026, 3, 30) and march.buckets[-1].last == DAY
    assert sum(b.actual.calls for b in march.buckets) == 1


@pytest.mark.parametrize(("day", "days", "weeks"), [(date(2026, 2, 14), 28, 5), (date(2028, 2, 1), 29, 5),
                                                    (date(2026, 6, 9), 30, 5), (date(2026, 8, 31), 31, 6)])  # fmt: skip
def test_months_of_every_length(summaries: SummaryService, day: date, days: int, weeks: int) -> None:
    month = summaries.month(day)
    assert (month.last - month.first).days + 1 == days
    assert len(month.buckets) == weeks
    assert sum((b.last - b.first).days + 1 for b in month.buckets) == days


def test_line_targets_set_read_and_progress(
    ctx: AppContext, summaries: SummaryService, worklog: WorkLogService
) -> None:
    a_days_work(ctx, worklog, DAY)
    summaries.set_line_target("month", DAY, "annuity", 20_000_000, 4)
    summaries.set_line_target("quarter", date(2026, 2, 2), "all", 10_000_000, 0)
    summaries.set_line_target("year", DAY, "life", 0, 3)
    progress = summaries.target_progress(DAY)
    rows = {(p.period, p.line): p for p in progress.rows}
    assert set(rows) == {("month", "annuity"), ("quarter", "all"), ("year", "life")}
    month = rows[("month", "annuity")]
    assert (month.starts_on, month.actual_cents, month.percent_cents, month.percent_policies) == (
        date(2026, 3, 1), 5_000_000, 25, 25,
    )  # fmt: skip
    assert rows[("quarter", "all")].percent_cents == 50 and rows[("quarter", "all")].percent_policies is None
    assert rows[("year", "life")].percent_policies == 0
    # Setting again changes it; both at 0 removes it.
    summaries.set_line_target("month", DAY, "annuity", 10_000_000, 0)
    summaries.set_line_target("year", DAY, "life", 0, 0)
    targets = {(t.period, t.line): t for t in summaries.line_targets(DAY)}
    assert set(targets) == {("month", "annuity"), ("quarter", "all")}
    assert targets[("month", "annuity")].premium_cents == 10_000_000
    assert summaries.line_targets(date(2026, 4, 1)) == ()  # April is another month and quarter


@pytest.mark.parametrize(
    ("period", "line", "cents", "policies"),
    [("week", "all", 1, 0), ("month", "cars", 1, 0), ("month", "all", -1, 0), ("month", "all", 0, 10**7)],
)
def test_line_targets_refuse_what_is_not_one(
    summaries: SummaryService, period: str, line: str, cents: int, policies: int
) -> None:
    with pytest.raises(InvalidInput) as refused:
        summaries.set_line_target(period, DAY, line, cents, policies)
    assert refused.value.message_zh
