"""The manual's five measures as pure rules (app/rules/sales_measures.py), on rows made here."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules.sales_measures import (
    ALL_LINES,
    DayMeasures,
    FormLink,
    LineTargetRow,
    LogRow,
    MeasureLine,
    Measures,
    SaleRow,
    count_days,
    iso_week,
    line_progress,
    live_heads,
    measure_lines,
    month_span,
    percent_reached,
    period_span,
    quarter_span,
    rollup,
    sales_by_day,
)

DAY = date(2026, 3, 18)


def test_a_day_with_nothing_counts_nothing() -> None:
    assert count_days([]) == {}
    empty = rollup({}, DAY, DAY)
    assert empty.measures == Measures() and empty.sales == ()
    lines = measure_lines(Measures(), Measures())
    assert [line.measure for line in lines] == [
        "calls", "needs_interviews", "closing_interviews", "sales_cents", "after_sales",
    ]  # fmt: skip
    assert all(line.percent is None and not line.met for line in lines)


@pytest.mark.parametrize(
    ("actual", "target", "percent"),
    [(0, 0, None), (5, 0, None), (3, -1, None), (0, 5, 0), (4, 5, 80), (5, 5, 100), (7, 5, 140),
     (999, 1000, 99), (1, 3, 33)],
)  # fmt: skip
def test_percent_reached_boundaries(actual: int, target: int, percent: int | None) -> None:
    assert percent_reached(actual, target) == percent


def test_met_needs_a_target() -> None:
    assert not MeasureLine("calls", 0, 3).met
    assert MeasureLine("calls", 3, 3).met and not MeasureLine("calls", 3, 2).met


def test_effective_calls_by_flag_and_by_record() -> None:
    rows = [
        LogRow("quick", DAY, "call"),  # "+1 call": no outcome known, not effective
        LogRow("flagged", DAY, "call", effective=True),
        LogRow("appointment", DAY, "call"),
        LogRow("refused", DAY, "call", effective=True),  # the record says otherwise: it decides
        LogRow("prepared", DAY, "call"),
    ]
    forms = [
        FormLink("call", "done", "appointment", "appointment"),
        FormLink("call", "done", "refused", "refused"),
        FormLink("call", "prepared", "prepared", "clear_answer"),  # not made yet
        FormLink("call", "done", "missing", "appointment"),  # its entry is not on these days
    ]
    assert count_days(rows, forms)[DAY].measures.calls == 2


def test_corrected_entries_count_once_through_the_correction() -> None:
    rows = [
        LogRow("old", DAY, "visit"),
        LogRow("fix", DAY, "visit", corrects_id="old"),
        LogRow("fix2", DAY, "visit", corrects_id="fix"),
        LogRow("call", DAY, "call", effective=True, quantity=2),
        LogRow("call-fix", DAY, "call", effective=True, quantity=3, corrects_id="call"),
    ]
    live, head = live_heads(rows)
    assert set(live) == {"fix2", "call-fix"}
    assert head["old"] == head["fix"] == "fix2"
    # The needs interview linked the original entry; it counts once, through its last correction.
    forms = [FormLink("needs", "done", "old")]
    measures = count_days(rows, forms)[DAY].measures
    assert measures.needs_interviews == 1
    assert measures.calls == 3


def test_a_form_and_its_entry_count_once() -> None:
    rows = [LogRow("visit", DAY, "visit", visit_id="v1"), LogRow("visit2", DAY, "visit", visit_id="v2")]
    forms = [
        FormLink("needs", "done", "visit"),
        FormLink("needs", "done", "visit"),  # a second form on the same entry: still one interview
        FormLink("closing", "done", "visit2"),
        FormLink("closing", "draft", "visit"),  # not done: not counted
    ]
    measures = count_days(rows, forms)[DAY].measures
    assert (measures.needs_interviews, measures.closing_interviews) == (1, 1)


def test_after_sales_from_visit_purposes_and_care_messages() -> None:
    rows = [
        LogRow("delivery", DAY, "visit", visit_id="v-delivery"),
        LogRow("care-visit", DAY, "visit", visit_id="v-care"),
        LogRow("sales-visit", DAY, "visit", visit_id="v-closing"),
        LogRow("birthday-sms", DAY, "sms"),
        LogRow("adoption-sms", DAY, "sms"),
        LogRow("outlet", DAY, "outlet", visit_id="v-outlet"),
    ]
    purposes = {"v-delivery": "policy_delivery", "v-care": "care", "v-closing": "closing", "v-outlet": "care"}
    measures = count_days(rows, visit_purposes=purposes, after_sales_entries=["birthday-sms", "gone"])[DAY].measures
    assert measures.after_sales == 3


def _sale(id_: str, day: date, cents: int | None, previous: str | None = None, line: str = "annuity") -> SaleRow:
    return SaleRow(id_, previous, day, "GS-XXNJ", "国寿鑫享年金保险", cents, line)


def test_a_corrected_proposal_sells_once_on_its_first_day() -> None:
    later = date(2026, 3, 20)
    rows = [
        _sale("p1", DAY, 1_000_000),
        _sale("p1v2", later, 1_200_000, previous="p1"),
        _sale("p2", DAY, None, line="accident"),
        _sale("p3", later, 55_50),
    ]
    sold = sales_by_day(rows)
    assert set(sold) == {DAY, later}
    annuity = next(s for s in sold[DAY] if s.line == "annuity")
    assert (annuity.policies, annuity.cents) == (1, 1_200_000)
    assert [s.line for s in sold[DAY]] == ["accident", "annuity"]
    assert sold[later][0].cents == 5550
    days = count_days([], sales=rows)
    assert days[DAY].measures.sales_cents == 1_200_000 and days[DAY].measures.policies == 2
    assert days[later].measures.sales_cents == 5550


def test_week_crossing_a_month_and_a_year() -> None:
    assert iso_week(date(2026, 3, 31)) == (date(2026, 3, 30), date(2026, 4, 5))
    assert iso_week(date(2027, 1, 1)) == (date(2026, 12, 28), date(2027, 1, 3))
    days = {
        date(2026, 3, 31): DayMeasures(date(2026, 3, 31), Measures(calls=2)),
        date(2026, 4, 2): DayMeasures(date(2026, 4, 2), Measures(calls=3)),
        date(2026, 4, 6): DayMeasures(date(2026, 4, 6), Measures(calls=7)),  # the next week
    }
    assert rollup(days, *iso_week(date(2026, 4, 1))).measures.calls == 5
    assert rollup(days, *month_span(date(2026, 3, 5))).measures.calls == 2
    assert rollup(days, *month_span(date(2026, 4, 5))).measures.calls == 10


@pytest.mark.parametrize(
    ("day", "last"),
    [(date(2026, 2, 10), date(2026, 2, 28)), (date(2028, 2, 29), date(2028, 2, 29)),
     (date(2026, 1, 31), date(2026, 1, 31)), (date(2026, 4, 1), date(2026, 4, 30)),
     (date(2026, 12, 15), date(2026, 12, 31))],
)  # fmt: skip
def test_months_of_28_29_30_and_31_days(day: date, last: date) -> None:
    assert month_span(day) == (day.replace(day=1), last)


def test_quarters_and_years() -> None:
    assert quarter_span(date(2026, 5, 31)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_span(date(2026, 12, 1)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_span("year", DAY) == (date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        period_span("week", DAY)


def test_line_progress_per_period_and_line() -> None:
    rows = [_sale("a", date(2026, 3, 2), 300_000), _sale("b", date(2026, 2, 2), 100_000),
            _sale("c", date(2026, 3, 3), 50_000, line="accident")]  # fmt: skip
    days = count_days([], sales=rows)
    targets = [
        LineTargetRow("month", date(2026, 3, 1), "annuity", 600_000, 2),
        LineTargetRow("month", date(2026, 3, 1), ALL_LINES, 0, 4),
        LineTargetRow("year", date(2026, 1, 1), ALL_LINES, 10_000_000, 0),
        LineTargetRow("quarter", date(2026, 1, 1), "annuity", 400_000, 0),
    ]
    progress = line_progress(targets, days)
    assert [(p.period, p.line) for p in progress] == [
        ("year", ALL_LINES), ("quarter", "annuity"), ("month", ALL_LINES), ("month", "annuity"),
    ]  # fmt: skip
    year, quarter, month_all, month_annuity = progress
    assert (year.actual_cents, year.percent_cents, year.percent_policies) == (450_000, 4, None)
    assert (quarter.actual_cents, quarter.percent_cents) == (400_000, 100)
    assert (month_all.actual_policies, month_all.percent_policies, month_all.percent_cents) == (2, 50, None)
    assert (month_annuity.actual_cents, month_annuity.percent_cents, month_annuity.ends_on) == (
        300_000, 50, date(2026, 3, 31),
    )  # fmt: skip
