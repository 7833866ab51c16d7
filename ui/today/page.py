"""Today: the day's agenda, what is due, progress against the targets, one-click logging.

All of it comes from the core's TodayService on a worker; logging and closing the day go
through the db lane. What this page or any other writes comes back through the change relay
(`shows`), so nothing here reloads by hand after a write. On an empty profile the page first
offers the demo profile.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.reference.deadlines import dismiss_moved, moved_notice, today_calendar_dates
from app.rules.working_days import calendar_note
from ui.common.i18n import current_language
from ui.common.page import Page
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.common.visit_texts import PlannerTexts
from ui.today.week_chart import WeekChart
from ui.today.widgets import (
    OLD_LINE,
    RECORD_ROLE,
    ProgressLine,
    ProgressPanel,
    QuickLogBar,
    ReminderLine,
    ReminderList,
    SnoozeDialog,
)

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.today import Reminder, TodayData
    from app.day.week import WeekProgress
    from app.reference.deadlines import MovedNotice
    from app.sales_forms.briefing import Briefing
    from app.sales_forms.calls import CallRecordView
    from ui.common.print_preview import PrintPreviewDialog


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
        self.button = QPushButton(self.tr("Open d&emo profile"), self)
        self.button.clicked.connect(self.offer_did_accept)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)


class TodayPage(Page):
    demo_did_request = Signal()
    # Acting on a row: the shell routes these to the page that can do it (ui/shell/main_window.py).
    visit_did_request = Signal(str)  # visit id: open it (purpose, 3S checklist, outcome)
    client_did_request = Signal(str)  # client id: open the card
    plan_visit_did_request = Signal(str)  # client id
    proposal_did_request = Signal(str)  # client id: a new proposal for them
    prospect_did_request = Signal()  # capture a new prospect (准客户): name and phone, no ID
    interview_did_request = Signal(str, str)  # "needs" | "closing", the visit id: the form held on it
    call_did_request = Signal(str, object)  # client id, day: a new call record (电话邀约记录表)
    calls_did_request = Signal(object)  # day: its calls, morning notes and news (ui/sales_forms)
    # The agenda, reminders (cards, dates, products, receipts, head office's letters, policies),
    # progress (the work log and the prospects captured, against the day's plan or the default
    # targets), the week chart and the day's lock.
    shows = frozenset({
        "visits", "worklog", "daily_plans", "settings", "clients", "client_dates", "client_products",
        "receipts", "hq_letters", "proposals", "reminder_actions", "prospects",
        "call_records", "morning_notes", "news_excerpts",
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
        self.log_button = QPushButton(self.tr("Lo&g a contact…"), self)
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
        # A due date in a year the calendar does not cover: one line for the page, not per row.
        self.calendar_warning = QLabel(self)
        self.calendar_warning.setObjectName("calendarWarning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.hide()
        # Deadlines the arrival of a year's holidays moved (app/reference/deadlines.py), until hidden.
        self.moved_box = QFrame(self)
        self.moved_box.setObjectName("deadlinesMoved")
        self.moved_text = QLabel(self.moved_box)
        self.moved_text.setWordWrap(True)
        self.moved_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                | Qt.TextInteractionFlag.TextSelectableByMouse)  # fmt: skip
        self.hide_moved = QPushButton(self.tr("&Hide this notice"), self.moved_box)
        self.hide_moved.clicked.connect(self.dismiss_moved)
        moved_row = QHBoxLayout(self.moved_box)
        moved_row.setContentsMargins(0, 0, 0, 0)
        moved_row.addWidget(self.moved_text, 1)
        moved_row.addWidget(self.hide_moved)
        self.moved_box.hide()

        nav = QHBoxLayout()
        for widget in (self.previous, self.today_button, self.next):
            nav.addWidget(widget)
        nav.addWidget(self.closed_label)
        nav.addStretch(1)
        nav.addWidget(self.log_button)
        nav.addWidget(self.summary_button)
        # Care messages (关怀短信): the day's worklist, in ui/today/care_dialog.py.
        self.care_button = QPushButton(self.tr("Care &messages…"), self)
        self.care_button.setToolTip(self.tr("Whom to send a care message today, and in what words"))
        self.care_button.clicked.connect(self.open_care_messages)
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
        self.content.addWidget(self.calendar_warning)
        self.content.addWidget(self.moved_box)
        # This week beside today's bars (ui/today/week_chart.py): read again with the page.
        self.week_chart = WeekChart(self)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.week_chart, 1)
        self.content.addLayout(progress_row)
        # Beside the one-click counts: the care list is where the 关怀短信 count comes from.
        quick_row = QHBoxLayout()
        quick_row.addWidget(self.quick, 1)
        # The two lists stacked, not side by side: the page stays narrow enough for 1,024 px.
        lists = QVBoxLayout()
        quick_row.addLayout(lists)
        lists.addWidget(self.care_button)
        # 电话邀约, 早会 and 财经要闻 of the day: one line here, the forms in ui/sales_forms (the shell opens them).
        self.calls_button = QPushButton(self.tr("Calls and mor&ning notes…"), self)
        self.calls_button.setToolTip(self.tr("The day's phone invitations, morning meeting notes and news"))
        self.calls_button.clicked.connect(lambda: self.calls_did_request.emit(self.day))
        lists.addWidget(self.calls_button)
        self.morning_line = QLabel(self)
        self.morning_line.setObjectName("todayMorning")
        self.morning_line.setWordWrap(True)
        self.morning_line.hide()
        self.content.addWidget(self.morning_line)
        self.content.addLayout(quick_row)
        self.content.addWidget(self.status)
        self.content.addWidget(split, 1)

        self.previous.clicked.connect(lambda: self.show_day(self.day - timedelta(days=1)))
        self.next.clicked.connect(lambda: self.show_day(self.day + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.show_day(date.today()))
        QShortcut(QKeySequence("Alt+Left"), self).activated.connect(self.previous.click)
        QShortcut(QKeySequence("Alt+Right"), self).activated.connect(self.next.click)
        self.quick.quick_did_request.connect(self.log_quick)
        self.close_button.clicked.connect(self.ask_close_day)
        self.summary_button.clicked.connect(self.open_summary)
        self.log_button.clicked.connect(lambda: self.open_log_entry())
        self.targets_button.clicked.connect(self.open_targets)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.open_log_entry)
        self._wire_rows()
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
        self.blurb.setText(QLocale().toString(qdate(self.day), QLocale.FormatType.LongFormat))

    def reload(self) -> None:
        if self._ctx is None:
            return
        today, day = self._ctx.today, self.day
        self._runner.submit(lambda _t: today.build(day), on_done=self.show_data, on_error=self.status.setText)
        plans = self._ctx.daily_plans
        self._runner.submit(lambda _t: plans.week(day), on_done=self._show_week, on_error=self.status.setText)
        settings = self._ctx.settings
        self._runner.submit(lambda _t: moved_notice(settings), on_done=self._show_moved, on_error=self.status.setText)
        calls, briefing = self._ctx.call_records, self._ctx.briefing
        self._runner.submit(lambda _t: (day, calls.day(day), briefing.day(day)), on_done=self._show_morning,
                            on_error=self.status.setText)  # fmt: skip

    def _show_morning(self, loaded: tuple[date, list[CallRecordView], Briefing]) -> None:
        """One line: the calls to make, the morning meeting's points and the news titles."""
        day, calls, briefing = loaded
        if day != self.day:
            return
        parts = []
        if calls:
            prepared = sum(1 for c in calls if c.status == "prepared")
            text = self.tr("Calls: %1 to make, %2 made").replace("%1", str(prepared))
            parts.append(text.replace("%2", str(len(calls) - prepared)))
        points = [p for note in briefing.notes for p in note.points.split("\n") if p.strip()]
        if points:
            parts.append(self.tr("Morning meeting: %1").replace("%1", " / ".join(points)))
        if briefing.news:
            parts.append(self.tr("News: %1").replace("%1", " / ".join(n.title for n in briefing.news)))
        self.morning_line.setText(" · ".join(parts))
        self.morning_line.setVisible(bool(parts))

    def _show_moved(self, notice: MovedNotice | None) -> None:
        self.moved_text.setText(notice.text(current_language()) if notice else "")
        self.moved_box.setVisible(notice is not None)

    def dismiss_moved(self) -> None:
        if self._ctx is None:
            return
        settings = self._ctx.settings
        self.moved_box.hide()  # the settings write comes back through the change relay and reloads
        self._runner.submit(lambda _t: dismiss_moved(settings), lane="db", on_error=self.status.setText)

    def _show_week(self, week: WeekProgress) -> None:
        if week.day == self.day:
            self.week_chart.show_week(week)

    def show_data(self, data: TodayData) -> None:
        if data.day != self.day:
            return  # the user moved on to another day meanwhile
        self.data = data
        note = calendar_note(today_calendar_dates(data), current_language())
        self.calendar_warning.setText(note or "")
        self.calendar_warning.setVisible(note is not None)
        self.progress.show_progress([ProgressLine(p.measure, p.actual, p.target) for p in data.progress])
        self.quick.set_enabled_for_day(not data.day_closed)
        self.log_button.setEnabled(not data.day_closed)
        self.close_button.setEnabled(not data.day_closed)
        self.closed_label.setText(self.tr("Closed: changes are corrections") if data.day_closed else "")
        self._show_agenda(data)
        self.reminders.show_groups(
            [(group, [self._line(r) for r in data.group(group)]) for group in ("today", "overdue", "coming")],
            data.old_follow_up_count,
        )
        total = data.reminder_count + data.old_follow_up_count
        overdue = data.overdue_count + data.old_follow_up_count
        text = self.tr("Due soon: %n reminder(s)", "", total)
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        if data.reminder_count > len(data.reminders):
            text += " · " + self.tr("the first %1 shown").replace("%1", str(len(data.reminders)))
        self.reminder_count.setText(text)

    def _show_agenda(self, data: TodayData) -> None:
        purposes, statuses = self.texts.purposes(), self.texts.statuses()
        self.agenda.clear()
        for visit in data.agenda:
            when = f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}"
            item = QTreeWidgetItem(
                [
                    when,
                    visit.who,
                    purposes.get(visit.purpose, visit.purpose),
                    statuses.get(visit.status, visit.status),
                    visit.location,
                ]
            )
            item.setData(0, RECORD_ROLE, visit)
            self.agenda.addTopLevelItem(item)
        for follow_up in data.follow_ups:
            item = QTreeWidgetItem(
                [
                    "",
                    follow_up.client_name,
                    self.tr("Revisit after purchase: %1").replace("%1", follow_up.detail),
                    "",
                ]
            )
            item.setData(0, RECORD_ROLE, follow_up)
            self.agenda.addTopLevelItem(item)
        if not data.agenda and not data.follow_ups:
            self.agenda.addTopLevelItem(QTreeWidgetItem(["", self.tr("No visits planned")]))

    def _line(self, r: Reminder) -> ReminderLine:
        letters = self.reminders.letter_kinds()
        counted = self.reminders.counted_from().get(r.counted_from or "")
        reply = self.reminders.replies().get(r.reply or "")
        # A letter's line says what the manual has the manager do with that kind (issue 19).
        todo = {
            "review": self.tr("client signs to confirm"), "medical_exam": self.tr("book the examination"),
            "investigation": self.tr("arrange the investigator's visit"),
            "financial_evidence": self.tr("collect the documents"), "health_evidence": self.tr("collect the documents"),
            "decision": self.tr("client accepts or declines, both sign"), "problem": self.tr("answer head office"),
        }.get(r.letter_kind or "", "") if r.kind == "letter_due" else ""  # fmt: skip
        return ReminderLine(
            r.kind,
            r.client_name,
            _short(r.due_on),
            " · ".join(filter(None, (letters.get(r.letter_kind or "", r.letter_kind), todo, reply, r.detail, counted))),
            r.overdue,
            r,
        )

    # ---- acting on a row: Enter or double-click opens, the menu key or Shift+F10 offers the rest ----

    def _wire_rows(self) -> None:
        self.menu: QMenu | None = None
        self.snooze_dialog: SnoozeDialog | None = None
        self.dismiss_dialog: QInputDialog | None = None
        for tree in (self.agenda, self.reminders):
            tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tree.customContextMenuRequested.connect(lambda pos, t=tree: self.open_menu(t, pos))
            tree.itemActivated.connect(lambda item, _column: self.open_record(item))
            tree.installEventFilter(self)  # the menu key and Shift+F10 open the row's menu
        self.reminders.itemExpanded.connect(self._old_expanded)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.agenda, self.reminders) and isinstance(event, QKeyEvent):
            menu_key = event.key() == Qt.Key.Key_Menu or (
                event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            )
            if menu_key and event.type() == QEvent.Type.KeyPress:
                self.open_menu(watched, None)
                return True
        return super().eventFilter(watched, event)

    def open_record(self, item: QTreeWidgetItem) -> None:
        """Enter or double-click: a visit opens in the planner; a reminder opens its client card."""
        record = item.data(0, RECORD_ROLE)
        if record == OLD_LINE:
            item.setExpanded(not item.isExpanded())
        elif _is_visit(record):
            self.visit_did_request.emit(record.visit_id)
        elif record is not None and record.client_id:
            self.client_did_request.emit(record.client_id)

    def open_menu(self, tree: QTreeWidget, pos: QPoint | None) -> None:
        item = tree.itemAt(pos) if pos is not None else None
        item = item or tree.currentItem()
        if item is None:
            return
        tree.setCurrentItem(item)
        menu = self.row_menu(item)
        if menu is None:
            return
        where = pos if pos is not None else tree.visualItemRect(item).bottomLeft()
        menu.popup(tree.viewport().mapToGlobal(where))

    def row_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """The actions for one row, each with an accelerator; kept in `self.menu` (tests use it)."""
        record = item.data(0, RECORD_ROLE)
        if record is None or record == OLD_LINE:
            return None
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QMenu(self)

        def add(name: str, text: str, slot: object) -> None:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(slot)

        client_id = record.client_id
        if _is_visit(record):
            add("open_visit", self.tr("&Open the visit"), lambda: self.visit_did_request.emit(record.visit_id))
            if record.kind == "client":
                forms = (("needs", self.tr("Needs &interview…")), ("closing", self.tr("Closin&g interview…")))
                for form, text in forms:
                    add(
                        f"{form}_interview",
                        text,
                        lambda _=False, f=form: self.interview_did_request.emit(f, record.visit_id),
                    )
        elif client_id:
            add("open_card", self.tr("&Open the client card"), lambda: self.client_did_request.emit(client_id))
        if not _is_visit(record):
            menu.addSeparator()
            add("done", self.tr("Mark &done"), lambda: self.act(record, "done"))
            add("snooze_tomorrow", self.tr("Snooze until &tomorrow"), lambda: self.act(record, "snooze", 1))
            add("snooze_week", self.tr("Snooze for a &week"), lambda: self.act(record, "snooze", 7))
            add("snooze_date", self.tr("Snooze until a d&ate…"), lambda: self.ask_snooze(record))
            add("dismiss", self.tr("D&ismiss…"), lambda: self.ask_dismiss(record))
        if client_id:
            menu.addSeparator()
            if _is_visit(record):
                add("open_card", self.tr("Open the &client card"), lambda: self.client_did_request.emit(client_id))
            add("log_contact", self.tr("&Log a contact…"), lambda: self.open_log_entry(client_id))
            add("phone_invitation", self.tr("Phone in&vitation…"), lambda: self.call_did_request.emit(client_id,
                                                                                                 self.day))  # fmt: skip
            add("plan_visit", self.tr("&Plan a visit…"), lambda: self.plan_visit_did_request.emit(client_id))
            add("new_proposal", self.tr("New p&roposal…"), lambda: self.proposal_did_request.emit(client_id))
        return menu

    def act(self, reminder: Reminder, action: str, days: int = 0, reason: str = "") -> None:
        """Done, snoozed (to `days` after the day shown) or dismissed; Today reloads through the
        change relay, and the occurrence stays away until the snooze runs out."""
        from app.day.reminders import Occurrence

        if self._ctx is None:
            return
        actions, day = self._ctx.reminder_actions, self.day
        occurrence = Occurrence(reminder.kind, reminder.subject_id, reminder.occurrence)
        until = day + timedelta(days=days)
        if action == "done":
            work, said = (lambda _t: actions.done(occurrence)), self.tr("Marked done.")
        elif action == "snooze":
            work = lambda _t: actions.snooze(occurrence, until, day)  # noqa: E731
            said = self.tr("Snoozed until %1.").replace("%1", _short(until))
        else:
            work, said = (lambda _t: actions.dismiss(occurrence, reason)), self.tr("Dismissed.")
        self._runner.submit(work, lane="db", on_done=lambda _r: self.status.setText(said), on_error=self.status.setText)

    def ask_snooze(self, reminder: Reminder) -> None:
        dialog = self.snooze_dialog = SnoozeDialog(self.day, self)
        dialog.accepted.connect(lambda: self.act(reminder, "snooze", (dialog.chosen() - self.day).days))
        dialog.open()

    def ask_dismiss(self, reminder: Reminder) -> None:
        dialog = self.dismiss_dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Dismiss the reminder"))
        dialog.setLabelText(self.tr("&Why is it not needed?"))
        dialog.textValueSelected.connect(lambda reason: self.act(reminder, "dismiss", reason=reason))
        dialog.open()

    def _old_expanded(self, item: QTreeWidgetItem) -> None:
        if item.data(0, RECORD_ROLE) != OLD_LINE or item.childCount() or self._ctx is None:
            return
        today, day = self._ctx.today, self.day

        def show(rows: list[Reminder]) -> None:
            if day == self.day:
                self.reminders.fill_old([self._line(r) for r in rows])

        self._runner.submit(lambda _t: today.old_follow_ups(day), on_done=show, on_error=self.status.setText)

    def log_quick(self, kind: str, quantity: int) -> None:
        if self._ctx is None:
            return
        if kind == "visit":
            # An effective visit needs how far the conversation got (and may be a planned visit):
            # a bare +1 counted nothing (no step, not effective) while saying "Logged".
            from ui.today.quick_log_dialog import QuickVisitDialog

            dialog = QuickVisitDialog(self._ctx, self._runner, self.day, self)
            dialog.entry_did_log.connect(lambda _entry: self.status.setText(self.tr("Logged.")))
            dialog.open()
            self.quick_visit_dialog = dialog
            return
        if kind == "prospect":
            # A prospect is someone to call back, not a number: the capture dialog (name and phone)
            # adds them to the prospect list, and the count comes from that list.
            self.prospect_did_request.emit()
            return
        worklog, day = self._ctx.worklog, self.day
        self._runner.submit(
            lambda _t: worklog.quick(kind, day, quantity),
            lane="db",
            on_done=lambda _entry: self.status.setText(self.tr("Logged.")),
            on_error=self.status.setText,
        )

    def ask_close_day(self) -> None:
        """结束当天: the dialog lists the visits still planned (done, cancel, carry over or leave each)
        and then locks the day's log."""
        from ui.today.daily_summary_dialog import CloseDayDialog

        if self._ctx is None:
            return
        dialog = CloseDayDialog(self._ctx, self._runner, self.day, self)
        dialog.open()
        self.close_day_dialog = dialog

    def close_day(self) -> None:
        assert self._ctx is not None
        worklog, day = self._ctx.worklog, self.day
        self._runner.submit(lambda _t: worklog.close_day(day), lane="db", on_error=self.status.setText)

    def open_log_entry(self, client_id: str = "") -> None:
        """The full log form; from a client's row, with that client already picked."""
        from ui.today.log_entry_dialog import LogEntryDialog

        if self._ctx is None or not self.log_button.isEnabled():
            return
        dialog = LogEntryDialog(self._ctx, self._runner, self.day, self)
        if client_id:
            dialog.pick_client(client_id)
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

    def open_care_messages(self) -> None:
        from ui.today.care_dialog import CareDialog

        if self._ctx is None:
            return
        dialog = CareDialog(self._ctx, self._runner, self.day, self)
        dialog.open()
        self.care_dialog = dialog

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
        when = QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)
        self.preview = open_preview(self, self._runner, f"{title} {when}", make, name)


def _short(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def _is_visit(record: object) -> bool:
    from app.day.today import AgendaVisit

    return isinstance(record, AgendaVisit)
