"""The day's calls and morning: the calls prepared and made that day (电话邀约记录表), the morning
meeting's points and the news excerpts; Enter opens a row, the buttons add one of each."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.task_runner import TaskRunner
from ui.sales_forms.briefing_dialogs import BriefingSearchDialog, MorningNoteDialog, NewsDialog
from ui.sales_forms.call_dialog import CallRecordDialog, CallTexts

if TYPE_CHECKING:
    from app.context import AppContext
    from app.sales_forms.briefing import Briefing
    from app.sales_forms.calls import CallRecordView

ROW_ROLE = Qt.ItemDataRole.UserRole


class DayFormsDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.day = ctx, runner, day
        self.texts = CallTexts(self)
        self.opened: QDialog | None = None
        self.setWindowTitle(self.tr("Calls and morning notes, %1").replace("%1", day.isoformat()))
        self.resize(720, 520)
        self.calls = QTreeWidget(self)
        self.calls.setObjectName("dayCalls")
        self.calls.setRootIsDecorated(False)
        self.calls.setHeaderLabels([self.tr("Client"), self.tr("Status"), self.tr("Agreed meeting")])
        self.calls.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.morning = QTreeWidget(self)
        self.morning.setObjectName("dayMorning")
        self.morning.setRootIsDecorated(False)
        self.morning.setHeaderLabels([self.tr("Kind"), self.tr("Points or title")])
        new_call = QPushButton(self.tr("&New call…"), self)
        new_note = QPushButton(self.tr("&Morning notes…"), self)
        new_news = QPushButton(self.tr("News &excerpt…"), self)
        search = QPushButton(self.tr("&Search…"), self)
        close = QPushButton(self.tr("Close"), self)
        calls_label = QLabel(self.tr("&Calls of the day (Enter opens)"), self)
        calls_label.setBuddy(self.calls)
        morning_label = QLabel(self.tr("M&orning"), self)
        morning_label.setBuddy(self.morning)
        buttons = QHBoxLayout()
        for button in (new_call, new_note, new_news, search):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(calls_label)
        layout.addWidget(self.calls, 2)
        layout.addWidget(morning_label)
        layout.addWidget(self.morning, 1)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        new_call.clicked.connect(lambda: self._open(CallRecordDialog(ctx, runner, day=day, parent=self)))
        new_note.clicked.connect(lambda: self._open(MorningNoteDialog(ctx, runner, day, parent=self)))
        new_news.clicked.connect(lambda: self._open(NewsDialog(ctx, runner, day, parent=self)))
        search.clicked.connect(lambda: self._open(BriefingSearchDialog(ctx, runner, self)))
        close.clicked.connect(self.accept)
        self.calls.itemActivated.connect(self._open_call)
        self.morning.itemActivated.connect(self._open_morning)
        self.reload()

    def reload(self) -> None:
        calls, briefing, day = self.ctx.call_records, self.ctx.briefing, self.day
        self.runner.submit(lambda _t: (calls.day(day), briefing.day(day)), on_done=self._show,
                           on_error=self.status.setText)  # fmt: skip

    def _show(self, loaded: tuple[list[CallRecordView], Briefing]) -> None:
        records, briefing = loaded
        outcomes = self.texts.outcomes()
        self.calls.clear()
        for r in records:
            status = outcomes.get(r.outcome or "", "") if r.status == "done" else self.tr("Prepared")
            agreed = " ".join(filter(None, (f"{r.agreed_at:%Y-%m-%d %H:%M}" if r.agreed_at else "", r.agreed_place)))
            item = QTreeWidgetItem([r.subject.name, status, agreed])
            item.setData(0, ROW_ROLE, r.id)
            self.calls.addTopLevelItem(item)
        self.morning.clear()
        for note in briefing.notes:
            item = QTreeWidgetItem([self.tr("Morning meeting"), " / ".join(note.points.split())])
            item.setData(0, ROW_ROLE, ("note", note.id))
            self.morning.addTopLevelItem(item)
        for news in briefing.news:
            item = QTreeWidgetItem([self.tr("News"), news.title])
            item.setData(0, ROW_ROLE, ("news", news.id))
            self.morning.addTopLevelItem(item)
        first = self.calls.topLevelItem(0)
        if first is not None:
            self.calls.setCurrentItem(first)

    def _open_call(self, item: QTreeWidgetItem) -> None:
        self._open(CallRecordDialog(self.ctx, self.runner, record_id=item.data(0, ROW_ROLE), parent=self))

    def _open_morning(self, item: QTreeWidgetItem) -> None:
        kind, record_id = item.data(0, ROW_ROLE)
        if kind == "note":
            self._open(MorningNoteDialog(self.ctx, self.runner, self.day, record_id, self))
        else:
            self._open(NewsDialog(self.ctx, self.runner, self.day, record_id, self))

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()
        self.opened = dialog
