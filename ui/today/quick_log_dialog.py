"""The one-click “effective visit”, asking only what the count needs: which client (optional) and
how far the conversation got. A visit counts toward “5 visits” when it reached the close (the rule
in app.day.worklog.effective_contact); a client with a visit planned that day gets that visit
marked done and linked, never a second record of the same meeting."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner
from ui.common.widgets.client_picker import ClientPicker

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext
    from app.day.worklog import LogEntry
    from app.rules.ids import VisitId


class QuickVisitDialog(QDialog):
    entry_did_log = Signal(object)  # the LogEntry

    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.day = ctx, runner, day
        self.setWindowTitle(self.tr("Effective visit"))
        self.client = ClientPicker(runner, self)
        self.client.attach(ctx.clients)
        self.step = QComboBox(self)
        self.step.setObjectName("quickSalesStep")
        for value, text in (
            ("close", self.tr("Close: the whole flow (counts toward “5 visits”)")),
            ("objection", self.tr("Handle objections")),
            ("present", self.tr("Present the product")),
            ("need", self.tr("Raise the need")),
            ("identify", self.tr("Identify & approach")),
        ):
            self.step.addItem(text, value)
        self.linked = QLabel(self)
        self.linked.setObjectName("quickLinkedVisit")
        self.linked.setWordWrap(True)
        self.problem = QLabel(self)
        set_tone(self.problem, "problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        client_label = QLabel(self.tr("C&lient (optional)"), self)
        client_label.setBuddy(self.client.search)
        form.addRow(client_label, self.client)
        step_label = QLabel(self.tr("How &far did it get"), self)
        step_label.setBuddy(self.step)
        form.addRow(step_label, self.step)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.log_button = self.buttons.addButton(self.tr("&Log it"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.log_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.linked)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.client.client_did_choose.connect(self._client_chosen)
        self.client.search.enter_did_press.connect(self.step.setFocus)
        self.setTabOrder(self.client.search, self.client.results)
        self.setTabOrder(self.client.results, self.step)
        self.setTabOrder(self.step, self.buttons)
        self.client.search.setFocus()

    def _at(self) -> datetime:
        now = datetime.now().astimezone()
        return now if now.date() == self.day else datetime.combine(self.day, now.time()).astimezone()

    def _client_chosen(self, row: ClientRow) -> None:
        worklog, day, at = self.ctx.worklog, self.day, self._at()
        self.linked.clear()
        self.runner.submit(
            lambda _t: worklog.planned_visit_for(row.id, day, at),
            on_done=self._show_link,
            on_error=self.problem.setText,
        )

    def _show_link(self, visit_id: VisitId | None) -> None:
        self.linked.setText(
            self.tr("This is the visit planned today: it is marked done and logged once.") if visit_id else ""
        )

    def submit(self) -> None:
        from app.day.worklog import LogInput, effective_contact

        step = self.step.currentData()
        entry = LogInput(
            kind="visit",
            day=self.day,
            at=self._at(),
            client_id=self.client.chosen.id if self.client.chosen else None,
            sales_step=step,
            effective=effective_contact("visit", step),
        )
        worklog = self.ctx.worklog
        self.runner.submit(
            lambda _t: worklog.log(entry), lane="db", on_done=self._logged, on_error=self.problem.setText
        )

    def _logged(self, entry: LogEntry) -> None:
        self.entry_did_log.emit(entry)
        self.accept()
