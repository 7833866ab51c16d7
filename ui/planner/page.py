"""Planner (拜访计划): the week or one day of visits, to plan, move, open and close them.

Every service call goes through the task runner: reads on the `cpu` lane, writes on `db`.
A drag or a keyboard nudge moves the block at once; the page saves it, then reloads what is
shown, so a refused change (a finished visit, too short) snaps back with the reason shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from app.common.local_time import local_zone
from app.planner.records import CarryMove, SeriesInput, VisitDetail, VisitView
from app.rules.ids import ClientId, VisitId
from app.rules.working_days import calendar_note, is_working_day, next_working_day
from ui.common.i18n import current_language
from ui.common.page import Page
from ui.common.palette import set_tone
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.planner.dialog import VisitDialog, VisitForm
from ui.planner.timeline import TimelineView

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext
    from app.planner.service import PlannerService
    from ui.common.print_preview import PrintPreviewDialog

WriteResult = tuple[VisitView, list[VisitView]]  # the visit written, and the visits it clashes with


class PlannerPage(Page):
    shows = frozenset({"visits", "visit_checklist", "visit_series", "clients", "outlets"})
    interview_did_request = Signal(str, str)  # "needs" | "closing", the visit id (the shell opens it)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Planner"),
            self.tr("Visits by day and week: before, during and after each visit."),
            parent,
        )
        self._runner = runner
        self._ctx: AppContext | None = None
        self._service: PlannerService | None = None
        self.zone: tzinfo = local_zone()
        self.day = date.today()
        self.mode = "week"
        self._read = 0  # the latest read asked for; older answers are dropped
        self.visits: list[VisitView] = []
        self.dialog: VisitDialog | None = None

        self.day_button = QPushButton(self.tr("&Day"), self)
        self.week_button = QPushButton(self.tr("&Week"), self)
        modes = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            modes.addButton(button)
        self.week_button.setChecked(True)
        self.day_button.clicked.connect(lambda: self.set_mode("day"))
        self.week_button.clicked.connect(lambda: self.set_mode("week"))
        self.previous_button = QPushButton("‹", self)
        self.previous_button.setToolTip(self.tr("Previous (Page Up)"))
        self.today_button = QPushButton(self.tr("T&oday"), self)
        self.next_button = QPushButton("›", self)
        self.next_button.setToolTip(self.tr("Next (Page Down)"))
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.go_today)
        self.period = QLabel(self)
        self.period.setObjectName("plannerPeriod")
        self.new_button = QPushButton(self.tr("&New visit"), self)
        self.new_button.setToolTip(self.tr("Plan a new visit (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.new_visit())
        self.carry_button = QPushButton(self.tr("&Carry over unfinished…"), self)
        self.carry_button.setToolTip(
            self.tr(
                "Move the visits still planned on the day in focus (the day shown, or the selected visit's day) "
                "to the next working day"
            )
        )
        self.carry_button.clicked.connect(self.carry_over)
        self.print_day_action = QAction(self.tr("&Day plan…"), self)
        self.print_week_action = QAction(self.tr("&Week plan…"), self)
        self.print_button = print_button(
            self, self.tr("&Print…"), [self.print_week_action, self.print_day_action],
            self.tr("Print the week's plan or the day in focus, or save it as a PDF (Ctrl+P)"),
        )  # fmt: skip
        self.print_day_action.triggered.connect(lambda: self.print_plan("day"))
        self.print_week_action.triggered.connect(lambda: self.print_plan("week"))
        print_shortcut(self, self.print_button)
        self.preview: PrintPreviewDialog | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("plannerOverlap")
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner")  # the style sheet's banner colours
        self.banner.hide()
        self.notice = QLabel(self)
        self.notice.setObjectName("plannerNotice")

        self.week_view = TimelineView(7, self)
        self.day_view = TimelineView(1, self)
        self.views = QStackedWidget(self)
        for view in (self.day_view, self.week_view):
            scroll = QScrollArea(self)
            scroll.setWidget(view)
            scroll.setWidgetResizable(True)
            self.views.addWidget(scroll)
            view.visit_did_move.connect(self.move_visit)
            view.visit_did_resize.connect(self.resize_visit)
            view.visit_did_open.connect(self.open_visit)
            view.visit_did_request_delete.connect(self.delete_visit)
            view.slot_did_open.connect(self.new_visit)
            view.selection_did_change.connect(self._selection_did_change)
            view.move_did_refuse.connect(
                lambda: self._say(self.tr("Only a planned visit can be moved; a finished one keeps its time."), True)
            )
        self.views.setCurrentIndex(1)

        toolbar = QHBoxLayout()
        for widget in (self.day_button, self.week_button, self.previous_button, self.today_button, self.next_button):
            toolbar.addWidget(widget)
        # On a narrow window the period's text may be cut short; the buttons may not.
        self.period.setMinimumWidth(1)
        toolbar.addWidget(self.period, 1)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.carry_button)
        toolbar.addWidget(self.print_button)
        self.content.addLayout(toolbar)
        self.content.addWidget(self.banner)
        self.content.addWidget(self.views, 1)
        self.content.addWidget(self.notice)
        for keys, slot in (
            (QKeySequence.StandardKey.New, lambda: self.new_visit()),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go(-1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_period()

    def attach(self, ctx: AppContext) -> None:
        """Show `ctx`'s visits; called again when another profile (e.g. the demo) is opened."""
        self._ctx = ctx
        self._service = ctx.planner
        self.day = date.today()
        self.banner.hide()
        self.notice.clear()
        self.refresh()

    def reload_changed(self) -> None:
        self.refresh()

    # ---- what is shown -----------------------------------------------------------------

    @property
    def timeline(self) -> TimelineView:
        return self.week_view if self.mode == "week" else self.day_view

    def first_day(self) -> date:
        return self.day - timedelta(days=self.day.weekday()) if self.mode == "week" else self.day

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.week_button if mode == "week" else self.day_button).setChecked(True)
        self.views.setCurrentIndex(1 if mode == "week" else 0)
        self.refresh()
        self.timeline.setFocus()

    def go(self, step: int) -> None:
        self.day += timedelta(days=step * (7 if self.mode == "week" else 1))
        self.banner.hide()
        self.refresh()

    def go_today(self) -> None:
        self.day = date.today()
        self.refresh()

    def refresh(self) -> None:
        self._show_period()
        service = self._service
        if service is None:
            return
        self._read += 1
        read, first = self._read, self.first_day()
        last = first + timedelta(days=self.timeline.days - 1)
        self._runner.submit(
            lambda _t: (read, service.between(first, last)), on_done=self._show_visits, on_error=self._say_problem
        )

    def _show_visits(self, answer: tuple[int, list[VisitView]]) -> None:
        read, visits = answer
        if read != self._read:
            return
        self.visits = visits
        view, first = self.timeline, self.first_day()
        working = [is_working_day(first + timedelta(days=d)) for d in range(view.days)]
        view.show_days(first, working, visits, self.zone, date.today())

    def _show_period(self) -> None:
        locale = QLocale()
        first = self.first_day()
        if self.mode == "day":
            text = locale.toString(qdate(first), QLocale.FormatType.LongFormat)
            if not is_working_day(first):
                text += "  " + self.tr("(day off)")
        else:
            last = first + timedelta(days=6)
            text = (
                self.tr("%1 – %2")
                .replace("%1", locale.toString(qdate(first), QLocale.FormatType.ShortFormat))
                .replace("%2", locale.toString(qdate(last), QLocale.FormatType.ShortFormat))
            )
        self.period.setText(text)

    def _selection_did_change(self, visit_id: VisitId | None) -> None:
        visit = next((v for v in self.visits if v.id == visit_id), None)
        if visit is not None and self.mode == "week":
            self.day = visit.starts_at.date()

    # ---- writing -----------------------------------------------------------------------

    def move_visit(self, visit_id: VisitId, new_start: datetime) -> None:
        self._write(lambda s: s.move(visit_id, new_start))

    def resize_visit(self, visit_id: VisitId, new_end: datetime) -> None:
        self._write(lambda s: s.resize(visit_id, new_end))

    def _write(self, change: Callable[[PlannerService], VisitView], on_saved: Callable[[], None] | None = None) -> None:
        service = self._service
        if service is None:
            return
        # A read still on its way was asked for before this change: showing it would put the
        # visit back where it was, and the next keyboard nudge would start from there.
        self._read += 1

        def work(_task: object) -> WriteResult:
            view = change(service)
            clashes = service.overlaps(view.starts_at, view.ends_at, exclude_id=view.id) if view.overlaps else []
            return view, clashes

        def done(result: WriteResult) -> None:
            self._show_clashes(*result)
            if on_saved is not None:
                on_saved()
            self.refresh()

        self._runner.submit(work, lane="db", on_done=done, on_error=self._show_failure)

    def _show_clashes(self, visit: VisitView, clashes: list[VisitView]) -> None:
        self.notice.clear()
        if not clashes:
            self.banner.hide()
            return
        others = "; ".join(f"{c.starts_at:%H:%M}–{c.ends_at:%H:%M} {c.who}" for c in clashes)
        self.banner.setText(
            self.tr("Overlap: %1 on %2 at %3 clashes with %4. It is saved; move one of them if you cannot be at both.")
            .replace("%1", visit.who)
            .replace("%2", QLocale().toString(qdate(visit.starts_at.date()), QLocale.FormatType.ShortFormat))
            .replace("%3", f"{visit.starts_at:%H:%M}")
            .replace("%4", others)
        )
        self.banner.show()

    def _show_failure(self, text: str) -> None:
        """A change refused or failed: said in the open visit dialog, else on the page, and the
        page read again, so a block moved by hand snaps back."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_problem(text)
        else:
            self._say_problem(text)
        self.refresh()

    def _say(self, text: str, problem: bool = False) -> None:
        set_tone(self.notice, "problem" if problem else "ok")
        self.notice.setText(text)

    def _say_problem(self, text: str) -> None:
        self._say(text, True)

    def delete_visit(self, visit_id: VisitId) -> None:
        visit = next((v for v in self.visits if v.id == visit_id), None)
        if visit is None:
            return
        day = QLocale().toString(qdate(visit.starts_at.date()), QLocale.FormatType.ShortFormat)
        when = f"{day} {visit.starts_at:%H:%M}"
        if visit.series_id is not None:
            # An occurrence of a weekly visit is cancelled, so the series does not bring it back.
            question = self.tr("Cancel this week's visit to %1 on %2? The weekly visit goes on.")
        else:
            question = self.tr("Delete the visit to %1 on %2?")
        answer = QMessageBox.question(self, self.tr("Planner"), question.replace("%1", visit.who).replace("%2", when))
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._service
        if service is None:
            return
        if visit.series_id is not None:
            self._write(lambda s: s.cancel_occurrence(visit_id))
        else:
            self._runner.submit(
                lambda _t: service.delete(visit_id),
                lane="db",
                on_done=lambda _r: self.refresh(),
                on_error=self._show_failure,
            )

    def carry_over(self) -> None:
        """Ask the core where each visit still planned on the day in focus would go (free time on
        the next working day, in order, never over another visit), list that, then move them."""
        service = self._service
        if service is None:
            return
        day = self.day
        day_text = QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
        if not any(v.starts_at.date() == day and v.status == "planned" for v in self.visits):
            self._say(self.tr("No planned visits left on %1.").replace("%1", day_text))
            return
        self._runner.submit(
            lambda _t: service.carry_over_plan(day), on_done=self.confirm_carry_over, on_error=self._show_failure
        )

    def carry_over_lines(self, moves: list[CarryMove]) -> list[str]:
        locale = QLocale()
        lines = []
        for move in moves:
            line = (
                self.tr("%1 %2 → %3 %4")
                .replace("%1", f"{move.visit.starts_at:%H:%M}")
                .replace("%2", move.visit.who)
                .replace("%3", locale.toString(qdate(move.new_start.date()), QLocale.FormatType.ShortFormat))
                .replace("%4", f"{move.new_start:%H:%M}–{move.new_end:%H:%M}")
            )
            if not move.next_day:
                line += " " + self.tr("(the next working day is full)")
            lines.append(line)
        return lines

    def confirm_carry_over(self, moves: list[CarryMove]) -> None:
        service = self._service
        if service is None or not moves:
            return
        day = moves[0].visit.starts_at.date()
        locale = QLocale()
        target = next_working_day(day)
        question = (
            self.tr("Move the %1 visits still planned on %2 into free time from %3, the next working day?")
            .replace("%1", str(len(moves)))
            .replace("%2", locale.toString(qdate(day), QLocale.FormatType.LongFormat))
            .replace("%3", locale.toString(qdate(target), QLocale.FormatType.LongFormat))
        )
        # Carried into a year whose holidays are not known: the days were counted Monday to Friday.
        note = calendar_note([target, *(move.new_start.date() for move in moves)], current_language())
        text = question + ("\n" + note if note else "") + "\n\n" + "\n".join(self.carry_over_lines(moves))
        answer = QMessageBox.question(self, self.tr("Carry over unfinished visits"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(moved: list[VisitView]) -> None:
            self._say(
                self.tr("%1 visits carried over to %2.")
                .replace("%1", str(len(moved)))
                .replace("%2", locale.toString(qdate(target), QLocale.FormatType.ShortFormat))
                + (" " + note if note else "")
            )
            self.refresh()

        self._runner.submit(lambda _t: service.carry_over(day), lane="db", on_done=done, on_error=self._show_failure)

    # ---- printing ----------------------------------------------------------------------

    def print_plan(self, scope: str) -> None:
        """The week shown (`week`), or the day in focus (`day`: the day shown, or the selected
        visit's day in the week view) as the daily plan with its checklists."""
        if self._ctx is None:
            return
        printing, locale = self._ctx.printing, QLocale()
        if scope == "week":
            monday = self.day - timedelta(days=self.day.weekday())
            title = self.tr("Week plan from %1").replace(
                "%1", locale.toString(qdate(monday), QLocale.FormatType.ShortFormat)
            )
            self.preview = open_preview(self, self._runner, title, lambda: printing.week_plan(monday),
                                        f"周工作计划表-{monday.isoformat()}.pdf")  # fmt: skip
        else:
            day = self.day
            title = self.tr("Day plan %1").replace("%1", locale.toString(qdate(day), QLocale.FormatType.ShortFormat))
            self.preview = open_preview(self, self._runner, title, lambda: printing.daily_plan(day),
                                        f"每日工作计划表-{day.isoformat()}.pdf")  # fmt: skip

    # ---- the visit dialog --------------------------------------------------------------

    def new_visit(self, starts_at: datetime | None = None) -> None:
        if self._ctx is None:
            return
        if starts_at is None:
            now = datetime.now(self.zone)
            hour = min(max(now.hour + 1, 9), 17) if self.day == now.date() else 9
            starts_at = datetime(self.day.year, self.day.month, self.day.day, hour, tzinfo=self.zone)
        dialog = self._new_dialog()
        dialog.start_new(starts_at)
        dialog.open()

    def new_visit_for(self, client_id: ClientId) -> None:
        """A new visit with that client already picked (as choosing them in the search does)."""
        if self._ctx is None:
            return
        self.new_visit()
        dialog, clients = self.dialog, self._ctx.clients

        def pick(rows: list[ClientRow]) -> None:
            if dialog is None or self.dialog is not dialog or not rows:
                return
            picker = dialog.client_picker
            picker.chosen = rows[0]
            picker.show_chosen(rows[0].name, rows[0].mobile_masked)
            picker.client_did_choose.emit(rows[0])
            dialog.outlet.setFocus()  # as Enter in the search does once a client is picked

        self._runner.submit(lambda _t: clients.rows([client_id]), on_done=pick, on_error=self._say_problem)

    def open_visit(self, visit_id: VisitId) -> None:
        service = self._service
        if service is None:
            return

        def show(detail: VisitDetail) -> None:
            dialog = self._new_dialog()
            dialog.load(detail)
            dialog.open()

        self._runner.submit(lambda _t: service.get(visit_id), on_done=show, on_error=self._say_problem)

    def _new_dialog(self) -> VisitDialog:
        assert self._ctx is not None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = VisitDialog(self._runner, self._ctx, self.zone, self)
        self.dialog.form_did_submit.connect(self._save_form)
        self.dialog.interview_did_request.connect(self.interview_did_request)
        return self.dialog

    def _save_form(self, form: VisitForm) -> None:
        dialog = self.dialog

        def change(service: PlannerService) -> VisitView:
            data = form.data
            if form.visit_id is not None:
                view = service.update(form.visit_id, data)
                if form.status != view.status:
                    view = service.set_status(
                        form.visit_id,
                        form.status,
                        outcome=data.outcome,
                        new_start=form.new_start,
                        sales_step=data.sales_step,
                    )
                return view
            if not form.repeat_weekly:
                return service.create(data)
            local = data.starts_at.astimezone(self.zone)
            occurrences = service.create_series(
                SeriesInput(
                    kind=data.kind,
                    purpose=data.purpose,
                    weekday=local.isoweekday(),
                    starts_on=local.date(),
                    start_time=local.time(),
                    duration_minutes=int((data.ends_at - data.starts_at).total_seconds() // 60),
                    client_id=data.client_id,
                    outlet_id=data.outlet_id,
                    location=data.location,
                )
            )
            first = occurrences[0]
            if first.starts_at == local:
                # What was typed for the first visit (agenda, checklist) belongs to it.
                return service.update(first.id, data)
            return first

        def close() -> None:
            if dialog is not None:
                dialog.accept()

        self._write(change, on_saved=close)
