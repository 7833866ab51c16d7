"""Reminder due dates: the manuals' rules on the mainland holiday calendar."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules import reminders as rule
from app.rules.working_days import is_working_day

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
calendar_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


def test_receipt_over_national_day_week_is_due_on_the_worked_saturday() -> None:
    # 1-7 October 2026 off; Saturday 10 October is worked.
    assert rule.receipt_return_due(date(2026, 9, 30)) == date(2026, 10, 10)


def test_receipt_over_spring_festival_skips_the_holiday() -> None:
    # Saturday 14 Feb worked; 15-23 Feb off; back on 24 Feb.
    assert rule.receipt_return_due(date(2026, 2, 13)) == date(2026, 2, 25)
    assert rule.receipt_return_due(date(2026, 2, 12)) == date(2026, 2, 24)


def test_receipt_before_mid_autumn() -> None:
    # Friday 25 September 2026 (Mid-Autumn) is off; the weekend after is off too.
    assert rule.receipt_return_due(date(2026, 9, 23)) == date(2026, 9, 29)


def test_receipt_warning_window_counts_working_days() -> None:
    assert rule.receipt_warning_until(date(2026, 9, 30)) == date(2026, 10, 10)


def test_letter_and_purchase_follow_up_are_calendar_days() -> None:
    assert rule.letter_due(date(2026, 9, 28)) == date(2026, 10, 8)
    assert rule.purchase_follow_up_due(date(2026, 2, 13)) == date(2026, 2, 23)


def test_leap_day_birthday_falls_on_28_february_in_common_years() -> None:
    born = date(1988, 2, 29)
    assert rule.next_yearly(born, date(2026, 2, 1)) == date(2026, 2, 28)
    assert rule.next_yearly(born, date(2028, 2, 1)) == date(2028, 2, 29)
    assert rule.next_yearly(born, date(2026, 3, 1)) == date(2027, 2, 28)
    assert "02-29" in rule.month_days(date(2026, 2, 25), 7)
    assert "02-29" not in rule.month_days(date(2028, 2, 20), 7)


def test_yearly_window_and_year_end() -> None:
    assert rule.yearly_due_within(date(1970, 1, 2), date(2026, 12, 30), 7) == date(2027, 1, 2)
    assert rule.yearly_due_within(date(1970, 1, 9), date(2026, 12, 30), 7) is None
    assert rule.month_days(date(2026, 12, 30), 3) == ["12-30", "12-31", "01-01", "01-02"]


def test_maturity_window_and_overdue() -> None:
    today = date(2026, 11, 23)
    assert rule.maturity_due_within(date(2026, 12, 23), today) == date(2026, 12, 23)
    assert rule.maturity_due_within(date(2026, 12, 24), today) is None
    assert rule.maturity_due_within(date(2026, 11, 22), today) is None
    assert not rule.is_overdue(today, today) and rule.is_overdue(today - timedelta(days=1), today)


@given(days, days)
def test_next_yearly_is_the_first_occurrence_on_or_after_today(original: date, today: date) -> None:
    due = rule.next_yearly(original, today)
    assert today <= due < today + timedelta(days=366)
    assert (due.month, due.day) == (original.month, original.day) or (
        (original.month, original.day) == (2, 29) and (due.month, due.day) == (2, 28)
    )


@given(days, st.integers(min_value=0, max_value=60))
def test_month_days_find_exactly_the_yearly_dates_in_the_window(today: date, horizon: int) -> None:
    keys = set(rule.month_days(today, horizon))
    for original in (date(1980, 2, 29), date(1990, 12, 31), date(1975, today.month, 1)):
        found = original.strftime("%m-%d") in keys
        assert found == (rule.yearly_due_within(original, today, horizon) is not None)


@given(calendar_days)
def test_receipt_due_is_three_working_days_later(signed: date) -> None:
    due = rule.receipt_return_due(signed)
    assert is_working_day(due)
    between = [signed + timedelta(days=n) for n in range(1, (due - signed).days + 1)]
    assert sum(is_working_day(d) for d in between) == 3
