"""Working days on the mainland public-holiday calendar, adjusted working weekends included.

The one rule used everywhere (reminders, return deadlines, carrying visits over). The calendar
is data (app/rules/holiday_calendar.py): the years shipped with the app (generated from the
chinese-calendar package) plus any newer years head office published, which the profile's
opener installs with `hold` (app/reference/held.py). For a year no calendar covers, Monday to
Friday is assumed, and `calendar_known` / `assumed_years` tell the caller so it can say it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from app.reference.shipped import shipped_calendar
from app.rules import holiday_calendar
from app.rules.holiday_calendar import HolidayCalendar
from app.rules.problem import Problem

_held: HolidayCalendar | None = None


def hold(calendar: HolidayCalendar | None) -> None:
    """Use `calendar` from now on (None: the shipped one again)."""
    global _held
    _held = calendar


def held_calendar() -> HolidayCalendar:
    return _held if _held is not None else shipped_calendar()


def calendar_known(day: date) -> bool:
    return held_calendar().covers(day.year)


def assumed_years(dates: Iterable[date]) -> set[int]:
    """The years among `dates` where Monday to Friday is assumed (no calendar covers them)."""
    return holiday_calendar.assumed_years(held_calendar(), dates)


def calendar_warning(dates: Iterable[date]) -> Problem | None:
    """The one warning for deadlines computed on an assumed year ("2027 holidays not known yet:
    Monday–Friday assumed"), or None when the calendar held covers every date."""
    return holiday_calendar.fallback_warning(assumed_years(dates))


def calendar_note(dates: Iterable[date], language: str) -> str | None:
    """`calendar_warning` as one sentence in `language` (en | zh_CN): what screens and prints show."""
    warning = calendar_warning(dates)
    return warning.message(language) if warning else None


def is_working_day(day: date) -> bool:
    return held_calendar().is_working_day(day)


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
