"""电话邀约记录表 on screen: prepare the call (often the evening before), then record how it went.

Saved as you type (a short pause after the last key); the first save creates the record. The
client's basics come from the core, read from the card or prospect each time. Ticking "made"
with an outcome writes the call's one work-log entry (有效电话 for an appointment or a clear
answer) and an appointment's agreed time books the planner visit: the core decides both.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId, ProspectId
from ui.common.palette import set_tone
from ui.common.qdates import pydate, pydatetime, pytime, qdate, qdatetime, qtime
from ui.common.task_runner import TaskRunner
from ui.common.widgets.client_picker import ClientPicker
from ui.sales_forms.form_dialog import button_row, save_as_you_type, status_line

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext
    from app.sales_forms.calls import CallInput, CallRecordView, CallSubject

AUTOSAVE_MS = 500


class CallTexts(QObject):
    """The words for a call's outcome and status, shared by the dialog and the day's list."""

    def outcomes(self) -> dict[str, str]:
        return {
            "appointment": self.tr("Appointment agreed"),
            "clear_answer": self.tr("Clear answer"),
            "call_back": self.tr("Call back"),
            "no_answer": self.tr("No answer"),
            "refused": self.tr("Refused"),
        }

    def genders(self) -> dict[str, str]:
        return {"M": self.tr("Male"), "F": self.tr("Female")}


class CallRecordDialog(QDialog):
    record_did_save = Signal(str)  # the call record's id

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        record_id: str | None = None,
        client_id: str | None = None,
        prospect_id: str | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.record_id = record_id
        self.client_id, self.prospect_id = client_id, prospect_id
        self.view: CallRecordView | None = None
        self._loading = True
        self._saving = False
        self._again = False
        self.texts = CallTexts(self)
        self.setWindowTitle(self.tr("Phone invitation record"))
        self.resize(620, 680)
        self._build(day or date.today())
        self._autosave = save_as_you_type(self, self.save_now, AUTOSAVE_MS)
        calls = ctx.call_records
        if record_id is not None:
            self.status.setText(self.tr("Opening…"))
            runner.submit(lambda _t: calls.get(record_id), on_done=self._show_record, on_error=self._say)
        elif client_id or prospect_id:
            runner.submit(lambda _t: calls.subject(client_id, prospect_id), on_done=self._show_subject,
                          on_error=self._say)  # fmt: skip
        else:
            self.picker.show()
            self._loading = False
            self.status.setText(self.tr("Choose the client to call; the form is saved as you type."))
        self._connect_changes()
        self._outcome_changed()

    # ---- building ----------------------------------------------------------------------

    def _build(self, day: date) -> None:
        self.who = QLabel(self)
        self.who.setObjectName("callSubject")
        self.who.setWordWrap(True)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.picker = ClientPicker(self.runner, self)
        self.picker.attach(self.ctx.clients)
        self.picker.client_did_choose.connect(self._client_chosen)
        self.picker.hide()
        self.call_on = QDateEdit(qdate(day), self)
        self.call_on.setCalendarPopup(True)
        self.call_on.setDisplayFormat("yyyy-MM-dd")
        self.script = QPlainTextEdit(self)
        self.script.setObjectName("callScript")
        self.script.setTabChangesFocus(True)
        self.script.setPlaceholderText(self.tr("The invitation as you plan to say it"))
        self.script.setMaximumHeight(90)
        prepare = QGroupBox(self.tr("Preparation"), self)
        prepare_form = QFormLayout(prepare)
        prepare_form.addRow(self.tr("Client"), self.who)
        prepare_form.addRow("", self.picker)
        prepare_form.addRow(self.tr("Call &day"), self.call_on)
        prepare_form.addRow(self.tr("Invitation &script"), self.script)

        self.made = QCheckBox(self.tr("&Made the call"), self)
        self.made.setObjectName("callDone")
        self.called_time = QTimeEdit(QTime.currentTime(), self)
        self.called_time.setDisplayFormat("HH:mm")
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("callOutcome")
        self.outcome.addItem(self.tr("(choose)"), None)
        for code, text in self.texts.outcomes().items():
            self.outcome.addItem(text, code)
        self.agreed_at = QDateTimeEdit(qdatetime(datetime.combine(day + timedelta(days=1), datetime.min.time())
                                                 .replace(hour=10)), self)  # fmt: skip
        self.agreed_at.setObjectName("callAgreedAt")
        self.agreed_at.setCalendarPopup(True)
        self.agreed_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.agreed_place = QLineEdit(self)
        self.agreed_place.setObjectName("callAgreedPlace")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("callReason")
        self.reason.setPlaceholderText(self.tr("The day is closed: why the result changes"))
        call = QGroupBox(self.tr("The call"), self)
        call_form = QFormLayout(call)
        call_form.addRow("", self.made)
        call_form.addRow(self.tr("&Time of the call"), self.called_time)
        call_form.addRow(self.tr("&Outcome"), self.outcome)
        call_form.addRow(self.tr("&Agreed time"), self.agreed_at)
        call_form.addRow(self.tr("Agreed &place"), self.agreed_place)
        self.reason_label = QLabel(self.tr("&Reason for the correction"), self)
        self.reason_label.setBuddy(self.reason)
        call_form.addRow(self.reason_label, self.reason)
        self.reason_label.hide()
        self.reason.hide()

        self.review_prepared = QCheckBox(self.tr("&Well prepared"), self)
        self.review_warm = QCheckBox(self.tr("Smi&ling and warm"), self)
        self.review_opening = QCheckBox(self.tr("Good openin&g"), self)
        self.review_other = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        review = QGroupBox(self.tr("Self-review after the call"), self)
        review_form = QFormLayout(review)
        ticks = QHBoxLayout()
        for box in (self.review_prepared, self.review_warm, self.review_opening):
            ticks.addWidget(box)
        ticks.addStretch(1)
        review_form.addRow(self.tr("Strengths"), ticks)
        review_form.addRow(self.tr("Ot&her"), self.review_other)
        review_form.addRow(self.tr("&Notes"), self.notes)

        self.status = status_line(self, "callStatus")
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(prepare)
        layout.addWidget(call)
        layout.addWidget(review)
        layout.addLayout(button_row(self.status, close))

    def _connect_changes(self) -> None:
        for edit in (self.script, self.notes):
            edit.textChanged.connect(self._changed)
        for line in (self.agreed_place, self.review_other, self.reason):
            line.textEdited.connect(self._changed)
        for box in (self.made, self.review_prepared, self.review_warm, self.review_opening):
            box.toggled.connect(self._changed)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.outcome.currentIndexChanged.connect(self._changed)
        self.made.toggled.connect(self._outcome_changed)
        self.call_on.dateChanged.connect(self._changed)
        self.called_time.timeChanged.connect(self._changed)
        self.agreed_at.dateTimeChanged.connect(self._changed)

    # ---- showing -----------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, "problem")

    def _show_subject(self, subject: CallSubject) -> None:
        parts = [subject.name, self.texts.genders().get(subject.gender or "", "")]
        if subject.age is not None:
            parts.append(self.tr("%n year(s) old", "", subject.age))
        parts.append(subject.mobile_masked)
        text = "  ".join(p for p in parts if p)
        if subject.kind == "prospect":
            text += "  " + self.tr("(prospect)")
        held = "、".join(subject.products) if subject.products else self.tr("none on record")
        self.who.setText(text + "\n" + self.tr("Products held: %1").replace("%1", held))
        self.picker.hide()
        self._loading = False
        if self.record_id is None:
            self.status.setText(self.tr("New call: saved as you type."))
            self.script.setFocus()

    def _show_record(self, view: CallRecordView) -> None:
        self._loading = True
        self.view = view
        self.record_id = view.id
        self.client_id, self.prospect_id = view.client_id, view.prospect_id
        self.call_on.setDate(qdate(view.call_on))
        self.script.setPlainText(view.script)
        self.made.setChecked(view.status == "done")
        if view.called_at is not None:
            self.called_time.setTime(qtime(view.called_at.time()))
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(view.outcome)))
        if view.agreed_at is not None:
            self.agreed_at.setDateTime(qdatetime(view.agreed_at))
        self.agreed_place.setText(view.agreed_place)
        self.review_prepared.setChecked(view.review_prepared)
        self.review_warm.setChecked(view.review_warm)
        self.review_opening.setChecked(view.review_opening)
        self.review_other.setText(view.review_other)
        self.notes.setPlainText(view.notes)
        closed = view.day_closed and view.status == "done"
        self.reason_label.setVisible(closed)
        self.reason.setVisible(closed)
        self._show_subject(view.subject)
        self._outcome_changed()
        set_tone(self.status, None)
        self.status.setText(self._saved_text(view))

    def _saved_text(self, view: CallRecordView) -> str:
        if view.status != "done":
            return self.tr("Saved: prepared for %1.").replace("%1", view.call_on.isoformat())
        text = self.tr("Saved: an effective call.") if view.effective else self.tr("Saved: the call is logged.")
        if view.visit_id:
            text += " " + self.tr("The meeting is in the planner.")
        elif view.outcome == "appointment" and view.prospect_id:
            text += " " + self.tr("Convert the prospect to a client to book the meeting in the planner.")
        return text

    def _outcome_changed(self) -> None:
        made = self.made.isChecked()
        self.called_time.setEnabled(made)
        self.outcome.setEnabled(made)
        appointment = made and self.outcome.currentData() == "appointment"
        self.agreed_at.setEnabled(appointment)
        self.agreed_place.setEnabled(appointment)

    def _client_chosen(self, row: ClientRow) -> None:
        self.client_id, self.prospect_id = row.id, None
        calls = self.ctx.call_records
        self.runner.submit(lambda _t: calls.subject(row.id, None), on_done=self._show_subject, on_error=self._say)
        self._loading = False
        self._changed()

    # ---- saving ------------------------------------------------------------------------

    def _changed(self, *_args: Any) -> None:
        if self._loading or not (self.client_id or self.prospect_id):
            return
        set_tone(self.status, None)
        self.status.setText(self.tr("Editing…"))
        self._autosave.start()

    def form_input(self) -> CallInput:
        from app.sales_forms.calls import CallInput

        day = pydate(self.call_on.date())
        made = self.made.isChecked()
        outcome = self.outcome.currentData() if made else None
        appointment = outcome == "appointment"
        return CallInput(
            call_on=day,
            client_id=ClientId(self.client_id) if self.client_id else None,
            prospect_id=ProspectId(self.prospect_id) if self.prospect_id else None,
            script=self.script.toPlainText(),
            done=made,
            called_at=datetime.combine(day, pytime(self.called_time.time())).astimezone() if made else None,
            outcome=outcome,
            agreed_at=_aware(self.agreed_at.dateTime()) if appointment else None,
            agreed_place=self.agreed_place.text() if appointment else "",
            review_prepared=self.review_prepared.isChecked(),
            review_warm=self.review_warm.isChecked(),
            review_opening=self.review_opening.isChecked(),
            review_other=self.review_other.text(),
            notes=self.notes.toPlainText(),
        )

    def save_now(self) -> None:
        self._autosave.stop()
        if self._loading or not (self.client_id or self.prospect_id):
            return
        if self._saving:
            self._again = True  # one save at a time: the first creates the record
            return
        data = self.form_input()
        if data.done and data.outcome is None:
            self.status.setText(self.tr("Choose the outcome of the call."))
            data = replace(data, done=False)
        calls, record_id, reason = self.ctx.call_records, self.record_id, self.reason.text()
        self._saving = True
        self.runner.submit(lambda _t: calls.save(record_id, data, reason), lane="db", on_done=self._saved,
                           on_error=self._save_failed)  # fmt: skip

    def _saved(self, view: CallRecordView) -> None:
        self._saving = False
        first = self.record_id is None
        self.view, self.record_id = view, view.id
        if not (first and self._again):
            set_tone(self.status, None)
            if view.status == "done" or not self.made.isChecked():
                self.status.setText(self._saved_text(view))
        closed = view.day_closed and view.status == "done"
        self.reason_label.setVisible(closed)
        self.reason.setVisible(closed)
        self.record_did_save.emit(view.id)
        if self._again:
            self._again = False
            self.save_now()

    def _save_failed(self, text: str) -> None:
        self._saving = False
        self._say(text)
        if self._again:
            self._again = False
            self._autosave.start()

    def done_saving(self) -> bool:
        """Nothing waiting to be saved (tests and closing wait for it)."""
        return not self._saving and not self._autosave.isActive() and not self._again

    def accept(self) -> None:
        self.save_now()
        super().accept()


def _aware(value: QDateTime) -> datetime:
    return pydatetime(value).astimezone()
