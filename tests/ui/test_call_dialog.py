"""The call record dialog (电话邀约记录表): filled by keyboard, saved as typed, counted once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.rules.ids import ClientId
from local_db.models import Client, ProductHolding
from ui.clients.card.dialog import ClientCardDialog
from ui.common.task_runner import TaskRunner
from ui.sales_forms.call_dialog import CallRecordDialog
from ui.shell.application import Shell

from .conftest import some, type_text


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def client_id(ctx: AppContext) -> str:
    with ctx.store.sessions.begin() as session:
        client = Client(name="王伟", gender="M", birth_date=date(1980, 1, 1), mobile="13900001111")
        session.add(client)
        session.flush()
        session.add(ProductHolding(client_id=client.id, product_type="deposit", product_name="大额存单"))
        return client.id


def effective_calls(ctx: AppContext) -> int:
    return sum(1 for e in ctx.worklog.entries(today()) if e.kind == "call" and e.effective and e.counts)


def test_fill_a_call_by_keyboard_and_the_days_effective_calls_move_by_one(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, client_id: str
) -> None:
    dialog = CallRecordDialog(ctx, runner, client_id=client_id, day=today())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: "王伟" in dialog.who.text())
    assert "大额存单" in dialog.who.text() and "13900001111" not in dialog.who.text()
    before = effective_calls(ctx)
    # The preparation: typed into the script, saved as typed (a prepared call counts nothing).
    dialog.script.setFocus()
    type_text(qtbot, dialog.script, "王先生您好，邀请您来网点")
    qtbot.waitUntil(lambda: dialog.record_id is not None and dialog.done_saving(), timeout=5000)
    assert [r.status for r in ctx.call_records.day(today())] == ["prepared"]
    assert effective_calls(ctx) == before
    # After the call: Alt+M ticks "made", the outcome is chosen with the keyboard.
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.made.isChecked)  # a mnemonic clicks the box after a short animation
    dialog.outcome.setFocus()
    index = dialog.outcome.findData("clear_answer")
    while dialog.outcome.currentIndex() < index:
        qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # 准备充分
    qtbot.waitUntil(dialog.review_prepared.isChecked)
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.status == "done" and dialog.done_saving(),
                    timeout=5000)  # fmt: skip
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.review_prepared, timeout=5000)
    assert effective_calls(ctx) == before + 1
    # More typing edits the same record and the same entry: still one.
    dialog.notes.setFocus()
    type_text(qtbot, dialog.notes, "周五再确认")
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.notes == "周五再确认", timeout=5000)
    assert effective_calls(ctx) == before + 1
    [record] = ctx.call_records.day(today())
    assert (record.outcome, record.review_prepared, record.script) == ("clear_answer", True, "王先生您好，邀请您来网点")
    dialog.accept()


def test_an_appointment_books_the_visit_and_reopening_shows_the_form(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, client_id: str
) -> None:
    dialog = CallRecordDialog(ctx, runner, client_id=client_id, day=today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "王伟" in dialog.who.text())
    dialog.made.setChecked(True)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("appointment"))
    assert dialog.agreed_at.isEnabled() and dialog.agreed_place.isEnabled()
    dialog.agreed_place.setFocus()
    type_text(qtbot, dialog.agreed_place, "网点贵宾室")
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.visit_id is not None and dialog.done_saving(),
                    timeout=5000)  # fmt: skip
    assert "planner" in dialog.status.text()
    record_id = dialog.record_id
    dialog.accept()
    again = CallRecordDialog(ctx, runner, record_id=record_id)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.view is not None)
    assert again.made.isChecked() and again.outcome.currentData() == "appointment"
    assert again.agreed_place.text() == "网点贵宾室"
    visits = ctx.planner.between(today(), today() + timedelta(days=2))
    assert [v.location for v in visits] == ["网点贵宾室"]
    again.reject()


def test_from_todays_row_menu_to_the_call_and_back_from_the_clients_history(
    qtbot: QtBot, shell: Shell, today_profile: Path
) -> None:
    """Shift+F10 on 张三's visit, V (Phone in&vitation…): the form through the shell; the call
    then shows once in the card's history, where Enter opens it again."""
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(today_profile)
    window = shell.window
    page = window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    window.activateWindow()
    agenda = page.agenda
    agenda.setFocus()
    agenda.setCurrentItem(some(agenda.topLevelItem(0)))
    qtbot.keyClick(agenda, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.menu is not None and page.menu.isVisible(), timeout=3000)
    assert page.menu is not None
    qtbot.keyClick(page.menu, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "form_dialog", None), CallRecordDialog), timeout=5000)
    dialog = window.form_dialog
    assert isinstance(dialog, CallRecordDialog)
    qtbot.waitUntil(lambda: "张三" in dialog.who.text(), timeout=5000)
    dialog.made.setChecked(True)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("refused"))
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.status == "done" and dialog.done_saving(),
                    timeout=5000)  # fmt: skip
    record_id = dialog.record_id
    dialog.accept()
    assert window.ctx is not None
    client_id = window.ctx.call_records.get(str(record_id)).subject.id
    window.clients.open_card(ClientId(client_id))
    card = window.clients.last_dialog
    assert isinstance(card, ClientCardDialog)
    history = card.history

    def call_rows() -> list[QTreeWidgetItem]:
        items = [history.topLevelItem(n) for n in range(history.topLevelItemCount())]
        return [i for i in items if i is not None and i.text(1) == "Phone invitation"]

    qtbot.waitUntil(lambda: len(call_rows()) == 1, timeout=5000)
    [row] = call_rows()
    assert row.text(2) == "Refused"
    assert not [
        i for n in range(history.topLevelItemCount()) if (i := history.topLevelItem(n)) and i.text(1) == "Work log"
    ]  # the call's entry is not listed again
    history.setCurrentItem(row)
    with qtbot.waitSignal(card.form_did_request, timeout=3000):
        history.itemActivated.emit(row, 0)
    qtbot.waitUntil(lambda: window.form_dialog is not dialog and isinstance(window.form_dialog, CallRecordDialog))
    reopened = window.form_dialog
    assert isinstance(reopened, CallRecordDialog)
    qtbot.waitUntil(lambda: reopened.view is not None and reopened.view.id == record_id, timeout=5000)
    reopened.reject()
    card.reject()
