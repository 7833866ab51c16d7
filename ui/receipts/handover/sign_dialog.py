"""Both sign the handover list on screen: the manager who hands over, the teller who receives.

Each pad shows its own refusal (blank, a dot, too small) under its box; the core checks both
signatures again and signs the list in one transaction, after which it never changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.handover.records import HandoverView, InvalidHandover, Signed
from app.handover.summary import handover_summary
from ui.common.failures import failure_text
from ui.common.i18n import current_language
from ui.common.task_runner import TaskRunner
from ui.common.widgets.signature_pad import SignaturePad
from ui.common.widgets.signed_document import SummaryView

if TYPE_CHECKING:
    from app.handover.service import HandoverService


class HandoverSignDialog(QDialog):
    list_did_sign = Signal(str)

    def __init__(
        self, service: HandoverService, runner: TaskRunner, view: HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._runner, self.view = service, runner, view
        self._busy = False  # signing is under way
        self.setWindowTitle(self.tr("Sign handover list"))
        # Every document on the list, read by both signers before they sign.
        self.summary = SummaryView(self)
        self.summary.show_summary(handover_summary(view, current_language()))
        self.manager_pad = SignaturePad(
            self.tr("I hand over the documents listed, in the numbers of copies shown."), self
        )
        self.teller_pad = SignaturePad(
            self.tr("I have received the documents listed and checked them against the list."), self
        )
        grid = QGridLayout()
        for column, (title, pad) in enumerate((
            (self.tr("Manager: %1").replace("%1", view.manager_name), self.manager_pad),
            (self.tr("Teller: %1").replace("%1", view.teller_name), self.teller_pad),
        )):  # fmt: skip
            heading = QLabel(title, self)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, column)
            grid.addWidget(pad, 1, column)
        self.problems = QLabel(self)
        self.problems.setObjectName("handoverSignProblems")
        self.problems.setStyleSheet("color: #c5221f;")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_button = self.buttons.addButton(self.tr("&Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setDefault(True)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.manager_pad, self.teller_pad)
        self.manager_pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        # Not while signing is under way: its result must reach the panel.
        if not self._busy:
            super().reject()

    def sign(self) -> None:
        if not self.sign_button.isEnabled():
            return
        # Both pads show their refusals at once, so neither signer has to ask twice.
        refused = [bool(pad.validate()) for pad in (self.manager_pad, self.teller_pad)]
        if any(refused):
            self.problems.setText(self.tr("Both the manager and the teller must sign in their boxes."))
            return
        service, list_id = self._service, self.view.id
        manager = (self.manager_pad.signature(), self.manager_pad.png())
        teller = (self.teller_pad.signature(), self.teller_pad.png())
        self.sign_button.setEnabled(False)
        self._busy = True
        self.problems.setText(self.tr("Signing…"))
        self._runner.submit(
            lambda _t: service.sign(list_id, manager, teller), lane="db",
            on_done=self._did_sign, on_failure=self._sign_failed,
        )  # fmt: skip

    def _did_sign(self, signed: Signed) -> None:
        self.list_did_sign.emit(signed.list_id)
        self.accept()

    def _sign_failed(self, error: Exception) -> None:
        """The exception, not only its text: a refusal lists each problem on a line of its own."""
        self.sign_button.setEnabled(True)
        self._busy = False
        if isinstance(error, InvalidHandover):
            language = current_language()
            self.problems.setText("\n".join(p.message(language) for p in error.problems))
        else:
            text = failure_text(error)
            said = self.tr("The list could not be signed: %1").replace("%1", text) if text is not None else ""
            self.problems.setText(said)
