"""Today's week chart: drawn from the core's week figures, told in words too, and moved by logging."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.day.week import WeekProgress
from app.day.worklog import LogInput
from app.profile.settings import DailyTargets
from app.rules.working_days import is_working_day
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow
from ui.today.week_chart import BAR, BAR_MET, WeekChart

SHANGHAI = timezone(timedelta(hours=8))
WEDNESDAY = date(2026, 3, 11)  # an ordinary week: Monday 9 March to Wednesday, three working days


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)


@pytest.fixture
def week(ctx: AppContext) -> WeekProgress:
    monday = WEDNESDAY - timedelta(days=2)
    ctx.worklog.log(LogInput(kind="sms", day=monday, at=at(monday), quantity=25))
    ctx.worklog.log(LogInput(kind="sms", day=WEDNESDAY, at=at(WEDNESDAY), quantity=5))
    ctx.worklog.log(LogInput(kind="call", day=WEDNESDAY, at=at(WEDNESDAY), quantity=3))
    return ctx.daily_plans.week(WEDNESDAY)


def colours(chart: WeekChart) -> set[str]:
    image = chart.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(image.height())}


def test_the_chart_draws_the_days_and_says_every_number(qtbot: QtBot, week: WeekProgress) -> None:
    chart = WeekChart()
    qtbot.addWidget(chart)
    chart.resize(chart.sizeHint())
    chart.show_week(week)

    assert chart.accessibleName() == (
        "This week: Effective visits 0 / 15; Calls 3; Care SMS 30 / 60; New prospects 0 / 30"
    )
    mon, tue, wed = (QLocale().dayName(d, QLocale.FormatType.ShortFormat) for d in (1, 2, 3))
    lines = chart.toolTip().splitlines()
    assert lines[0] == f"This week, Monday to {wed}; working days so far: 3"
    assert lines[2] == f"Calls: 3 (no daily target) — {mon} 0, {tue} 0, {wed} 3"
    assert lines[3] == f"Care SMS: 30 of a target of 60 so far — {mon} 25, {tue} 0, {wed} 5"
    assert chart.accessibleDescription() == chart.toolTip()
    drawn = colours(chart)
    # Monday's 25 care SMS met its daily 20 (green); Wednesday's 5 and the calls did not (blue).
    assert BAR_MET.name() in drawn and BAR.name() in drawn


def test_the_chart_fits_beside_the_bars_and_leaves_the_agenda_its_rows(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    assert page.minimumSizeHint().width() <= 800
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: page.week_chart.week is not None, timeout=10_000)
    chart, bars = page.week_chart, page.progress
    assert chart.isVisible() and chart.geometry().left() >= bars.geometry().right()
    assert abs(chart.geometry().center().y() - bars.geometry().center().y()) < chart.height()
    agenda = page.agenda
    first = agenda.topLevelItem(0)
    assert first is not None
    assert agenda.viewport().height() // agenda.visualItemRect(first).height() >= 8


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, data_dir: Path) -> MainWindow:
    ctx = AppContext.open(data_dir)
    ctx.settings.set_targets(DailyTargets(meetings=8))  # all five of today's bars are shown
    ctx.close()
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    page = shell.window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    return shell.window


def test_a_care_sms_logged_on_today_moves_the_week(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    today = date.today()
    working = sum(is_working_day(today - timedelta(days=d)) for d in range(today.weekday() + 1))
    qtbot.waitUntil(lambda: page.week_chart.week is not None, timeout=10_000)
    assert f"Care SMS 0 / {20 * working}" in page.week_chart.accessibleName()

    qtbot.mouseClick(page.quick.sms, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: f"Care SMS 1 / {20 * working}" in page.week_chart.accessibleName(), timeout=5000)
    qtbot.waitUntil(lambda: page.progress.bars["sms"].text() == "1 / 20", timeout=5000)
    week = page.week_chart.week
    assert week is not None and week.day == today and week.line("sms").per_day[-1] == 1
