"""每日工作计划与总结表: targets against the log, the sales-flow steps, the evening review,
tomorrow's plan; and the day's work log, corrected (not edited) once the day is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.working_days import calendar_note
from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.common.visit_texts import PlannerTexts

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.daily_plans import DailySummary
    from app.day.worklog import LogEntry
    from app.planner.records import VisitView
    from app.rules.ids import VisitId
    from app.rules.sales_measures import Measures

TARGETS = ("visits", "leaflets", "prospects", "sms", "meetings")
# The manual's five measures (app/rules/sales_measures.py): plan on the next day, actual counted.
MEASURES = ("calls", "needs_interviews", "closing_interviews", "sales_cents", "after_sales")
STEPS = ("identify", "need", "present", "objection", "close")
MAX_SALES_YUAN = 100_000_000
# The review is saved as it is typed, this long after the last key, like the other forms.
AUTOSAVE_MS = 250


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
            self.tr("Daily plan & summary: %1").replace(
                "%1", QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)
            )
        )
        self.resize(820, 640)
        tabs = QTabWidget(self)

        summary = QWidget()
        # 每日工作计划与总结表: the five measures, plan beside actual, then the daily targets.
        self.measures = _tree(summary, [self.tr("Measure"), self.tr("Planned"), self.tr("Done"), self.tr("Reached")])
        self.sold = QLabel(summary)
        self.sold.setWordWrap(True)
        self.results = _tree(summary, [self.tr("Target"), self.tr("Planned"), self.tr("Done")])
        self.steps = _tree(summary, [self.tr("Sales-flow step"), self.tr("Reached"), self.tr("Stopped here")])
        self.went_well, self.went_badly = _text(summary), _text(summary)
        form = QFormLayout()
        form.addRow(self.tr("What worked"), self.went_well)
        form.addRow(self.tr("What did not"), self.went_badly)
        layout = QVBoxLayout(summary)
        layout.addWidget(self.measures)
        layout.addWidget(self.sold)
        layout.addWidget(self.results)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        tabs.addTab(summary, self.tr("&Summary"))

        tomorrow = QWidget()
        self.tomorrow_label = QLabel(tomorrow)
        self.tomorrow_targets = {key: QSpinBox(tomorrow) for key in TARGETS}
        for box in self.tomorrow_targets.values():
            box.setRange(0, 1000)
        self.tomorrow_measures: dict[str, QSpinBox | QDoubleSpinBox] = {
            key: QSpinBox(tomorrow) for key in MEASURES if key != "sales_cents"
        }
        for count_box in self.tomorrow_measures.values():
            count_box.setRange(0, 1000)
        amount = QDoubleSpinBox(tomorrow)
        amount.setRange(0, MAX_SALES_YUAN)
        amount.setDecimals(2)
        amount.setGroupSeparatorShown(True)
        amount.setSuffix(self.tr(" yuan"))
        self.tomorrow_measures["sales_cents"] = amount
        self.tomorrow_visits = _tree(tomorrow, [self.tr("Time"), self.tr("Client or outlet"), self.tr("Purpose")])
        self.tomorrow_notes = _text(tomorrow)
        targets = QFormLayout()
        measure_names = self.measure_names()
        for key in MEASURES:
            targets.addRow(measure_names[key], self.tomorrow_measures[key])
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
        # An open day's entries are changed or deleted outright; a closed day's are corrected.
        self.change_button = QPushButton(self.tr("C&hange selected entry…"), log)
        self.delete_button = QPushButton(self.tr("D&elete selected entry…"), log)
        self.delete_button.setToolTip(self.tr("Remove a mistaken entry of an open day (Delete)"))
        log_buttons = QHBoxLayout()
        for button in (self.change_button, self.delete_button, self.correct_button):
            log_buttons.addWidget(button)
        log_buttons.addStretch(1)
        layout = QVBoxLayout(log)
        layout.addWidget(self.log)
        layout.addLayout(log_buttons)
        tabs.addTab(log, self.tr("Work &log"))
        # 各环节成败分析与总结: what worked or failed at each step of the sales flow (the last tab,
        # so the others keep their places).
        analysis = QWidget()
        self.analysis = {step: _text(analysis) for step in STEPS}
        analysis_form = QFormLayout(analysis)
        for step, name in self.step_names().items():
            analysis_form.addRow(name, self.analysis[step])
        tabs.addTab(analysis, self.tr("&Analysis by step"))
        self.tabs = tabs

        self.status = QLabel(self)
        save = QPushButton(self.tr("Save"), self)
        self.close_day_button = QPushButton(self.tr("Close the &day…"), self)
        self.close_day_button.setToolTip(self.tr("Settle the visits still planned, then lock the day's log"))
        close = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save)
        buttons.addWidget(self.close_day_button)
        buttons.addWidget(close)
        root = QVBoxLayout(self)
        root.addWidget(tabs, 1)
        root.addLayout(buttons)
        save.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.correct_button.clicked.connect(self.ask_correction)
        self.change_button.clicked.connect(self.ask_change)
        self.delete_button.clicked.connect(self.ask_delete)
        self.close_day_button.clicked.connect(self.open_close_day)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.log)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.ask_delete)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self._loading = True
        for edit in (self.went_well, self.went_badly, self.tomorrow_notes, *self.analysis.values()):
            edit.textChanged.connect(self._typed)
        for spin in (*self.tomorrow_targets.values(), *self.tomorrow_measures.values()):
            spin.valueChanged.connect(self._typed)
        self.close_dialog: CloseDayDialog | None = None
        self.load()

    def _typed(self) -> None:
        if not self._loading and self.summary is not None:
            self._autosave.start()

    def reject(self) -> None:
        """Close keeps what was typed: a pending save is made now."""
        if self._autosave.isActive():
            self.save()
        super().reject()

    def target_names(self) -> dict[str, str]:
        return {
            "visits": self.tr("Effective visits"),
            "leaflets": self.tr("Leaflets"),
            "prospects": self.tr("New prospects"),
            "sms": self.tr("Care SMS"),
            "meetings": self.tr("Booked meetings"),
        }

    def measure_names(self) -> dict[str, str]:
        """The manual's five measures (有效电话数量, 需求面谈数量, 成交面谈数量, 销售产品及金额, 售后服务数)."""
        return {
            "calls": self.tr("Effective calls"),
            "needs_interviews": self.tr("Needs interviews"),
            "closing_interviews": self.tr("Closing interviews"),
            "sales_cents": self.tr("Products sold and amounts"),
            "after_sales": self.tr("After-sales services"),
        }

    def figure(self, measure: str, value: int) -> str:
        if measure == "sales_cents":
            return QLocale().toCurrencyString(value / 100, "¥")
        return QLocale().toString(value)

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
        self._loading = True
        measure_names = self.measure_names()
        self.measures.clear()
        for measure in summary.measures:
            reached = self.tr("—") if measure.percent is None else f"{measure.percent}%"
            self.measures.addTopLevelItem(QTreeWidgetItem([
                measure_names.get(measure.measure, measure.measure), self.figure(measure.measure, measure.plan),
                self.figure(measure.measure, measure.actual), reached,
            ]))  # fmt: skip
        sold = "; ".join(
            self.tr("%1: %2 policies, %3")
            .replace("%1", sale.product_name or sale.product_code)
            .replace("%2", str(sale.policies))
            .replace("%3", self.figure("sales_cents", sale.cents))
            for sale in summary.sales
        )
        self.sold.setText(self.tr("Sold: %1").replace("%1", sold) if sold else self.tr("Sold: nothing yet"))
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
        # What is being typed is not overwritten by an older copy read back after a save.
        for edit, text in (
            (self.went_well, summary.went_well),
            (self.went_badly, summary.went_badly),
            (self.tomorrow_notes, summary.tomorrow_notes),
        ):
            if edit.toPlainText().strip() != text and not self._autosave.isActive():
                edit.setPlainText(text)
        tomorrow = summary.tomorrow
        next_day = self.tr("Next working day: %1").replace(
            "%1", QLocale().toString(qdate(tomorrow.day), QLocale.FormatType.LongFormat)
        )
        # "The next working day" counted Monday to Friday in a year whose holidays are not known.
        note = calendar_note([tomorrow.day], current_language())
        self.tomorrow_label.setText(f"{next_day}\n{note}" if note else next_day)
        for key, box in self.tomorrow_targets.items():
            if not self._autosave.isActive():
                box.setValue(getattr(tomorrow.targets, key))
        for key, measure_box in self.tomorrow_measures.items():
            if self._autosave.isActive():
                continue
            if isinstance(measure_box, QDoubleSpinBox):
                measure_box.setValue(tomorrow.measures.get(key) / 100)
            else:
                measure_box.setValue(tomorrow.measures.get(key))
        for step_key, step_edit in self.analysis.items():
            written = summary.step_analysis.get(step_key, "")
            if step_edit.toPlainText().strip() != written and not self._autosave.isActive():
                step_edit.setPlainText(written)
        self.tomorrow_visits.clear()
        purposes = PlannerTexts(self).purposes()
        for visit in tomorrow.visits:
            self.tomorrow_visits.addTopLevelItem(
                QTreeWidgetItem([f"{visit.starts_at:%H:%M}", visit.who, purposes.get(visit.purpose, visit.purpose)])
            )
        self._show_log()
        self._loading = False
        self.change_button.setEnabled(not summary.closed)
        self.delete_button.setEnabled(not summary.closed)
        self.close_day_button.setEnabled(not summary.closed)
        self.correct_button.setEnabled(summary.closed)
        self.correct_button.setToolTip(
            ""
            if summary.closed
            else self.tr("Entries of an open day are still counted as logged; corrections are for closed days.")
        )
        self.status.setText(self.tr("The day is closed: the log is locked.") if summary.closed else "")

    def _show_log(self) -> None:
        kinds, steps = self.kind_names(), self.step_names()
        self.log.clear()
        for entry in self.entries:
            who = entry.client_name or entry.outlet_name
            notes = entry.notes
            if entry.correction_reason:
                notes = self.tr("Correction: %1").replace("%1", entry.correction_reason) + (
                    " · " + notes if notes else ""
                )
            item = QTreeWidgetItem(
                [
                    f"{entry.at:%H:%M}",
                    kinds.get(entry.kind, entry.kind),
                    str(entry.quantity),
                    who,
                    steps.get(entry.sales_step or "", ""),
                    notes,
                ]
            )
            if not entry.counts:
                item.setToolTip(0, self.tr("Replaced by a correction; not counted"))
                font = item.font(0)
                font.setStrikeOut(True)
                for column in range(6):
                    item.setFont(column, font)
            self.log.addTopLevelItem(item)

    def selected_entry(self) -> LogEntry | None:
        row = self.log.indexOfTopLevelItem(self.log.currentItem()) if self.log.currentItem() else -1
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _changed(self, _result: object) -> None:
        self.load()
        self.summary_did_save.emit()

    def ask_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.delete_button.isEnabled():
            return
        kinds = self.kind_names()
        answer = QMessageBox.question(
            self,
            self.tr("Delete entry"),
            self.tr("Delete the entry %1 %2 %3? It is removed from the day's counts; the audit log keeps a record.")
            .replace("%1", f"{entry.at:%H:%M}")
            .replace("%2", kinds.get(entry.kind, entry.kind))
            .replace("%3", entry.client_name or entry.outlet_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        worklog, entry_id = self.ctx.worklog, entry.id
        self.runner.submit(
            lambda _t: worklog.delete(entry_id), lane="db", on_done=self._changed, on_error=self.status.setText
        )

    def ask_change(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.change_button.isEnabled():
            return
        quantity, ok = QInputDialog.getInt(
            self, self.tr("Change entry"), self.tr("Quantity:"), entry.quantity, 1, 10_000
        )
        if not ok:
            return
        worklog, entry_id = self.ctx.worklog, entry.id
        self.runner.submit(
            lambda _t: worklog.edit(entry_id, quantity=quantity),
            lane="db",
            on_done=self._changed,
            on_error=self.status.setText,
        )

    def open_close_day(self) -> None:
        if self._autosave.isActive():
            self.save()
        self.close_dialog = CloseDayDialog(self.ctx, self.runner, self.day, self)
        self.close_dialog.day_did_close.connect(self.load)
        self.close_dialog.open()

    def kind_names(self) -> dict[str, str]:
        return {
            "visit": self.tr("Visit"),
            "call": self.tr("Phone call"),
            "sms": self.tr("SMS"),
            "leaflets": self.tr("Leaflets"),
            "prospect": self.tr("New prospect"),
            "meeting": self.tr("Meeting"),
            "outlet": self.tr("Outlet work"),
            "other": self.tr("Other"),
        }

    def ask_correction(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
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

        def corrected(_e: object) -> None:
            self.load()
            self.summary_did_save.emit()

        self.runner.submit(
            lambda _t: worklog.correct(entry_id, reason, **changes),
            lane="db",
            on_done=corrected,
            on_error=self.status.setText,
        )

    def save(self) -> None:
        self._autosave.stop()
        if self.summary is None:
            return
        targets = replace(self.summary.tomorrow.targets, **{k: box.value() for k, box in self.tomorrow_targets.items()})
        measures = self.planned_measures()
        analysis = {step: edit.toPlainText() for step, edit in self.analysis.items()}
        plans, day = self.ctx.daily_plans, self.day
        well, badly, notes = (
            self.went_well.toPlainText(),
            self.went_badly.toPlainText(),
            self.tomorrow_notes.toPlainText(),
        )

        def saved(_s: object) -> None:
            self.status.setText(self.tr("Saved."))
            self.summary_did_save.emit()

        self.runner.submit(
            lambda _t: plans.save(day, well, badly, notes, targets, analysis, measures),
            lane="db",
            on_done=saved,
            on_error=self.status.setText,
        )

    def planned_measures(self) -> Measures:
        """The next working day's plan of the five measures as typed (the amount in whole fen)."""
        from app.rules.sales_measures import Measures

        values = {k: round(box.value() * 100) if k == "sales_cents" else int(box.value())
                  for k, box in self.tomorrow_measures.items()}  # fmt: skip
        return Measures(**values)


class CloseDayDialog(QDialog):
    """结束当天: the visits still planned, each to mark done, cancel, carry over or leave; then the
    day's log is locked. Carrying over uses the planner's free-slot rule (never an overlap)."""

    day_did_close = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.day = ctx, runner, day
        self.visits: list[VisitView] = []
        self.choices: dict[VisitId, QComboBox] = {}
        when = QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)
        self.setWindowTitle(self.tr("Close the day %1").replace("%1", when))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = _tree(self, [self.tr("Time"), self.tr("Client or outlet"), self.tr("What to do")])
        self.problem = QLabel(self)
        set_tone(self.problem, "problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.close_button = self.buttons.addButton(self.tr("&Close the day"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        planner = ctx.planner
        runner.submit(lambda _t: planner.between(day, day), on_done=self._show, on_error=self.problem.setText)

    def action_names(self) -> dict[str, str]:
        return {
            "carry": self.tr("Carry over to the next working day"),
            "done_close": self.tr("Done: reached the close"),
            "done": self.tr("Done: not effective"),
            "cancelled": self.tr("Cancelled"),
            "keep": self.tr("Leave as planned"),
        }

    def _show(self, visits: list[VisitView]) -> None:
        self.visits = [v for v in visits if v.status == "planned"]
        if self.visits:
            text = self.tr(
                "%n visit(s) still planned today. Choose what happened to each, then close the day.",
                "",
                len(self.visits),
            )
        else:
            text = self.tr(
                "No visits are still planned. Closing locks the day's work log; later changes are corrections."
            )
        self.intro.setText(text)
        self.list.clear()
        self.choices.clear()
        previous: QWidget = self.list
        for visit in self.visits:
            item = QTreeWidgetItem([f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}", visit.who, ""])
            self.list.addTopLevelItem(item)
            choice = QComboBox(self.list)
            for key, name in self.action_names().items():
                choice.addItem(name, key)
            self.list.setItemWidget(item, 2, choice)
            self.choices[visit.id] = choice
            self.setTabOrder(previous, choice)
            previous = choice
        self.close_button.setEnabled(True)
        first = next(iter(self.choices.values()), None)
        (first or self.close_button).setFocus()

    def submit(self) -> None:
        decisions = {visit_id: box.currentData() for visit_id, box in self.choices.items()}
        planner, worklog, day = self.ctx.planner, self.ctx.worklog, self.day

        def work(_task: object) -> None:
            for visit_id, action in decisions.items():
                if action in ("done", "done_close"):
                    planner.set_status(visit_id, "done", sales_step="close" if action == "done_close" else None)
                elif action == "cancelled":
                    planner.set_status(visit_id, "cancelled")
            carried = [visit_id for visit_id, action in decisions.items() if action == "carry"]
            if carried:
                planner.carry_over(day, only=carried)
            worklog.close_day(day)

        self.close_button.setEnabled(False)
        self.runner.submit(work, lane="db", on_done=self._closed, on_error=self._failed)

    def _failed(self, text: str) -> None:
        self.problem.setText(text)
        self.close_button.setEnabled(True)

    def _closed(self, _result: object) -> None:
        self.day_did_close.emit()
        self.accept()
