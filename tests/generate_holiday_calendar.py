"""Writes resources/reference/holiday_calendar.json from the chinese-calendar package (the years it
knows), so the shipped calendar is generated, never typed by hand.

    .venv/bin/python -m tests.generate_holiday_calendar

tests/test_holiday_calendar.py checks the shipped file still equals what this generates.
"""

from __future__ import annotations

import json
from pathlib import Path

import chinese_calendar

from app.rules.holiday_calendar import CalendarYear, HolidayCalendar

SHIPPED_VERSION = 1
SHIPPED_FILE = Path(__file__).resolve().parent.parent / "resources" / "reference" / "holiday_calendar.json"


def generated() -> HolidayCalendar:
    years = sorted({day.year for day in chinese_calendar.holidays})
    return HolidayCalendar(
        version=SHIPPED_VERSION,
        years={
            year: CalendarYear(
                holidays=frozenset(day for day in chinese_calendar.holidays if day.year == year),
                workdays=frozenset(day for day in chinese_calendar.workdays if day.year == year),
            )
            for year in years
        },
    )


def generated_text() -> str:
    return json.dumps(generated().to_json(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    SHIPPED_FILE.write_text(generated_text(), encoding="utf-8")
    print(f"wrote {SHIPPED_FILE}")
