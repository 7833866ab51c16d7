"""Acting from Today: Enter and double-click open a visit in the planner and a reminder's client
card; the menu key offers snooze, and a snoozed reminder stays away until its day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.context import AppContext
from ui.clients.card.dialog import ClientCardDialog
from ui.planner.page import PlannerPage
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, today_profile: Path) -> MainWindow:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(today_profile)
    page = shell.window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    shell.window.activateWindow()
    return shell.window


def birthday_item(tree: QTreeWidget) -> QTreeWidgetItem | None:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return next((item for item in items if item is not None and item.text(0) == "Birthday"), None)


def first_row(tree: QTreeWidget, item: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
    found = item or tree.topLevelItem(0)
    assert found is not None
    return found


def planner_of(window: MainWindow) -> PlannerPage:
    planner = window.page(1)
    assert isinstance(planner, PlannerPage)
    return planner


def assert_visit_dialog_shows_the_visit(qtbot: QtBot, window: MainWindow) -> None:
    planner = planner_of(window)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog.isVisible(), timeout=5000)
    dialog = planner.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Visit: 张三", timeout=5000)
    assert dialog.purpose.currentData() == "closing"
    dialog.reject()


def assert_card_shows_the_client(qtbot: QtBot, window: MainWindow) -> None:
    clients = window.clients
    qtbot.waitUntil(lambda: getattr(clients, "last_dialog", None) is not None, timeout=5000)
    dialog = clients.last_dialog
    assert isinstance(dialog, ClientCardDialog)
    qtbot.waitUntil(lambda: dialog.name.text() == "张三", timeout=5000)
    assert dialog.windowTitle() == "Client file card: 张三"
    dialog.reject()


def test_enter_on_an_agenda_row_opens_its_visit(qtbot: QtBot, window: MainWindow) -> None:
    agenda = window.today.agenda
    agenda.setFocus()
    agenda.setCurrentItem(first_row(agenda))
    qtbot.keyClick(agenda, Qt.Key.Key_Return)
    assert_visit_dialog_shows_the_visit(qtbot, window)


def test_double_click_on_an_agenda_row_opens_its_visit(qtbot: QtBot, window: MainWindow) -> None:
    agenda = window.today.agenda
    item = agenda.topLevelItem(0)
    assert item is not None
    where = agenda.visualItemRect(item).center()
    qtbot.mouseClick(agenda.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(agenda.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert_visit_dialog_shows_the_visit(qtbot, window)


def test_enter_on_a_reminder_opens_the_client_card(qtbot: QtBot, window: MainWindow) -> None:
    reminders = window.today.reminders
    reminders.setFocus()
    reminders.setCurrentItem(first_row(reminders, birthday_item(reminders)))
    qtbot.keyClick(reminders, Qt.Key.Key_Return)
    assert_card_shows_the_client(qtbot, window)


def test_double_click_on_a_reminder_opens_the_client_card(qtbot: QtBot, window: MainWindow) -> None:
    reminders = window.today.reminders
    item = birthday_item(reminders)
    assert item is not None
    where = reminders.visualItemRect(item).center()
    qtbot.mouseClick(reminders.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(reminders.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert_card_shows_the_client(qtbot, window)


def test_the_agenda_menu_opens_the_card_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    page, agenda = window.today, window.today.agenda
    agenda.setFocus()
    agenda.setCurrentItem(first_row(agenda))
    qtbot.keyClick(agenda, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.menu is not None and page.menu.isVisible(), timeout=3000)
    assert page.menu is not None
    names = [a.objectName() for a in page.menu.actions() if a.objectName()]
    assert names == ["open_visit", "needs_interview", "closing_interview", "open_card", "log_contact",
                     "phone_invitation", "plan_visit", "new_proposal"]  # fmt: skip
    # The accelerator picks the action in the open menu: "Open the &client card".
    qtbot.keyClick(page.menu, Qt.Key.Key_C)
    assert_card_shows_the_client(qtbot, window)


def test_snoozed_from_the_menu_the_reminder_stays_away_until_its_day(qtbot: QtBot, window: MainWindow) -> None:
    page, reminders = window.today, window.today.reminders
    reminders.setFocus()
    reminders.setCurrentItem(first_row(reminders, birthday_item(reminders)))
    qtbot.keyClick(reminders, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: page.menu is not None and page.menu.isVisible(), timeout=3000)
    assert page.menu is not None
    qtbot.keyClick(page.menu, Qt.Key.Key_T)  # Snooze until &tomorrow
    qtbot.waitUntil(lambda: birthday_item(reminders) is None, timeout=5000)
    assert page.status.text().startswith("Snoozed until")
    page.show_day(date.today() + timedelta(days=1))
    qtbot.waitUntil(lambda: birthday_item(reminders) is not None, timeout=5000)
    item = birthday_item(reminders)
    assert item is not None and item.text(1) == "张三"
    page.show_day(date.today())
    qtbot.waitUntil(lambda: page.data is not None and page.data.day == date.today(), timeout=5000)
    qtbot.waitUntil(lambda: page.reminders.topLevelItemCount() > 0, timeout=5000)
    assert birthday_item(reminders) is None


# ---- a client row's actions carry the client: plan a visit, log a contact, new proposal ------------


def open_agenda_menu(qtbot: QtBot, window: MainWindow) -> None:
    page, agenda = window.today, window.today.agenda
    agenda.setFocus()
    agenda.setCurrentItem(first_row(agenda))
    qtbot.keyClick(agenda, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: page.menu is not None and page.menu.isVisible(), timeout=3000)


def test_plan_a_visit_opens_the_planner_with_the_client_picked(qtbot: QtBot, window: MainWindow) -> None:
    open_agenda_menu(qtbot, window)
    assert window.today.menu is not None
    qtbot.keyClick(window.today.menu, Qt.Key.Key_P)  # &Plan a visit…

    planner = planner_of(window)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog.isVisible(), timeout=5000)
    dialog = planner.dialog
    assert dialog is not None and dialog.windowTitle() == "New visit"
    qtbot.waitUntil(lambda: dialog.client_picker.chosen is not None, timeout=5000)
    chosen = dialog.client_picker.chosen
    assert chosen is not None and chosen.name == "张三"
    assert dialog.client_chosen.text().startswith("张三")
    assert dialog.client_search.text() == ""  # picked, not merely typed into the search
    dialog.reject()


def test_log_a_contact_opens_with_the_client_picked_and_logs_for_them(
    qtbot: QtBot, window: MainWindow, today_profile: Path
) -> None:
    open_agenda_menu(qtbot, window)
    page = window.today
    assert page.menu is not None
    qtbot.keyClick(page.menu, Qt.Key.Key_L)  # &Log a contact…

    qtbot.waitUntil(lambda: getattr(page, "log_dialog", None) is not None and page.log_dialog.isVisible(), timeout=5000)
    dialog = page.log_dialog
    qtbot.waitUntil(lambda: dialog.client.chosen is not None, timeout=5000)
    assert dialog.client.chosen is not None and dialog.client.chosen.name == "张三"
    assert dialog.client.chosen_label.text().startswith("张三")
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    ctx = AppContext.open(today_profile)
    try:
        entries = ctx.worklog.entries(date.today())
    finally:
        ctx.close()
    assert [(e.kind, e.client_name) for e in entries] == [("call", "张三")]


def test_new_proposal_opens_a_draft_whose_policyholder_is_the_client(qtbot: QtBot, window: MainWindow) -> None:
    from ui.proposals.editor.editor import ProposalEditor
    from ui.proposals.page import ProposalsPage

    open_agenda_menu(qtbot, window)
    assert window.today.menu is not None
    qtbot.keyClick(window.today.menu, Qt.Key.Key_R)  # New p&roposal…

    proposals = window.page(3)
    assert isinstance(proposals, ProposalsPage)
    qtbot.waitUntil(lambda: getattr(proposals, "last_editor", None) is not None, timeout=5000)
    editor = proposals.last_editor
    assert isinstance(editor, ProposalEditor)
    qtbot.waitUntil(lambda: editor.policyholder.name.text() == "张三", timeout=5000)
    holder = editor.policyholder
    assert holder.mobile.text() == "13812345678" and len(holder.id_number.text()) == 18
    qtbot.waitUntil(lambda: holder.link_label.text().startswith("Client card: 张三"), timeout=5000)
    assert editor.insured.name.text() == ""
    editor.reject()
