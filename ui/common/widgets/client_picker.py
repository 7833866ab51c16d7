"""Pick a client by typing a name or pinyin: results as you type, masked phone only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.clients.service import ClientService

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
TYPING_PAUSE_MS = 150


class _SearchEdit(QLineEdit):
    """Enter takes the first match; Down moves into the results."""

    enter_did_press = Signal()
    down_did_press = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_did_press.emit()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_did_press.emit()
            return
        super().keyPressEvent(event)


class ClientPicker(QWidget):
    client_did_choose = Signal(object)  # the ClientRow

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clients: ClientService | None = None
        self.chosen: ClientRow | None = None
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("clientChosen")
        self.search = _SearchEdit(self)
        self.search.setObjectName("clientPickerSearch")
        self.search.setPlaceholderText(self.tr("Type a client's name or pinyin"))
        self.results = QListWidget(self)
        self.results.setObjectName("clientPickerResults")
        self.results.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.problem = QLabel(self)
        self.problem.setObjectName("clientPickerProblem")
        self.problem.setWordWrap(True)
        set_tone(self.problem, "problem")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.search)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._search)
        self.search.textEdited.connect(lambda _text: self._typing.start())
        self.search.enter_did_press.connect(self.choose_first)
        self.search.down_did_press.connect(self.results.setFocus)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)

    def attach(self, clients: ClientService) -> None:
        self._clients = clients

    def show_chosen(self, name: str, mobile_masked: str = "") -> None:
        self.chosen_label.setText(f"{name}  {mobile_masked}".strip())

    def _search(self) -> None:
        from app.clients.search import ClientQuery

        text = self.search.text().strip()
        if not text or self._clients is None:
            self.results.clear()
            self.problem.hide()
            return
        clients = self._clients
        self._runner.submit(
            lambda _t: (text, clients.search(ClientQuery(text=text), limit=20)),
            on_done=self._show,
            on_error=self._show_problem,
        )

    def _show(self, found: tuple[str, list[ClientRow]]) -> None:
        text, rows = found
        if text != self.search.text().strip():
            return  # typed on since
        self.problem.hide()
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name}  {row.mobile_masked}  {row.outlet_name}".strip())
            item.setData(ROW_ROLE, row)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def _show_problem(self, text: str) -> None:
        """Under the results, which are cleared: too few digits to search by, or a failure."""
        self.results.clear()
        self.problem.setText(text)
        self.problem.show()

    def choose_first(self) -> None:
        if self.results.count():
            self._choose(self.results.item(0))

    def _choose(self, item: QListWidgetItem) -> None:
        row: ClientRow = item.data(ROW_ROLE)
        self.chosen = row
        self.show_chosen(row.name, row.mobile_masked)
        self.client_did_choose.emit(row)
