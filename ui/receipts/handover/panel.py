"""Handover lists (交接清单): the lists kept, newest first, and what can be done with each.

A draft can be edited, signed by both sides or deleted; a signed list only previewed and
printed.  Reads go on the `cpu` lane and writes on `db`; the dialogs are window-modal and
non-blocking, and the list reloads when one of them changes something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.handover.records import APPLICATION_MATERIALS, POLICY_CONTRACTS, HandoverSummary, HandoverView
from app.rules.ids import HandoverId
from ui.common.print_preview import PrintPreviewDialog
from ui.common.task_runner import TaskRunner
from ui.receipts.handover.draft_dialog import HandoverDraftDialog
from ui.receipts.handover.sign_dialog import HandoverSignDialog

if TYPE_CHECKING:
    from app.context import AppContext

PAGE_SIZE = 50
ROW_ROLE = Qt.ItemDataRole.UserRole


class HandoverPanel(QWidget):
    handover_did_change = Signal()  # a list was saved, signed or deleted (receipts may be returned)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self._rows: list[HandoverSummary] = []
        self._select_id: HandoverId | None = None  # to select once the list has reloaded
        self.dialog: QWidget | None = None  # the open dialog, if any

        self.lists = QTreeWidget(self)
        self.lists.setObjectName("handoverLists")
        self.lists.setRootIsDecorated(False)
        self.lists.setAllColumnsShowFocus(True)
        self.lists.setHeaderLabels([self.tr("Day"), self.tr("Kind"), self.tr("Outlet"), self.tr("Teller"),
                                    self.tr("Documents"), self.tr("Copies"), self.tr("Status")])  # fmt: skip
        header = self.lists.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the outlet's name
        self.lists.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.lists.itemActivated.connect(lambda *_: self.open_current())

        self.new_button = QPushButton(self.tr("&New list…"), self)
        self.new_button.setToolTip(self.tr("Put together a new handover list (Ctrl+Shift+N)"))
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.sign_button = QPushButton(self.tr("&Sign…"), self)
        self.sign_button.setToolTip(self.tr("The manager and the teller both sign the list"))
        self.preview_button = QPushButton(self.tr("&Preview / print…"), self)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.setToolTip(self.tr("Delete this draft (Del); signed lists are kept"))
        self.more_button = QPushButton(self.tr("Show &older lists"), self)
        self.notice = QLabel(self)
        self.notice.setObjectName("handoverNotice")
        self.notice.setWordWrap(True)
        for button, slot in ((self.new_button, self.new_list), (self.edit_button, self.edit),
                             (self.sign_button, self.sign), (self.preview_button, self.preview),
                             (self.delete_button, self.delete), (self.more_button, self.load_more)):  # fmt: skip
            button.clicked.connect(slot)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.sign_button, self.preview_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.notice)
        self.setTabOrder(self.lists, self.new_button)

        # Only while focus is inside the panel, so the pages around it keep their own keys.
        for keys, slot in (
            (QKeySequence("Ctrl+Shift+N"), self.new_list),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete),
            (QKeySequence(QKeySequence.StandardKey.Print), self.preview),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    def attach(self, ctx: AppContext) -> None:
        """Show `ctx`'s lists; called again when another profile (e.g. the demo) is opened."""
        self._ctx = ctx
        self.notice.clear()
        self.refresh()

    # ---- the list ----------------------------------------------------------------------

    def refresh(self, select_id: HandoverId | None = None) -> None:
        if self._ctx is None:
            return
        current = self.current()
        self._select_id = select_id or (current.id if current else None)
        service = self._ctx.handover
        self._runner.submit(lambda _t: service.lists(PAGE_SIZE), on_done=self._show_lists, on_error=self.notice.setText)

    def load_more(self) -> None:
        if self._ctx is None or not self._rows:
            return
        service, last = self._ctx.handover, self._rows[-1]
        self._runner.submit(
            lambda _t: service.lists(PAGE_SIZE, before=last), on_done=self._append_lists, on_error=self.notice.setText
        )

    def _show_lists(self, rows: list[HandoverSummary]) -> None:
        self.lists.clear()
        self._rows = []
        self._append_lists(rows)
        if self.lists.currentItem() is None and (first := self.lists.topLevelItem(0)) is not None:
            self.lists.setCurrentItem(first)

    def _append_lists(self, rows: list[HandoverSummary]) -> None:
        kinds = {APPLICATION_MATERIALS: self.tr("Application materials"), POLICY_CONTRACTS: self.tr("Policy contracts")}
        for row in rows:
            item = QTreeWidgetItem([
                row.day.isoformat(), kinds[row.kind],
                row.outlet_name, row.teller_name, str(row.item_count), str(row.total_copies),
                self.tr("Signed") if row.status == "signed" else self.tr("Draft"),
            ])  # fmt: skip
            item.setData(0, ROW_ROLE, row)
            for column in (4, 5):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lists.addTopLevelItem(item)
            if row.id == self._select_id:
                self.lists.setCurrentItem(item)
        self._rows += rows
        self.more_button.setVisible(len(rows) == PAGE_SIZE)
        if not self._rows:
            self.notice.setText(self.tr("No handover lists yet. Press Ctrl+Shift+N to put one together."))
        self._update_buttons()

    def current(self) -> HandoverSummary | None:
        item = self.lists.currentItem()
        return None if item is None else item.data(0, ROW_ROLE)

    def _update_buttons(self) -> None:
        row = self.current()
        attached = self._ctx is not None
        is_draft = row is not None and row.status == "draft"
        self.new_button.setEnabled(attached)
        self.edit_button.setEnabled(is_draft)
        self.sign_button.setEnabled(is_draft)
        self.delete_button.setEnabled(is_draft)
        self.preview_button.setEnabled(row is not None)

    def open_current(self) -> None:
        """Enter or double-click: a draft opens for editing, a signed list in the preview."""
        row = self.current()
        if row is not None:
            (self.edit if row.status == "draft" else self.preview)()

    # ---- actions -----------------------------------------------------------------------

    def new_list(self) -> None:
        if self._ctx is not None:
            self._open_draft(None)

    def edit(self) -> None:
        row = self.current()
        if row is not None and row.status == "draft":
            self._open_draft(row.id)

    def _open_draft(self, list_id: HandoverId | None) -> None:
        assert self._ctx is not None
        dialog = HandoverDraftDialog(self._ctx, self._runner, list_id, self)
        dialog.list_did_save.connect(self._did_change)
        self._show_dialog(dialog)

    def sign(self) -> None:
        row = self.current()
        if self._ctx is None or row is None or row.status != "draft":
            return
        service = self._ctx.handover
        self._runner.submit(lambda _t: service.get(row.id), on_done=self._open_sign, on_error=self.notice.setText)

    def _open_sign(self, view: HandoverView) -> None:
        assert self._ctx is not None
        dialog = HandoverSignDialog(self._ctx.handover, self._runner, view, self)
        dialog.list_did_sign.connect(self._did_sign)
        self._show_dialog(dialog)

    def preview(self) -> None:
        row = self.current()
        if self._ctx is None or row is None:
            return
        # Through the printing service, as `branchdesk print handover` does: same font choice,
        # and the "not yet sent to head office" mark while a listed document is unsent.
        printing, list_id = self._ctx.printing, row.id
        name = f"{row.title}-{row.day.isoformat()}.pdf"
        self._show_dialog(PrintPreviewDialog(self._runner, row.title, lambda: printing.handover(list_id), name, self))

    def delete(self) -> None:
        row = self.current()
        if self._ctx is None or row is None or row.status != "draft":
            return
        answer = QMessageBox.question(
            self, self.tr("Delete handover list"),
            self.tr("Delete the draft handover list of %1 for %2? This cannot be undone.")
            .replace("%1", row.day.isoformat()).replace("%2", row.teller_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._ctx.handover
        self._runner.submit(
            lambda _t: service.delete_draft(row.id), lane="db",
            on_done=self._did_delete, on_error=self.notice.setText,
        )  # fmt: skip

    def _show_dialog(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _did_delete(self, _result: None) -> None:
        self.notice.setText(self.tr("Draft deleted."))
        self._did_change(None)

    def _did_sign(self, list_id: HandoverId) -> None:
        self.notice.setText(self.tr("Signed by both. The list can no longer change."))
        self._did_change(list_id)

    def _did_change(self, list_id: HandoverId | None) -> None:
        self.refresh(select_id=list_id)
        self.handover_did_change.emit()
