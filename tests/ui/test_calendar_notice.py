"""Today says when a date it shows lies in a year whose holidays are not known (one line for the
page), and lists what the arrival of a year's holidays moved until the manager hides the notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.common.local_time import local_zone
from app.context import AppContext
from app.planner.records import VisitInput
from app.planner.service import PlannerService
from app.reference.deadlines import moved_notice, reconcile_deadlines
from app.reference.held import import_calendar
from app.rules import working_days
from app.rules.ids import ClientId
from local_db import models
from tests.test_calendar_deadlines import CALENDAR_2027, NEW_YEARS_EVE, WARNING_EN, WARNING_ZH, sign_receipt
from tests.ui.conftest import open_active
from ui.common.task_runner import TaskRunner
from ui.planner.page import PlannerPage
from ui.receipts.page import ReceiptsPage
from ui.shell.application import Shell
from ui.today.daily_summary_dialog import DailySummaryDialog
from ui.today.page import TodayPage


@pytest.fixture(autouse=True)
def shipped_again() -> Iterator[None]:
    working_days.hold(None)
    yield
    working_days.hold(None)


def today_page(qtbot: QtBot, shell: Shell, data_dir: Path) -> TodayPage:
    page = open_active(qtbot, shell, data_dir).today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    return page


def show(qtbot: QtBot, page: TodayPage, day: date) -> None:
    page.show_day(day)
    qtbot.waitUntil(lambda: page.data is not None and page.data.day == day, timeout=10_000)


def test_a_day_in_an_unknown_year_shows_one_warning_line(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    page = today_page(qtbot, shell, data_dir)
    show(qtbot, page, date(2027, 1, 4))
    assert page.calendar_warning.isVisible() and page.calendar_warning.text() == WARNING_EN
    assert page.findChildren(type(page.calendar_warning), "calendarWarning") == [page.calendar_warning]
    show(qtbot, page, date(2026, 12, 1))
    assert not page.calendar_warning.isVisible()


def test_the_warning_in_chinese(qtbot: QtBot, shell: Shell, data_dir: Path, chinese: None) -> None:
    AppContext.open(data_dir).close()
    page = today_page(qtbot, shell, data_dir)
    show(qtbot, page, date(2027, 1, 4))
    assert page.calendar_warning.text() == WARNING_ZH


def test_what_moved_is_listed_until_hidden_by_keyboard(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    with ctx.store.sessions.begin() as session:
        client = models.Client(name="李娜", mobile="13912345678")
        session.add(client)
    planner = PlannerService(ctx.store.sessions, ctx.actor, today=lambda: NEW_YEARS_EVE)
    start = datetime.combine(NEW_YEARS_EVE, time(15), local_zone())
    planner.create(VisitInput(kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1),
                              client_id=ClientId(client.id)))  # fmt: skip
    planner.carry_over(NEW_YEARS_EVE)  # onto 1 January, a working day while 2027 is assumed
    import_calendar(ctx.data_dir, CALENDAR_2027)
    assert len(reconcile_deadlines(ctx)) == 1
    ctx.close()

    page = today_page(qtbot, shell, data_dir)
    qtbot.waitUntil(page.moved_box.isVisible, timeout=10_000)
    assert "李娜's visit on 2027-01-01 15:00 now falls on a holiday: move it in the planner" in page.moved_text.text()
    assert not page.calendar_warning.isVisible()  # 2027 is known now
    qtbot.keyClick(page.window(), Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not page.moved_box.isVisible(), timeout=10_000)
    reopened = AppContext.open(data_dir)
    try:
        qtbot.waitUntil(lambda: moved_notice(reopened.settings) is None, timeout=10_000)
    finally:
        reopened.close()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def test_the_summary_on_new_years_eve_says_its_next_day_is_counted_monday_to_friday(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner
) -> None:
    summary = DailySummaryDialog(ctx, runner, NEW_YEARS_EVE)
    qtbot.addWidget(summary)
    qtbot.waitUntil(lambda: summary.summary is not None)
    assert summary.tomorrow_label.text() == f"Next working day: Friday, January 1, 2027\n{WARNING_EN}"


def test_carrying_over_new_years_eve_says_so_before_moving(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ctx.store.sessions.begin() as session:
        client = models.Client(name="李娜", mobile="13912345678")
        session.add(client)
    start = datetime.combine(NEW_YEARS_EVE, time(15), local_zone())
    ctx.planner.create(VisitInput(kind="client", purpose="closing", starts_at=start,
                                  ends_at=start + timedelta(hours=1), client_id=ClientId(client.id)))  # fmt: skip
    page = PlannerPage(runner)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    page.attach(ctx)
    page.day = NEW_YEARS_EVE
    page.refresh()
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.waitUntil(lambda: any(v.starts_at.date() == NEW_YEARS_EVE for v in page.visits))
    page.carry_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    assert WARNING_EN in asked[0] and "15:00–16:00" in asked[0]


def test_a_receipt_due_in_2027_says_so_in_the_list(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> None:
    sign_receipt(ctx)
    page = ReceiptsPage(runner)
    qtbot.addWidget(page)
    page.show()
    page.attach(ctx)
    qtbot.waitUntil(lambda: page.list.calendar_warning.isVisible(), timeout=10_000)
    assert page.list.calendar_warning.text() == WARNING_EN
