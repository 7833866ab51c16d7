"""Weekly visit series (e.g. every Tuesday at an outlet), materialised as Visit rows.

Each occurrence becomes an ordinary Visit row carrying series_id and occurrence_on, written
ahead for a horizon and extended when the planner looks further. Rows are only ever added
after the latest occurrence already written, never rewritten: an occurrence the manager moved,
cancelled or finished is an exception simply by being that row, and regenerating cannot undo it.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.planner.records import default_checklist
from app.rules.working_days import is_working_day
from local_db.models import Visit, VisitChecklistItem, VisitSeries

HORIZON = timedelta(weeks=12)
# Reads on two worker threads may both extend a series; one at a time, so none is doubled.
materialise_lock = threading.Lock()


def weekly_rule(weekday: int) -> str:
    return f"weekly:{weekday}"


def rule_weekday(rule: str) -> int | None:
    kind, _, value = rule.partition(":")
    if kind != "weekly" or not value.isdigit() or not 1 <= int(value) <= 7:
        return None
    return int(value)


def occurrence_days(series: VisitSeries, after: date | None, until: date) -> list[date]:
    """The series' days after `after` (or from its start) up to `until`, both ends included.

    Days off (public holidays, including a weekday moved into the holiday) get no occurrence:
    the manager is not at work, and an occurrence there would only have to be cancelled."""
    weekday = rule_weekday(series.rule)
    if weekday is None:
        return []
    first = series.starts_on if after is None else max(series.starts_on, after + timedelta(days=1))
    last = until if series.ends_on is None else min(until, series.ends_on)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    days = []
    while day <= last:
        if is_working_day(day):
            days.append(day)
        day += timedelta(weeks=1)
    return days


def materialise(session: Session, until: date, zone: tzinfo, series_id: str | None = None) -> int:
    """Write the missing occurrences up to `until` (of one series, or all); returns how many."""
    latest = (
        select(Visit.series_id, func.max(Visit.occurrence_on))
        .where(Visit.series_id.is_not(None))
        .group_by(Visit.series_id)
    )
    written_until = dict(session.execute(latest).tuples().all())
    query = select(VisitSeries)
    if series_id is not None:
        query = query.where(VisitSeries.id == series_id)
    added = 0
    for series in session.scalars(query):
        for day in occurrence_days(series, written_until.get(series.id), until):
            add_occurrence(session, series, day, zone)
            added += 1
    return added


def add_occurrence(session: Session, series: VisitSeries, day: date, zone: tzinfo) -> Visit:
    starts_at = datetime.combine(day, series.start_time, zone)
    visit = Visit(
        kind="client" if series.client_id else "outlet",
        client_id=series.client_id,
        outlet_id=series.outlet_id,
        purpose=series.purpose,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=series.duration_minutes),
        location=series.location,
        status="planned",
        series_id=series.id,
        occurrence_on=day,
    )
    session.add(visit)
    session.flush()
    for position, item in enumerate(default_checklist(series.purpose)):
        session.add(
            VisitChecklistItem(visit_id=visit.id, phase=item.phase, label=item.label, done=False, position=position)
        )
    return visit
