"""The prospect list on the Clients page, as a manager uses it: capture, a known mobile, convert."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.clients.records import ClientDraft
from app.context import AppContext
from app.prospects.records import ProspectInput
from local_db.models import Prospect
from ui.clients.card.dialog import ClientCardDialog
from ui.common.task_runner import TaskRunner
from ui.prospects.dialog import ProspectDialog
from ui.prospects.panel import ProspectsPanel
from ui.shell.application import Shell

from .conftest import some, type_text


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> ProspectsPanel:
    created = ProspectsPanel(runner)
    qtbot.addWidget(created)
    created.resize(1000, 600)
    created.show()
    created.activateWindow()
    qtbot.waitUntil(created.isActiveWindow)
    created.attach(ctx)
    return created


def open_new(qtbot: QtBot, panel: ProspectsPanel) -> ProspectDialog:
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProspectDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ProspectDialog)
    return dialog


def test_capture_with_the_keyboard(qtbot: QtBot, panel: ProspectsPanel, ctx: AppContext) -> None:
    dialog = open_new(qtbot, panel)
    qtbot.waitUntil(dialog.name.hasFocus)
    type_text(qtbot, dialog.name, "周杰")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), "138 1234 5678")  # type: ignore[arg-type]
    qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1)
    item = some(panel.table.topLevelItem(0))
    assert [item.text(c) for c in (0, 1, 2, 3)] == ["周杰", "138****5678", "New", "Walk-in"]
    assert not dialog.isVisible()
    with ctx.store.sessions() as session:
        assert session.scalars(select(Prospect.mobile)).one() == "13812345678"


def test_a_bad_mobile_is_refused_with_the_reason(qtbot: QtBot, panel: ProspectsPanel, ctx: AppContext) -> None:
    dialog = open_new(qtbot, panel)
    type_text(qtbot, dialog.name, "周杰")
    type_text(qtbot, dialog.mobile, "1381234567")
    qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert "11 digits" in dialog.problem.text()
    assert dialog.isVisible()
    with ctx.store.sessions() as session:
        assert session.scalars(select(Prospect)).all() == []


def test_a_known_mobile_offers_that_card(qtbot: QtBot, panel: ProspectsPanel, ctx: AppContext) -> None:
    saved = ctx.clients.save(ClientDraft(name="王伟", mobile="13900001111"))
    dialog = open_new(qtbot, panel)
    type_text(qtbot, dialog.name, "王伟")
    type_text(qtbot, dialog.mobile, "13900001111")
    qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.match_box.isVisible)
    assert "王伟" in dialog.match_text.text() and "139****1111" in dialog.match_text.text()
    assert dialog.open_match.hasFocus()
    with qtbot.waitSignal(panel.client_did_request) as opened:
        qtbot.keyClick(dialog.open_match, Qt.Key.Key_Space)
    assert opened.args == [saved.client_id]
    with ctx.store.sessions() as session:
        assert session.scalars(select(Prospect)).all() == []


def test_referred_by_them_from_the_context_menu(qtbot: QtBot, panel: ProspectsPanel, ctx: AppContext) -> None:
    ctx.prospects.capture(ProspectInput(name="李娜", mobile="13700002222"))
    panel.reload()
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(panel, "context_menu", None) is not None and panel.context_menu.isVisible())
    panel.context_menu.close()
    panel.refer_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProspectDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ProspectDialog)
    assert dialog.referrer_prospect.currentText().startswith("李娜")
    type_text(qtbot, dialog.name, "赵敏")
    type_text(qtbot, dialog.mobile, "13600003333")
    qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 2)
    rows = {some(panel.table.topLevelItem(n)).text(0): some(panel.table.topLevelItem(n)) for n in range(2)}
    assert rows["赵敏"].text(3) == "Referral" and rows["赵敏"].text(4) == "李娜"
    panel.table.setCurrentItem(rows["李娜"])
    qtbot.waitUntil(lambda: "赵敏" in panel.detail.text())


def test_a_call_logged_from_the_menu_lands_in_the_work_log(
    qtbot: QtBot, panel: ProspectsPanel, ctx: AppContext
) -> None:
    prospect = some(ctx.prospects.capture(ProspectInput(name="李娜", mobile="13700002222")).prospect)
    panel.reload()
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1)
    panel.table.setCurrentItem(some(panel.table.topLevelItem(0)))
    panel.log_call_action.trigger()
    qtbot.waitUntil(lambda: "李娜" in panel.status.text())
    entries = ctx.worklog.entries(date.today())
    assert [(e.kind, e.client_id) for e in entries] == [("call", None)]
    assert ctx.prospects.get(prospect.id).row.stage == "contacted"


def test_convert_opens_the_new_card_through_the_shell(
    qtbot: QtBot, shell: Shell, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = AppContext.open(data_dir)
    if hasattr(ctx.settings, "mark_first_start_done"):
        ctx.settings.mark_first_start_done()
    ctx.prospects.capture(ProspectInput(name="李娜", mobile="13700002222", gender="F"))
    ctx.close()
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    window.show_page(2)
    clients = window.clients
    panel = clients.tabs.widget(1)
    assert isinstance(panel, ProspectsPanel) and clients.tabs.tabText(1) == "Prospects"
    clients.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    panel.convert_button.click()
    qtbot.waitUntil(lambda: isinstance(getattr(clients, "last_dialog", None), ClientCardDialog))
    # The change relay brings the converted stage back to the list.
    qtbot.waitUntil(lambda: some(panel.table.topLevelItem(0)).text(2) == "Converted", timeout=5000)
    assert panel.open_card_button.isEnabled() and not panel.convert_button.isEnabled()
    clients.last_dialog.close()
