"""成交面谈记录表 through the UI: from the Planner's visit dialog by keyboard, filled, marked done
(the day's closing interviews move by one, counted once in the work log), closed — and the new
proposal opens pre-filled with the client, the product and the premium."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.rules.ids import VisitId
from local_db.models import ClosingInterview, Visit, WorkLogEntry
from tests.ui.conftest import page_of, some, type_text
from ui.planner.page import PlannerPage
from ui.proposals.page import ProposalsPage
from ui.sales_forms.closing_dialog import ClosingInterviewDialog
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow, Pages


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, today_profile: Path) -> MainWindow:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(today_profile)
    page = shell.window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    shell.window.activateWindow()
    return shell.window


def the_visit(window: MainWindow) -> VisitId:
    assert window.ctx is not None
    with window.ctx.store.sessions() as session:
        return VisitId(session.scalars(select(Visit.id)).one())


def closing_dialog(qtbot: QtBot) -> ClosingInterviewDialog:
    def found() -> ClosingInterviewDialog | None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ClosingInterviewDialog) and w.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: found() is not None and some_view(found()), timeout=5000)
    dialog = found()
    assert dialog is not None
    return dialog


def some_view(dialog: ClosingInterviewDialog | None) -> bool:
    return dialog is not None and dialog.view is not None


def rows(ctx: AppContext) -> tuple[list[WorkLogEntry], list[ClosingInterview]]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(WorkLogEntry))), list(session.scalars(select(ClosingInterview)))


def test_from_the_visit_dialog_to_a_prefilled_proposal_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    assert ctx is not None
    planner = page_of(window, Pages.PLANNER, PlannerPage)
    visit_id = the_visit(window)
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog.isVisible(), timeout=5000)
    visit_dialog = planner.dialog
    assert visit_dialog is not None
    qtbot.waitUntil(lambda: visit_dialog.closing_button.isEnabled(), timeout=5000)
    # Alt+G: “Closin&g interview…”.
    qtbot.keyClick(visit_dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    dialog = closing_dialog(qtbot)
    assert "张三" in dialog.who.text() and "网点贵宾室" in dialog.who.text()
    assert dialog.product.hasFocus()

    type_text(qtbot, dialog.product, "xxnj")  # part of the code or the name; the list offers the match
    popup = some(dialog.completer.popup())
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    # The offscreen platform does not hand activation back from a closed popup as a desktop does.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.product.text() == "国寿鑫享年金保险 GS-XXNJ", timeout=3000)
    assert dialog.premium.hasFocus()
    type_text(qtbot, dialog.premium, "20万")
    assert dialog.premium_shown.text() == "= 200,000.00 yuan"
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &FAB presented
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # … &three times or more
    qtbot.waitUntil(lambda: dialog.fab.isChecked() and dialog.three.isChecked(), timeout=3000)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Add an objection

    # A button's accelerator clicks it as a short animation, so the row comes a moment later.
    def editing() -> bool:
        focus = QApplication.focusWidget()
        return (
            dialog.objections.rowCount() == 1 and focus is not None and focus.parent() is dialog.objections.viewport()
        )

    qtbot.waitUntil(editing, timeout=3000)
    editor = QApplication.focusWidget()
    assert editor is not None
    type_text(qtbot, editor, "收益太低")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # What to &improve
    type_text(qtbot, dialog.improve, "需求确认不够")
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Outcom&e
    assert dialog.outcome.hasFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # (not decided yet) → Closed
    assert dialog.outcome.currentData() == "closed"
    qtbot.waitUntil(lambda: dialog.proposal_button.isEnabled(), timeout=3000)

    # Saved as typed, before anything is marked done.
    qtbot.waitUntil(lambda: rows(ctx)[1][0].improve == "需求确认不够", timeout=5000)
    assert rows(ctx)[0] == []

    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Mark &done
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.status == "done", timeout=5000)
    entries, [form] = rows(ctx)
    assert [(e.kind, e.sales_step, e.effective, e.visit_id) for e in entries] == [("visit", "close", True, visit_id)]
    assert form.worklog_id == entries[0].id and form.premium_cents == 20_000_000
    assert form.objections_json == '[{"objection": "收益太低", "handling": ""}]'
    assert "Done" in dialog.state.text()

    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # New p&roposal…
    proposals = page_of(window, Pages.PROPOSALS, ProposalsPage)
    qtbot.waitUntil(
        lambda: proposals.last_editor is not None and proposals.last_editor.view is not None, timeout=10_000
    )
    editor_dialog = proposals.last_editor
    assert editor_dialog is not None and editor_dialog.isVisible()
    assert window.stack.currentIndex() == Pages.PROPOSALS
    assert editor_dialog.product.product_code.text() == "GS-XXNJ"
    assert editor_dialog.product.premium.text() == "200,000.00"  # shown grouped (issue 18)
    assert editor_dialog.policyholder.name.text() == "张三"
    # The form closed itself (and was freed); the proposal carries on from here.
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ClosingInterviewDialog) and w.isVisible()]
    editor_dialog.reject()


def test_todays_agenda_menu_opens_the_visits_closing_interview(qtbot: QtBot, window: MainWindow) -> None:
    page, agenda = window.today, window.today.agenda
    agenda.setFocus()
    first = agenda.topLevelItem(0)
    assert first is not None
    agenda.setCurrentItem(first)
    qtbot.keyClick(agenda, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.menu is not None and page.menu.isVisible(), timeout=3000)
    assert page.menu is not None
    qtbot.keyClick(page.menu, Qt.Key.Key_G)  # “Closin&g interview…”
    dialog = closing_dialog(qtbot)
    assert dialog.view is not None and dialog.view.data.visit_id == the_visit(window)
    assert dialog.view.status == "draft" and "张三" in dialog.who.text()
    dialog.close()
    # Asked again, the visit's one form comes back, not a second one.
    ctx = some(window.ctx)
    qtbot.waitUntil(lambda: len(rows(ctx)[1]) == 1, timeout=3000)
    window.open_interview("closing", the_visit(window))
    again = closing_dialog(qtbot)
    assert again.view is not None and again.view.id == rows(ctx)[1][0].id
    again.close()
