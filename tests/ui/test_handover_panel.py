"""The handover-lists panel as a manager uses it: put a list together with the keyboard, both
sign with the mouse, preview it, save it as a PDF and print it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.outlets.records import OutletDraft, StaffEntry
from app.rules.ids import ProposalId
from local_db import models
from tests.handover_data import finished_proposal, set_up_manager, signed_receipt
from tests.ui.conftest import some
from tests.ui.test_signature_pad import sign_name
from ui.common.print_preview import PrintPreviewDialog
from ui.common.task_runner import TaskRunner
from ui.receipts.handover import HandoverPanel
from ui.receipts.handover.draft_dialog import COPIES, DOCUMENT, HandoverDraftDialog
from ui.receipts.handover.sign_dialog import HandoverSignDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def paperwork(ctx: AppContext) -> dict[str, str]:
    set_up_manager(ctx)
    outlet = ctx.outlets.save(OutletDraft(code="BJ-JGM", name="建国门支行", staff=(StaffEntry("刘柜员", "teller"),)))
    first = finished_proposal(ctx, holder="张伟", outlet_id=outlet)
    second = finished_proposal(ctx, holder="李娜", product="国寿福终身寿险", outlet_id=outlet)
    return {"outlet": outlet, "first": first, "second": second}


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, paperwork: dict[str, str]) -> HandoverPanel:
    created = HandoverPanel(runner)
    qtbot.addWidget(created)
    created.resize(900, 500)
    created.show()
    created.activateWindow()
    qtbot.waitUntil(created.isActiveWindow)
    created.attach(ctx)
    qtbot.waitUntil(lambda: "No handover lists yet" in created.notice.text())
    return created


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def list_rows(panel: HandoverPanel) -> list[list[str]]:
    tree = panel.lists
    return [
        [some(tree.topLevelItem(i)).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())
    ]


def back_to(qtbot: QtBot, panel: HandoverPanel) -> None:
    """After a dialog closes the window manager activates the window again; offscreen Qt does not."""
    qtbot.waitUntil(lambda: panel.dialog is None)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.lists.setFocus()


def open_new_list(qtbot: QtBot, panel: HandoverPanel) -> HandoverDraftDialog:
    panel.lists.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = panel.dialog
    assert isinstance(dialog, HandoverDraftDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: dialog.documents.rowCount() == 2)
    return dialog


def test_a_list_is_put_together_with_the_keyboard_signed_previewed_and_saved(
    qtbot: QtBot,
    ctx: AppContext,
    panel: HandoverPanel,
    paperwork: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_new_list(qtbot, panel)
    assert isinstance(focused(), QComboBox) and focused() is dialog.kind
    press(qtbot, Qt.Key.Key_Tab)
    assert isinstance(focused(), QDateEdit)
    for _section in ("year", "month", "day"):  # Tab steps through the date's parts, then on
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.outlet
    press(qtbot, Qt.Key.Key_Down)  # 建国门支行: its teller is offered
    assert dialog.outlet.currentText() == "建国门支行 (BJ-JGM)"
    qtbot.waitUntil(lambda: dialog.teller.text() == "刘柜员")
    press(qtbot, Qt.Key.Key_Tab)
    assert isinstance(focused(), QLineEdit)
    press(qtbot, Qt.Key.Key_Tab)
    table = focused()
    assert isinstance(table, QTableWidget) and table.currentRow() == 0
    press(qtbot, Qt.Key.Key_Space)  # tick 张伟's form
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # tick 李娜's form
    for _ in range(COPIES - DOCUMENT):
        press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    spin = focused()
    assert isinstance(spin, QSpinBox) and (spin.minimum(), spin.maximum()) == (1, 9)
    spin.selectAll()
    qtbot.keyClicks(spin, "2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2 document(s) ticked, 3 copies" in dialog.summary.text())
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.lists.topLevelItemCount() == 1)
    qtbot.waitUntil(lambda: panel.dialog is None)  # saved, closed and gone
    _day, kind, outlet, teller, documents, copies, status = list_rows(panel)[0]
    assert (kind, outlet, teller, documents, copies, status) == (
        "Application materials",
        "建国门支行",
        "刘柜员",
        "2",
        "3",
        "Draft",
    )

    # Enter on a draft opens it again, with its documents ticked; Esc leaves it as it was.
    back_to(qtbot, panel)
    press(qtbot, Qt.Key.Key_Return)
    again = panel.dialog
    assert isinstance(again, HandoverDraftDialog) and again.list_id is not None
    qtbot.waitUntil(lambda: len(again.items()) == 2)
    assert sorted(item.copies for item in again.items()) == [1, 2]
    qtbot.waitUntil(again.isActiveWindow)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None)

    # Both sign with the mouse; one pad left empty is refused first.
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, HandoverSignDialog))
    signing = panel.dialog
    assert isinstance(signing, HandoverSignDialog)
    # Both read what they sign above their pads: every document on the list, with its copies.
    listed = signing.summary.toPlainText()
    for number, item in enumerate(signing.view.items, 1):
        assert f"{number}. {item.description}" in listed, (item.description, listed)
    assert f"{len(signing.view.items)} document(s), {signing.view.total_copies} copies" in listed
    assert signing.summary.isVisible() and signing.summary.isReadOnly()
    pad_top = signing.manager_pad.mapTo(signing, signing.manager_pad.rect().topLeft()).y()
    assert signing.summary.geometry().bottom() < pad_top
    sign_name(signing.manager_pad)
    qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
    assert "must sign" in signing.problems.text() and signing.teller_pad.problem_label.isVisible()
    assert list_rows(panel)[0][-1] == "Draft"
    sign_name(signing.teller_pad)
    qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(list_rows(panel)) and list_rows(panel)[0][-1] == "Signed")
    assert "Signed by both" in panel.notice.text()
    assert (
        not panel.edit_button.isEnabled() and not panel.sign_button.isEnabled() and not panel.delete_button.isEnabled()
    )
    view = ctx.handover.get(ctx.handover.lists()[0].id)
    assert [s.role for s in view.signatures] == ["manager", "teller"]
    assert all(s.png.startswith(b"\x89PNG") for s in view.signatures)

    # The preview shows the page; Save as PDF… writes it where the user chose.
    qtbot.waitUntil(lambda: panel.dialog is None)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    preview = panel.dialog
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitUntil(lambda: len(preview.page_labels) == 1)
    pixmap = preview.page_labels[0].pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width()
    assert preview.save_button.isEnabled() and "1 page" in preview.status.text()
    chosen = tmp_path / "交接清单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PDF files (*.pdf)"))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    saved = chosen.with_name("交接清单.pdf")
    assert saved.exists() and str(saved) in preview.status.text()
    text = pypdf.PdfReader(io.BytesIO(saved.read_bytes())).pages[0].extract_text()
    for expected in ("投保资料交接清单", "王芳", "刘柜员", "张伟", "李娜", "第 1 页 / 共 1 页"):
        assert expected in text
    assert "尚未送达总公司" in text  # its proposals are still in the outbox, as the CLI print says too

    # Printing paints the pages on the printer: here one that writes a PDF file.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(preview.print_did_finish, timeout=20000) as finished:
        preview.print_to(printer)
    assert finished.args == [1]
    assert len(pypdf.PdfReader(str(printed)).pages) == 1


def test_problems_are_shown_and_nothing_is_saved(qtbot: QtBot, ctx: AppContext, panel: HandoverPanel) -> None:
    dialog = open_new_list(qtbot, panel)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Put at least one document" in dialog.problems.text())
    assert "Enter the name of the teller" in dialog.problems.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    with ctx.store.sessions() as session:
        assert session.query(models.HandoverList).count() == 0


def test_receipts_are_offered_for_a_contracts_list_and_handed_back_on_signing(
    qtbot: QtBot, ctx: AppContext, panel: HandoverPanel, paperwork: dict[str, str]
) -> None:
    receipt = signed_receipt(ctx, ProposalId(paperwork["first"]), number="P202600000001")
    dialog = open_new_list(qtbot, panel)
    press(qtbot, Qt.Key.Key_Down)  # kind: policy contracts
    qtbot.waitUntil(lambda: dialog.documents.rowCount() == 1)
    assert some(dialog.documents.item(0, DOCUMENT)).text().startswith("保单回执 P202600000001")
    dialog.teller.setFocus()
    qtbot.keyClicks(dialog.teller, "Liu")
    dialog.documents.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)  # Enter saves: Save is the default button
    qtbot.waitUntil(lambda: panel.lists.topLevelItemCount() == 1)
    assert list_rows(panel)[0][1] == "Policy contracts"
    qtbot.waitUntil(lambda: panel.dialog is None)
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, HandoverSignDialog))
    signing = panel.dialog
    assert isinstance(signing, HandoverSignDialog)
    sign_name(signing.manager_pad)
    sign_name(signing.teller_pad)
    with qtbot.waitSignal(panel.handover_did_change):
        qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
    with ctx.store.sessions() as session:
        # The 回执 goes back to the insurer's counter, its own step (ReceiptService.mark_returned).
        assert session.get(models.Receipt, receipt).returned_on is None  # type: ignore[union-attr]
