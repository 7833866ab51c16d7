"""This week's progress (Monday to the day shown) against the daily targets, for Today's chart.

Each day is counted by the daily bars' own rule (`tally`: latest versions only, prospects
captured included), so the week is exactly the sum of its days' bars. The target so far is the
daily target of each working day up to the day shown, added up (`daily target × working days
so far` when no day's plan was changed): a weekend or public holiday adds nothing, an adjusted
working weekend adds its day. Calls have no daily target in the manuals' plan (有效电话数量 is
planned in the evening summary, not set as a default), so their target is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.day.worklog import Actuals, plan_targets, tally
from app.profile.settings import DailyTargets
from app.rules.working_days import is_working_day
from local_db.models import DailyPlan, WorkLogEntry

WEEK_MEASURES = ("visits", "calls", "sms", "prospects")


@dataclass(frozen=True)
class WeekLine:
    measure: str  # visits (effective, “5访”) | calls | sms (care messages) | prospects
    per_day: tuple[int, ...]  # what each day added, Monday first, up to the day shown
    daily_target: tuple[int, ...]  # each day's target (0 on a day off); empty when there is none
    target: int | None  # the working days' targets so far, added up; None: no target (calls)

    @property
    def actual(self) -> int:
        return sum(self.per_day)

    @property
    def met(self) -> bool:
        return self.target is not None and self.actual >= self.target


@dataclass(frozen=True)
class WeekProgress:
    monday: date
    day: date  # the day shown: the week runs from `monday` to it
    days: tuple[date, ...]
    working: tuple[bool, ...]  # per day: a working day on the holiday calendar
    lines: tuple[WeekLine, ...]  # in WEEK_MEASURES order

    @property
    def working_days(self) -> int:
        return sum(self.working)

    def line(self, measure: str) -> WeekLine:
        return next(line for line in self.lines if line.measure == measure)


def week_progress(session: Session, day: date, defaults: DailyTargets) -> WeekProgress:
    monday = day - timedelta(days=day.weekday())
    days = tuple(monday + timedelta(days=i) for i in range(day.weekday() + 1))
    working = tuple(is_working_day(d) for d in days)
    plans = {p.day: p for p in session.scalars(select(DailyPlan).where(DailyPlan.day.between(monday, day)))}
    targets = [
        plan_targets(plans.get(d), defaults) if w else DailyTargets(0, 0, 0, 0, 0)
        for d, w in zip(days, working, strict=True)
    ]
    actuals: list[Actuals] = [tally(session, d) for d in days]
    calls = _calls(session, monday, day)

    def line(measure: str) -> WeekLine:
        per_target = tuple(getattr(t, measure) for t in targets)
        return WeekLine(measure, tuple(getattr(a, measure) for a in actuals), per_target, sum(per_target))

    lines = (
        line("visits"),
        WeekLine("calls", tuple(calls.get(d, 0) for d in days), (), None),
        line("sms"),
        line("prospects"),
    )
    return WeekProgress(monday, day, days, working, lines)


def _calls(session: Session, first: date, last: date) -> dict[date, int]:
    """Phone calls per day, by `tally`'s rule: an entry a correction replaced (on its day) no
    longer counts; what the correction says does."""
    rows = session.execute(
        select(WorkLogEntry.id, WorkLogEntry.corrects_id, WorkLogEntry.day, WorkLogEntry.kind, WorkLogEntry.quantity)
        .where(WorkLogEntry.day.between(first, last))
    ).all()  # fmt: skip
    replaced = {(r.day, r.corrects_id) for r in rows if r.corrects_id}
    counts: dict[date, int] = {}
    for r in rows:
        if r.kind == "call" and (r.day, r.id) not in replaced:
            counts[r.day] = counts.get(r.day, 0) + r.quantity
    return counts
