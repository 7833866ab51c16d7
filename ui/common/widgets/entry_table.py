"""An editable table of small records (family members, products held, important dates).

Columns are described once; the table turns rows into plain dicts of typed values and says
which cells would not parse, so the card can keep itself a draft until they are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.rules.money import cents_from_text, yuan_text


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | date | money | bool | choice
    choices: tuple[tuple[str, str], ...] = ()  # (value, shown text) for kind "choice"


class EntryTable(QTableWidget):
    table_did_change = Signal()

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = columns
        self.setHorizontalHeaderLabels([c.header for c in columns])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(lambda _item: self.table_did_change.emit())

    def add_row(self, values: dict[str, Any] | None = None) -> None:
        values = values or {}
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        for col, column in enumerate(self.columns):
            value = values.get(column.key)
            if column.kind == "choice":
                combo = QComboBox(self)
                for key, text in column.choices:
                    combo.addItem(text, key)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.currentIndexChanged.connect(lambda _i: self.table_did_change.emit())
                self.setCellWidget(row, col, combo)
            elif column.kind == "bool":
                item = QTableWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                self.setItem(row, col, item)
            else:
                self.setItem(row, col, QTableWidgetItem(_show(column.kind, value)))
        self.blockSignals(False)
        self.table_did_change.emit()

    def remove_current_row(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())
            self.table_did_change.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != QTableWidget.State.EditingState:
            self.remove_current_row()
            return
        super().keyPressEvent(event)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self.blockSignals(False)
        for values in rows:
            self.add_row(values)

    def rows(self) -> tuple[list[dict[str, Any]], list[str]]:
        """(rows of typed values, descriptions of cells that would not parse)."""
        result, bad = [], []
        for row in range(self.rowCount()):
            values: dict[str, Any] = {}
            for col, column in enumerate(self.columns):
                if column.kind == "choice":
                    choice = self.cellWidget(row, col)
                    assert isinstance(choice, QComboBox)
                    values[column.key] = choice.currentData()
                    continue
                item = self.item(row, col)
                if column.kind == "bool":
                    values[column.key] = item is not None and item.checkState() == Qt.CheckState.Checked
                    continue
                text = item.text().strip() if item else ""
                try:
                    values[column.key] = parse_value(column.kind, text)
                except ValueError:
                    bad.append(f"{row + 1}: {column.header} “{text}”")
                    values[column.key] = None
            result.append(values)
        return result, bad


def card_cents(text: str) -> int | None:
    """An amount on the card: yuan as typed, never negative (a holding or asset is not a debt)."""
    cents = cents_from_text(text)
    if cents is not None and cents < 0:
        raise ValueError(text)
    return cents


def parse_value(kind: str, text: str) -> Any:
    if kind == "date":
        return date.fromisoformat(text) if text else None
    if kind == "money":
        return card_cents(text) or 0
    return text


def _show(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "money":
        return yuan_text(value, grouping=False)
    if kind == "date":
        return value.isoformat()
    return str(value)
