"""A table whose rows open with Enter as they do with a double click (keyboard-only users)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class RowTable(QTableView):
    table_did_activate = Signal(int)  # the row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.table_did_activate.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)
