"""The outlet file's three tables: staff, competitors, stock. Each row is one frozen entry;
cells are edited in place, Delete removes the selected rows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.outlets.records import CompetitorEntry, OutletProblem, StaffEntry, StockEntry
from app.rules.money import cents_from_text, yuan_text
from ui.outlets.fields import (
    CODE_ROLE,
    COUNT_PATTERN,
    DATE_PATTERN,
    ChoiceDelegate,
    MoneyDelegate,
    PatternDelegate,
    date_from_text,
)

ENTRY_ROLE = Qt.ItemDataRole.UserRole  # the row's entry as loaded: keeps its id and hidden fields
INVALID = QColor("#fce8e6")
LOW_STOCK = QColor("#fef0c7")


@dataclass(frozen=True)
class Column:
    key: str  # the entry field the column edits
    header: str
    kind: str  # text | choice | money | count | date
    width: int | None  # None: shares the free width with the other such columns
    choices: tuple[tuple[str, str], ...] = ()


class EntryTable(QTableWidget):
    table_did_change = Signal()

    def __init__(self, section: str, blank: Any, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.section = section
        self._blank = blank
        self.columns = columns
        self._loading = False
        self._invalid: set[tuple[int, str]] = set()
        self.setHorizontalHeaderLabels([c.header for c in columns])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab leaves the table for the next control; arrows move between cells, F2 or typing edits.
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        for index, column in enumerate(columns):
            # Text columns stretch so the table fits its tab without a horizontal scroll bar.
            if column.width is None:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
            else:
                self.setColumnWidth(index, column.width)
            delegate = self._delegate(column)
            if delegate is not None:
                self.setItemDelegateForColumn(index, delegate)
        self.itemChanged.connect(self._item_did_change)

    def _delegate(self, column: Column) -> QStyledItemDelegate | None:
        if column.kind == "choice":
            return ChoiceDelegate(column.choices, self)
        if column.kind == "money":
            return MoneyDelegate(self)
        if column.kind == "count":
            return PatternDelegate(COUNT_PATTERN, True, self)
        if column.kind == "date":
            return PatternDelegate(DATE_PATTERN, False, self)
        return None  # plain text: the default line editor

    # ---- filling and reading -----------------------------------------------------------

    def set_entries(self, entries: tuple[Any, ...]) -> None:
        self._loading = True
        self._invalid.clear()
        self.setRowCount(0)
        for entry in entries:
            self._append(entry)
        self._loading = False

    def _append(self, entry: Any) -> int:
        was_loading, self._loading = self._loading, True  # filling cells is not an edit
        row = self.rowCount()
        self.insertRow(row)
        for col, column in enumerate(self.columns):
            value = getattr(entry, column.key)
            item = QTableWidgetItem(self._display(column, value))
            if column.kind == "choice":
                item.setData(CODE_ROLE, value)
            if column.kind in ("money", "count"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, col, item)
        self._cell(row, 0).setData(ENTRY_ROLE, entry)
        self._paint_row(row)
        self._loading = was_loading
        return row

    @staticmethod
    def _display(column: Column, value: Any) -> str:
        if column.kind == "choice":
            return dict(column.choices).get(value, value)
        if column.kind == "money":
            return yuan_text(value)
        if column.kind == "date":
            return value.isoformat() if isinstance(value, date) else ""
        return "" if value is None else str(value)

    def entries(self) -> tuple[list[Any], list[OutletProblem]]:
        """The rows as entries, plus a problem for each cell that is not a readable value."""
        self.finish_editing()
        entries, problems = [], []
        for row in range(self.rowCount()):
            values: dict[str, Any] = {}
            for col, column in enumerate(self.columns):
                text = self._cell(row, col).text().strip()
                try:
                    values[column.key] = self._parse(column, row, col, text)
                except ValueError:
                    problems.append(
                        OutletProblem(
                            self.section, column.key, f"{column.kind}_unreadable", f"Cannot read {text!r}.", row
                        )
                    )
            if len(values) == len(self.columns):
                entries.append(replace(self._cell(row, 0).data(ENTRY_ROLE), **values))
        return entries, problems

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        """The item of a cell: set_entries and add_row give every cell one."""
        item = self.item(row, col)
        assert item is not None
        return item

    def _parse(self, column: Column, row: int, col: int, text: str) -> Any:
        if column.kind == "choice":
            return self._cell(row, col).data(CODE_ROLE)
        if column.kind == "money":
            return cents_from_text(text)
        if column.kind == "count":
            return int(text or 0)
        if column.kind == "date":
            return date_from_text(text)
        return text

    def finish_editing(self) -> None:
        """Commit a cell still being typed in, e.g. when Ctrl+S is pressed mid-edit."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # ---- editing rows ------------------------------------------------------------------

    def add_row(self) -> None:
        row = self._append(self._blank)
        self._invalid.clear()
        self._repaint_all()
        # Typing starts in the first free-text column (a staff name, a stock item).
        col = next((i for i, c in enumerate(self.columns) if c.kind == "text"), 0)
        self.setCurrentCell(row, col)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editItem(self._cell(row, col))
        self.table_did_change.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.currentRow() >= 0:
            rows = [self.currentRow()]
        if not rows:
            return
        for row in rows:
            self.removeRow(row)
        self._invalid.clear()
        self._repaint_all()
        if self.rowCount():
            self.selectRow(min(rows[-1], self.rowCount() - 1))
        self.table_did_change.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            self.remove_selected()
            return
        super().keyPressEvent(event)

    # ---- marking -----------------------------------------------------------------------

    def mark_invalid(self, problems: list[OutletProblem]) -> None:
        self._invalid = {(p.row, p.field) for p in problems if p.row is not None and p.row < self.rowCount()}
        self._repaint_all()

    def first_invalid(self) -> tuple[int, int] | None:
        keys = [c.key for c in self.columns]
        cells = sorted((row, keys.index(key) if key in keys else 0) for row, key in self._invalid)
        return cells[0] if cells else None

    def row_is_tinted(self, row: int) -> bool:
        return False

    def _paint_row(self, row: int) -> None:
        tinted = self.row_is_tinted(row)
        was_loading, self._loading = self._loading, True  # painting is not an edit
        for col, column in enumerate(self.columns):
            item = self.item(row, col)
            if item is None:
                continue
            if (row, column.key) in self._invalid:
                item.setBackground(INVALID)
            else:
                item.setBackground(LOW_STOCK if tinted else QBrush())
        self._loading = was_loading

    def _repaint_all(self) -> None:
        for row in range(self.rowCount()):
            self._paint_row(row)

    def _item_did_change(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        self._invalid.discard((item.row(), self.columns[item.column()].key))
        self._paint_row(item.row())
        self.table_did_change.emit()


class StaffTable(EntryTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        roles = (
            ("head", self.tr("Outlet head")),
            ("lobby_manager", self.tr("Lobby manager")),
            ("wealth_manager", self.tr("Wealth manager")),
            ("teller", self.tr("Teller")),
            ("other", self.tr("Other")),
        )
        super().__init__(
            "staff",
            StaffEntry(name="", role="teller"),
            [
                Column("name", self.tr("Name"), "text", None),
                Column("role", self.tr("Role"), "choice", 125, roles),
                Column("phone", self.tr("Phone"), "text", 120),
                Column("birthday", self.tr("Birthday"), "date", 95),
                Column("hobbies", self.tr("Hobbies"), "text", None),
            ],
            parent,
        )


class CompetitorTable(EntryTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "competitors",
            CompetitorEntry(company=""),
            [
                Column("company", self.tr("Company"), "text", None),
                Column("yearly_premium_cents", self.tr("Yearly premium"), "money", 110),
                Column("last_three_months_premium_cents", self.tr("Last 3 months"), "money", 110),
                Column("sales_model", self.tr("Sales model"), "text", None),
                Column("strengths", self.tr("Strengths"), "text", None),
            ],
            parent,
        )


class StockTable(EntryTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        kinds = (("form", self.tr("Form")), ("brochure", self.tr("Brochure")))
        super().__init__(
            "stock",
            StockEntry(kind="form", item=""),
            [
                Column("kind", self.tr("Kind"), "choice", 100, kinds),
                Column("item", self.tr("Item"), "text", None),
                Column("quantity", self.tr("Quantity"), "count", 90),
                Column("reorder_level", self.tr("Reorder level"), "count", 100),
            ],
            parent,
        )

    def row_is_tinted(self, row: int) -> bool:
        """At or below its reorder level: the service's rule for what to restock."""
        keys = [c.key for c in self.columns]
        cells = [self.item(row, keys.index(key)) for key in ("quantity", "reorder_level")]
        if None in cells:
            return False  # the row is still being filled
        quantity, level = (int(cell.text() or 0) for cell in cells if cell is not None)
        return quantity <= level

    def low_count(self) -> int:
        return sum(self.row_is_tinted(row) for row in range(self.rowCount()))
