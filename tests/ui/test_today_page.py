"""The Today page: one-click logging moves the targets, closing locks the day, the summary saves."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.ui.conftest import some
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, today_profile: Path) -> MainWindow:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(today_profile)
    page = shell.window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    return shell.window


def test_agenda_reminders_and_targets_come_from_the_core(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    assert some(page.agenda.topLevelItem(0)).text(0) == "14:00–15:00"
    assert (
        some(page.agenda.topLevelItem(0)).text(1) == "张三" and some(page.agenda.topLevelItem(0)).text(2) == "Closing"
    )
    kinds = [some(page.reminders.topLevelItem(i)).text(0) for i in range(page.reminders.topLevelItemCount())]
    assert "Birthday" in kinds
    assert page.progress.bars["visits"].text() == "0 / 5"
    assert page.progress.bars["leaflets"].text() == "0 / 50"


def test_one_click_logging_moves_the_progress(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    page.quick.leaflet_count.setValue(30)
    qtbot.mouseClick(page.quick.leaflets, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress.bars["leaflets"].text() == "30 / 50", timeout=5000)
    qtbot.mouseClick(page.quick.sms, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress.bars["sms"].text() == "1 / 20", timeout=5000)


def test_new_prospect_captures_one_over_today_and_counts_it(qtbot: QtBot, window: MainWindow) -> None:
    from ui.prospects.dialog import ProspectDialog

    page = window.today
    qtbot.waitUntil(lambda: page.data is not None)
    qtbot.mouseClick(page.quick.prospect, Qt.MouseButton.LeftButton)
    assert window.prospects is not None
    qtbot.waitUntil(lambda: isinstance(getattr(window.prospects, "dialog", None), ProspectDialog))
    dialog = window.prospects.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert window.stack.currentWidget() is page  # captured over Today, no page switch
    dialog.name.setText("钱多多")
    dialog.mobile.setText("13912345678")
    dialog.save()
    qtbot.waitUntil(lambda: page.progress.bars["prospects"].text() == "1 / 10", timeout=5000)
    assert window.ctx is not None
    assert [p.name for p in window.ctx.prospects.search()] == ["钱多多"]


def test_closing_the_day_locks_logging(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    page.close_day()
    qtbot.waitUntil(lambda: page.data is not None and page.data.day_closed, timeout=5000)
    assert not page.quick.leaflets.isEnabled()
    assert "Closed" in page.closed_label.text()
    # The core refuses too, whatever the UI shows.
    page.log_quick("call", 1)
    qtbot.waitUntil(lambda: "closed" in page.status.text().lower(), timeout=5000)


def test_the_close_button_lists_what_is_still_planned_before_closing(qtbot: QtBot, window: MainWindow) -> None:
    from ui.today.daily_summary_dialog import CloseDayDialog

    page = window.today
    qtbot.waitUntil(lambda: page.data is not None)
    page.close_button.click()
    closing = page.close_day_dialog
    assert isinstance(closing, CloseDayDialog) and closing.isVisible()
    qtbot.waitUntil(closing.close_button.isEnabled)
    closing.close_button.click()
    qtbot.waitUntil(lambda: page.data is not None and page.data.day_closed, timeout=5000)


def test_day_navigation_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.day == date.today() + timedelta(days=1)
    qtbot.waitUntil(lambda: page.data is not None and page.data.day == page.day)
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day == date.today()


def test_daily_summary_saves_the_review_and_tomorrows_targets(
    qtbot: QtBot, window: MainWindow, today_profile: Path
) -> None:
    page = window.today
    page.open_summary()
    dialog = page.summary_dialog
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=5000)
    assert next(some(dialog.steps.topLevelItem(i)).text(0) for i in range(5)) == "Identify & approach"
    dialog.went_well.setPlainText("两位客户同意面谈")
    dialog.tomorrow_targets["visits"].setValue(6)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    ctx = AppContext.open(today_profile)
    try:
        summary = ctx.daily_plans.summary(date.today())
        assert summary.went_well == "两位客户同意面谈"
        assert summary.tomorrow.targets.visits == 6
    finally:
        ctx.close()


def test_logging_a_full_contact_with_the_keyboard(qtbot: QtBot, window: MainWindow, today_profile: Path) -> None:
    page = window.today
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = page.log_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.kind.setCurrentIndex(dialog.kind.findData("visit"))
    qtbot.keyClicks(dialog.client.search, "zs")
    qtbot.waitUntil(lambda: dialog.client.results.count() == 1, timeout=5000)
    qtbot.keyClick(dialog.client.search, Qt.Key.Key_Return)
    assert dialog.client.chosen_label.text() == "张三  138****5678"
    dialog.step.setCurrentIndex(dialog.step.findData("close"))
    # The same rule as the planner's and the quick button's: a visit that reached the close counts.
    assert dialog.effective.isEnabled() and dialog.effective.isChecked()
    qtbot.keyClicks(dialog.outcome, "signed")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: page.progress.bars["visits"].text() == "1 / 5", timeout=5000)
    ctx = AppContext.open(today_profile)
    try:
        entry = ctx.worklog.entries(date.today())[0]
        assert (entry.kind, entry.client_name, entry.sales_step, entry.effective, entry.outcome) == (
            "visit",
            "张三",
            "close",
            True,
            "signed",
        )
    finally:
        ctx.close()


def test_an_effective_call_is_not_possible(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today
    page.open_log_entry()
    dialog = page.log_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    dialog.step.setCurrentIndex(dialog.step.findData("close"))
    assert not dialog.effective.isEnabled() and not dialog.effective.isChecked()


def test_my_default_targets_are_editable(qtbot: QtBot, window: MainWindow, today_profile: Path) -> None:
    page = window.today
    page.open_targets()
    dialog = page.targets_dialog
    qtbot.waitUntil(lambda: dialog.current is not None)
    assert dialog.boxes["visits"].value() == 5 and dialog.boxes["sms"].value() == 20
    dialog.boxes["leaflets"].setValue(80)
    dialog.save()
    qtbot.waitUntil(lambda: page.progress.bars["leaflets"].text() == "0 / 80", timeout=5000)
