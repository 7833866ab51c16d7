"""Pieces of the Today page: target progress, one-click logging, reminders."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
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
            bar.setStyleSheet("QProgressBar::chunk { background: #1e8e3e; }" if done else "")


class QuickLogBar(QWidget):
    """The day's routine in one click each; the leaflet count is typed beside its button."""

    quick_did_request = Signal(str, int)  # kind, quantity

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit = QPushButton(self.tr("Effective &visit"), self)
        self.visit.setToolTip(self.tr("A visit where the full sales flow was run (counts toward “5 visits”)"))
        self.call = QPushButton(self.tr("&Call"), self)
        self.sms = QPushButton(self.tr("Care &SMS"), self)
        self.leaflet_count = QSpinBox(self)
        self.leaflet_count.setRange(1, 500)
        self.leaflet_count.setValue(10)
        self.leaflets = QPushButton(self.tr("&Leaflets +"), self)
        self.prospect = QPushButton(self.tr("New &prospect"), self)
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


class ReminderList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayReminders")
        self.setRootIsDecorated(False)
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

    def show_reminders(self, lines: list[ReminderLine]) -> None:
        kinds = self.kinds()
        self.clear()
        for line in lines:
            due = line.due + (" " + self.tr("(overdue)") if line.overdue else "")
            item = QTreeWidgetItem([kinds.get(line.kind, line.kind), line.client, due, line.detail])
            if line.overdue:
                for column in range(4):
                    item.setForeground(column, QColor("#c5221f"))
            self.addTopLevelItem(item)
        if not lines:
            self.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing due")]))
