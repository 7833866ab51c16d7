"""The visit dialog: who and when, the agenda, the “3S” checklist, then status and outcome.

It does not save by itself: it hands a VisitForm to the page, which saves through the task
runner and closes the dialog, or shows the service's reason here and keeps it open.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
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

from app.planner.records import VisitDetail, VisitInput, default_checklist
from app.rules.ids import ClientId, VisitId
from ui.common.palette import set_tone
from ui.common.qdates import pydate, pydatetime, qdatetime
from ui.common.task_runner import TaskRunner
from ui.common.visit_texts import PlannerTexts
from ui.common.widgets.client_picker import ClientPicker
from ui.planner.checklist import ChecklistBox

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext
    from app.outlets.records import OutletSummary


@dataclass(frozen=True)
class VisitForm:
    visit_id: VisitId | None  # None for a new visit
    data: VisitInput
    status: str
    new_start: datetime | None  # where a rescheduled visit goes
    repeat_weekly: bool


class VisitDialog(QDialog):
    form_did_submit = Signal(object)  # a VisitForm
    interview_did_request = Signal(str, str)  # "needs" | "closing", the visit id: the shell opens the form

    def __init__(self, runner: TaskRunner, ctx: AppContext, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._zone = zone
        self._detail: VisitDetail | None = None
        self._client_id: ClientId | None = None
        self._checklist_touched = False
        texts = PlannerTexts(self)
        self.setWindowTitle(self.tr("Visit"))
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Client visit"), "client")
        self.kind.addItem(self.tr("Outlet visit"), "outlet")
        self.client_picker = ClientPicker(runner, self)
        self.client_picker.attach(ctx.clients)
        # Short names for what tests and the focus chain reach into.
        self.client_search = self.client_picker.search
        self.client_results = self.client_picker.results
        self.client_chosen = self.client_picker.chosen_label
        self.outlet = QComboBox(self)
        self.purpose = QComboBox(self)
        for key, name in texts.purposes().items():
            self.purpose.addItem(name, key)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit(self)
        self.end = QTimeEdit(self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self._last_start = self.start.time()
        self.location = QLineEdit(self)
        self.agenda = QPlainTextEdit(self)
        self.agenda.setTabChangesFocus(True)
        self.agenda.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.repeat = QCheckBox(self.tr("Repeat &weekly on this weekday"), self)
        self.checklist = ChecklistBox(self)
        self.status = QComboBox(self)
        for key, name in texts.statuses().items():
            self.status.addItem(name, key)
        self.outcome = QComboBox(self)
        self.outcome.addItem(self.tr("(none)"), None)
        for key, name in texts.outcomes().items():
            self.outcome.addItem(name, key)
        # The furthest step of the sales flow: goes on the visit's work-log entry (“5访” at the close).
        self.step = QComboBox(self)
        self.step.setObjectName("visitSalesStep")
        for step_key, step_name in self.step_names().items():
            self.step.addItem(step_name, step_key)
        self.step.setToolTip(self.tr("A visit that reached the close counts toward “5 visits”; it is logged once."))
        self.new_start = QDateTimeEdit(self)
        self.new_start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.new_start.setCalendarPopup(True)
        self.referrals = QSpinBox(self)
        self.referrals.setRange(0, 99)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.problem = QLabel(self)
        self.problem.setObjectName("visitProblem")
        self.problem.setWordWrap(True)
        set_tone(self.problem, "problem")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save the visit (Ctrl+S)"))
        # The manuals' forms held on this visit (需求面谈表, 成交面谈记录表): opened by the shell.
        self.needs_button = QPushButton(self.tr("Needs &interview…"), self)
        self.needs_button.setObjectName("visitNeedsInterview")
        self.closing_button = QPushButton(self.tr("Closin&g interview…"), self)
        self.closing_button.setObjectName("visitClosingInterview")
        self.needs_button.clicked.connect(lambda: self._request_interview("needs"))
        self.closing_button.clicked.connect(lambda: self._request_interview("closing"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.submit)
        self._lay_out()
        self.client_picker.client_did_choose.connect(self._choose)
        self.client_search.enter_did_press.connect(self._client_entered)
        self.kind.currentIndexChanged.connect(self._kind_did_change)
        self.purpose.currentIndexChanged.connect(self._purpose_did_change)
        self.status.currentIndexChanged.connect(self._status_did_change)
        self.checklist.checklist_did_change.connect(self._checklist_did_change)
        self.start.timeChanged.connect(self._start_did_change)
        self._load_outlets()

    def _lay_out(self) -> None:
        who = QFormLayout()
        who.addRow(self.tr("&Kind"), self.kind)
        client_box = QVBoxLayout()
        client_box.addWidget(self.client_picker)
        self.client_label = QLabel(self.tr("&Client"), self)
        self.client_label.setBuddy(self.client_search)
        who.addRow(self.client_label, client_box)
        who.addRow(self.tr("&Outlet"), self.outlet)
        who.addRow(self.tr("&Purpose"), self.purpose)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.start)
        when.addWidget(QLabel("–", self))
        when.addWidget(self.end)
        when.addStretch(1)
        date_label = QLabel(self.tr("&Date and time"), self)
        date_label.setBuddy(self.day)
        who.addRow(date_label, when)
        who.addRow("", self.repeat)
        who.addRow(self.tr("&Location"), self.location)
        who.addRow(self.tr("&Agenda"), self.agenda)
        after = QFormLayout()
        after.addRow(self.tr("&Status"), self.status)
        after.addRow(self.tr("O&utcome"), self.outcome)
        after.addRow(self.tr("Furthest st&ep"), self.step)
        self.new_start_label = QLabel(self.tr("&New time"), self)
        self.new_start_label.setBuddy(self.new_start)
        after.addRow(self.new_start_label, self.new_start)
        after.addRow(self.tr("&Referrals asked"), self.referrals)
        after.addRow(self.tr("No&tes"), self.notes)
        right = QVBoxLayout()
        right.addWidget(self.checklist, 1)
        right.addLayout(after)
        left = QVBoxLayout()
        left.addLayout(who)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addLayout(columns, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.needs_button)
        bottom.addWidget(self.closing_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        chain: list[QWidget] = [
            self.kind,
            self.client_search,
            self.client_results,
            self.outlet,
            self.purpose,
            self.day,
            self.start,
            self.end,
            self.repeat,
            self.location,
            self.agenda,
            *self.checklist.lists.values(),
            self.checklist.new_item,
            self.checklist.new_phase,
            self.checklist.add_button,
            self.status,
            self.outcome,
            self.step,
            self.new_start,
            self.referrals,
            self.notes,
            self.needs_button,
            self.closing_button,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.resize(980, 620)

    # ---- filling -----------------------------------------------------------------------

    def start_new(self, starts_at: datetime, minutes: int = 60) -> None:
        self._detail = None
        self.setWindowTitle(self.tr("New visit"))
        self._set_times(starts_at, starts_at + timedelta(minutes=minutes))
        self.checklist.set_entries(default_checklist(self.purpose.currentData()))
        self._checklist_touched = False
        for widget in (self.status, self.outcome, self.step, self.new_start, self.new_start_label, self.referrals):
            widget.setEnabled(False)
        self._kind_did_change()
        self._status_did_change()
        self.client_search.setFocus()

    def load(self, detail: VisitDetail) -> None:
        self._detail = detail
        visit = detail.view
        self.setWindowTitle(self.tr("Visit: %1").replace("%1", visit.who))
        self.kind.setCurrentIndex(self.kind.findData(visit.kind))
        self._client_id = visit.client_id
        self.client_picker.show_chosen(visit.client_name, detail.client_phone_masked)
        self._select_outlet(visit.outlet_id)
        self.purpose.blockSignals(True)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(visit.purpose)))
        self.purpose.blockSignals(False)
        self._set_times(visit.starts_at, visit.ends_at)
        self.location.setText(visit.location)
        self.agenda.setPlainText(detail.agenda)
        self.checklist.set_entries(detail.checklist)
        self._checklist_touched = True
        self.status.setCurrentIndex(self.status.findData(visit.status))
        # Only a planned visit changes status, or a done one goes back to planned (a mistake); a
        # finished one keeps it (and its outcome and step stay editable).
        self.status.setEnabled(visit.status in ("planned", "done"))
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(visit.outcome)))
        self.step.setCurrentIndex(max(0, self.step.findData(detail.sales_step)))
        self.new_start.setDateTime(qdatetime(visit.starts_at + timedelta(days=1)))
        self.referrals.setValue(detail.referrals_asked)
        self.notes.setPlainText(detail.notes)
        self.repeat.hide()
        self._kind_did_change()
        self._status_did_change()

    def _set_times(self, starts_at: datetime, ends_at: datetime) -> None:
        self.day.setDate(QDate(starts_at.year, starts_at.month, starts_at.day))
        self.start.blockSignals(True)
        self.start.setTime(QTime(starts_at.hour, starts_at.minute))
        self.start.blockSignals(False)
        self._last_start = self.start.time()
        self.end.setTime(QTime(ends_at.hour, ends_at.minute))

    def _load_outlets(self) -> None:
        outlets = self._ctx.outlets
        self._runner.submit(lambda _t: outlets.list(), on_done=self._show_outlets, on_error=self.show_problem)

    def _show_outlets(self, outlets: list[OutletSummary]) -> None:
        wanted = self.outlet.currentData() or (self._detail.view.outlet_id if self._detail else None)
        self.outlet.clear()
        self.outlet.addItem(self.tr("(no outlet)"), None)
        for outlet in outlets:
            self.outlet.addItem(f"{outlet.code} {outlet.name}", outlet.id)
        self._select_outlet(wanted)

    def _select_outlet(self, outlet_id: str | None) -> None:
        index = self.outlet.findData(outlet_id)
        if index < 0 and outlet_id is not None:
            self.outlet.addItem(self._detail.view.outlet_name if self._detail else outlet_id, outlet_id)
            index = self.outlet.count() - 1
        self.outlet.setCurrentIndex(max(index, 0))

    # ---- reacting ----------------------------------------------------------------------

    def _client_entered(self) -> None:
        """Enter in the search took the first match; go on to the next field, as Tab would."""
        if self._client_id is not None:
            self.outlet.setFocus()

    def _choose(self, row: ClientRow) -> None:
        self._client_id = row.id
        if row.outlet_name and self.outlet.currentData() is None:
            index = self.outlet.findText(row.outlet_name, Qt.MatchFlag.MatchEndsWith)
            if index >= 0:
                self.outlet.setCurrentIndex(index)

    def _kind_did_change(self) -> None:
        is_client = self.kind.currentData() == "client"
        # A form belongs to a saved client visit.
        for button in (self.needs_button, self.closing_button):
            button.setEnabled(is_client and self._detail is not None and self._detail.view.kind == "client")
        for widget in (self.client_label, self.client_picker):
            widget.setVisible(is_client)
        if self._detail is None:
            wanted = "outlet_check" if not is_client else "needs_interview"
            if (self.purpose.currentData() == "outlet_check") != (not is_client):
                self.purpose.setCurrentIndex(self.purpose.findData(wanted))

    def _purpose_did_change(self) -> None:
        if self._detail is None and not self._checklist_touched:
            self.checklist.set_entries(default_checklist(self.purpose.currentData()))

    def _checklist_did_change(self) -> None:
        self._checklist_touched = True

    def _status_did_change(self) -> None:
        status = self.status.currentData()
        self.outcome.setEnabled(status == "done")
        self.step.setEnabled(status == "done" and self.kind.currentData() == "client")
        self.referrals.setEnabled(status == "done")
        rescheduling = status == "rescheduled" and self.status.isEnabled()
        self.new_start.setVisible(rescheduling)
        self.new_start_label.setVisible(rescheduling)

    def _start_did_change(self, new: QTime) -> None:
        """Moving the start keeps the visit's length, as dragging it does."""
        self.end.setTime(self.end.time().addSecs(self._last_start.secsTo(new)))
        self._last_start = new

    # ---- saving ------------------------------------------------------------------------

    def submit(self) -> None:
        kind = self.kind.currentData()
        if kind == "client" and self._client_id is None:
            self.show_problem(self.tr("Choose the client to visit: type a name and pick it from the list."))
            self.client_search.setFocus()
            return
        if kind == "outlet" and self.outlet.currentData() is None:
            self.show_problem(self.tr("Choose the outlet to visit."))
            self.outlet.setFocus()
            return
        day = pydate(self.day.date())
        starts_at = self._moment(day, self.start.time())
        ends_at = self._moment(day, self.end.time())
        status = self.status.currentData() if self._detail else "planned"
        outcome = self.outcome.currentData() if status == "done" else None
        data = VisitInput(
            kind=kind,
            purpose=self.purpose.currentData(),
            starts_at=starts_at,
            ends_at=ends_at,
            client_id=self._client_id if kind == "client" else None,
            outlet_id=self.outlet.currentData(),
            location=self.location.text(),
            agenda=self.agenda.toPlainText(),
            notes=self.notes.toPlainText(),
            referrals_asked=self.referrals.value() if status == "done" else 0,
            outcome=outcome,
            checklist=self.checklist.entries(),
            sales_step=self.step.currentData() if status == "done" and kind == "client" else None,
        )
        new_start = None
        if status == "rescheduled" and self.status.isEnabled():
            moment = pydatetime(self.new_start.dateTime())
            new_start = moment.replace(tzinfo=self._zone)
        self.problem.hide()
        self.form_did_submit.emit(
            VisitForm(
                visit_id=self._detail.view.id if self._detail else None,
                data=data,
                status=status,
                new_start=new_start,
                repeat_weekly=self._detail is None and self.repeat.isChecked(),
            )
        )

    def _request_interview(self, kind: str) -> None:
        if self._detail is not None and self._detail.view.kind == "client":
            self.interview_did_request.emit(kind, self._detail.view.id)

    def step_names(self) -> dict[str | None, str]:
        # The five steps of an effective contact (识别接触 → 需求激发 → 产品推介 → 拒绝处理 → 销售促成).
        return {
            None: self.tr("(not a sales conversation)"),
            "identify": self.tr("Identify & approach"),
            "need": self.tr("Raise the need"),
            "present": self.tr("Present the product"),
            "objection": self.tr("Handle objections"),
            "close": self.tr("Close", "sales-flow step: 销售促成"),
        }

    def _moment(self, day: date, at: QTime) -> datetime:
        return datetime(day.year, day.month, day.day, at.hour(), at.minute(), tzinfo=self._zone)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
