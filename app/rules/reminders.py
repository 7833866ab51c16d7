"""When care duties and paperwork deadlines fall due: pure date arithmetic, no database.

The manuals' rules: birthday and anniversary greetings on the day; product-maturity notices
ahead of the maturity date; a revisit within 10 days of a purchase; the signed policy receipt
back within 3 working days of signing; head-office letters answered within 10 days of issue.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.rules.working_days import add_working_days

MATURITY_NOTICE_DAYS = 30
PURCHASE_FOLLOW_UP_DAYS = 10
RECEIPT_RETURN_WORKING_DAYS = 3
LETTER_ANSWER_DAYS = 10


def yearly_on(original: date, year: int) -> date:
    """`original`'s month and day in `year`; 29 February falls on 28 February in common years."""
    try:
        return original.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def next_yearly(original: date, today: date) -> date:
    """The first occurrence of a yearly date (birthday, anniversary) on or after `today`."""
    this_year = yearly_on(original, today.year)
    return this_year if this_year >= today else yearly_on(original, today.year + 1)


def yearly_due_within(original: date, today: date, days: int) -> date | None:
    """The next occurrence if it falls in [today, today + days], else None."""
    due = next_yearly(original, today)
    return due if due <= today + timedelta(days=days) else None


def month_days(today: date, days: int) -> list[str]:
    """The 'MM-DD' keys of yearly dates that occur in [today, today + days].

    Used to find birthdays through an index on the stored date's month-day. 29 February is
    added wherever 28 February of a common year is in the window, since those dates fall then.
    """
    keys: list[str] = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        keys.append(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            keys.append("02-29")
    return list(dict.fromkeys(keys))


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def maturity_due_within(maturity_on: date, today: date, days: int = MATURITY_NOTICE_DAYS) -> date | None:
    """The maturity date if it falls in [today, today + days], else None."""
    return maturity_on if today <= maturity_on <= today + timedelta(days=days) else None


def purchase_follow_up_due(purchased_on: date) -> date:
    return purchased_on + timedelta(days=PURCHASE_FOLLOW_UP_DAYS)


def receipt_return_due(signed_on: date) -> date:
    return add_working_days(signed_on, RECEIPT_RETURN_WORKING_DAYS)


def receipt_warning_until(today: date) -> date:
    """Receipts due back up to this day are shown: a manager needs those 3 working days."""
    return add_working_days(today, RECEIPT_RETURN_WORKING_DAYS)


def letter_due(issued_on: date) -> date:
    return issued_on + timedelta(days=LETTER_ANSWER_DAYS)


def is_overdue(due_on: date, today: date) -> bool:
    """Due on a day already past: a reminder due today is not yet overdue."""
    return due_on < today
