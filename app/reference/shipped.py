"""The holiday calendar shipped with the app: resources/reference/holiday_calendar.json,
generated from the chinese-calendar package by tests/generate_holiday_calendar.py."""

from __future__ import annotations

from functools import cache
from importlib import resources

from app.rules.holiday_calendar import HolidayCalendar, parse_calendar

SHIPPED_RESOURCE = "reference/holiday_calendar.json"  # inside the resources package


@cache
def shipped_calendar() -> HolidayCalendar:
    return parse_calendar(resources.files("resources").joinpath(SHIPPED_RESOURCE).read_bytes())
