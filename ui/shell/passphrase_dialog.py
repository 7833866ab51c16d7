"""The database passphrase, on a computer without a password store to keep the key.

A new profile (or one still unencrypted) asks for the passphrase twice; an existing one once,
and again after a wrong one. Cancel leads on to the usual start-up problem dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import StartupError
from app.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, error: StartupError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = error.detail == "new"
        self.passphrase: str | None = None
        self.setWindowTitle(self.tr("Database passphrase"))
        if self.new:
            text = self.tr(
                "This computer has no password store to keep the key of your data. Choose a "
                "passphrase (at least %1 characters) that protects your data. Without it "
                "the data cannot be opened: keep it safe."
            ).replace("%1", str(MIN_PASSPHRASE))
        elif error.code == "passphrase_rejected":
            text = self.tr("That passphrase does not open your data. Type it again.")
        else:
            text = self.tr("Type the passphrase that protects your data.")
        # Plain words on screen; which file it is, for IT, is on the tooltip (the path is Latin).
        self.message = QLabel(text, self)
        self.message.setToolTip(str(error.path))
        self.message.setWordWrap(True)
        self.entry = QLineEdit(self)
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel("", self)
        self.problem.setObjectName("problemMessage")
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.entry)
        if self.new:
            form.addRow(self.tr("&Repeat:"), self.repeat)
        else:
            self.repeat.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.entry.setFocus()

    def _accept(self) -> None:
        text = self.entry.text()
        if not text:
            self.problem.setText(self.tr("Type the passphrase."))
        elif self.new and len(text) < MIN_PASSPHRASE:
            self.problem.setText(self.tr("At least %1 characters.").replace("%1", str(MIN_PASSPHRASE)))
        elif self.new and text != self.repeat.text():
            self.problem.setText(self.tr("The two passphrases differ."))
            self.repeat.clear()
            self.repeat.setFocus()
        else:
            self.passphrase = text
            self.accept()
