"""Put a handover list together: kind, day, outlet, teller, and the documents with copies.

The documents offered are the core's candidates for the chosen kind and outlet (reloaded when
either changes); ticking one (Space) puts it on the list, F2 on its copies edits the number.
Nothing is stored until Save, and then all at once or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.handover.records import (
    APPLICATION_MATERIALS,
    MAX_COPIES,
    POLICY_CONTRACTS,
    Candidate,
    HandoverView,
    InvalidHandover,
    ItemInput,
)
from app.rules.ids import HandoverId, ProposalId, ReceiptId
from ui.common.failures import failure_text
from ui.common.i18n import current_language
from ui.common.qdates import pydate
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.outlets.records import OutletFile, OutletSummary

DOCUMENT, POLICYHOLDER, DATED, COPIES = range(4)
ROW_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class _Row:
    """A document the table offers, with the ids its item needs."""

    proposal_id: ProposalId
    receipt_id: ReceiptId | None
    description: str
    policyholder: str
    day: date | None

    @property
    def document_id(self) -> str:
        return self.receipt_id or self.proposal_id


class CopiesDelegate(QStyledItemDelegate):
    """Copies are edited with a spin box held to what the form allows."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, MAX_COPIES)
        return editor


class HandoverDraftDialog(QDialog):
    list_did_save = Signal(str)

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, list_id: HandoverId | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx, self._runner, self.list_id = ctx, runner, list_id
        self._wanted: tuple[str, str | None] | None = None  # the candidates awaited
        self._loading = list_id is not None
        self._busy = False  # a save is under way
        self._chosen: dict[str, tuple[_Row, int]] = {}  # ticked documents and their copies
        self.setWindowTitle(self.tr("New handover list") if list_id is None else self.tr("Edit handover list"))
        self.resize(820, 560)
        self._build()
        self._set_enabled(not self._loading)
        outlets = ctx.outlets
        runner.submit(lambda _t: outlets.list(), on_done=self._fill_outlets, on_error=self.problems.setText)

    def reject(self) -> None:
        # Not while the write is under way: its result must reach the panel.
        if not self._busy:
            super().reject()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Application materials (投保资料交接清单)"), APPLICATION_MATERIALS)
        self.kind.addItem(self.tr("Policy contracts and receipts (保险合同交接清单)"), POLICY_CONTRACTS)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setDate(QDate.currentDate())
        self.outlet = QComboBox(self)
        self.outlet.addItem(self.tr("(any outlet)"), None)
        self.teller = QLineEdit(self)
        self.teller.setPlaceholderText(self.tr("Name of the teller who receives the papers"))
        self._tellers = QCompleter([], self)
        self._tellers.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.teller.setCompleter(self._tellers)
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Day:"), self.day)
        form.addRow(self.tr("&Outlet:"), self.outlet)
        form.addRow(self.tr("&Teller:"), self.teller)

        self.documents = QTableWidget(0, 4, self)
        self.documents.setObjectName("handoverDocuments")
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Policyholder"), self.tr("Date"), self.tr("Copies")]
        )
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.documents.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        self.documents.verticalHeader().hide()
        self.documents.setItemDelegateForColumn(COPIES, CopiesDelegate(self.documents))
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Stretch)
        self.documents.itemChanged.connect(self._item_changed)
        documents_label = QLabel(self.tr("&Documents handed over (Space ticks, F2 edits the copies):"), self)
        documents_label.setBuddy(self.documents)
        self.summary = QLabel(self)
        self.problems = QLabel(self)
        self.problems.setObjectName("handoverProblems")
        self.problems.setStyleSheet("color: #c5221f;")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(documents_label)
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._reload_candidates)
        self.outlet.currentIndexChanged.connect(self._outlet_changed)
        for before, after in ((self.kind, self.day), (self.day, self.outlet), (self.outlet, self.teller),
                              (self.teller, self.documents), (self.documents, self.buttons)):  # fmt: skip
            self.setTabOrder(before, after)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.kind, self.day, self.outlet, self.teller, self.documents, self.save_button):
            widget.setEnabled(enabled)

    # ---- loading -----------------------------------------------------------------------

    def _fill_outlets(self, outlets: list[OutletSummary]) -> None:
        self.outlet.blockSignals(True)
        for outlet in outlets:
            self.outlet.addItem(f"{outlet.name} ({outlet.code})", outlet.id)
        self.outlet.blockSignals(False)
        if self.list_id is not None:
            service, list_id = self._ctx.handover, self.list_id
            self._runner.submit(lambda _t: service.get(list_id), on_done=self._show_list,
                                on_error=self.problems.setText)  # fmt: skip
        else:
            self._outlet_changed()
            self.kind.setFocus()

    def _show_list(self, view: HandoverView) -> None:
        for combo, value in ((self.kind, view.kind), (self.outlet, view.outlet_id)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.day.setDate(QDate(view.day.year, view.day.month, view.day.day))
        self.teller.setText(view.teller_name)
        self._chosen = {}
        for item in view.items:
            row = _Row(item.proposal_id or ProposalId(""), item.receipt_id, item.description, item.policyholder, None)
            self._chosen[row.document_id] = (row, item.copies)
        self._loading = False
        self._set_enabled(True)
        self._outlet_changed()
        self.documents.setFocus()

    def _outlet_changed(self) -> None:
        outlet_id = self.outlet.currentData()
        if outlet_id is not None:
            outlets = self._ctx.outlets
            self._runner.submit(lambda _t: outlets.get(outlet_id), on_done=self._offer_tellers,
                                on_error=self.problems.setText)  # fmt: skip
        self._reload_candidates()

    def _offer_tellers(self, outlet: OutletFile) -> None:
        if outlet.id != self.outlet.currentData():
            return
        names = [staff.name for staff in outlet.staff if staff.role == "teller"]
        self._tellers.deleteLater()  # the list of the outlet chosen before
        self._tellers = QCompleter(names, self)
        self._tellers.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.teller.setCompleter(self._tellers)
        if names and not self.teller.text().strip():
            self.teller.setText(names[0])

    def _reload_candidates(self) -> None:
        if self._loading:
            return
        kind, outlet_id = self.kind.currentData(), self.outlet.currentData()
        if self._wanted is not None and self._wanted[0] != kind:
            self._chosen.clear()  # documents of the other kind cannot go on this list
        wanted = self._wanted = (kind, outlet_id)
        service = self._ctx.handover
        # Results go to bound methods only: Qt drops those connections if the dialog is closed
        # and deleted before the work returns, where a lambda would reach a deleted widget.
        self._runner.submit(
            lambda _t: (wanted, service.candidates(kind, outlet_id)),
            on_done=self._show_candidates,
            on_error=self.problems.setText,
        )

    def _show_candidates(self, result: tuple[tuple[str, str | None], list[Candidate]]) -> None:
        wanted, candidates = result
        if wanted != self._wanted:
            return  # the user has since chosen another kind or outlet
        rows = {
            c.document_id: _Row(c.proposal_id, c.receipt_id, c.description, c.policyholder, c.day) for c in candidates
        }
        # What is on the list stays on offer, even if it is no longer a candidate: Save explains why.
        for document_id, (row, _copies) in self._chosen.items():
            rows.setdefault(document_id, row)
        table = self.documents
        shown = [item.data(ROW_ROLE).document_id for i in range(table.rowCount()) if (item := table.item(i, DOCUMENT))]
        if shown == list(rows):
            self._show_summary()
            return  # the same documents: keep the table, and any cell the user is editing
        current = table.item(table.currentRow(), DOCUMENT) if table.currentRow() >= 0 else None
        keep = current.data(ROW_ROLE).document_id if current is not None else None
        table.blockSignals(True)
        table.setRowCount(0)
        for row in rows.values():
            self._add_row(row)
        table.blockSignals(False)
        if table.rowCount():
            ids = list(rows)
            table.setCurrentCell(ids.index(keep) if keep in ids else 0, DOCUMENT)
        self._show_summary()

    def _add_row(self, row: _Row) -> None:
        table = self.documents
        chosen = self._chosen.get(row.document_id)
        index = table.rowCount()
        table.insertRow(index)
        document = QTableWidgetItem(chosen[0].description if chosen else row.description)
        document.setFlags(document.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        document.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        document.setData(ROW_ROLE, row)
        table.setItem(index, DOCUMENT, document)
        for column, text in ((POLICYHOLDER, row.policyholder), (DATED, row.day.isoformat() if row.day else "")):
            cell = QTableWidgetItem(text)
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(index, column, cell)
        copies = QTableWidgetItem()
        copies.setData(Qt.ItemDataRole.EditRole, chosen[1] if chosen else 1)
        copies.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        table.setItem(index, COPIES, copies)

    # ---- editing -----------------------------------------------------------------------

    def _item_changed(self, item: QTableWidgetItem) -> None:
        document = self.documents.item(item.row(), DOCUMENT)
        copies = self.documents.item(item.row(), COPIES)
        if document is None or copies is None:
            return
        base: _Row = document.data(ROW_ROLE)
        if document.checkState() == Qt.CheckState.Checked:
            row = _Row(base.proposal_id, base.receipt_id, document.text(), base.policyholder, base.day)
            self._chosen[base.document_id] = (row, int(copies.data(Qt.ItemDataRole.EditRole)))
        else:
            self._chosen.pop(base.document_id, None)
        self.problems.clear()
        self._show_summary()

    def _show_summary(self) -> None:
        if not self.documents.rowCount():
            self.summary.setText(self.tr("No documents are waiting to be handed over for this kind and outlet."))
            return
        copies = sum(count for _row, count in self._chosen.values())
        self.summary.setText(self.tr("%1 document(s) ticked, %2 copies in all.")
                             .replace("%1", str(len(self._chosen))).replace("%2", str(copies)))  # fmt: skip

    def items(self) -> list[ItemInput]:
        kind = self.kind.currentData()
        result = []
        for row, copies in self._chosen.values():
            if kind == POLICY_CONTRACTS:
                result.append(ItemInput(receipt_id=row.receipt_id, copies=copies, description=row.description))
            else:
                result.append(ItemInput(proposal_id=row.proposal_id, copies=copies, description=row.description))
        return result

    # ---- saving ------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        service, list_id = self._ctx.handover, self.list_id
        kind, outlet_id, teller = self.kind.currentData(), self.outlet.currentData(), self.teller.text()
        day = pydate(self.day.date())
        items = self.items()
        self.save_button.setEnabled(False)
        self._busy = True
        self.problems.setText(self.tr("Saving…"))

        def work(_task: object) -> str:
            if list_id is None:
                return service.create_draft(kind, day, outlet_id, teller, items)
            service.save_draft(list_id, kind, day, outlet_id, teller, items)
            return list_id

        self._runner.submit(work, lane="db", on_done=self._did_save, on_failure=self._save_failed)

    def _did_save(self, list_id: HandoverId) -> None:
        self.list_id = list_id
        self.list_did_save.emit(list_id)
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        """The exception, not only its text: a refusal lists each problem on a line of its own."""
        self.save_button.setEnabled(True)
        self._busy = False
        if isinstance(error, InvalidHandover):
            language = current_language()
            self.problems.setText("\n".join(p.message(language) for p in error.problems))
        else:
            self.problems.setText(failure_text(error) or "")
