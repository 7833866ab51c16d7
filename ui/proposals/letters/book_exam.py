"""Book examination…: when the client is examined, as a Planner visit (app/headoffice/letters.py)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.headoffice.letters import MAX_EXAM_MINUTES
from app.planner.records import MIN_MINUTES
from ui.common.qdates import pydatetime, qdatetime


class BookExamDialog(QDialog):
    """Date, time and length; OK emits them (an aware local time) and the caller books it."""

    exam_did_confirm = Signal(object, int)  # starts_at (aware datetime), minutes

    def __init__(self, starts_at: datetime, minutes: int, hospital: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Book the medical examination"))
        intro = QLabel(
            self.tr("The examination goes on the Planner and on Today's agenda as a visit at %1.").replace(
                "%1", hospital or self.tr("the hospital named in the letter")
            ),
            self,
        )
        intro.setWordWrap(True)
        self.when = QDateTimeEdit(qdatetime(starts_at), self)
        self.when.setObjectName("examWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("examMinutes")
        self.minutes.setRange(MIN_MINUTES, MAX_EXAM_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(self.tr(" min"))
        form = QFormLayout()
        form.addRow(self.tr("&Date and time:"), self.when)
        form.addRow(self.tr("&Length:"), self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Book"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.when.setFocus()

    def starts_at(self) -> datetime:
        return pydatetime(self.when.dateTime()).astimezone()  # the laptop's zone, as the Planner's

    def confirm(self) -> None:
        self.exam_did_confirm.emit(self.starts_at(), self.minutes.value())
        self.accept()
