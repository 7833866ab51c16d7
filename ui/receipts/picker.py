"""Choose the finished proposal whose policy is being delivered: Enter takes the selected one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.receipts.service import ReceiptCandidate, ReceiptService

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ProposalPicker(QDialog):
    candidate_did_choose = Signal(object)  # the ReceiptCandidate
    candidates_did_load = Signal()

    def __init__(self, receipts: ReceiptService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New receipt: choose the proposal"))
        self.resize(640, 360)
        self.hint = QLabel(self.tr("Finished proposals without a receipt, newest first. Loading…"), self)
        self.hint.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("receiptCandidates")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("Policyholder"), self.tr("Product"), self.tr("Applied on"), self.tr("Policy number")]
        )
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.choose_button = QPushButton(self.tr("&Choose"), self)
        self.choose_button.setEnabled(False)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemActivated.connect(lambda _item, _column: self.choose())
        self.choose_button.clicked.connect(self.choose)
        cancel.clicked.connect(self.reject)
        runner.submit(lambda _t: receipts.candidates(), on_done=self._show, on_error=self._failed)

    def _show(self, candidates: list[ReceiptCandidate]) -> None:
        locale = QLocale()
        self.table.clear()
        for candidate in candidates:
            applied = (
                locale.toString(qdate(candidate.application_date), QLocale.FormatType.ShortFormat)
                if candidate.application_date
                else ""
            )
            item = QTreeWidgetItem(
                [candidate.policyholder_name, candidate.product_name, applied, candidate.hq_policy_number or ""]
            )
            item.setData(0, ROW_ROLE, candidate)
            self.table.addTopLevelItem(item)
        if candidates:
            self.hint.setText(self.tr("Finished proposals without a receipt, newest first."))
            first = self.table.topLevelItem(0)
            if first is not None:
                self.table.setCurrentItem(first)
            self.table.setFocus()
        else:
            self.hint.setText(self.tr("Every finished proposal already has a receipt."))
        self.choose_button.setEnabled(bool(candidates))
        self.candidates_did_load.emit()

    def _failed(self, text: str) -> None:
        self.hint.setText(self.tr("Could not list the proposals: %1").replace("%1", text))

    def choose(self) -> None:
        item = self.table.currentItem()
        if item is None:
            return
        self.candidate_did_choose.emit(item.data(0, ROW_ROLE))
        self.accept()
