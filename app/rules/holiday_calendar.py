"""The mainland holiday calendar as data: for each year, its public holidays and its adjusted
working weekends (调休上班), with one version number for the whole file.

Pure (stdlib and `app.rules` only).  The file format, shipped in resources/reference/ and
published by head office::

    {"kind": "holiday-calendar", "version": 3,
     "years": {"2026": {"holidays": ["2026-01-01", ...], "workdays": ["2026-01-04", ...]}, ...}}

`parse_calendar` reads it strictly with the wire reader (app/rules/wire_json.py): the kind, a
positive whole version, years as four digits each with both lists, every date YYYY-MM-DD in its
own year and listed once, a working day only on a Saturday or Sunday (a weekday works anyway),
no day both a holiday and a working day.  Anything else is refused whole (`CalendarFileError`,
with the reason in both languages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.rules import wire_json
from app.rules.problem import Problem
from app.rules.reference_file import FileKind, ReferenceFileError, file_header

KIND = "holiday-calendar"
_YEAR = re.compile(r"\A[12][0-9]{3}\Z")
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
NAMES_ZH = {"holidays": "节假日", "workdays": "调休上班日"}


class CalendarFileError(ReferenceFileError):
    """The file is not a holiday calendar this app accepts; `problem` says why in both languages."""


FILE = FileKind(KIND, "years", "holiday calendar", "节假日日历", "calendar", "日历", "C001_not_a_calendar",
                "C002_bad_version")  # fmt: skip


@dataclass(frozen=True)
class CalendarYear:
    holidays: frozenset[date]
    workdays: frozenset[date]  # adjusted working Saturdays and Sundays


@dataclass(frozen=True)
class HolidayCalendar:
    version: int
    years: Mapping[int, CalendarYear] = field(default_factory=dict)

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date) -> bool:
        """The calendar's answer; for a year it does not cover, Monday to Friday."""
        known = self.years.get(day.year)
        if known is None:
            return day.weekday() < 5
        if day in known.workdays:
            return True
        return day.weekday() < 5 and day not in known.holidays

    def first_year(self) -> int | None:
        return min(self.years, default=None)

    def last_year(self) -> int | None:
        return max(self.years, default=None)

    def merged(self, newer: HolidayCalendar) -> HolidayCalendar:
        """These years with `newer`'s on top (a republished year replaces the old one), under
        `newer`'s version."""
        return HolidayCalendar(version=newer.version, years={**self.years, **newer.years})

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "version": self.version,
            "years": {
                str(year): {
                    "holidays": sorted(day.isoformat() for day in data.holidays),
                    "workdays": sorted(day.isoformat() for day in data.workdays),
                }
                for year, data in sorted(self.years.items())
            },
        }


def _refuse(code: str, en: str, zh: str, where: str = "") -> CalendarFileError:
    return CalendarFileError(Problem(where, code, en, zh))


def parse_calendar(raw: bytes | str) -> HolidayCalendar:
    """The calendar in `raw` (the file's bytes), or CalendarFileError."""
    try:
        document = wire_json.loads(raw)
    except wire_json.WireJsonError as exc:
        raise CalendarFileError(exc.problem) from None
    return calendar_from_json(document)


def calendar_from_json(document: Any) -> HolidayCalendar:
    version = file_header(document, FILE, _refuse)
    years = document["years"]
    if not isinstance(years, dict) or not years:
        raise _refuse("C003_no_years", "The calendar lists no years.", "日历中没有任何年份。", "years")
    return HolidayCalendar(version=version, years={_year(key): _year_data(key, value) for key, value in years.items()})


def _year(key: str) -> int:
    if not _YEAR.match(key):
        raise _refuse("C004_bad_year", f"'{key[:12]}' is not a year (four digits, 1000–2999).",
                      f"“{key[:12]}”不是年份（应为 1000–2999 的四位数字）。", "years")  # fmt: skip
    return int(key)


def _year_data(key: str, value: Any) -> CalendarYear:
    where = f"years.{key}"
    if not isinstance(value, dict) or set(value) != {"holidays", "workdays"}:
        raise _refuse("C005_incomplete_year", f"The year {key} must list both its holidays and its workdays "
                      "(and nothing else).",
                      f"{key} 年应同时列出节假日和调休上班日（holidays、workdays），且不含其他内容。",
                      where)  # fmt: skip
    holidays = _dates(key, "holidays", value["holidays"])
    workdays = _dates(key, "workdays", value["workdays"])
    if not holidays:
        raise _refuse("C005_incomplete_year", f"The year {key} lists no holidays.",
                      f"{key} 年没有列出任何节假日。", f"{where}.holidays")  # fmt: skip
    for day in sorted(workdays):
        if day.weekday() < 5:
            raise _refuse("C007_workday_on_weekday", f"{day.isoformat()} is listed as an adjusted working day "
                          "but is a weekday: only a Saturday or Sunday can be one.",
                          f"{day.isoformat()} 被列为调休上班日，但它本来就是工作日：调休上班日只能是周六或周日。",
                          f"{where}.workdays")  # fmt: skip
    both = sorted(holidays & workdays)
    if both:
        raise _refuse("C008_both", f"{both[0].isoformat()} is listed both as a holiday and as a working day.",
                      f"{both[0].isoformat()} 同时被列为节假日和调休上班日。", where)  # fmt: skip
    return CalendarYear(holidays=holidays, workdays=workdays)


def _dates(year: str, name: str, items: Any) -> frozenset[date]:
    where = f"years.{year}.{name}"
    name_zh = NAMES_ZH[name]
    if not isinstance(items, list):
        raise _refuse("C005_incomplete_year", f"The {name} of {year} must be a list of dates.",
                      f"{year} 年的{name_zh}应为日期列表。", where)  # fmt: skip
    days: set[date] = set()
    for item in items:
        day = _date(item)
        if day is None:
            text = str(item)[:20]
            raise _refuse("C006_bad_date", f"'{text}' in the {name} of {year} is not a date (YYYY-MM-DD).",
                          f"{year} 年{name_zh}中的“{text}”不是日期（应为 YYYY-MM-DD）。", where)  # fmt: skip
        if str(day.year) != year:
            raise _refuse("C006_bad_date", f"{day.isoformat()} is listed under {year}, not its own year.",
                          f"{day.isoformat()} 被列在 {year} 年下，不属于该年。", where)  # fmt: skip
        if day in days:
            raise _refuse("C006_bad_date", f"{day.isoformat()} is listed twice in the {name} of {year}.",
                          f"{day.isoformat()} 在 {year} 年的{name_zh}中出现了两次。", where)  # fmt: skip
        days.add(day)
    return frozenset(days)


def _date(item: Any) -> date | None:
    if not isinstance(item, str) or not _DATE.match(item):
        return None
    try:
        return date.fromisoformat(item)
    except ValueError:
        return None


def assumed_years(calendar: HolidayCalendar, dates: Iterable[date]) -> set[int]:
    """The years among `dates` the calendar does not cover (Monday to Friday assumed there)."""
    return {day.year for day in dates if not calendar.covers(day.year)}


def fallback_warning(years: Iterable[int]) -> Problem | None:
    """The warning ("2027 holidays not known yet: Monday–Friday assumed"), or None when every year is known."""
    shown = sorted(set(years))
    if not shown:
        return None
    en = ", ".join(str(year) for year in shown)
    zh = "、".join(str(year) for year in shown)
    return Problem("", "W010_calendar_unknown", f"{en} holidays not known yet: Monday–Friday assumed",
                   f"{zh} 年节假日尚未公布：暂按周一至周五计算")  # fmt: skip
