"""Issue 17's "Done when", end to end through the shell for one client (张三, a visit today):
a call record, a needs interview and a closing interview filled through their forms move the
day's 有效电话 / 需求面谈 / 成交面谈 actuals by one each — as the summaries count them, the same
service the daily summary, the Summaries page and `today --json` read — and the closing
interview's new proposal opens as a pre-filled draft."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.rules.ids import ClientId, VisitId
from local_db.models import Client, Visit
from tests.ui.conftest import page_of, some, type_text
from ui.proposals.page import ProposalsPage
from ui.sales_forms.call_dialog import CallRecordDialog
from ui.sales_forms.closing_dialog import ClosingInterviewDialog
from ui.sales_forms.needs_dialog import NeedsInterviewDialog
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow, Pages

MEASURES = ("calls", "needs_interviews", "closing_interviews")
Form = TypeVar("Form", bound=QDialog)


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, today_profile: Path) -> MainWindow:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(today_profile)
    qtbot.waitUntil(lambda: shell.window.today.data is not None, timeout=10_000)
    shell.window.activateWindow()
    return shell.window


def actuals(ctx: AppContext) -> dict[str, int]:
    lines, _sales = ctx.summaries.day_measures(date.today())
    return {line.measure: line.actual for line in lines if line.measure in MEASURES}


def shown(qtbot: QtBot, kind: type[Form]) -> Form:
    def found() -> Form | None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return dialogs[0] if dialogs else None

    qtbot.waitUntil(lambda: found() is not None, timeout=5000)
    dialog = found()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def test_three_forms_for_one_client_move_the_days_measures_by_one_each(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    assert ctx is not None
    with ctx.store.sessions() as session:
        client = ClientId(session.scalars(select(Client.id)).one())
        visit = VisitId(session.scalars(select(Visit.id)).one())
    before = actuals(ctx)
    assert before == dict.fromkeys(MEASURES, 0)

    # 电话邀约记录表: made, with a clear answer — an effective call.
    window.new_call(client, date.today())
    call = shown(qtbot, CallRecordDialog)
    qtbot.waitUntil(lambda: "张三" in call.who.text())
    call.script.setFocus()
    type_text(qtbot, call.script, "张先生您好，下午请到网点详谈")
    qtbot.keyClick(call, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(call.made.isChecked)
    call.outcome.setFocus()
    while call.outcome.currentData() != "clear_answer":
        qtbot.keyClick(call.outcome, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: call.view is not None and call.view.status == "done" and call.done_saving(), timeout=5000)
    assert actuals(ctx) == {**before, "calls": 1}
    call.accept()

    # 需求面谈表 on the day's visit: something typed, then marked done (Alt+D).
    window.open_interview("needs", visit)
    needs = shown(qtbot, NeedsInterviewDialog)
    qtbot.waitUntil(lambda: needs.view is not None, timeout=5000)
    qtbot.waitUntil(needs.done_button.isEnabled, timeout=5000)
    type_text(qtbot, needs.preparation, "带上家庭保障需求问卷")
    qtbot.keyClick(needs, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: needs.view is not None and needs.view.done, timeout=5000)
    assert actuals(ctx) == {"calls": 1, "needs_interviews": 1, "closing_interviews": 0}
    needs.reject()

    # 成交面谈记录表 on the same visit: a catalogue product, a premium, closed, done.
    window.open_interview("closing", visit)
    closing = shown(qtbot, ClosingInterviewDialog)
    qtbot.waitUntil(lambda: closing.view is not None, timeout=5000)
    type_text(qtbot, closing.product, "GS-XXNJ")
    popup = some(closing.completer.popup())
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    closing.activateWindow()
    qtbot.waitUntil(closing.isActiveWindow, timeout=3000)
    qtbot.keyClick(closing.product, Qt.Key.Key_Tab)
    type_text(qtbot, closing.premium, "5万")
    qtbot.keyClick(closing, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Outcom&e
    while closing.outcome.currentData() != "closed":
        qtbot.keyClick(closing.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(closing, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Mark &done
    qtbot.waitUntil(lambda: closing.view is not None and closing.view.status == "done", timeout=5000)
    assert actuals(ctx) == {"calls": 1, "needs_interviews": 1, "closing_interviews": 1}

    # Closed: the new proposal opens pre-filled with the client, the product and the premium.
    qtbot.waitUntil(closing.proposal_button.isEnabled, timeout=3000)
    qtbot.keyClick(closing, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # New p&roposal…
    proposals = page_of(window, Pages.PROPOSALS, ProposalsPage)
    qtbot.waitUntil(lambda: proposals.last_editor is not None and proposals.last_editor.view is not None,
                    timeout=10_000)  # fmt: skip
    editor = proposals.last_editor
    assert editor is not None
    assert (editor.policyholder.name.text(), editor.product.product_code.text(), editor.product.premium.text()) == (
        "张三", "GS-XXNJ", "50,000.00",
    )  # fmt: skip
    editor.reject()
    # Each form counted once: nothing moved twice along the way.
    assert actuals(ctx) == {"calls": 1, "needs_interviews": 1, "closing_interviews": 1}
