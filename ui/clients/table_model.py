"""The client list as a Qt table model that pages through the core.

The core hands over the ordered ids of every match (cheap, even for 100,000); rows are
fetched in blocks on a worker the first time the view asks for them, and shown as "…" until
they arrive. Results of an older query are dropped, so fast typing never shows stale rows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal

from app.rules.ids import ClientId
from ui.common.columns import ColumnTableModel, Index
from ui.common.palette import state_colour
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.clients.search import ClientQuery
    from app.clients.service import ClientService

BLOCK = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ClientTableModel(ColumnTableModel):
    model_did_load = Signal(int)  # number of matches
    model_did_fail = Signal(str)  # what to tell the user

    COLUMNS = ("name", "gender_age", "tier", "mobile", "id_number", "outlet", "last_contact", "next_maturity", "tags")
    # Columns the core can sort by, and the key it sorts with.
    SORTABLE: ClassVar[dict[int, str]] = {0: "name", 2: "tier", 6: "last_contact", 7: "next_maturity"}

    def __init__(self, runner: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: ClientService | None = None
        self._ids: list[ClientId] = []
        self._blocks: dict[int, list[ClientRow]] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self._headers = (
            self.tr("Name"),
            self.tr("Gender / age"),
            self.tr("Tier"),
            self.tr("Mobile"),
            self.tr("ID number"),
            self.tr("Outlet"),
            self.tr("Last contact"),
            self.tr("Next maturity"),
            self.tr("Tags"),
        )
        self._tiers = {
            "ordinary": self.tr("Ordinary"),
            "gold": self.tr("Gold card"),
            "platinum": self.tr("Platinum"),
            "diamond": self.tr("Diamond"),
            "private": self.tr("Private banking"),
        }

    def tier_names(self) -> dict[str, str]:
        return dict(self._tiers)

    def attach(self, service: ClientService) -> None:
        self._service = service

    def load(self, query: ClientQuery, in_place: bool = False) -> None:
        """`in_place`: the same search again after a change; when the matches are the same
        cards in the same order, only their rows are read again (the view keeps its place)."""
        if self._service is None:
            return
        self._generation += 1
        generation = self._generation
        service = self._service
        self._runner.submit(
            lambda _t: service.matching_ids(query),
            on_done=lambda ids: self._loaded(generation, ids, in_place),
            on_error=lambda text: self._failed(generation, text),
        )

    def _loaded(self, generation: int, ids: list[ClientId], in_place: bool = False) -> None:
        if generation != self._generation:
            return
        if in_place and ids == self._ids:
            self.refresh_rows()
            self.model_did_load.emit(len(ids))
            return
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self._pending.clear()
        self.endResetModel()
        self.model_did_load.emit(len(ids))

    def _failed(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self.beginResetModel()
            self._ids, self._blocks = [], {}
            self.endResetModel()
            self.model_did_fail.emit(text)

    def client_id(self, row: int) -> ClientId | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, client_id: ClientId) -> int:
        try:
            return self._ids.index(client_id)
        except ValueError:
            return -1

    def refresh_rows(self) -> None:
        """Drop fetched rows (a card changed) but keep the matches and their order."""
        self._blocks.clear()
        self._pending.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    # ---- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self._row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return "…" if row is None else self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row is not None:
            if row.blacklisted:
                return state_colour("problem")
            if row.is_draft:
                return state_colour("draft")
        if role == Qt.ItemDataRole.ToolTipRole and row is not None:
            if row.blacklisted:
                return self.tr("Blacklisted")
            if row.is_draft:
                return self.tr("Draft: the card still has problems to fix")
        return None

    def _row(self, row: int) -> ClientRow | None:
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            self._fetch(block)
            return None
        offset = row - block * BLOCK
        return rows[offset] if offset < len(rows) else None

    def _fetch(self, block: int) -> None:
        if block in self._pending or self._service is None:
            return
        self._pending.add(block)
        generation = self._generation
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        service = self._service
        self._runner.submit(
            lambda _t: service.rows(ids),
            on_done=lambda rows: self._arrived(generation, block, ids, rows),
            on_error=lambda text: self._block_failed(generation, block, text),
        )

    def _arrived(self, generation: int, block: int, ids: list[ClientId], rows: list[ClientRow]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(block)
        by_id = {r.id: r for r in rows}
        # A card deleted or merged meanwhile leaves a gap rather than shifting every row.
        self._blocks[block] = [by_id.get(i) for i in ids]  # type: ignore[misc]
        first = block * BLOCK
        last = min(first + BLOCK, len(self._ids)) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))

    def _block_failed(self, generation: int, block: int, text: str) -> None:
        if generation == self._generation:
            self._pending.discard(block)  # its rows stay "…"; scrolling back asks for them again
            self.model_did_fail.emit(text)

    def _text(self, row: ClientRow, column: int) -> str:
        locale = QLocale()
        key = self.COLUMNS[column]
        if key == "name":
            return row.name + (" " + self.tr("(draft)") if row.is_draft else "")
        if key == "gender_age":
            gender = {"M": self.tr("M"), "F": self.tr("F")}.get(row.gender or "", "")
            return f"{gender} {row.age}" if row.age is not None else gender
        if key == "tier":
            return self._tiers.get(row.tier, row.tier)
        if key == "mobile":
            return row.mobile_masked
        if key == "id_number":
            return row.id_masked
        if key == "outlet":
            return row.outlet_name
        if key == "last_contact":
            return (
                locale.toString(qdate(row.last_contact_at.date()), QLocale.FormatType.ShortFormat)
                if row.last_contact_at
                else ""
            )
        if key == "next_maturity":
            return _short_date(locale, row.next_maturity_on)
        return " ".join(row.tags)


def _short_date(locale: QLocale, value: date | None) -> str:
    return locale.toString(qdate(value), QLocale.FormatType.ShortFormat) if value else ""
