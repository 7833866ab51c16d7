"""A one-line question whose answer may not be blank: a correction's reason, a resolution note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    text_did_confirm = Signal(str)

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.answer = QLineEdit(self)
        self.question.setBuddy(self.answer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())
        self.answer.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

    def _confirm(self) -> None:
        text = self.answer.text().strip()
        if text:
            self.text_did_confirm.emit(text)
            self.accept()
