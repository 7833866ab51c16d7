"""Receipts (保单回执): what must go back to the bank and when, drafts awaiting signature, new ones.

The page is a tab widget so related paperwork (handover lists) sits beside the receipts.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ReceiptId
from app.rules.working_days import calendar_note
from ui.common.i18n import current_language
from ui.common.page import Page
from ui.common.palette import state_colour
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.receipts.handover import HandoverPanel

if TYPE_CHECKING:
    from app.context import AppContext
    from app.receipts.service import DueReceipt, ReceiptCandidate
    from ui.common.print_preview import PrintPreviewDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReceiptList(QWidget):
    list_did_load = Signal()
    receipt_did_open = Signal(object)  # the ReceiptDialog, once shown

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self.rows: list[DueReceipt] = []
        self.new_button = QPushButton(self.tr("&New receipt…"), self)
        self.new_button.setToolTip(self.tr("Record a policy delivery for a finished proposal (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.print_action = QAction(self.tr("&Receipt…"), self)
        self.print_revealed_action = QAction(self.tr("Receipt with &full ID and phone numbers…"), self)
        self.print_button = print_button(
            self, self.tr("&Print…"), [self.print_action, self.print_revealed_action],
            self.tr("Print the selected receipt or save it as a PDF (Ctrl+P)"),
        )  # fmt: skip
        self.preview: PrintPreviewDialog | None = None
        self.count = QLabel(self)
        self.count.setObjectName("receiptCount")
        self.table = QTreeWidget(self)
        self.table.setObjectName("receiptList")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([
            self.tr("State"), self.tr("Policyholder"), self.tr("Product"), self.tr("Policy number"),
            self.tr("Signed on"), self.tr("Return by"), self.tr("Cooling-off ends"),
        ])  # fmt: skip
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setObjectName("receiptListStatus")
        # A return deadline in a year whose holidays are not known: one line under the list.
        self.calendar_warning = QLabel(self)
        self.calendar_warning.setObjectName("calendarWarning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.hide()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.print_button)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.calendar_warning)
        layout.addWidget(self.status)
        self.new_button.clicked.connect(self.new_receipt)
        self.open_button.clicked.connect(self.open_current)
        self.table.itemActivated.connect(lambda _item, _column: self.open_current())
        self.print_action.triggered.connect(lambda: self.print_current(reveal=False))
        self.print_revealed_action.triggered.connect(lambda: self.print_current(reveal=True))
        print_shortcut(self, self.print_button)
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_receipt)
        self.addAction(new)

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.reload()

    def reload(self) -> None:
        if self._ctx is None:
            return
        receipts, day = self._ctx.receipts, date.today()
        self._runner.submit(lambda _t: receipts.due_list(day), on_done=self._show, on_error=self.status.setText)

    def _show(self, rows: list[DueReceipt]) -> None:
        current = self.current_id()
        self.rows = rows
        note = calendar_note([r.return_due_on for r in rows if r.return_due_on], current_language())
        self.calendar_warning.setText(note or "")
        self.calendar_warning.setVisible(note is not None)
        self.table.clear()
        locale = QLocale()

        def day(value: date | None) -> str:
            return locale.toString(qdate(value), QLocale.FormatType.ShortFormat) if value else ""

        for row in rows:
            item = QTreeWidgetItem(
                [
                    self._state(row),
                    row.policyholder_name,
                    row.product_name,
                    row.policy_number,
                    day(row.signed_on),
                    day(row.return_due_on),
                    day(row.cooling_off_ends_on),
                ]
            )
            item.setData(0, ID_ROLE, row.id)
            if row.overdue:
                font = item.font(0)
                font.setBold(True)
                for column in range(self.table.columnCount()):
                    item.setForeground(column, state_colour("overdue"))
                    item.setFont(column, font)
            self.table.addTopLevelItem(item)
            if row.id == current:
                self.table.setCurrentItem(item)
        if self.table.currentItem() is None and (first := self.table.topLevelItem(0)) is not None:
            self.table.setCurrentItem(first)
        signed = [r for r in rows if r.status == "signed"]
        overdue = sum(r.overdue for r in signed)
        text = self.tr("%n receipt(s) to return", "", len(signed))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        drafts = len(rows) - len(signed)
        if drafts:
            text += " · " + self.tr("%n awaiting signature", "", drafts)
        self.count.setText(text)
        if not rows:
            self.table.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing to return")]))
        self.open_button.setEnabled(bool(rows))
        for action in (self.print_action, self.print_revealed_action):
            action.setEnabled(bool(rows))  # the button follows its default action
        self.list_did_load.emit()

    def _state(self, row: DueReceipt) -> str:
        # Said in words, not only in red: the state must read the same to everyone.
        if row.status == "draft":
            return self.tr("Awaiting signature")
        if row.days_left is None:
            return self.tr("Signed")
        if row.overdue:
            return self.tr("Overdue by %n day(s)", "", -row.days_left)
        if row.days_left == 0:
            return self.tr("Due today")
        return self.tr("Due in %n day(s)", "", row.days_left)

    def current_id(self) -> ReceiptId | None:
        item = self.table.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    # ---- new and open ----------------------------------------------------------------------

    def new_receipt(self) -> None:
        from ui.receipts.picker import ProposalPicker

        if self._ctx is None:
            return
        picker = ProposalPicker(self._ctx.receipts, self._runner, self)
        picker.candidate_did_choose.connect(self._create)
        picker.open()
        self.picker = picker

    def _create(self, candidate: ReceiptCandidate) -> None:
        assert self._ctx is not None
        receipts, today = self._ctx.receipts, date.today()
        self.status.setText(self.tr("Creating the receipt…"))
        self._runner.submit(
            lambda _t: receipts.new_draft(candidate.proposal_id, candidate.hq_policy_number or "", today),
            lane="db",
            on_done=self._created,
            on_error=self.status.setText,
        )

    def _created(self, receipt_id: ReceiptId) -> None:
        self.status.setText("")
        self.reload()
        self.open_receipt(receipt_id)

    def open_current(self) -> None:
        receipt_id = self.current_id()
        if receipt_id is not None:
            self.open_receipt(receipt_id)

    def print_current(self, reveal: bool) -> None:
        receipt_id = self.current_id()
        row = next((r for r in self.rows if r.id == receipt_id), None)
        if self._ctx is None or row is None:
            return
        printing = self._ctx.printing
        title = self.tr("Receipt: %1").replace("%1", row.policyholder_name)
        name = f"保单回执-{row.policy_number or row.policyholder_name}.pdf"
        # A print with full numbers writes its audit event, so it is made on the db lane.
        self.preview = open_preview(self, self._runner, title, lambda: printing.receipt(row.id, reveal=reveal),
                                    name, pdf_lane="db" if reveal else "cpu")  # fmt: skip

    def open_receipt(self, receipt_id: ReceiptId) -> None:
        from ui.receipts.dialog import ReceiptDialog

        if self._ctx is None:
            return
        dialog = ReceiptDialog(self._ctx, self._runner, receipt_id, self)
        dialog.open()
        self.dialog = dialog
        self.receipt_did_open.emit(dialog)


class ReceiptsPage(Page):
    # The due list (receipts, their policies and holders) and the handover lists.
    shows = frozenset({"receipts", "signatures", "proposals", "clients", "handover_lists", "handover_items"})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Receipts"),
            self.tr("Policy receipts signed on delivery, and their return deadlines."),
            parent,
        )
        self.tabs = QTabWidget(self)
        self.list = ReceiptList(runner, self)
        self.tabs.addTab(self.list, self.tr("Receipts"))
        # Handover lists carry both proposals and receipts to the teller; they live beside the
        # receipts because returning a signed receipt is what most lists are for.
        self.handover = HandoverPanel(runner, self)
        self.tabs.addTab(self.handover, self.tr("Handover lists"))
        self.content.addWidget(self.tabs, 1)
        # A signed policy-contracts list marks its receipts returned: the due list follows through
        # the change relay, as it does every other change.

    def attach(self, ctx: AppContext) -> None:
        self.list.attach(ctx)
        self.handover.attach(ctx)

    def reload_changed(self) -> None:
        self.list.reload()
        self.handover.refresh()
