"""Input pieces of the outlet editor: yuan amounts kept as cents, dates typed as text, and
the cell editors (delegates) its tables use."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.rules.money import cents_from_text, yuan_text
from ui.common.widgets.amount_edit import AmountEdit

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # a choice cell's stored code beside its shown label

# As managers write amounts (¥, grouping commas, 万/亿, full-width digits); `cents_from_amount` judges the rest.
MONEY_PATTERN = r"[¥￥]?[0-9０-９,，]{0,17}([.．][0-9０-９]{0,4})?[千万亿]?元?"
COUNT_PATTERN = r"[0-9]{0,7}"
DATE_PATTERN = r"[0-9]{0,4}([-/.][0-9]{0,2}([-/.][0-9]{0,2})?)?"

ModelIndex = QModelIndex | QPersistentModelIndex


def date_from_text(text: str) -> date | None:
    """`1985-03-14`, `1985/3/14` or `1985.3.14`; empty means not known. Raises ValueError."""
    if not text.strip():
        return None
    parts = re.split(r"[-/.]", text.strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def pattern_validator(pattern: str, parent: QWidget) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(QRegularExpression(pattern), parent)


class MoneyEdit(AmountEdit):
    """An amount in yuan handed out in cents (the shared amount field: 20万, 1.5亿, ¥3,000…)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0.00")


class PatternDelegate(QStyledItemDelegate):
    """A line editor that only accepts what `pattern` allows (amounts, counts, dates)."""

    def __init__(self, pattern: str, align_right: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pattern = pattern
        self._align_right = align_right

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(pattern_validator(self._pattern, editor))
        if self._align_right:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor


class MoneyDelegate(PatternDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MONEY_PATTERN, True, parent)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            text = yuan_text(cents_from_text(editor.text()))
        except ValueError:
            text = editor.text()
        model.setData(index, text)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of (code, label) pairs; the cell shows the label and keeps the code."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QComboBox(parent)
        for code, label in self._choices:
            editor.addItem(label, code)
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText())
