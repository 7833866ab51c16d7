"""Pieces of the Today page: target progress, one-click logging, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.common.palette import set_tone, state_colour


@dataclass(frozen=True)
class ProgressLine:
    key: str
    actual: int
    target: int


class ProgressPanel(QWidget):
    """One bar per daily target, e.g. “Effective visits 3 / 5”."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetProgress")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.bars: dict[str, QProgressBar] = {}

    def labels(self) -> dict[str, str]:
        return {
            "visits": self.tr("Effective visits"),
            "leaflets": self.tr("Leaflets"),
            "prospects": self.tr("New prospects"),
            "sms": self.tr("Care SMS"),
            "meetings": self.tr("Booked meetings"),
        }

    def show_progress(self, lines: list[ProgressLine]) -> None:
        names = self.labels()
        for column, line in enumerate(line for line in lines if line.target > 0 or line.actual > 0):
            bar = self.bars.get(line.key)
            if bar is None:
                bar = QProgressBar(self)
                bar.setObjectName(f"progress_{line.key}")
                self.bars[line.key] = bar
                self._grid.addWidget(QLabel(names.get(line.key, line.key), self), 0, column)
                self._grid.addWidget(bar, 1, column)
            bar.setMaximum(max(line.target, 1))
            bar.setValue(min(line.actual, max(line.target, 1)))
            bar.setFormat(f"{line.actual} / {line.target}")
            done = line.target > 0 and line.actual >= line.target
            set_tone(bar, "done" if done else None)


class QuickLogBar(QWidget):
    """The day's routine in one click each; the leaflet count is typed beside its button."""

    quick_did_request = Signal(str, int)  # kind, quantity

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit = QPushButton(self.tr("Effective &visit"), self)
        self.visit.setToolTip(self.tr("A visit where the full sales flow was run (counts toward “5 visits”)"))
        self.call = QPushButton(self.tr("&Call"), self)
        self.sms = QPushButton(self.tr("Ca&re SMS"), self)
        self.leaflet_count = QSpinBox(self)
        self.leaflet_count.setRange(1, 500)
        self.leaflet_count.setValue(10)
        self.leaflets = QPushButton(self.tr("&Leaflets +"), self)
        self.prospect = QPushButton(self.tr("Ne&w prospect"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Log:"), self))
        for widget in (self.visit, self.call, self.sms, self.leaflets, self.leaflet_count, self.prospect):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.visit.clicked.connect(lambda: self.quick_did_request.emit("visit", 1))
        self.call.clicked.connect(lambda: self.quick_did_request.emit("call", 1))
        self.sms.clicked.connect(lambda: self.quick_did_request.emit("sms", 1))
        self.leaflets.clicked.connect(lambda: self.quick_did_request.emit("leaflets", self.leaflet_count.value()))
        self.prospect.clicked.connect(lambda: self.quick_did_request.emit("prospect", 1))

    def set_enabled_for_day(self, open_day: bool) -> None:
        for widget in (self.visit, self.call, self.sms, self.leaflets, self.leaflet_count, self.prospect):
            widget.setEnabled(open_day)


@dataclass(frozen=True)
class ReminderLine:
    kind: str
    client: str
    due: str
    detail: str
    overdue: bool
    reminder: Any = None  # the core's Reminder, handed back when the row is acted on


# Item data: the core's record a row stands for (AgendaVisit or Reminder), or OLD_LINE.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
OLD_LINE = "old_follow_ups"


class ReminderList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayReminders")
        self.setRootIsDecorated(True)  # the old follow-ups' line expands
        self.old_line: QTreeWidgetItem | None = None
        self.setHeaderLabels([self.tr("Reminder"), self.tr("Client"), self.tr("Due"), self.tr("Details")])
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def kinds(self) -> dict[str, str]:
        return {
            "birthday": self.tr("Birthday"),
            "important_date": self.tr("Important date"),
            "maturity": self.tr("Product matures"),
            "purchase_follow_up": self.tr("Revisit after purchase"),
            "receipt_due": self.tr("Receipt due back"),
            "letter_due": self.tr("Head-office letter due"),
            "policy_delivery": self.tr("Deliver the policy"),
            "issue_overdue": self.tr("Not issued after 20 days"),
            "hq_reply": self.tr("Head office replied"),
        }

    def replies(self) -> dict[str, str]:
        """Head office's reply to an answer or a request (app.day.today.Reminder.reply)."""
        return {
            "accepted": self.tr("accepted"),
            "question": self.tr("asks again"),
            "closed": self.tr("closed"),
            "refused": self.tr("refused"),
        }

    def counted_from(self) -> dict[str, str]:
        """What a policy delivery's 3 days count from (app.day.today.Reminder.counted_from)."""
        return {
            "picked_up": self.tr("3 days from pick-up"),
            "issued": self.tr("3 days from issue (no pick-up recorded)"),
        }

    def letter_kinds(self) -> dict[str, str]:
        return {
            "review": self.tr("Review"),
            "medical_exam": self.tr("Medical exam"),
            "investigation": self.tr("Investigation"),
            "financial_evidence": self.tr("Financial evidence"),
            "health_evidence": self.tr("Health evidence"),
            "decision": self.tr("Underwriting decision"),
            "problem": self.tr("Problem case"),
        }

    def group_titles(self) -> dict[str, str]:
        return {"today": self.tr("Today"), "overdue": self.tr("Overdue"), "coming": self.tr("Coming days")}

    def show_reminders(self, lines: list[ReminderLine]) -> None:
        """One flat list (no group headings); `show_groups` is what Today uses."""
        self.clear()
        for line in lines:
            self.addTopLevelItem(self.reminder_item(line))
        if not lines:
            self.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing due")]))

    def reminder_item(self, line: ReminderLine) -> QTreeWidgetItem:
        due = line.due + (" " + self.tr("(overdue)") if line.overdue else "")
        item = QTreeWidgetItem([self.kinds().get(line.kind, line.kind), line.client, due, line.detail])
        item.setData(0, RECORD_ROLE, line.reminder)
        if line.overdue:
            for column in range(4):
                item.setForeground(column, state_colour("overdue"))
        return item

    def show_groups(self, groups: list[tuple[str, list[ReminderLine]]], old_count: int) -> None:
        """A heading per group (today, overdue, coming days) with its lines under it; the old
        overdue purchase follow-ups are one line at the end of the overdue group, which expands
        (Right arrow, Enter or a click) to list them."""
        titles = self.group_titles()
        self.clear()
        self.old_line = None
        for name, lines in groups:
            if not lines and not (name == "overdue" and old_count):
                continue
            heading = QTreeWidgetItem([titles.get(name, name)])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: the keyboard skips it
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            self.addTopLevelItem(heading)
            for line in lines:
                self.addTopLevelItem(self.reminder_item(line))
            if name == "overdue" and old_count:
                old = QTreeWidgetItem(
                    [
                        self.kinds()["purchase_follow_up"],
                        self.tr("%n more overdue by over a week", "", old_count),
                        "",
                        self.tr("Expand to list them"),
                    ]
                )
                old.setData(0, RECORD_ROLE, OLD_LINE)
                old.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                for column in range(4):
                    old.setForeground(column, state_colour("overdue"))
                self.addTopLevelItem(old)
                self.old_line = old
        if not any(lines for _name, lines in groups) and not old_count:
            self.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing due")]))

    def fill_old(self, lines: list[ReminderLine]) -> None:
        if self.old_line is None:
            return
        self.old_line.takeChildren()
        self.old_line.addChildren([self.reminder_item(line) for line in lines])
        self.old_line.setExpanded(True)


class SnoozeDialog(QDialog):
    """Snooze until a chosen day: from tomorrow on, calendar popup, Enter accepts."""

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze until"))
        self.until = QDateEdit(self)
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(_qdate(day + timedelta(days=1)))
        self.until.setDate(_qdate(day + timedelta(days=3)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Until"), self.until)
        form.addRow(buttons)

    def chosen(self) -> date:
        chosen = self.until.date()
        return date(chosen.year(), chosen.month(), chosen.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
