"""The outlet files panel as a user meets it: typed in, saved with Ctrl+S, read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.outlets.service import OutletDraft, StaffEntry, StockEntry
from local_db.models import Client
from tests.ui.conftest import some
from ui.common.task_runner import TaskRunner
from ui.outlets.page import OutletsPanel
from ui.outlets.tables import INVALID, LOW_STOCK

Yes = QMessageBox.StandardButton.Yes
No = QMessageBox.StandardButton.No


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def open_panel(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> OutletsPanel:
    panel = OutletsPanel(runner)
    qtbot.addWidget(panel)
    panel.resize(930, 680)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.attach(ctx)
    return panel


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> OutletsPanel:
    return open_panel(qtbot, ctx, runner)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Latin text as key presses; Chinese as a user's input method delivers it, one commit."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press_enter(qtbot: QtBot, table: QTableWidget) -> None:
    """Enter commits the cell; the view does so on its next event-loop turn, so wait for it."""
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def type_in_cell(qtbot: QtBot, table: QTableWidget, row: int, col: int, text: str) -> None:
    """Move to the cell, press F2 to edit, type, press Enter — as a keyboard user does."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, text)
    press_enter(qtbot, table)


def choose_in_cell(qtbot: QtBot, table: QTableWidget, row: int, col: int, presses: list[Qt.Key]) -> None:
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox)
    for key in presses:
        qtbot.keyClick(combo, key)
    press_enter(qtbot, table)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def show_tab(qtbot: QtBot, panel: OutletsPanel, index: int) -> None:
    bar = panel.editor.sections.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert panel.editor.sections.currentIndex() == index


def fill_new_outlet(qtbot: QtBot, panel: OutletsPanel) -> None:
    editor = panel.editor
    click(qtbot, panel.new_button)
    type_text(qtbot, editor.code, "sh002")
    type_text(qtbot, editor.outlet_name, "建设银行上海浦东支行")
    type_text(qtbot, editor.bank, "建设银行")
    type_text(qtbot, editor.phone, "021-50123456")
    type_text(qtbot, editor.money["deposit_personal_cents"], "1200000.5")
    type_text(qtbot, editor.money["deposit_target_cents"], "200万")

    click(qtbot, editor.add_buttons["staff"])  # opens the new row's name cell for typing
    type_text(qtbot, focused(), "王芳")
    press_enter(qtbot, editor.staff)
    choose_in_cell(qtbot, editor.staff, 0, 1, [Qt.Key.Key_Home])  # the first role: outlet head
    type_in_cell(qtbot, editor.staff, 0, 3, "1978-05-04")

    show_tab(qtbot, panel, 2)
    click(qtbot, editor.add_buttons["stock"])
    type_text(qtbot, focused(), "投保单")
    press_enter(qtbot, editor.stock)
    type_in_cell(qtbot, editor.stock, 0, 2, "5")
    type_in_cell(qtbot, editor.stock, 0, 3, "20")


def save(qtbot: QtBot, panel: OutletsPanel) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_new_outlet_typed_in_is_saved_and_read_back(
    qtbot: QtBot,
    ctx: AppContext,
    runner: TaskRunner,
    panel: OutletsPanel,
) -> None:
    fill_new_outlet(qtbot, panel)
    type_in_cell(qtbot, panel.editor.staff, 0, 2, "138 1234 5678")
    editor = panel.editor
    assert some(editor.stock.item(0, 1)).background().color() == LOW_STOCK  # 5 left, reorder at 20
    assert editor.sections.tabText(2) == "St&ock (1 low)"
    assert editor.deposit_progress.text() == "Total deposits: 1.2 million yuan, 60.0% of the target"

    with qtbot.waitSignal(panel.outlets_did_change, timeout=5000):
        save(qtbot, panel)
    qtbot.waitUntil(lambda: panel.outlet_list.topLevelItemCount() == 1 and editor.outlet_id is not None)
    row = some(panel.outlet_list.topLevelItem(0))
    assert [row.text(c) for c in range(5)] == ["SH002", "建设银行上海浦东支行", "建设银行", "1", "1"]
    assert panel.notice.text() == "Saved."

    # A fresh panel on the same profile opens the outlet as it was typed.
    again = open_panel(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: again.editor.outlet_id is not None)
    shown = again.editor
    assert (shown.code.text(), shown.outlet_name.text(), shown.phone.text()) == (
        "SH002",
        "建设银行上海浦东支行",
        "021-50123456",
    )
    assert shown.money["deposit_personal_cents"].text() == "1,200,000.50"
    assert [some(shown.staff.item(0, c)).text() for c in range(5)] == [
        "王芳",
        "Outlet head",
        "13812345678",
        "1978-05-04",
        "",
    ]
    assert [some(shown.stock.item(0, c)).text() for c in range(4)] == ["Form", "投保单", "5", "20"]
    assert some(shown.stock.item(0, 0)).background().color() == LOW_STOCK
    file = ctx.outlets.get(some(shown.outlet_id))
    assert file.deposit_personal_cents == 120_000_050 and file.deposit_target_cents == 200_000_000
    assert file.staff[0].birthday == date(1978, 5, 4) and file.staff[0].role == "head"


def test_a_bad_staff_phone_is_shown_and_nothing_is_saved(
    qtbot: QtBot,
    ctx: AppContext,
    panel: OutletsPanel,
) -> None:
    fill_new_outlet(qtbot, panel)
    show_tab(qtbot, panel, 0)
    type_in_cell(qtbot, panel.editor.staff, 0, 2, "12345")
    click(qtbot, panel.save_button)
    problems = panel.editor.problems_label
    qtbot.waitUntil(problems.isVisible)
    assert problems.text() == (
        "Staff row 1: enter a mobile number (e.g. 13812345678) or a landline with its area code (e.g. 010-62345678)."
    )
    staff = panel.editor.staff
    assert some(staff.item(0, 2)).background().color() == INVALID
    assert (staff.currentRow(), staff.currentColumn()) == (0, 2) and staff.hasFocus()
    assert ctx.outlets.list() == [] and panel.outlet_list.topLevelItemCount() == 0

    type_in_cell(qtbot, staff, 0, 2, "010-62345678")
    assert some(staff.item(0, 2)).background().color() != INVALID
    save(qtbot, panel)
    qtbot.waitUntil(lambda: panel.outlet_list.topLevelItemCount() == 1)
    assert not problems.isVisible()


def test_unreadable_birthday_and_missing_name_are_explained(
    qtbot: QtBot,
    ctx: AppContext,
    panel: OutletsPanel,
) -> None:
    fill_new_outlet(qtbot, panel)
    show_tab(qtbot, panel, 0)
    type_in_cell(qtbot, panel.editor.staff, 0, 3, "1978-13-40")
    save(qtbot, panel)
    assert panel.editor.problems_label.text() == "Staff row 1: enter the birthday as year-month-day, e.g. 1985-03-14."

    type_in_cell(qtbot, panel.editor.staff, 0, 3, "1978-05-04")
    panel.editor.outlet_name.clear()
    save(qtbot, panel)
    qtbot.waitUntil(lambda: panel.editor.problems_label.text() == "Enter the outlet name.")
    assert panel.editor.outlet_name.hasFocus() and panel.editor.outlet_name.property("invalid") is True
    assert ctx.outlets.list() == []


def test_a_new_outlet_by_keyboard_alone(qtbot: QtBot, ctx: AppContext, panel: OutletsPanel) -> None:
    panel.outlet_list.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is panel.editor.code
    type_text(qtbot, focused(), "gz001")
    for expected, text in (
        (panel.editor.outlet_name, "广州天河支行"),
        (panel.editor.bank, "招商银行"),
        (panel.editor.phone, ""),
        (panel.editor.address, ""),
        (panel.editor.notes, ""),
        (panel.editor.money["deposit_personal_cents"], "800000000"),
    ):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is expected
        if text:
            type_text(qtbot, focused(), text)
    click(qtbot, panel.editor.add_buttons["staff"])
    type_text(qtbot, focused(), "陈静")
    # Saved while the cell is still being typed in: the cell is committed first.
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.outlet_list.topLevelItemCount() == 1)
    assert [some(panel.outlet_list.topLevelItem(0)).text(c) for c in (0, 3)] == ["GZ001", "1"]
    [summary] = ctx.outlets.list()
    file = ctx.outlets.get(summary.id)
    assert file.deposit_personal_cents == 80_000_000_000 and file.staff[0].name == "陈静"


def seed(ctx: AppContext, code: str, name: str) -> str:
    return ctx.outlets.save(
        OutletDraft(
            code=code,
            name=name,
            staff=(StaffEntry("王芳", "head"), StaffEntry("李强", "teller"), StaffEntry("赵敏", "teller")),
            stock=(StockEntry("form", "投保单", 50, 20),),
        )
    )


def test_delete_key_removes_the_selected_staff_row(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> None:
    seed(ctx, "BJ001", "朝阳支行")
    panel = open_panel(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: panel.editor.staff.rowCount() == 3)
    staff = panel.editor.staff
    staff.setFocus()
    staff.selectRow(1)
    qtbot.keyClick(staff, Qt.Key.Key_Delete)
    assert [some(staff.item(r, 0)).text() for r in range(staff.rowCount())] == ["王芳", "赵敏"]
    assert panel.editor.sections.tabText(0) == "S&taff (2)"
    save(qtbot, panel)
    qtbot.waitUntil(lambda: some(panel.outlet_list.topLevelItem(0)).text(3) == "2")


def test_switching_away_from_unsaved_changes_asks_first(
    qtbot: QtBot,
    ctx: AppContext,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(ctx, "BJ001", "朝阳支行")
    seed(ctx, "BJ002", "海淀支行")
    panel = open_panel(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: panel.editor.code.text() == "BJ001")
    type_text(qtbot, panel.editor.address, "朝阳路1号")
    asked: list[str] = []

    def question(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    second = some(panel.outlet_list.topLevelItem(1))
    qtbot.mouseClick(
        panel.outlet_list.viewport(), Qt.MouseButton.LeftButton, pos=panel.outlet_list.visualItemRect(second).center()
    )
    assert asked == ["Unsaved changes"]
    assert panel.editor.address.text() == "朝阳路1号" and panel.outlet_list.currentItem().text(0) == "BJ001"

    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # asks again, Cancel
    assert len(asked) == 2 and panel.editor.code.text() == "BJ001"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.outlet_id is None and panel.editor.code.text() == "" and panel.editor.code.hasFocus()


def test_delete_asks_and_is_refused_while_clients_belong_to_the_outlet(
    qtbot: QtBot,
    ctx: AppContext,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outlet_id = seed(ctx, "BJ001", "朝阳支行")
    with ctx.store.sessions.begin() as session:
        session.add(Client(name="张三", outlet_id=outlet_id))
    panel = open_panel(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: panel.editor.outlet_id == outlet_id)
    answers = [No, Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: answers.pop(0))
    click(qtbot, panel.delete_button)  # No: nothing happens
    assert answers == [Yes] and not panel.editor.problems_label.isVisible()
    click(qtbot, panel.delete_button)
    qtbot.waitUntil(panel.editor.problems_label.isVisible)
    assert panel.editor.problems_label.text() == (
        "1 client card(s) still belong to this outlet. Move them to another outlet first; nothing was deleted."
    )
    assert [o.id for o in ctx.outlets.list()] == [outlet_id]

    with ctx.store.sessions.begin() as session:
        session.get(Client, session.query(Client.id).scalar()).outlet_id = None  # type: ignore[union-attr]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Yes)
    with qtbot.waitSignal(panel.outlets_did_change, timeout=5000):
        click(qtbot, panel.delete_button)
    qtbot.waitUntil(lambda: panel.outlet_list.topLevelItemCount() == 0)
    assert panel.editor.outlet_id is None and not panel.delete_button.isEnabled()
    assert ctx.outlets.list() == []
