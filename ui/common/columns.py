"""What the app's table models share: named columns with translated headers, and a list of
records that have an `id`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView

Index = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """A flat table whose columns are named in COLUMNS, each with a header in `_headers`."""

    COLUMNS: tuple[str, ...] = ()
    _headers: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class RecordListModel(ColumnTableModel):
    """Rows are the records in `_rows`, in order; each record has an `id`."""

    _rows: Sequence[Any] = ()

    def record(self, row: int) -> Any:
        """The record shown on `row`, or None off the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)


def fit_columns(view: QTableView | QTreeView, stretch: int) -> None:
    """Short columns as wide as their content (measured on the first rows only, so a list of
    100,000 clients stays quick), the long text column `stretch` takes the rest of the width."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    header.setResizeContentsPrecision(200)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
