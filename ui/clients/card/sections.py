"""The card's sections as widgets: personal, family, financial, relationship, history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common.columns import fit_columns
from ui.common.palette import set_tone


def combo(parent: QWidget, items: Sequence[tuple[object, str]]) -> QComboBox:
    box = QComboBox(parent)
    for value, text in items:
        box.addItem(text, value)
    return box


class SecretField(QWidget):
    """An ID or phone number: masked, with a Reveal button that the audit log records."""

    def __init__(self, reveal_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.reveal = QPushButton(reveal_text, self)
        self.reveal.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal)

    def show_masked(self, masked: str) -> None:
        self.edit.setText(masked)
        self.edit.setReadOnly(bool(masked))
        self.reveal.setVisible(bool(masked))

    def show_revealed(self, value: str) -> None:
        self.edit.setReadOnly(False)
        self.edit.setText(value)
        self.reveal.hide()

    @property
    def is_masked(self) -> bool:
        return self.edit.isReadOnly()


class FieldRows:
    """A form whose rows each carry a red line for that field's problem."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.problems: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget) -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        problem = QLabel(holder)
        problem.setObjectName(f"problem_{key}")
        set_tone(problem, "problem")
        problem.setWordWrap(True)
        problem.hide()
        layout.addWidget(problem)
        self.problems[key] = problem
        self.form.addRow(label, holder)


def history_tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(headers)
    # When, what and subject as wide as they read; the details take the rest (never "2026/11/24 0…").
    fit_columns(tree, stretch=len(headers) - 1)
    return tree


def notes_edit(parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)  # keyboard users move on with Tab, not insert one
    edit.setMaximumHeight(80)
    return edit


def check(parent: QWidget, text: str) -> QCheckBox:
    return QCheckBox(text, parent)
