"""Outlet files (网点资料): the outlets on the left, the selected one's file on the right.

Every service call goes through the task runner: reads on the `cpu` lane, writes on `db`.
Results of a read that the user has since moved away from are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.outlets.records import InvalidOutlet, OutletFile, OutletInUse, OutletSummary
from app.rules.ids import OutletId
from ui.common.failures import failure_text
from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner
from ui.outlets.editor import OutletEditor

if TYPE_CHECKING:
    from app.context import AppContext
    from app.outlets.service import OutletService

ID_ROLE = Qt.ItemDataRole.UserRole
LOW_COLOUR = QColor("#b06000")


class OutletsPanel(QWidget):
    outlets_did_change = Signal()  # after a save or delete: outlet pickers elsewhere reload

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: OutletService | None = None
        self._dirty = False
        self._wanted_id: OutletId | None = None  # the file whose read is awaited
        self._creating = False  # an empty form for a new outlet is open: a list reload keeps it

        self.outlet_list = QTreeWidget(self)
        self.outlet_list.setObjectName("outletList")
        self.outlet_list.setRootIsDecorated(False)
        self.outlet_list.setAllColumnsShowFocus(True)
        self.outlet_list.setHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Bank"), self.tr("Staff"), self.tr("Low stock")]
        )
        header = self.outlet_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.outlet_list.currentItemChanged.connect(self._list_did_move)

        self.new_button = QPushButton(self.tr("New outlet"), self)
        self.new_button.setToolTip(self.tr("Start a new outlet file (Ctrl+N)"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save this outlet file (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(self.tr("Delete this outlet file, after asking"))
        self.new_button.clicked.connect(self.new_outlet)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.notice = QLabel(self)
        self.notice.setObjectName("outletNotice")
        set_tone(self.notice, "ok")

        self.editor = OutletEditor(self)
        self.editor.editor_did_change.connect(self._did_edit)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.notice, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.editor, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.outlet_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        # Room for the list's five columns; the rest goes to the file.
        splitter.setSizes([340, 590])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.outlet_list, self.new_button)
        self.setTabOrder(self.new_button, self.save_button)
        self.setTabOrder(self.save_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.editor.code)

        # Only while focus is inside the panel, so other pages keep Ctrl+S and Ctrl+N free.
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), (QKeySequence.StandardKey.New, self.new_outlet)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    def attach(self, ctx: AppContext) -> None:
        """Show `ctx`'s outlets; called again when another profile (e.g. the demo) is opened."""
        self._service = ctx.outlets
        self._wanted_id = None
        self._creating = False
        self.editor.load(None)
        self._dirty = False
        self.notice.clear()
        self._update_buttons()
        self.refresh()

    # ---- the list ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list; keeps the selection, or opens the first outlet if none is open."""
        service = self._service
        if service is not None:
            self._runner.submit(lambda _t: service.list(), on_done=self._show_list, on_error=self.editor.show_failure)

    def _show_list(self, outlets: list[OutletSummary]) -> None:
        self.outlet_list.blockSignals(True)
        self.outlet_list.clear()
        for outlet in outlets:
            item = QTreeWidgetItem(
                [outlet.code, outlet.name, outlet.bank, str(outlet.staff_count), str(outlet.low_stock_count)]
            )
            item.setData(0, ID_ROLE, outlet.id)
            for col in (3, 4):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if outlet.low_stock_count:
                item.setForeground(4, QBrush(LOW_COLOUR))
            self.outlet_list.addTopLevelItem(item)
        self.outlet_list.blockSignals(False)
        shown = self.editor.outlet_id or self._wanted_id
        if shown is not None:
            self._select_in_list(shown)
        elif outlets and not (self._dirty or self._creating):
            first = self.outlet_list.topLevelItem(0)
            if first is not None:
                self.outlet_list.setCurrentItem(first)

    def _select_in_list(self, outlet_id: OutletId | None) -> None:
        self.outlet_list.blockSignals(True)
        self.outlet_list.setCurrentItem(None)  # type: ignore[call-overload]  # stub gap: Qt takes None (no current item)
        self.outlet_list.clearSelection()
        for index in range(self.outlet_list.topLevelItemCount()):
            item = self.outlet_list.topLevelItem(index)
            if item is not None and item.data(0, ID_ROLE) == outlet_id:
                self.outlet_list.setCurrentItem(item)
        self.outlet_list.blockSignals(False)

    def _list_did_move(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        outlet_id = current.data(0, ID_ROLE)
        if outlet_id == self.editor.outlet_id:
            return
        if not self._may_discard():
            self._select_in_list(self.editor.outlet_id)
            return
        self.open(outlet_id)

    # ---- the file ----------------------------------------------------------------------

    def open(self, outlet_id: OutletId) -> None:
        service = self._service
        if service is None:
            return
        self._wanted_id = outlet_id
        self._runner.submit(lambda _t: service.get(outlet_id), on_done=self._show_file,
                            on_error=self.editor.show_failure)  # fmt: skip

    def _show_file(self, file: OutletFile) -> None:
        if file.id != self._wanted_id:
            return  # the user has moved on to another outlet meanwhile
        self._wanted_id = None
        self._creating = False
        self.editor.load(file)
        self._dirty = False
        self._select_in_list(file.id)
        self._update_buttons()

    def new_outlet(self) -> None:
        if self._service is None or not self._may_discard():
            return
        self._wanted_id = None
        self._creating = True
        self._select_in_list(None)
        self.editor.load(None)
        self._dirty = False
        self.notice.clear()
        self._update_buttons()
        self.editor.code.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save(self) -> None:
        service = self._service
        if service is None or not self.save_button.isEnabled():
            return
        draft, problems = self.editor.draft()
        if draft is None:
            self.editor.show_problems(problems)
            return
        self.save_button.setEnabled(False)  # one save at a time; re-enabled when it returns
        self.notice.setText(self.tr("Saving…"))
        self._runner.submit(lambda _t: service.save(draft), lane="db", on_done=self._did_save,
                            on_failure=self._save_failed)  # fmt: skip

    def _did_save(self, outlet_id: OutletId) -> None:
        self.notice.setText(self.tr("Saved."))
        self.editor.show_problems([])
        # Known at once, so a second Ctrl+S before the read-back updates rather than duplicates.
        self.editor.outlet_id = outlet_id
        self._dirty = False
        self._update_buttons()
        # Read back so new rows carry their ids and the list its counts.
        self.open(outlet_id)
        self.refresh()
        self.outlets_did_change.emit()

    def _save_failed(self, error: Exception) -> None:
        """The exception, not only its text: a refusal marks each field and cell at fault."""
        self.notice.clear()
        self._update_buttons()
        if isinstance(error, InvalidOutlet):
            self.editor.show_problems(list(error.problems))
        elif (text := failure_text(error)) is not None:
            self.editor.show_failure(self.tr("The outlet file could not be saved: %1").replace("%1", text))

    def delete(self) -> None:
        service, outlet_id = self._service, self.editor.outlet_id
        if service is None or outlet_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete outlet file"),
            self.tr(
                "Delete the outlet file “%1” with its staff, competitors and stock? This cannot be undone."
            ).replace("%1", self.editor.outlet_name.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._runner.submit(
            lambda _t: service.delete(outlet_id), lane="db", on_done=self._did_delete, on_failure=self._delete_failed
        )

    def _did_delete(self, _result: None) -> None:
        self.editor.load(None)
        self._dirty = False
        self.notice.setText(self.tr("Deleted."))
        self._update_buttons()
        self.refresh()
        self.outlets_did_change.emit()

    def _delete_failed(self, error: Exception) -> None:
        """The exception, not only its text: the cards still there are counted in plural forms."""
        if isinstance(error, OutletInUse):
            self.editor.show_failure(self.tr(
                "%n client card(s) still belong to this outlet. Move them to another outlet first; "
                "nothing was deleted.", "", error.clients
            ))  # fmt: skip
        elif (text := failure_text(error)) is not None:
            self.editor.show_failure(self.tr("The outlet file could not be deleted: %1").replace("%1", text))

    # ---- state -------------------------------------------------------------------------

    def _did_edit(self) -> None:
        self._dirty = True
        self.notice.clear()

    def _may_discard(self) -> bool:
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This outlet file has changes that are not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _update_buttons(self) -> None:
        attached = self._service is not None
        self.new_button.setEnabled(attached)
        self.save_button.setEnabled(attached)
        self.delete_button.setEnabled(attached and self.editor.outlet_id is not None)
        self.editor.setEnabled(attached)
