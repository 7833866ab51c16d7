"""Finish…: what is signed (a summary of the document), the declaration, then a signature pad
per person who must sign.  Any document's summary can be passed: an underwriting decision's pad
joins by building its own `SigningSummary`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.widgets.signature_pad import SignaturePad
from ui.common.widgets.signed_document import SummaryView
from ui.proposals.editor.choices import ProposalChoices

if TYPE_CHECKING:
    from app.proposals.service import SignatureInput
    from app.rules.signing_summary import SigningSummary


class SigningDialog(QDialog):
    """Emits the signatures once every pad holds an acceptable one; the editor then finishes
    the proposal and closes the dialog, or shows here why head office's rules refused it."""

    signatures_did_confirm = Signal(object)  # dict role -> (Signature, png bytes)

    def __init__(self, signers: list[tuple[str, str]], summary: SigningSummary, parent: QWidget | None = None) -> None:
        """`signers`: (role, name) for each person who must sign, in order; `summary`: what
        they sign, shown above the pads."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign the proposal"))
        self.summary = SummaryView(self)
        self.summary.show_summary(summary)
        roles = ProposalChoices(self).roles()
        self.declaration = QLabel(
            self.tr(
                "Please read the application with the client. By signing, the client confirms that the answers "
                "are true and complete, that the product terms, exclusions and the cooling-off period were "
                "explained, and that a false answer may void the policy."
            ),
            self,
        )
        self.declaration.setWordWrap(True)
        self.declaration.setObjectName("signingDeclaration")
        self.pads: dict[str, SignaturePad] = {}
        pads = QHBoxLayout()
        for role, name in signers:
            pad = SignaturePad(
                self.tr("%1 %2: I have read and understood this application and confirm it is true.")
                .replace("%1", roles.get(role, role))
                .replace("%2", name),
                self,
            )
            pad.setObjectName(f"pad_{role}")
            self.pads[role] = pad
            pads.addWidget(pad)
        self.error = QLabel(self)
        self.error.setObjectName("signingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c5221f;")
        self.error.hide()
        self.sign_button = QPushButton(self.tr("Sign and &finish"), self)
        self.sign_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.declaration)
        layout.addLayout(pads)
        layout.addLayout(buttons)
        self.sign_button.clicked.connect(self.confirm)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.confirm)
        if self.pads:
            next(iter(self.pads.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def confirm(self) -> None:
        """Blank, dot-only or too-small signatures are refused under their own pad."""
        refused = [role for role, pad in self.pads.items() if pad.validate()]
        if refused:
            self.pads[refused[0]].setFocus()
            return
        signatures: dict[str, SignatureInput] = {role: (pad.signature(), pad.png()) for role, pad in self.pads.items()}
        self.error.hide()
        self.sign_button.setEnabled(False)
        self.signatures_did_confirm.emit(signatures)

    def show_refusal(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.sign_button.setEnabled(True)
