"""The Proposals list as a Qt table model paging through the core, newest first.

The first page is loaded when the filter changes; the view asks for more (`fetchMore`) as
it scrolls, and each further page continues from the last row's keyset cursor, so a book
of thousands of proposals never loads at once.  Answers to an older filter are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.day.today import WITHDRAWN_REASON
from app.rules.money import yuan_text
from ui.common.columns import Index, RecordListModel
from ui.common.palette import state_colour
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.proposals.editor.choices import ProposalChoices

if TYPE_CHECKING:
    from app.proposals.records import Cursor, ProposalPage, ProposalRecords, ProposalRow

PAGE = 200


class ProposalTableModel(RecordListModel):
    model_did_load = Signal(int)  # rows shown after the first page
    model_did_fail = Signal(str)  # what to tell the user

    COLUMNS = ("application_date", "policyholder", "insured", "product", "premium", "status", "hq", "problems")

    def __init__(self, runner: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._records: ProposalRecords | None = None
        self._rows: list[ProposalRow] = []
        self._next: Cursor | None = None
        self._fetching = False
        self._generation = 0
        self._filter = ("all", "")
        choices = ProposalChoices(self)
        self._statuses, self._hq = choices.statuses(), choices.hq_statuses()
        self._headers = (
            self.tr("Application date"),
            self.tr("Policyholder"),
            self.tr("Insured"),
            self.tr("Product"),
            self.tr("Premium (yuan)"),
            self.tr("Status"),
            self.tr("Head office"),
            self.tr("Problem cases"),
        )

    def attach(self, records: ProposalRecords) -> None:
        self._records = records

    def load(self, status: str, text: str) -> None:
        if self._records is None:
            return
        self._generation += 1
        self._filter = (status, text)
        generation, records = self._generation, self._records
        self._fetching = True
        self._runner.submit(
            lambda _t: records.page(status, text, None, PAGE), lane="db",
            on_done=lambda page: self._loaded(generation, page),
            on_error=lambda text: self._failed(generation, text),
        )  # fmt: skip

    def _loaded(self, generation: int, page: ProposalPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows, self._next, self._fetching = list(page.rows), page.next, False
        self.endResetModel()
        self.model_did_load.emit(len(self._rows))

    def _failed(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self._fetching = False
            self.model_did_fail.emit(text)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent) or self._records is None:
            return
        self._fetching = True
        generation, records, after = self._generation, self._records, self._next
        status, text = self._filter
        self._runner.submit(lambda _t: records.page(status, text, after, PAGE), lane="db",
                            on_done=lambda page: self._more(generation, page),
                            on_error=lambda text: self._failed(generation, text))  # fmt: skip

    def _more(self, generation: int, page: ProposalPage) -> None:
        if generation != self._generation:
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows += page.rows
            self.endInsertRows()
        self._next, self._fetching = page.next, False

    def replace_row(self, row: ProposalRow) -> None:
        """A proposal changed (saved, finished, a problem case resolved): redraw its line only."""
        for position, current in enumerate(self._rows):
            if current.id == row.id:
                self._rows[position] = row
                self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.COLUMNS) - 1))
                return

    # ---- Qt model interface ----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.open_problems:
                return state_colour("rejected")  # head office's problem cases wait for an answer
            if row.has_newer_version:
                return state_colour("muted")
            return self._state_colour(row, self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] in ("premium", "problems"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _state_colour(row: ProposalRow, key: str) -> QColor | None:
        """The status column in its state's colour: a draft, sent to head office, accepted."""
        if key == "status":
            return state_colour("draft" if row.status == "draft" else "sent")
        if key == "hq" and row.hq_status in ("accepted", "issued"):
            return state_colour("done")
        return None

    def _text(self, row: ProposalRow, key: str) -> str:
        if key == "application_date":
            return (
                QLocale().toString(qdate(row.application_date), QLocale.FormatType.ShortFormat)
                if row.application_date
                else ""
            )
        if key == "policyholder":
            return row.policyholder_name
        if key == "insured":
            return row.insured_name
        if key == "product":
            return row.product_name
        if key == "premium":
            return yuan_text(row.premium_cents)
        if key == "status":
            text = self._statuses.get(row.status, row.status)
            if row.version > 1:
                text += " " + self.tr("v%1").replace("%1", str(row.version))
            if row.has_newer_version:
                text += " " + self.tr("(corrected)")
            if row.source == "paper":  # filled on paper at the counter: marked, with its form number
                text += " · " + self.tr("Paper %1").replace("%1", row.paper_form_number)
            return text
        if key == "hq":
            if row.withdrawn and row.withdrawn_reason != WITHDRAWN_REASON:
                return self.tr("Withdrawn at the client's request")
            if row.withdrawn:
                return self.tr("Withdrawn: not issued within 30 days")
            text = self._hq.get(row.hq_status or "", "")
            return f"{text} {row.hq_policy_number}" if row.hq_policy_number else text
        return str(row.open_problems) if row.open_problems else ""
