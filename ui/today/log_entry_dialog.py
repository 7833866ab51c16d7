"""Log a contact in full: kind, time, client or outlet, the furthest sales-flow step reached,
outcome and notes. The one-click buttons on Today cover the routine; this is for the rest."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId
from ui.common.palette import set_tone
from ui.common.qdates import pytime
from ui.common.task_runner import TaskRunner
from ui.common.widgets.client_picker import ClientPicker

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext


class LogEntryDialog(QDialog):
    entry_did_log = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.day = ctx, runner, day
        self.setWindowTitle(self.tr("Log a contact"))
        self.kind = QComboBox(self)
        value: str | None  # the combos' data: a code, or None for "not a sales conversation"
        for value, text in (
            ("visit", self.tr("Visit")),
            ("call", self.tr("Phone call")),
            ("sms", self.tr("SMS")),
            ("meeting", self.tr("Meeting")),
            ("outlet", self.tr("Outlet work")),
            ("leaflets", self.tr("Leaflets")),
            ("prospect", self.tr("New prospect")),
            ("other", self.tr("Other")),
        ):
            self.kind.addItem(text, value)
        self.time = QTimeEdit(QTime.currentTime(), self)
        self.time.setDisplayFormat("HH:mm")
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 10_000)
        self.client = ClientPicker(runner, self)
        self.client.attach(ctx.clients)
        self.step = QComboBox(self)
        for value, text in (
            (None, self.tr("(not a sales conversation)")),
            ("identify", self.tr("Identify & approach")),
            ("need", self.tr("Raise the need")),
            ("present", self.tr("Present the product")),
            ("objection", self.tr("Handle objections")),
            ("close", self.tr("Close", "sales-flow step: 销售促成")),
        ):
            self.step.addItem(text, value)
        self.effective = QCheckBox(self.tr("Effective: the whole sales flow was run (counts toward “5 visits”)"), self)
        self.outcome = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.problem = QLabel(self)
        set_tone(self.problem, "problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Time"), self.time)
        form.addRow(self.tr("&Quantity"), self.quantity)
        form.addRow(self.tr("C&lient"), self.client)
        form.addRow(self.tr("&Furthest step"), self.step)
        form.addRow("", self.effective)
        # Read-only: ticked exactly when a visit reached 销售促成.
        self.effective.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.effective.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form.addRow(self.tr("&Outcome"), self.outcome)
        form.addRow(self.tr("&Notes"), self.notes)
        save = QPushButton(self.tr("Log it"), self)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        save.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.submit)
        self.step.currentIndexChanged.connect(self._step_changed)
        self.kind.currentIndexChanged.connect(self._step_changed)
        self._step_changed()

    def pick_client(self, client_id: str) -> None:
        """Open with the client already picked (from a client's row on Today), as choosing them does."""
        clients = self.ctx.clients

        def pick(rows: list[ClientRow]) -> None:
            if rows:
                self.client.chosen = rows[0]
                self.client.show_chosen(rows[0].name, rows[0].mobile_masked)
                self.client.client_did_choose.emit(rows[0])

        self.runner.submit(lambda _t: clients.rows([ClientId(client_id)]), on_done=pick, on_error=self.problem.setText)

    def _step_changed(self) -> None:
        # Only a visit that reached the close ran the whole flow (the core refuses otherwise).
        # The box shows the rule's answer; it is not a choice (the core applies the same rule).
        closing = self.step.currentData() == "close" and self.kind.currentData() == "visit"
        self.effective.setEnabled(closing)
        self.effective.setChecked(closing)

    def submit(self) -> None:
        from app.day.worklog import LogInput

        at = datetime.combine(self.day, pytime(self.time.time())).astimezone()
        entry = LogInput(
            kind=self.kind.currentData(),
            day=self.day,
            at=at,
            quantity=self.quantity.value(),
            client_id=self.client.chosen.id if self.client.chosen else None,
            sales_step=self.step.currentData(),
            effective=self.effective.isChecked(),
            outcome=self.outcome.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )
        worklog = self.ctx.worklog
        self.runner.submit(
            lambda _t: worklog.log(entry), lane="db", on_done=self._logged, on_error=self.problem.setText
        )

    def _logged(self, _entry: object) -> None:
        self.entry_did_log.emit()
        self.accept()
