"""One policy receipt (保单回执): delivery and signing days, deadlines shown live, sign or scan.

A draft is saved as the user types.  "Sign & queue" stays disabled until the core's rules
and the signature (or scan) checks pass; then the core signs, hashes and queues it in one
transaction.  A signed receipt opens read-only; only its return to the insurer's counter (the
day and who received it) is recorded.  The pick-up (day, and from the insurer or the bank) is
kept on the draft: Today counts the 3-day delivery deadline from it.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.receipts.summary import receipt_summary
from app.rules import receipt as rules
from app.rules.ids import ReceiptId
from app.rules.working_days import calendar_note
from ui.common.failures import failure_text
from ui.common.i18n import current_language
from ui.common.qdates import pydate, qdate
from ui.common.task_runner import TaskRunner
from ui.receipts.evidence import SCAN, ReceiptEvidence

if TYPE_CHECKING:
    from app.context import AppContext
    from app.receipts.service import ReceiptFields, ReceiptView, Signed

AUTOSAVE_MS = 400
PLACEHOLDER_SIGNATURE = rules.SignatureRef(rules.SIGNER_ROLE, "")
PLACEHOLDER_SCAN = rules.ScanRef("application/pdf", "0" * 64, 1)


def date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    edit.setMaximumDate(QDate.currentDate())  # neither delivery nor signing lies ahead
    return edit


class ReceiptDialog(QDialog):
    receipt_did_load = Signal()
    receipt_did_change = Signal(str)  # saved, signed or returned: lists showing it refresh
    receipt_did_sign = Signal(str)

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, receipt_id: ReceiptId, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.receipt_id = ctx, runner, receipt_id
        self.view: ReceiptView | None = None
        self._loading = True
        self._dirty = False
        self._busy = False
        self.setWindowTitle(self.tr("Policy receipt"))
        self.resize(620, 720)
        self._build()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        for edit in (self.delivered_on, self.signed_on, self.picked_up_on):
            edit.dateChanged.connect(self._changed)
        self.picked_up_from.currentIndexChanged.connect(self._pick_up_changed)
        self.policy_number.textEdited.connect(self._changed)
        self.cooling_off_days.valueChanged.connect(self._changed)
        self.evidence.evidence_did_change.connect(self._validate)
        self.sign_button.clicked.connect(self.sign)
        self.return_button.clicked.connect(self.mark_returned)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the main and the keypad Enter
            QShortcut(QKeySequence(keys), self).activated.connect(self.sign)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save_now)
        self.status.setText(self.tr("Opening…"))
        self.reload()

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("receiptHeading")
        self.heading.setWordWrap(True)
        self.policy_number = QLineEdit(self)
        self.policy_number.setMaxLength(rules.POLICY_NUMBER_MAX)
        self.policy_number.setPlaceholderText(self.tr("as printed on the policy"))
        self.picked_up_from = QComboBox(self)
        self.picked_up_from.addItem(self.tr("Not recorded"), None)
        self.picked_up_from.addItem(self.tr("At the insurer"), "insurer")
        self.picked_up_from.addItem(self.tr("At the bank"), "bank")
        self.picked_up_on = date_edit(self)
        self.picked_up_on.setEnabled(False)
        pick_up = QHBoxLayout()
        pick_up.setContentsMargins(0, 0, 0, 0)
        pick_up.addWidget(self.picked_up_from)
        pick_up.addWidget(self.picked_up_on, 1)
        self.delivered_on = date_edit(self)
        self.signed_on = date_edit(self)
        self.cooling_off_days = QSpinBox(self)
        self.cooling_off_days.setRange(rules.MIN_COOLING_OFF_DAYS, rules.MAX_COOLING_OFF_DAYS)
        self.cooling_off_days.setSuffix(self.tr(" days"))
        self.cooling_off_end = QLabel(self)
        self.cooling_off_end.setObjectName("coolingOffEnd")
        self.return_due = QLabel(self)
        self.return_due.setObjectName("returnDue")
        form = QFormLayout()
        form.addRow(self.tr("&Policy number"), self.policy_number)
        form.addRow(self.tr("Picked &up"), pick_up)
        pick_up_label = form.labelForField(pick_up)
        if isinstance(pick_up_label, QLabel):
            pick_up_label.setBuddy(self.picked_up_from)
        form.addRow(self.tr("&Delivered on"), self.delivered_on)
        form.addRow(self.tr("Si&gned on"), self.signed_on)
        form.addRow(self.tr("C&ooling-off period"), self.cooling_off_days)
        form.addRow(self.tr("Cooling-off ends"), self.cooling_off_end)
        form.addRow(self.tr("Return receipt by"), self.return_due)
        self.evidence = ReceiptEvidence(self.runner, self)
        self.problem_list = QLabel(self)
        self.problem_list.setObjectName("receiptProblems")
        self.problem_list.setStyleSheet("color: #c62828;")
        self.problem_list.setWordWrap(True)
        self.hash_label = QLabel(self)
        self.hash_label.setObjectName("receiptHash")
        self.hash_label.setWordWrap(True)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.hash_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.hash_label.setFont(small)
        self.hash_label.hide()
        self.sign_button = QPushButton(self.tr("&Sign && queue"), self)
        self.sign_button.setToolTip(self.tr("Freezes the receipt and queues it for head office (Ctrl+Enter)"))
        self.sign_button.setEnabled(False)
        self.returned_on = date_edit(self)
        self.returned_to = QLineEdit(self)
        self.returned_to.setMaxLength(100)
        self.returned_to.setPlaceholderText(self.tr("who received it at the insurer's counter"))
        self.returned_to.returnPressed.connect(self.mark_returned)
        self.return_button = QPushButton(self.tr("Mark &returned"), self)
        self.return_button.setToolTip(
            self.tr("The signed paper receipt went back to the insurer's customer-service counter on this day")
        )
        self.return_button.setEnabled(False)  # until a signed receipt is shown
        self.returned_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("receiptStatus")
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        returns = QHBoxLayout()
        returns.addWidget(QLabel(self.tr("Returned to the insurer on"), self))
        returns.addWidget(self.returned_on)
        received_by = QLabel(self.tr("Received &by"), self)
        received_by.setBuddy(self.returned_to)
        returns.addWidget(received_by)
        returns.addWidget(self.returned_to, 1)
        returns.addWidget(self.return_button)
        returns.addWidget(self.returned_label, 1)
        self.return_row = QWidget(self)
        self.return_row.setLayout(returns)
        self.return_row.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.evidence)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.hash_label)
        layout.addWidget(self.return_row)
        layout.addStretch(1)
        layout.addLayout(bottom)
        e = self.evidence
        order = [
            self.policy_number,
            self.picked_up_from,
            self.picked_up_on,
            self.delivered_on,
            self.signed_on,
            self.cooling_off_days,
            e.sign_choice,
            e.scan_choice,
            e.pad,
            e.pad.undo_button,
            e.pad.clear_button,
            e.attach_button,
            self.sign_button,
            self.returned_on,
            self.returned_to,
            self.return_button,
            close,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # ---- loading and showing -------------------------------------------------------------------

    def reload(self) -> None:
        receipts, receipt_id = self.ctx.receipts, self.receipt_id
        self.runner.submit(lambda _t: receipts.get(receipt_id), on_done=self._show, on_error=self._failed)

    def _show(self, view: ReceiptView) -> None:
        self.view = view
        self._loading = True
        f = view.fields
        self.heading.setText(f"{view.policyholder_name} · {view.product_name}")
        self.setWindowTitle(self.tr("Policy receipt: %1").replace("%1", view.policyholder_name))
        self.policy_number.setText(f.policy_number)
        for edit, value in ((self.delivered_on, f.delivered_on), (self.signed_on, f.signed_on)):
            edit.setDate(qdate(value) if value else QDate.currentDate())
        self.cooling_off_days.setValue(f.cooling_off_days)
        self.picked_up_from.setCurrentIndex(max(0, self.picked_up_from.findData(f.picked_up_from)))
        self.picked_up_on.setDate(qdate(f.picked_up_on) if f.picked_up_on else QDate.currentDate())
        self._loading = False
        signed = view.status == "signed"
        for widget in (self.policy_number, self.delivered_on, self.signed_on, self.cooling_off_days):
            widget.setReadOnly(signed)
        self.picked_up_from.setEnabled(not signed)
        self.picked_up_on.setEnabled(not signed and f.picked_up_on is not None)
        self.sign_button.setVisible(not signed)
        self.return_row.setVisible(signed)
        if signed:
            self.evidence.show_signed(view.signature_png, view.scan_mime, view.scan_size)
            # The signature is shown as drawn; the hash is small print, for whoever checks it.
            self.hash_label.setText(
                self.tr("Details: content hash (SHA-256) %1").replace("%1", view.content_hash or "")
            )
            self.hash_label.show()
            self._show_return(view)
            self.status.setText(self.tr("Signed and queued for head office. Signed receipts cannot change."))
        else:
            self.status.setText(self.tr("Draft: saved as you type."))
            self.policy_number.setFocus()
        self._update_deadlines()
        self._validate()
        self.receipt_did_load.emit()

    def _show_return(self, view: ReceiptView) -> None:
        returned = view.returned_on is not None
        if view.fields.signed_on:
            self.returned_on.setMinimumDate(qdate(view.fields.signed_on))
        if view.returned_on:
            self.returned_on.setDate(qdate(view.returned_on))
        self.returned_to.setText(view.returned_to)
        for widget in (self.returned_on, self.returned_to, self.return_button):
            widget.setEnabled(not returned)
        self.returned_label.setText(self.tr("Returned.") if returned else "")

    def _failed(self, text: str) -> None:
        self._busy = False
        self.status.setText(text)
        self._validate()

    def fields(self) -> ReceiptFields:
        from app.receipts.service import ReceiptFields

        return ReceiptFields(
            self.policy_number.text(),
            pydate(self.delivered_on.date()),
            pydate(self.signed_on.date()),
            self.cooling_off_days.value(),
            pydate(self.picked_up_on.date()) if self.picked_up_from.currentData() else None,
            self.picked_up_from.currentData(),
        )

    def _pick_up_changed(self, _index: int) -> None:
        self.picked_up_on.setEnabled(self.picked_up_from.currentData() is not None)
        self._changed()

    def _update_deadlines(self) -> None:
        signed: date = pydate(self.signed_on.date())
        days = self.cooling_off_days.value()
        locale = QLocale()
        ends, due = rules.cooling_off_ends(signed, days), rules.return_due(signed)
        self.cooling_off_end.setText(
            self.tr("%1 (%2 days from the day after signing)")
            .replace("%1", locale.toString(qdate(ends), QLocale.FormatType.LongFormat))
            .replace("%2", str(days))
        )
        text = self.tr("%1 (3 working days after signing)").replace(
            "%1", locale.toString(qdate(due), QLocale.FormatType.LongFormat)
        )
        # Counted Monday to Friday in a year whose holidays are not known: said under the date.
        note = calendar_note([signed, due], current_language())
        self.return_due.setText(f"{text}\n{note}" if note else text)
        self.evidence.set_cooling_off_days(days)
        if self.view is not None:
            self.evidence.summary.show_summary(receipt_summary(
                self.view.product_name, self.view.product_code, self.policy_number.text(), signed, days,
                current_language(),
            ))  # fmt: skip

    # ---- checking and saving -------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Everything that keeps Sign & queue disabled, in the user's language."""
        if self.view is None or self.view.status != "draft":
            return []
        f = self.fields()
        scan = self.evidence.mode() == SCAN
        doc = rules.ReceiptDoc(
            id=self.receipt_id, proposal_id=self.view.proposal_id, policy_number=f.policy_number,
            delivered_on=f.delivered_on, signed_on=f.signed_on, cooling_off_days=f.cooling_off_days,
            cooling_off_ends_on=rules.cooling_off_ends(f.signed_on, f.cooling_off_days) if f.signed_on else None,
            return_due_on=rules.return_due(f.signed_on) if f.signed_on else None,
            # Which one is what matters here; the evidence itself is checked below.
            signature=None if scan else PLACEHOLDER_SIGNATURE, scan=PLACEHOLDER_SCAN if scan else None,
        )  # fmt: skip
        language = current_language()
        return [p.message(language) for p in rules.check_receipt(doc, date.today())] + self.evidence.problems()

    def _validate(self) -> None:
        found = self.problems()
        self.problem_list.setText("\n".join(f"• {message}" for message in found))
        self.problem_list.setVisible(bool(found))
        self.sign_button.setEnabled(
            self.view is not None and self.view.status == "draft" and not found and not self._busy
        )

    def _changed(self, *_args: Any) -> None:
        if self._loading or self.view is None or self.view.status != "draft":
            return
        self._update_deadlines()
        self._validate()
        self._dirty = True
        self._autosave.start()

    def save_now(self) -> None:
        self._autosave.stop()
        if not self._dirty or self.view is None or self.view.status != "draft":
            return
        self._dirty = False
        receipts, receipt_id, fields = self.ctx.receipts, self.receipt_id, self.fields()
        self.status.setText(self.tr("Saving…"))
        self.runner.submit(
            lambda _t: receipts.save_draft(receipt_id, fields),
            lane="db",
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, _problems: object) -> None:
        if not self._busy:
            self.status.setText(self.tr("Draft saved."))
        self.receipt_did_change.emit(self.receipt_id)

    def _save_failed(self, text: str) -> None:
        self._dirty = True
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    # ---- signing and returning -----------------------------------------------------------------

    def sign(self) -> None:
        if self.view is None or self.view.status != "draft" or not self.sign_button.isEnabled():
            return
        if self.evidence.mode() != SCAN and self.evidence.pad.validate():
            return
        self._autosave.stop()
        self._dirty = False
        self._busy = True
        self._validate()
        self.status.setText(self.tr("Signing…"))
        receipts, receipt_id, fields = self.ctx.receipts, self.receipt_id, self.fields()
        signature, scan = self.evidence.signature_input(), self.evidence.scan_input()

        def work(_task: object) -> Signed:
            receipts.save_draft(receipt_id, fields)
            assert fields.signed_on is not None
            return receipts.sign(receipt_id, fields.signed_on, signature=signature, scan=scan)

        self.runner.submit(work, lane="db", on_done=self._signed, on_failure=self._sign_failed)

    def _signed(self, _signed: Signed) -> None:
        self._busy = False
        self.receipt_did_sign.emit(self.receipt_id)
        self.receipt_did_change.emit(self.receipt_id)
        self.reload()

    def _sign_failed(self, exc: Exception) -> None:
        """The exception, not only its text: a refusal lists each problem in the user's words."""
        from app.receipts.service import ReceiptRefused

        self._busy = False
        if isinstance(exc, ReceiptRefused):
            language = current_language()
            why: str | None = " ".join(p.message(language) for p in exc.problems)
        else:
            why = failure_text(exc)
        self.status.setText(self.tr("Not signed: %1").replace("%1", why) if why is not None else "")
        self._validate()

    def mark_returned(self) -> None:
        if self.view is None or self.view.status != "signed":
            return
        if not self.return_button.isEnabled():
            return
        receipts, receipt_id, day = self.ctx.receipts, self.receipt_id, pydate(self.returned_on.date())
        who = self.returned_to.text()
        self.runner.submit(
            lambda _t: receipts.mark_returned(receipt_id, day, who),
            lane="db",
            on_done=self._returned,
            on_error=self._failed,
        )

    def _returned(self, _result: object) -> None:
        self.status.setText(self.tr("Marked returned."))
        self.receipt_did_change.emit(self.receipt_id)
        self.reload()

    def reject(self) -> None:
        # Close, Esc and the window's close button all end here: a pending edit is saved first.
        if self._autosave.isActive() or self._dirty:
            self.save_now()
        super().reject()
