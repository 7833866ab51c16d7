"""The daily plan & summary (每日工作计划与总结表): targets in the morning, review in the evening.

The summary sets the day's targets beside what the log adds up to, counts how far contacts
got along the sales flow, keeps what went well and badly, and plans the next working day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.summaries import (
    analysis_json,
    apply_plan_measures,
    check_plan_measures,
    plan_measures,
    read_days,
    step_analysis,
)
from app.day.today import AgendaVisit, Progress, progress_lines, visits_on
from app.day.week import WeekProgress, week_progress
from app.day.worklog import SALES_STEPS, apply_targets, plan_row, plan_targets, tally
from app.errors import InvalidInput
from app.profile.audit import record_event
from app.profile.settings import DailyTargets, SettingsService
from app.reference.products import current_catalogue
from app.rules.sales_measures import DayMeasures, MeasureLine, Measures, ProductSale, measure_lines
from app.rules.working_days import next_working_day
from local_db.models import DailyPlan

STEP_NAMES = {
    "identify": "识别接触",
    "need": "需求激发",
    "present": "产品推介",
    "objection": "拒绝处理",
    "close": "销售促成",
}
MAX_TARGET = 10_000


@dataclass(frozen=True)
class StepCount:
    step: str  # identify | need | present | objection | close
    name: str  # the manuals' Chinese name of the step
    reached: int  # contacts that got at least this far
    stopped: int  # contacts whose furthest step was this one


@dataclass(frozen=True)
class TomorrowPlan:
    day: date  # the next working day
    targets: DailyTargets
    visits: tuple[AgendaVisit, ...]
    measures: Measures = field(default_factory=Measures)  # the plan of the manual's five measures for that day


@dataclass(frozen=True)
class DailySummary:
    day: date
    targets: DailyTargets
    progress: tuple[Progress, ...]  # target beside actual, per measure
    steps: tuple[StepCount, ...]  # the five steps of the sales flow, in order
    went_well: str
    went_badly: str
    tomorrow_notes: str
    closed: bool
    tomorrow: TomorrowPlan
    # The manual's five measures, plan beside actual (app/rules/sales_measures.py), the products
    # sold, and 各环节成败分析与总结: step -> the analysis written for it.
    measures: tuple[MeasureLine, ...] = ()
    sales: tuple[ProductSale, ...] = ()
    step_analysis: dict[str, str] = field(default_factory=dict)

    def measure(self, name: str) -> MeasureLine:
        return next(line for line in self.measures if line.measure == name)


class DailyPlanService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        zone: tzinfo | None = None,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._zone = zone or local_zone()

    def summary(self, day: date) -> DailySummary:
        defaults = self._settings.targets()
        tomorrow = next_working_day(day)
        with self._sessions() as session:
            plan = _plan(session, day)
            targets = plan_targets(plan, defaults)
            actuals = tally(session, day)
            next_row = _plan(session, tomorrow)
            next_plan = TomorrowPlan(
                tomorrow,
                plan_targets(next_row, defaults),
                visits_on(session, tomorrow, self._zone),
                plan_measures(next_row),
            )
            counted = read_days(session, day, day, self._zone, current_catalogue()).get(day, DayMeasures(day))
        reached = actuals.reached
        steps = tuple(
            StepCount(step, STEP_NAMES[step], reached[i], reached[i] - (reached[i + 1] if i + 1 < len(reached) else 0))
            for i, step in enumerate(SALES_STEPS)
        )
        return DailySummary(
            day=day,
            targets=targets,
            progress=progress_lines(targets, actuals),
            steps=steps,
            went_well=plan.went_well if plan else "",
            went_badly=plan.went_badly if plan else "",
            tomorrow_notes=plan.tomorrow_notes if plan else "",
            closed=plan is not None and plan.closed_at is not None,
            tomorrow=next_plan,
            measures=measure_lines(plan_measures(plan), counted.measures),
            sales=counted.sales,
            step_analysis=step_analysis(plan),
        )

    def week(self, day: date) -> WeekProgress:
        """Monday to `day` against the targets, day by day, for Today's week chart (app/day/week.py)."""
        defaults = self._settings.targets()
        with self._sessions() as session:
            return week_progress(session, day, defaults)

    def save(
        self,
        day: date,
        went_well: str,
        went_badly: str,
        tomorrow_notes: str,
        tomorrow_targets: DailyTargets | None = None,
        step_analysis: dict[str, str] | None = None,
        tomorrow_measures: Measures | None = None,
    ) -> DailySummary:
        """The evening review. Kept even after the log is closed: closing locks the numbers,
        not the words. `tomorrow_targets` and `tomorrow_measures` (the five measures' plan) go
        on the next working day's plan; `step_analysis` is 各环节成败分析与总结, step -> text."""
        if tomorrow_targets is not None:
            _check(tomorrow_targets)
        if tomorrow_measures is not None:
            check_plan_measures(tomorrow_measures, MAX_TARGET)
        analysis = analysis_json(step_analysis) if step_analysis is not None else None
        defaults = self._settings.targets()
        with self._sessions.begin() as session:
            plan = plan_row(session, day, defaults)
            plan.went_well, plan.went_badly = went_well.strip(), went_badly.strip()
            plan.tomorrow_notes = tomorrow_notes.strip()
            if analysis is not None:
                plan.step_analysis_json = analysis
            record_event(
                session,
                actor=self._actor(),
                action="edit",
                entity="daily_plan",
                entity_id=plan.id,
                detail={"day": day.isoformat(), "summary": True},
            )
            if tomorrow_targets is not None:
                self._set(session, next_working_day(day), tomorrow_targets, defaults)
            if tomorrow_measures is not None:
                self._set_measures(session, next_working_day(day), tomorrow_measures, defaults)
        return self.summary(day)

    def set_measures(self, day: date, measures: Measures) -> Measures:
        """The plan of the manual's five measures for `day` (有效电话, 需求面谈, 成交面谈, 销售金额 in
        fen, 售后服务); refused once the day is closed, as the daily targets are."""
        check_plan_measures(measures, MAX_TARGET)
        defaults = self._settings.targets()
        with self._sessions.begin() as session:
            self._set_measures(session, day, measures, defaults)
        return measures

    def _set_measures(self, session: Session, day: date, measures: Measures, defaults: DailyTargets) -> None:
        plan = plan_row(session, day, defaults)
        if plan.closed_at is not None:
            raise InvalidInput(f"{day.isoformat()} is closed: its plan can no longer change.",
                               zh=f"{day.isoformat()} 已结束：当天计划不能再修改。")  # fmt: skip
        if plan_measures(plan) == measures:
            return
        apply_plan_measures(plan, measures)
        record_event(session, actor=self._actor(), action="edit", entity="daily_plan", entity_id=plan.id,
                     detail={"day": day.isoformat(), "measures": measures.__dict__})  # fmt: skip

    def set_targets(self, day: date, targets: DailyTargets) -> DailyTargets:
        _check(targets)
        defaults = self._settings.targets()
        with self._sessions.begin() as session:
            self._set(session, day, targets, defaults)
        return targets

    def _set(self, session: Session, day: date, targets: DailyTargets, defaults: DailyTargets) -> None:
        plan = plan_row(session, day, defaults)
        if plan.closed_at is not None:
            raise InvalidInput(f"{day.isoformat()} is closed: its targets can no longer change.",
                               zh=f"{day.isoformat()} 已结束：当天目标不能再修改。")  # fmt: skip
        apply_targets(plan, targets)
        record_event(
            session,
            actor=self._actor(),
            action="edit",
            entity="daily_plan",
            entity_id=plan.id,
            detail={"day": day.isoformat(), "targets": targets.__dict__},
        )


def _plan(session: Session, day: date) -> DailyPlan | None:
    return session.scalar(select(DailyPlan).where(DailyPlan.day == day))


def _check(targets: DailyTargets) -> None:
    for target in fields(targets):
        value = getattr(targets, target.name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TARGET:
            raise InvalidInput(
                f"The {target.name} target must be a whole number from 0 to {MAX_TARGET:,} (got {value!r}).",
                zh=f"目标必须是 0 到 {MAX_TARGET:,} 之间的整数（现为 {value!r}）。",
            )
