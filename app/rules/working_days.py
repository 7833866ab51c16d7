"""Working days on the mainland public-holiday calendar, adjusted working weekends included.

The one rule used everywhere (reminders, return deadlines, carrying visits over). The
calendar comes from the maintained chinese-calendar package, which knows each year once the
State Council publishes it; for a year it does not know yet, Monday to Friday is assumed.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    return add_working_days(day, 1)
