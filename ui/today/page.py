"""Today: the day's agenda, what is due, progress against the targets, one-click logging.

All of it comes from the core's TodayService on a worker; logging and closing the day go
through the db lane. What this page or any other writes comes back through the change relay
(`shows`), so nothing here reloads by hand after a write. On an empty profile the page first
offers the demo profile.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.page import Page
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.task_runner import TaskRunner
from ui.common.visit_texts import PlannerTexts
from ui.today.widgets import ProgressLine, ProgressPanel, QuickLogBar, ReminderLine, ReminderList

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.today import TodayData
    from ui.common.print_preview import PrintPreviewDialog

# A 100,000-card book has thousands of reminders a week; the page lists the most pressing.
REMINDERS_SHOWN = 300


class DemoOffer(QFrame):
    """A banner, not a modal dialog: the window must open at once, and the offer can wait."""

    offer_did_accept = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(
            self.tr(
                "This profile is empty. Open the demo profile to look around a populated day "
                "with made-up clients? It uses its own folder and never mixes with your data."
            ),
            self,
        )
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Open &demo profile"), self)
        self.button.clicked.connect(self.offer_did_accept)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)


class TodayPage(Page):
    demo_did_request = Signal()
    # The agenda, reminders (cards, dates, products, receipts, head office's letters, policies),
    # progress (the work log against the day's plan or the default targets) and the day's lock.
    shows = frozenset({
        "visits", "worklog", "daily_plans", "settings", "clients", "client_dates", "client_products",
        "receipts", "hq_letters", "proposals",
    })  # fmt: skip

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Today"), "", parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self.day = date.today()
        self.data: TodayData | None = None
        self.texts = PlannerTexts(self)  # a visit's purpose and status read as on the planner
        self.demo_offer = DemoOffer(self)
        self.demo_offer.offer_did_accept.connect(self.demo_did_request)
        self.demo_offer.hide()
        self.previous = QPushButton("◀", self)
        self.previous.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.today_button = QPushButton(self.tr("T&oday"), self)
        self.next = QPushButton("▶", self)
        self.next.setToolTip(self.tr("Next day (Alt+Right)"))
        self.log_button = QPushButton(self.tr("Log a &contact…"), self)
        self.log_button.setToolTip(self.tr("Kind, client, sales-flow step, outcome and notes (Ctrl+L)"))
        self.summary_button = QPushButton(self.tr("Daily &summary…"), self)
        self.targets_button = QPushButton(self.tr("&Targets…"), self)
        self.targets_button.setToolTip(self.tr("My default daily targets"))
        self.close_button = QPushButton(self.tr("Close the &day…"), self)
        self.print_plan_action = QAction(self.tr("Daily &plan…"), self)
        self.print_summary_action = QAction(self.tr("Daily su&mmary…"), self)
        self.print_button = print_button(
            self, self.tr("&Print…"), [self.print_plan_action, self.print_summary_action],
            self.tr("Print the day's plan or summary, or save it as a PDF (Ctrl+P)"),
        )  # fmt: skip
        self.preview: PrintPreviewDialog | None = None
        self.closed_label = QLabel(self)
        self.closed_label.setObjectName("dayClosed")
        self.progress = ProgressPanel(self)
        self.quick = QuickLogBar(self)
        self.status = QLabel(self)
        self.status.setObjectName("todayStatus")
        self.agenda = QTreeWidget(self)
        self.agenda.setObjectName("todayAgenda")
        self.agenda.setRootIsDecorated(False)
        self.agenda.setHeaderLabels(
            [self.tr("Time"), self.tr("Client or outlet"), self.tr("Purpose"), self.tr("Status"), self.tr("Place")]
        )
        self.agenda.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reminders = ReminderList(self)
        self.reminder_count = QLabel(self)

        nav = QHBoxLayout()
        for widget in (self.previous, self.today_button, self.next):
            nav.addWidget(widget)
        nav.addWidget(self.closed_label)
        nav.addStretch(1)
        nav.addWidget(self.log_button)
        nav.addWidget(self.summary_button)
        nav.addWidget(self.targets_button)
        nav.addWidget(self.close_button)
        nav.addWidget(self.print_button)
        agenda_box = QWidget(self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(QLabel(self.tr("Agenda: visits and follow-ups"), self))
        agenda_layout.addWidget(self.agenda)
        reminder_box = QWidget(self)
        reminder_layout = QVBoxLayout(reminder_box)
        reminder_layout.setContentsMargins(0, 0, 0, 0)
        reminder_layout.addWidget(self.reminder_count)
        reminder_layout.addWidget(self.reminders)
        split = QSplitter(self)
        split.addWidget(agenda_box)
        split.addWidget(reminder_box)
        self.content.addWidget(self.demo_offer)
        self.content.addLayout(nav)
        self.content.addWidget(self.progress)
        self.content.addWidget(self.quick)
        self.content.addWidget(self.status)
        self.content.addWidget(split, 1)

        self.previous.clicked.connect(lambda: self.show_day(self.day - timedelta(days=1)))
        self.next.clicked.connect(lambda: self.show_day(self.day + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.show_day(date.today()))
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.previous.click)
        QShortcut(QKeySequence("Alt+Right"), self, activated=self.next.click)
        self.quick.quick_did_request.connect(self.log_quick)
        self.close_button.clicked.connect(self.ask_close_day)
        self.summary_button.clicked.connect(self.open_summary)
        self.log_button.clicked.connect(self.open_log_entry)
        self.targets_button.clicked.connect(self.open_targets)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.open_log_entry)
        self.print_plan_action.triggered.connect(lambda: self.print_day("plan"))
        self.print_summary_action.triggered.connect(lambda: self.print_day("summary"))
        print_shortcut(self, self.print_button)
        self._show_date()

    def attach(self, ctx: AppContext, offer_demo: bool) -> None:
        self._ctx = ctx
        self.demo_offer.setVisible(offer_demo)
        self.reload()

    def reload_changed(self) -> None:
        self.reload()

    def show_day(self, day: date) -> None:
        self.day = day
        self._show_date()
        self.reload()

    def _show_date(self) -> None:
        self.blurb.setText(QLocale().toString(self.day, QLocale.FormatType.LongFormat))

    def reload(self) -> None:
        if self._ctx is None:
            return
        today, day = self._ctx.today, self.day
        self._runner.submit(lambda _t: today.build(day), on_done=self.show_data, on_error=self.status.setText)

    def show_data(self, data: TodayData) -> None:
        if data.day != self.day:
            return  # the user moved on to another day meanwhile
        self.data = data
        self.progress.show_progress([ProgressLine(p.measure, p.actual, p.target) for p in data.progress])
        self.quick.set_enabled_for_day(not data.day_closed)
        self.log_button.setEnabled(not data.day_closed)
        self.close_button.setEnabled(not data.day_closed)
        self.closed_label.setText(self.tr("Closed: changes are corrections") if data.day_closed else "")
        self._show_agenda(data)
        shown = data.reminders[:REMINDERS_SHOWN]
        letters = self.reminders.letter_kinds()
        self.reminders.show_reminders(
            [
                ReminderLine(
                    r.kind,
                    r.client_name,
                    QLocale().toString(r.due_on, QLocale.FormatType.ShortFormat),
                    " · ".join(filter(None, (letters.get(r.letter_kind or "", r.letter_kind), r.detail))),
                    r.overdue,
                )
                for r in shown
            ]
        )
        overdue = sum(r.overdue for r in data.reminders)
        text = self.tr("Due soon: %n reminder(s)", "", len(data.reminders))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        if len(data.reminders) > len(shown):
            text += " · " + self.tr("the first %1 shown").replace("%1", str(len(shown)))
        self.reminder_count.setText(text)

    def _show_agenda(self, data: TodayData) -> None:
        purposes, statuses = self.texts.purposes(), self.texts.statuses()
        self.agenda.clear()
        for visit in data.agenda:
            when = f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}"
            self.agenda.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        when,
                        visit.who,
                        purposes.get(visit.purpose, visit.purpose),
                        statuses.get(visit.status, visit.status),
                        visit.location,
                    ]
                )
            )
        for follow_up in data.follow_ups:
            self.agenda.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        "",
                        follow_up.client_name,
                        self.tr("Revisit after purchase: %1").replace("%1", follow_up.detail),
                        "",
                    ]
                )
            )
        if not data.agenda and not data.follow_ups:
            self.agenda.addTopLevelItem(QTreeWidgetItem(["", self.tr("No visits planned")]))

    def log_quick(self, kind: str, quantity: int) -> None:
        if self._ctx is None:
            return
        worklog, day = self._ctx.worklog, self.day
        self._runner.submit(
            lambda _t: worklog.quick(kind, day, quantity),
            lane="db",
            on_done=lambda _entry: self.status.setText(self.tr("Logged.")),
            on_error=self.status.setText,
        )

    def ask_close_day(self) -> None:
        if self._ctx is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Close the day"),
            self.tr("Close %1? Its work log is locked; later changes are recorded as corrections.").replace(
                "%1", QLocale().toString(self.day, QLocale.FormatType.ShortFormat)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.close_day()

    def close_day(self) -> None:
        assert self._ctx is not None
        worklog, day = self._ctx.worklog, self.day
        self._runner.submit(lambda _t: worklog.close_day(day), lane="db", on_error=self.status.setText)

    def open_log_entry(self) -> None:
        from ui.today.log_entry_dialog import LogEntryDialog

        if self._ctx is None or not self.log_button.isEnabled():
            return
        dialog = LogEntryDialog(self._ctx, self._runner, self.day, self)
        dialog.entry_did_log.connect(lambda: self.status.setText(self.tr("Logged.")))
        dialog.open()
        self.log_dialog = dialog

    def open_targets(self) -> None:
        from ui.today.targets_dialog import TargetsDialog

        if self._ctx is None:
            return
        dialog = TargetsDialog(self._ctx, self._runner, self)
        dialog.open()
        self.targets_dialog = dialog

    def open_summary(self) -> None:
        from ui.today.daily_summary_dialog import DailySummaryDialog

        if self._ctx is None:
            return
        dialog = DailySummaryDialog(self._ctx, self._runner, self.day, self)
        dialog.open()
        self.summary_dialog = dialog

    def print_day(self, document: str) -> None:
        """The day shown, as the daily plan (`plan`) or the daily summary (`summary`)."""
        if self._ctx is None:
            return
        printing, day = self._ctx.printing, self.day
        if document == "plan":
            title, make = self.tr("Daily plan"), lambda: printing.daily_plan(day)
            name = f"每日工作计划表-{day.isoformat()}.pdf"
        else:
            title, make = self.tr("Daily summary"), lambda: printing.daily_summary(day)
            name = f"每日工作总结表-{day.isoformat()}.pdf"
        when = QLocale().toString(day, QLocale.FormatType.ShortFormat)
        self.preview = open_preview(self, self._runner, f"{title} {when}", make, name)
