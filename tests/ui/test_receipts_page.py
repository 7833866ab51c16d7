"""The Receipts page as a manager uses it: a new receipt by keyboard, signed with the mouse, or by scan."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.receipts.service import ReceiptFields
from app.rules.ids import ReceiptId
from tests.paperwork_helpers import PNG, finished_proposal, zigzag
from tests.ui.conftest import some
from tests.ui.test_signature_pad import sign_name
from ui.common.palette import state_colour
from ui.common.qdates import qdate
from ui.receipts.dialog import ReceiptDialog
from ui.receipts.page import ReceiptsPage
from ui.shell.application import Shell

PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 200


@pytest.fixture
def profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    finished_proposal(ctx)
    ctx.close()
    return data_dir


def open_page(qtbot: QtBot, shell: Shell, data_dir: Path) -> ReceiptsPage:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.page(4)
    assert isinstance(page, ReceiptsPage)
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.list.count.text() != "", timeout=10_000)
    return page


def rows(page: ReceiptsPage) -> list[list[str]]:
    table = page.list.table
    return [
        [some(table.topLevelItem(i)).text(c) for c in range(table.columnCount())]
        for i in range(table.topLevelItemCount())
    ]


def open_dialog(qtbot: QtBot, page: ReceiptsPage, receipt_id: ReceiptId) -> ReceiptDialog:
    with qtbot.waitSignal(page.list.receipt_did_open) as opened:
        page.list.open_receipt(receipt_id)
    dialog: ReceiptDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=5000)
    return dialog


def tab_until(qtbot: QtBot, target: QWidget, presses: int = 10) -> list[QWidget]:
    """Presses Tab until `target` has focus; the distinct widgets focused on the way."""
    visited: list[QWidget] = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = some(QApplication.focusWidget())
        if focused not in visited:
            visited.append(focused)
        if focused is target:
            break
    return visited


def test_new_receipt_by_keyboard_signed_with_the_mouse(qtbot: QtBot, shell: Shell, profile: Path) -> None:
    page = open_page(qtbot, shell, profile)
    assert page.tabs.tabText(0) == "Receipts"
    assert rows(page) == [["Nothing to return", "", "", "", "", "", ""]]

    page.list.table.setFocus()
    qtbot.keyClick(page.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    picker = page.list.picker
    qtbot.waitUntil(lambda: picker.choose_button.isEnabled(), timeout=5000)
    assert some(picker.table.topLevelItem(0)).text(0) == "张伟"
    assert picker.table.hasFocus()
    with qtbot.waitSignal(page.list.receipt_did_open, timeout=5000) as opened:
        qtbot.keyClick(picker.table, Qt.Key.Key_Return)
    dialog: ReceiptDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.policy_number.hasFocus(), timeout=5000)

    today = date.today()
    assert dialog.heading.text() == "张伟 · 鑫享未来少儿教育年金保险"
    assert dialog.cooling_off_days.value() == 15
    assert dialog.delivered_on.date().toPython() == today == dialog.signed_on.date().toPython()
    assert not dialog.sign_button.isEnabled()
    assert "Enter the policy number." in dialog.problem_list.text()
    assert "Please sign in the box." in dialog.problem_list.text()
    assert "15 days, which starts the day after I sign" in dialog.evidence.pad.disclaimer.text()

    qtbot.keyClicks(dialog.policy_number, "P2026000999")
    # Tab walks the form in order (a date edit's own Tab first steps through year, month, day).
    # The pick-up day is skipped while no pick-up is recorded.
    walked = tab_until(qtbot, dialog.cooling_off_days)
    assert walked == [dialog.picked_up_from, dialog.delivered_on, dialog.signed_on, dialog.cooling_off_days]
    qtbot.keyClick(dialog.cooling_off_days, Qt.Key.Key_Up)  # the product's 15 days become 16
    assert dialog.cooling_off_days.value() == 16
    ends = today + timedelta(days=16)
    assert ends.strftime("%Y") in dialog.cooling_off_end.text() and "16 days" in dialog.cooling_off_end.text()
    assert "3 working days" in dialog.return_due.text()
    assert "16 days" in dialog.evidence.pad.disclaimer.text()
    # What the client signs, above the pad, following the form as it is typed.
    summary = dialog.evidence.summary.toPlainText()
    assert dialog.evidence.summary.isVisible() and "P2026000999" in summary and "鑫享未来少儿教育年金保险" in summary
    assert f"{ends.isoformat()} (16 days from the day after signing)" in summary
    assert "Receipt back to the bank by" in summary
    assert "Enter the policy number." not in dialog.problem_list.text()
    assert not dialog.sign_button.isEnabled()  # the client has not signed yet

    sign_name(dialog.evidence.pad)
    assert dialog.sign_button.isEnabled() and dialog.problem_list.isHidden()
    with qtbot.waitSignal(dialog.receipt_did_sign, timeout=5000):
        qtbot.keyClick(dialog.policy_number, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.hash_label.isVisible(), timeout=5000)
    assert dialog.policy_number.isReadOnly() and dialog.signed_on.isReadOnly()
    assert not dialog.sign_button.isVisible() and not dialog.evidence.pad.isVisible()
    assert not dialog.evidence.signed_view.pixmap().isNull()  # the client's signature, as stored
    assert not dialog.evidence.summary.isVisible()
    # The hash is small print on the details line, not the dialog's message.
    assert dialog.hash_label.text().startswith("Details: content hash (SHA-256) ")
    assert "SHA-256" not in dialog.status.text()
    assert dialog.hash_label.font().pointSizeF() < dialog.status.font().pointSizeF()
    assert dialog.return_button.isEnabled()

    # The draft's save reloads the list too ("Awaiting signature"); wait for the reload after signing.
    qtbot.waitUntil(lambda: rows(page)[0][3] == "P2026000999" and rows(page)[0][0].startswith("Due"), timeout=5000)
    state, name, product = rows(page)[0][:3]
    assert state.startswith("Due") and (name, product) == ("张伟", "鑫享未来少儿教育年金保险")
    assert page.list.count.text() == "1 receipt(s) to return"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    view = page.list._ctx.receipts.get(page.list.rows[0].id)  # type: ignore[union-attr]
    assert (view.status, view.fields.cooling_off_days, view.cooling_off_ends_on) == ("signed", 16, ends)
    assert view.signature_png is not None and view.signature_png.startswith(b"\x89PNG")


def test_a_scan_attached_through_the_dialog(qtbot: QtBot, shell: Shell, profile: Path, tmp_path: Path) -> None:
    page = open_page(qtbot, shell, profile)
    ctx = page.list._ctx
    assert ctx is not None
    receipt_id = ctx.receipts.new_draft(ctx.receipts.candidates()[0].proposal_id, "P2026000777", date.today())
    page.list.reload()
    qtbot.waitUntil(lambda: rows(page)[0][0] == "Awaiting signature", timeout=5000)
    dialog = open_dialog(qtbot, page, receipt_id)
    assert dialog.policy_number.text() == "P2026000777"

    renamed = tmp_path / "photo.png"
    renamed.write_bytes(b"MZ\x90\x00 a program, not a photo")
    with qtbot.waitSignal(dialog.evidence.scan_did_load, timeout=5000):
        dialog.evidence.attach_scan(renamed)
    assert dialog.evidence.scan_choice.isChecked()
    assert "photo.png cannot be used" in dialog.evidence.scan_label.text()
    assert "not a PNG, JPEG or PDF by its content" in dialog.problem_list.text()
    assert not dialog.sign_button.isEnabled()

    scan = tmp_path / "回执.pdf"
    scan.write_bytes(PDF)
    with qtbot.waitSignal(dialog.evidence.scan_did_load, timeout=5000):
        dialog.evidence.attach_scan(scan)
    assert dialog.evidence.scan_label.text() == "回执.pdf (PDF, 2 KB) attached."
    assert dialog.sign_button.isEnabled()
    with qtbot.waitSignal(dialog.receipt_did_sign, timeout=5000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "scan attached (application/pdf, 2 KB)" in dialog.evidence.signed_view.text(), timeout=5000)
    qtbot.waitUntil(lambda: rows(page)[0][0].startswith("Due"), timeout=5000)
    view = ctx.receipts.get(receipt_id)
    assert (view.status, view.scan_mime, view.scan_size) == ("signed", "application/pdf", len(PDF))


def test_overdue_is_said_in_words_and_returning_clears_it(qtbot: QtBot, shell: Shell, profile: Path) -> None:
    ctx = AppContext.open(profile)
    signed_on = date.today() - timedelta(days=30)
    receipt_id = ctx.receipts.new_draft(ctx.receipts.candidates()[0].proposal_id)
    ctx.receipts.save_draft(receipt_id, ReceiptFields("P2026000555", signed_on, signed_on, 15))
    ctx.receipts.sign(receipt_id, signed_on, signature=(zigzag(), PNG))
    due = ctx.receipts.get(receipt_id).return_due_on
    ctx.close()
    assert due is not None

    page = open_page(qtbot, shell, profile)
    qtbot.waitUntil(lambda: rows(page)[0][3] == "P2026000555", timeout=5000)
    days = (date.today() - due).days
    assert rows(page)[0][0] == f"Overdue by {days} day(s)"
    item = some(page.list.table.topLevelItem(0))
    assert item.foreground(1).color() == state_colour("overdue") and item.font(1).bold()
    assert "1 overdue" in page.list.count.text()

    page.list.table.setFocus()
    with qtbot.waitSignal(page.list.receipt_did_open, timeout=5000) as opened:
        qtbot.keyClick(page.list.table, Qt.Key.Key_Return)
    dialog: ReceiptDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=5000)
    assert dialog.return_button.isEnabled() and dialog.return_button.isVisible()
    assert dialog.returned_on.date().toPython() == date.today()
    # Returned to the insurer's counter: who received it is asked for.
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "who received" in dialog.status.text(), timeout=5000)
    assert ctx_returned(profile, receipt_id) == (None, "")
    dialog.returned_to.setFocus()
    dialog.returned_to.insert("周客服")  # typed through an input method
    with qtbot.waitSignal(dialog.receipt_did_change, timeout=5000):
        qtbot.keyClick(dialog.returned_to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.returned_label.text() == "Returned.", timeout=5000)
    assert not dialog.return_button.isEnabled() and not dialog.returned_to.isEnabled()
    assert ctx_returned(profile, receipt_id) == (date.today(), "周客服")
    qtbot.waitUntil(lambda: rows(page)[0][0] == "Nothing to return", timeout=5000)


def ctx_returned(profile: Path, receipt_id: ReceiptId) -> tuple[date | None, str]:
    ctx = AppContext.open(profile)
    try:
        view = ctx.receipts.get(receipt_id)
        return view.returned_on, view.returned_to
    finally:
        ctx.close()


def test_pick_up_recorded_by_keyboard_on_the_draft(qtbot: QtBot, shell: Shell, profile: Path) -> None:
    ctx = AppContext.open(profile)
    receipt_id = ctx.receipts.new_draft(ctx.receipts.candidates()[0].proposal_id, "P2026000888")
    ctx.close()
    page = open_page(qtbot, shell, profile)
    dialog = open_dialog(qtbot, page, receipt_id)
    assert dialog.picked_up_from.currentText() == "Not recorded" and not dialog.picked_up_on.isEnabled()
    dialog.policy_number.setFocus()
    qtbot.keyClick(dialog.policy_number, Qt.Key.Key_Tab)
    assert dialog.picked_up_from.hasFocus()
    qtbot.keyClick(dialog.picked_up_from, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.picked_up_from, Qt.Key.Key_Down)
    assert dialog.picked_up_from.currentText() == "At the bank" and dialog.picked_up_on.isEnabled()
    qtbot.keyClick(dialog.picked_up_from, Qt.Key.Key_Tab)
    assert dialog.picked_up_on.hasFocus()
    yesterday = date.today() - timedelta(days=1)
    dialog.picked_up_on.setDate(qdate(yesterday))
    dialog.delivered_on.setDate(qdate(date.today()))
    with qtbot.waitSignal(dialog.receipt_did_change, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    check = AppContext.open(profile)
    try:
        fields = check.receipts.get(receipt_id).fields
    finally:
        check.close()
    assert (fields.picked_up_on, fields.picked_up_from) == (yesterday, "bank")
