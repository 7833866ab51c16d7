"""The Sync page's table: one row per outbox item, in delivery order, said in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from ui.common.columns import Index, RecordListModel
from ui.common.i18n import current_language
from ui.common.palette import State, state_colour
from ui.sync.texts import SyncTexts

if TYPE_CHECKING:
    from app.headoffice.service import SyncItem

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS: dict[str, State] = {"rejected": "rejected", "discarded": "muted"}


class SyncItemModel(RecordListModel):
    COLUMNS = ("kind", "what", "status", "age", "attempts", "error")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[SyncItem, ...] = ()
        self._texts = SyncTexts(self)
        self._statuses, self._kinds = self._texts.statuses(), self._texts.kinds()
        self._headers = (
            self.tr("Kind"), self.tr("What"), self.tr("Status"), self.tr("Waiting for"), self.tr("Attempts"),
            self.tr("Last problem"),
        )  # fmt: skip

    def show_items(self, rows: tuple[SyncItem, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: SyncItem | None = self.record(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            state = COLOURS.get(row.status)
            return state_colour(state) if state else None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "attempts":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: SyncItem, column: str) -> str:
        if column == "kind":
            return self._kinds.get(row.kind, row.kind)
        if column == "what":
            return row.what or row.record_id
        if column == "status":
            return self._statuses.get(row.status, row.status)
        if column == "age":
            # A sent or discarded item waits no more; its age would only alarm.
            return self._texts.age(row.age) if row.status in ("pending", "sending", "rejected") else ""
        if column == "attempts":
            return str(row.attempts)
        if row.error is None or row.status == "sent":  # a sent item's earlier trouble is over
            return ""
        return row.error.message(current_language())
