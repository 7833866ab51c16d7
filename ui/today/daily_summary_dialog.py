"""每日工作计划与总结表: targets against the log, the sales-flow steps, the evening review,
tomorrow's plan; and the day's work log, corrected (not edited) once the day is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.daily_plans import DailySummary
    from app.day.worklog import LogEntry

TARGETS = ("visits", "leaflets", "prospects", "sms", "meetings")


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(headers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _text(parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    return edit


class DailySummaryDialog(QDialog):
    summary_did_save = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.day = ctx, runner, day
        self.summary: DailySummary | None = None
        self.entries: list[LogEntry] = []
        self.setWindowTitle(
            self.tr("Daily plan & summary: %1").replace("%1", QLocale().toString(day, QLocale.FormatType.ShortFormat))
        )
        self.resize(820, 640)
        tabs = QTabWidget(self)

        summary = QWidget()
        self.results = _tree(summary, [self.tr("Target"), self.tr("Planned"), self.tr("Done")])
        self.steps = _tree(summary, [self.tr("Sales-flow step"), self.tr("Reached"), self.tr("Stopped here")])
        self.went_well, self.went_badly = _text(summary), _text(summary)
        form = QFormLayout()
        form.addRow(self.tr("What worked"), self.went_well)
        form.addRow(self.tr("What did not"), self.went_badly)
        layout = QVBoxLayout(summary)
        layout.addWidget(self.results)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        tabs.addTab(summary, self.tr("&Summary"))

        tomorrow = QWidget()
        self.tomorrow_label = QLabel(tomorrow)
        self.tomorrow_targets = {key: QSpinBox(tomorrow) for key in TARGETS}
        for box in self.tomorrow_targets.values():
            box.setRange(0, 1000)
        self.tomorrow_visits = _tree(tomorrow, [self.tr("Time"), self.tr("Client or outlet"), self.tr("Purpose")])
        self.tomorrow_notes = _text(tomorrow)
        targets = QFormLayout()
        names = self.target_names()
        for key, box in self.tomorrow_targets.items():
            targets.addRow(names[key], box)
        layout = QVBoxLayout(tomorrow)
        layout.addWidget(self.tomorrow_label)
        layout.addLayout(targets)
        layout.addWidget(self.tomorrow_visits)
        layout.addWidget(QLabel(self.tr("Plan for tomorrow"), tomorrow))
        layout.addWidget(self.tomorrow_notes)
        tabs.addTab(tomorrow, self.tr("&Tomorrow"))

        log = QWidget()
        self.log = _tree(
            log,
            [
                self.tr("Time"),
                self.tr("Kind"),
                self.tr("Quantity"),
                self.tr("Client or outlet"),
                self.tr("Step"),
                self.tr("Notes"),
            ],
        )
        self.correct_button = QPushButton(self.tr("&Correct selected entry…"), log)
        layout = QVBoxLayout(log)
        layout.addWidget(self.log)
        layout.addWidget(self.correct_button)
        tabs.addTab(log, self.tr("Work &log"))

        self.status = QLabel(self)
        save = QPushButton(self.tr("Save"), self)
        close = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        root = QVBoxLayout(self)
        root.addWidget(tabs, 1)
        root.addLayout(buttons)
        save.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.correct_button.clicked.connect(self.ask_correction)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        self.load()

    def target_names(self) -> dict[str, str]:
        return {
            "visits": self.tr("Effective visits"),
            "leaflets": self.tr("Leaflets"),
            "prospects": self.tr("New prospects"),
            "sms": self.tr("Care SMS"),
            "meetings": self.tr("Booked meetings"),
        }

    def step_names(self) -> dict[str, str]:
        # The five steps of an effective contact (识别接触 → 需求激发 → 产品推介 → 拒绝处理 → 销售促成).
        return {
            "identify": self.tr("Identify & approach"),
            "need": self.tr("Raise the need"),
            "present": self.tr("Present the product"),
            "objection": self.tr("Handle objections"),
            "close": self.tr("Close", "sales-flow step: 销售促成"),
        }

    def load(self) -> None:
        plans, worklog, day = self.ctx.daily_plans, self.ctx.worklog, self.day
        self.runner.submit(lambda _t: (plans.summary(day), worklog.entries(day)), on_done=self._show,
                           on_error=self.status.setText)  # fmt: skip

    def _show(self, loaded: tuple[DailySummary, list[LogEntry]]) -> None:
        summary, entries = loaded
        self.summary, self.entries = summary, entries
        names = self.target_names()
        self.results.clear()
        for line in summary.progress:
            self.results.addTopLevelItem(
                QTreeWidgetItem([names.get(line.measure, line.measure), str(line.target), str(line.actual)])
            )
        self.steps.clear()
        steps = self.step_names()
        for step in summary.steps:
            self.steps.addTopLevelItem(
                QTreeWidgetItem([steps.get(step.step, step.name), str(step.reached), str(step.stopped)])
            )
        self.went_well.setPlainText(summary.went_well)
        self.went_badly.setPlainText(summary.went_badly)
        self.tomorrow_notes.setPlainText(summary.tomorrow_notes)
        tomorrow = summary.tomorrow
        self.tomorrow_label.setText(
            self.tr("Next working day: %1").replace(
                "%1", QLocale().toString(tomorrow.day, QLocale.FormatType.LongFormat)
            )
        )
        for key, box in self.tomorrow_targets.items():
            box.setValue(getattr(tomorrow.targets, key))
        self.tomorrow_visits.clear()
        for visit in tomorrow.visits:
            self.tomorrow_visits.addTopLevelItem(
                QTreeWidgetItem([f"{visit.starts_at:%H:%M}", visit.who, visit.purpose])
            )
        self._show_log()
        self.correct_button.setEnabled(summary.closed)
        self.correct_button.setToolTip(
            ""
            if summary.closed
            else self.tr("Entries of an open day are still counted as logged; corrections are for closed days.")
        )
        self.status.setText(self.tr("The day is closed: the log is locked.") if summary.closed else "")

    def _show_log(self) -> None:
        self.log.clear()
        for entry in self.entries:
            who = entry.client_name or entry.outlet_name
            notes = entry.notes
            if entry.correction_reason:
                notes = self.tr("Correction: %1").replace("%1", entry.correction_reason) + (
                    " · " + notes if notes else ""
                )
            item = QTreeWidgetItem(
                [f"{entry.at:%H:%M}", entry.kind, str(entry.quantity), who, entry.sales_step or "", notes]
            )
            if not entry.counts:
                item.setToolTip(0, self.tr("Replaced by a correction; not counted"))
                font = item.font(0)
                font.setStrikeOut(True)
                for column in range(6):
                    item.setFont(column, font)
            self.log.addTopLevelItem(item)

    def ask_correction(self) -> None:
        row = self.log.indexOfTopLevelItem(self.log.currentItem()) if self.log.currentItem() else -1
        if row < 0:
            return
        entry = self.entries[row]
        quantity, ok = QInputDialog.getInt(
            self, self.tr("Correct entry"), self.tr("Correct quantity:"), entry.quantity, 1, 10_000
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Correct entry"), self.tr("Reason for the correction:"))
        if ok:
            self.correct(entry.id, reason, quantity=quantity)

    def correct(self, entry_id: str, reason: str, **changes: Any) -> None:
        worklog = self.ctx.worklog
        self.runner.submit(
            lambda _t: worklog.correct(entry_id, reason, **changes),
            lane="db",
            on_done=lambda _e: (self.load(), self.summary_did_save.emit()),
            on_error=self.status.setText,
        )

    def save(self) -> None:
        if self.summary is None:
            return
        targets = replace(self.summary.tomorrow.targets, **{k: box.value() for k, box in self.tomorrow_targets.items()})
        plans, day = self.ctx.daily_plans, self.day
        well, badly, notes = (
            self.went_well.toPlainText(),
            self.went_badly.toPlainText(),
            self.tomorrow_notes.toPlainText(),
        )
        self.runner.submit(
            lambda _t: plans.save(day, well, badly, notes, targets),
            lane="db",
            on_done=lambda _s: (self.status.setText(self.tr("Saved.")), self.summary_did_save.emit()),
            on_error=self.status.setText,
        )
