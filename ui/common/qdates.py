"""Python dates as Qt's date types, for the calls whose stubs take only the Qt type.

PySide6 converts a `datetime.date` (`datetime`, `time`) to a QDate (QDateTime, QTime) at run time,
but its stubs say only the Qt type, e.g. `QLocale.toString(QDate, ...)` and `QDate(QDate)`; these
build the Qt value field by field, so the calls type-check and behave as before."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute, value.second, value.microsecond // 1000)


def qdatetime(value: datetime) -> QDateTime:
    """The wall-clock fields of `value` (its tzinfo is not looked at): a local time."""
    return QDateTime(qdate(value), qtime(value.time()))


# And back: `QDate.toPython()` (QTime's, QDateTime's) is typed as returning `object`.


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def pytime(value: QTime) -> time:
    return time(value.hour(), value.minute(), value.second(), value.msec() * 1000)


def pydatetime(value: QDateTime) -> datetime:
    """A naive local datetime, as `QDateTime.toPython()` gives for a local QDateTime."""
    return datetime.combine(pydate(value.date()), pytime(value.time()))
