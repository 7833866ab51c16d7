"""Weekly and monthly summaries (周/月工作总结) and the personal target-progress table
(个人指标进度情况表): the manual's five measures and the daily targets rolled up, and the targets
by month, quarter and year per product line with the share reached.

The counting is app/rules/sales_measures.py's; this module reads the rows it needs. A week is
the ISO week (Monday to Sunday, it may cross a month); a month is shown by the ISO weeks it
touches, cut at the month's ends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.today import Progress
from app.day.worklog import SALES_STEPS, plan_targets, tally
from app.errors import InvalidInput
from app.profile.audit import record_event
from app.profile.settings import DailyTargets, SettingsService
from app.reference.products import current_catalogue
from app.rules import sales_measures as rule
from app.rules.money import yuan_text
from app.rules.product_catalogue import LINES, ProductCatalogue
from app.rules.sales_measures import (
    DayMeasures,
    FormLink,
    LineProgress,
    LineTargetRow,
    LogRow,
    MeasureLine,
    Measures,
    ProductSale,
    SaleRow,
)
from app.rules.working_days import is_working_day
from local_db.models import (
    CallRecord,
    ClosingInterview,
    DailyPlan,
    LineTarget,
    NeedsInterview,
    Proposal,
    ReminderAction,
    Visit,
    WorkLogEntry,
)

DAILY_MEASURES = ("visits", "leaflets", "prospects", "sms")  # the manuals' daily targets
MAX_TARGET_CENTS = 10**13  # 100 billion yuan: anything more is a slip of the keyboard
MAX_TARGET_POLICIES = 1_000_000
PERIOD_NAMES = {"month": ("month", "月度"), "quarter": ("quarter", "季度"), "year": ("year", "年度")}


def plan_measures(plan: DailyPlan | None) -> Measures:
    """The five plan numbers of a day's plan (0 where none was set)."""
    if plan is None:
        return Measures()
    return Measures(plan.target_calls, plan.target_needs_interviews, plan.target_closing_interviews,
                    plan.target_sales_cents, plan.target_after_sales)  # fmt: skip


def step_analysis(plan: DailyPlan | None) -> dict[str, str]:
    """各环节成败分析与总结: step -> what went well or badly there; only the steps written."""
    if plan is None:
        return {}
    try:
        stored = json.loads(plan.step_analysis_json or "{}")
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {s: str(stored[s]) for s in SALES_STEPS if isinstance(stored.get(s), str) and stored[s].strip()}


def analysis_json(analysis: Mapping[str, str]) -> str:
    unknown = sorted(set(analysis) - set(SALES_STEPS))
    if unknown:
        raise InvalidInput(f"Unknown sales-flow step(s): {', '.join(unknown)}.", zh="未知的销售流程步骤。")
    kept = {s: analysis[s].strip() for s in SALES_STEPS if analysis.get(s, "").strip()}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def apply_plan_measures(plan: DailyPlan, measures: Measures) -> None:
    plan.target_calls, plan.target_needs_interviews = measures.calls, measures.needs_interviews
    plan.target_closing_interviews, plan.target_sales_cents = measures.closing_interviews, measures.sales_cents
    plan.target_after_sales = measures.after_sales


def check_plan_measures(measures: Measures, most: int) -> None:
    for name in rule.MEASURES:
        value = getattr(measures, name)
        limit = MAX_TARGET_CENTS if name == "sales_cents" else most
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
            en, zh = rule.MEASURE_NAMES[name]
            raise InvalidInput(f"The plan for {en.lower()} must be a whole number from 0 to {limit:,} (got {value!r}).",
                               zh=f"{zh}的计划必须是 0 到 {limit:,} 之间的整数（现为 {value!r}）。")  # fmt: skip


def read_days(
    session: Session, first: date, last: date, zone: tzinfo, catalogue: ProductCatalogue
) -> dict[date, DayMeasures]:
    """The five measures of every day from `first` to `last` that has any (app/rules/sales_measures.py)."""
    entries = session.execute(
        select(WorkLogEntry.id, WorkLogEntry.day, WorkLogEntry.kind, WorkLogEntry.quantity, WorkLogEntry.corrects_id,
               WorkLogEntry.visit_id, WorkLogEntry.effective).where(WorkLogEntry.day.between(first, last))
    ).all()  # fmt: skip
    rows = [LogRow(r.id, r.day, r.kind, r.quantity, r.corrects_id, r.visit_id, bool(r.effective)) for r in entries]
    ids = [r.id for r in rows]
    forms: list[FormLink] = []
    purposes: dict[str, str] = {}
    after: list[str | None] = []
    for chunk in _chunks(ids):
        forms += [
            FormLink("call", r.status, r.worklog_id, r.outcome)
            for r in session.execute(
                select(CallRecord.status, CallRecord.worklog_id, CallRecord.outcome).where(
                    CallRecord.worklog_id.in_(chunk)
                )
            )
        ]
        for form, model in (("needs", NeedsInterview), ("closing", ClosingInterview)):
            forms += [
                FormLink(form, r.status, r.worklog_id)
                for r in session.execute(select(model.status, model.worklog_id).where(model.worklog_id.in_(chunk)))
            ]
        after += session.scalars(
            select(ReminderAction.worklog_id).where(
                ReminderAction.worklog_id.in_(chunk), ReminderAction.kind.in_(rule.AFTER_SALES_ACTIONS)
            )
        ).all()
    visit_ids = sorted({r.visit_id for r in rows if r.visit_id})
    for chunk in _chunks(visit_ids):
        purposes.update(session.execute(select(Visit.id, Visit.purpose).where(Visit.id.in_(chunk))).tuples().all())
    sales = _sales(session, last, zone, catalogue)
    return rule.count_days(rows, forms, sales, purposes, [a for a in after if a])


def _sales(session: Session, last: date, zone: tzinfo, catalogue: ProductCatalogue) -> list[SaleRow]:
    """Every finished proposal up to `last`: a chain is dated by its first version, so the
    earlier versions are needed to date the later ones."""
    end = datetime.combine(last + timedelta(days=1), time.min, zone)
    found = session.execute(
        select(Proposal.id, Proposal.previous_id, Proposal.finished_at, Proposal.product_code, Proposal.product_name,
               Proposal.premium_cents).where(Proposal.status == "finished", Proposal.finished_at < end)
    ).all()  # fmt: skip
    rows = []
    for r in found:
        product = catalogue.find(r.product_code) if r.product_code else None
        rows.append(SaleRow(r.id, r.previous_id, r.finished_at.astimezone(zone).date(), r.product_code,
                            r.product_name, r.premium_cents, product.line if product else rule.OTHER_LINE))  # fmt: skip
    return rows


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def line_name(line: str, language: str = "zh_CN") -> str:
    """A product line in words; "all" is every line together."""
    if line == rule.ALL_LINES:
        return "全部产品" if language == "zh_CN" else "All products"
    if line == rule.OTHER_LINE:
        return "其他产品" if language == "zh_CN" else "Other products"
    en, zh = LINES.get(line, (line, line))
    return zh if language == "zh_CN" else en


# ---- what the summaries hold ------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    """One bar of a summary's chart: a day of the week, or the part of an ISO week in the month."""

    first: date
    last: date
    plan: Measures
    actual: Measures
    working_days: int


@dataclass(frozen=True)
class PeriodSummary:
    kind: str  # week | month
    first: date
    last: date
    buckets: tuple[Bucket, ...]  # the days of the week, or the (cut) ISO weeks of the month
    measures: tuple[MeasureLine, ...]  # the five measures, plan beside actual
    daily: tuple[Progress, ...]  # the manuals' daily targets added up over the working days
    sales: tuple[ProductSale, ...]  # per product, in line order
    lines: dict[str, tuple[int, int]]  # line -> (policies, fen)
    working_days: int
    step_analysis: tuple[tuple[date, dict[str, str]], ...]  # the days' per-step notes, in order

    def measure(self, name: str) -> MeasureLine:
        return next(line for line in self.measures if line.measure == name)


@dataclass(frozen=True)
class TargetProgress:
    day: date
    rows: tuple[LineProgress, ...]  # year, quarter, month; "all" first in each
    month: PeriodSummary  # the month holding `day`, for the measures beside the targets


def amount_text(cents: int) -> str:
    """Fen as yuan for screens and prints: ¥12,345.00."""
    return f"¥{yuan_text(cents)}"


def measures_json(lines: Sequence[MeasureLine], sales: Sequence[ProductSale]) -> list[dict[str, Any]]:
    """The five measures for `branchdesk today --json`: amounts in fen; `percent` null without a plan."""
    result: list[dict[str, Any]] = []
    for line in lines:
        item: dict[str, Any] = {"measure": line.measure, "name": rule.MEASURE_NAMES[line.measure][1],
                                "plan": line.plan, "actual": line.actual, "percent": line.percent}  # fmt: skip
        if line.measure == "sales_cents":
            item["products"] = [{"line": s.line, "code": s.product_code, "name": s.product_name,
                                 "policies": s.policies, "cents": s.cents} for s in sales]  # fmt: skip
        result.append(item)
    return result


class SummaryService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        catalogue: Callable[[], ProductCatalogue] = current_catalogue,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._zone = zone or local_zone()
        self._catalogue = catalogue

    def day_measures(self, day: date) -> tuple[tuple[MeasureLine, ...], tuple[ProductSale, ...]]:
        """The day's five measures, plan beside actual, and the products sold."""
        with self._sessions() as session:
            plan = plan_measures(session.scalar(select(DailyPlan).where(DailyPlan.day == day)))
            actual = read_days(session, day, day, self._zone, self._catalogue()).get(day, DayMeasures(day))
        return rule.measure_lines(plan, actual.measures), actual.sales

    def week(self, day: date) -> PeriodSummary:
        """The ISO week (Monday to Sunday) holding `day`, day by day."""
        first, last = rule.iso_week(day)
        return self._period("week", first, last, [(d, d) for d in rule.days_between(first, last)])

    def month(self, day: date) -> PeriodSummary:
        """The calendar month holding `day`, by the ISO weeks it touches (cut at its ends)."""
        first, last = rule.month_span(day)
        buckets, monday = [], rule.iso_week(first)[0]
        while monday <= last:
            buckets.append((max(monday, first), min(monday + timedelta(days=6), last)))
            monday += timedelta(days=7)
        return self._period("month", first, last, buckets)

    def _period(self, kind: str, first: date, last: date, spans: list[tuple[date, date]]) -> PeriodSummary:
        defaults = self._settings.targets()
        with self._sessions() as session:
            plans = {p.day: p for p in session.scalars(select(DailyPlan).where(DailyPlan.day.between(first, last)))}
            counted = read_days(session, first, last, self._zone, self._catalogue())
            days = rule.days_between(first, last)
            working = {d: is_working_day(d) for d in days}
            targets = [
                plan_targets(plans.get(d), defaults) if working[d] else DailyTargets(0, 0, 0, 0, 0) for d in days
            ]
            done = [tally(session, d) for d in days]
        daily = tuple(
            Progress(m, sum(getattr(t, m) for t in targets), sum(getattr(a, m) for a in done)) for m in DAILY_MEASURES
        )
        buckets = tuple(
            Bucket(a, b, _sum(plan_measures(plans.get(d)) for d in rule.days_between(a, b)),
                   rule.rollup(counted, a, b).measures, sum(working[d] for d in rule.days_between(a, b)))
            for a, b in spans
        )  # fmt: skip
        total = rule.rollup(counted, first, last)
        plan_total = _sum(b.plan for b in buckets)
        analysis = tuple((d, step_analysis(plans[d])) for d in sorted(plans) if step_analysis(plans[d]))
        return PeriodSummary(kind, first, last, buckets, rule.measure_lines(plan_total, total.measures), daily,
                             total.sales, rule.by_line(total.sales), sum(working.values()), analysis)  # fmt: skip

    # ---- targets by period and product line ----------------------------------------------------

    def set_line_target(self, period: str, day: date, line: str, premium_cents: int, policies: int) -> LineTargetRow:
        """The target of the month, quarter or year holding `day` for `line` ("all" for every
        line). Both 0 removes it."""
        if period not in rule.PERIODS:
            raise InvalidInput(f"Unknown period {period!r}: use month, quarter or year.",
                               zh="未知的期间：请选择月度、季度或年度。")  # fmt: skip
        if line != rule.ALL_LINES and line not in LINES:
            raise InvalidInput(f"Unknown product line {line!r}.", "Choose a line of the product catalogue.",
                               zh="未知的产品线。", hint_zh="请从产品目录的产品线中选择。")  # fmt: skip
        for value, most, en, zh in ((premium_cents, MAX_TARGET_CENTS, "premium", "保费"),
                                    (policies, MAX_TARGET_POLICIES, "number of policies", "件数")):  # fmt: skip
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
                raise InvalidInput(f"The target {en} must be a whole number from 0 to {most:,} (got {value!r}).",
                                   zh=f"目标{zh}必须是 0 到 {most:,} 之间的整数（现为 {value!r}）。")  # fmt: skip
        starts_on = rule.period_span(period, day)[0]
        with self._sessions.begin() as session:
            row = session.scalar(
                select(LineTarget).where(LineTarget.period == period, LineTarget.starts_on == starts_on,
                                         LineTarget.line == line)
            )  # fmt: skip
            action = "edit"
            if premium_cents == 0 and policies == 0:
                if row is not None:
                    session.delete(row)
                    action = "delete"
            elif row is None:
                row = LineTarget(period=period, starts_on=starts_on, line=line)
                session.add(row)
                action = "create"
            if row is not None and action != "delete":
                row.premium_cents, row.policies = premium_cents, policies
            session.flush()
            if row is not None:
                record_event(session, actor=self._actor(), action=action, entity="line_target", entity_id=row.id,
                             detail={"period": period, "starts_on": starts_on.isoformat(), "line": line,
                                     "premium_cents": premium_cents, "policies": policies})  # fmt: skip
        return LineTargetRow(period, starts_on, line, premium_cents, policies)

    def line_targets(self, day: date) -> tuple[LineTargetRow, ...]:
        """The targets of the month, quarter and year holding `day`."""
        starts = [(p, rule.period_span(p, day)[0]) for p in rule.PERIODS]
        with self._sessions() as session:
            found: list[LineTarget] = []
            for period, starts_on in starts:
                found += session.scalars(
                    select(LineTarget).where(LineTarget.period == period, LineTarget.starts_on == starts_on)
                ).all()
            return tuple(LineTargetRow(t.period, t.starts_on, t.line, t.premium_cents, t.policies) for t in found)

    def target_progress(self, day: date) -> TargetProgress:
        """个人指标进度情况表: each target of the month, quarter and year holding `day` beside what
        its period sold (finished proposals, by line), and the month's five measures."""
        targets = self.line_targets(day)
        first = rule.year_span(day)[0]
        last = rule.year_span(day)[1]
        with self._sessions() as session:
            counted = read_days(session, first, last, self._zone, self._catalogue())
        return TargetProgress(day, rule.line_progress(targets, counted), self.month(day))


def _sum(measures: Iterable[Measures]) -> Measures:
    total = Measures()
    for m in measures:
        total += m
    return total
