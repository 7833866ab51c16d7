"""Main window: navigation on the left, one page at a time, status bar below.

It is built and shown before any profile is open; `attach` hands it the profile's context.
Only the page on screen is built before the first paint; the others are imported and built
right after it, so start-up does not grow with every page the product gains.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.rules.ids import ClientId, VisitId
from ui.common.change_relay import ChangeRelay
from ui.common.page import Page
from ui.common.task_runner import TaskRunner
from ui.shell.idle_lock import LOCK_KEY, IdleLock
from ui.shell.status_bar import StatusBar
from ui.sync.scheduler import SyncScheduler

if TYPE_CHECKING:
    from app.context import AppContext
    from ui.clients.page import ClientsPage
    from ui.prospects.panel import ProspectsPanel
    from ui.today.page import TodayPage


class Pages(IntEnum):
    """The pages in the order of the navigation list (Ctrl+1…7)."""

    TODAY = 0
    PLANNER = 1
    CLIENTS = 2
    PROPOSALS = 3
    RECEIPTS = 4
    SYNC = 5
    SUMMARIES = 6  # weekly and monthly summaries, targets (ui/summaries)


# The navigation's icons (qtawesome names), in the order of Pages.
PAGE_ICONS = (
    "fa5s.sun",  # Today
    "fa5s.calendar-alt",  # Planner
    "fa5s.address-book",  # Clients
    "fa5s.file-signature",  # Proposals
    "fa5s.receipt",  # Receipts
    "fa5s.sync-alt",  # Sync
    "fa5s.chart-bar",  # Summaries
)
# Screens up to this wide (1366 and 1440 px laptops) get the whole screen at the first start.
MAXIMISE_UP_TO = 1440
log = logging.getLogger(__name__)
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
PAGE_KEY = "main_window/page"


class MainWindow(QMainWindow):
    window_did_show = Signal()
    demo_did_request = Signal()

    def __init__(self, runner: TaskRunner, settings: QSettings) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.runner = runner
        self._settings = settings
        self._shown_once = False
        self._closed = False  # set on close: nothing more is built or started
        self.setWindowTitle(self.tr("BranchDesk"))

        self._ctx_offer: tuple[AppContext, bool] | None = None
        self._built: dict[int, Page] = {}
        self.prospects: ProspectsPanel | None = None  # built with the Clients page (its tab)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(172)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        for title in self.page_titles():
            self.nav.addItem(QListWidgetItem(title))  # icons after the first paint (show_icons)
            self.stack.addWidget(QWidget())  # stands in until the page is built
        self.nav.currentRowChanged.connect(self._switch_to)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(runner, self)
        self.setStatusBar(self.status)
        # What the core commits reaches every page and the status bar; each decides if it shows it.
        self.changes = ChangeRelay(self)
        self.changes.changes_did_happen.connect(self.status.note_changes)
        self.status.update_did_request.connect(lambda: self.show_page(Pages.SYNC))
        self.sync_scheduler = SyncScheduler(runner, self)
        self.idle_lock = IdleLock(runner, self)
        self.idle_lock.lock_did_fail.connect(self.status.say)
        self._wire_sync()
        self._add_shortcuts()
        self._add_security_menu()
        self._restore_geometry()

    def page_titles(self) -> list[str]:
        return [
            self.tr("Today"),
            self.tr("Planner"),
            self.tr("Clients"),
            self.tr("Proposals"),
            self.tr("Receipts"),
            self.tr("Sync"),
            self.tr("Summaries"),
        ]

    def _make_page(self, index: int) -> Page:
        # Imported here, not at the top: see the module's docstring.
        if index == Pages.TODAY:
            from ui.today.page import TodayPage

            today = TodayPage(self.runner)
            today.demo_did_request.connect(self.demo_did_request)
            # Today acts through the pages that can: it never imports them (README "Layout").
            today.visit_did_request.connect(self.open_visit)
            today.client_did_request.connect(self.open_client)
            today.plan_visit_did_request.connect(self.plan_visit)
            today.proposal_did_request.connect(self.new_proposal)
            today.prospect_did_request.connect(self.capture_prospect)
            today.call_did_request.connect(self.new_call)
            today.calls_did_request.connect(self.open_day_forms)
            today.interview_did_request.connect(self.open_interview)
            return today
        if index == Pages.PLANNER:
            from ui.planner.page import PlannerPage

            planner = PlannerPage(self.runner)
            planner.interview_did_request.connect(self.open_interview)
            return planner
        if index == Pages.CLIENTS:
            from ui.clients.page import ClientsPage
            from ui.outlets.page import OutletsPanel

            clients, outlets = ClientsPage(self.runner), OutletsPanel(self.runner)
            clients.form_did_request.connect(self.open_sales_form)
            clients.add_outlet_files(outlets, outlets.attach)
            outlets.outlets_did_change.connect(clients.outlets_changed)
            from ui.prospects.panel import ProspectsPanel

            prospects = ProspectsPanel(self.runner)
            self.prospects = prospects
            clients.add_prospects(prospects, prospects.attach)
            prospects.client_did_request.connect(clients.open_card)
            # A panel, not a page: it hears the change relay itself (app/changes.py).
            self.changes.changes_did_happen.connect(prospects.note_changes)
            return clients
        if index == Pages.PROPOSALS:
            from ui.proposals.page import ProposalsPage

            return ProposalsPage(self.runner)
        if index == Pages.RECEIPTS:
            from ui.receipts.page import ReceiptsPage

            return ReceiptsPage(self.runner)
        if index == Pages.SUMMARIES:
            from ui.summaries.page import SummariesPage

            return SummariesPage(self.runner)
        from ui.sync.page import SyncPage

        sync = SyncPage(self.runner)
        sync.follow(self.sync_scheduler)
        return sync

    def page(self, index: int) -> Page:
        """The page at `index`, built (and given the profile) on first use."""
        if index not in self._built:
            page = self._make_page(index)
            self._built[index] = page
            stand_in = self.stack.widget(index)
            current = self.stack.currentIndex()
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            self.stack.insertWidget(index, page)
            self.stack.setCurrentIndex(current)
            self.changes.changes_did_happen.connect(page.note_changes)
            if self._ctx_offer is not None:
                self._attach_page(index, *self._ctx_offer)
        return self._built[index]

    @property
    def pages(self) -> list[Page]:
        return [self.page(i) for i in range(self.stack.count())]

    @property
    def today(self) -> TodayPage:
        return self.page(Pages.TODAY)  # type: ignore[return-value]

    @property
    def clients(self) -> ClientsPage:
        return self.page(Pages.CLIENTS)  # type: ignore[return-value]

    # ---- routing between pages: a page asks, the page that can do it does it -------------------

    def open_visit(self, visit_id: str) -> None:
        """The planner's visit dialog (purpose, 3S checklist, outcome), over the page asking."""
        from ui.planner.page import PlannerPage

        planner = self.page(Pages.PLANNER)
        assert isinstance(planner, PlannerPage)
        planner.open_visit(VisitId(visit_id))

    def open_client(self, client_id: str) -> None:
        self.clients.open_card(ClientId(client_id))

    def plan_visit(self, client_id: str) -> None:
        """The planner, on its day, with a new visit for the client."""
        from ui.planner.page import PlannerPage

        planner = self.page(Pages.PLANNER)
        assert isinstance(planner, PlannerPage)
        self.show_page(Pages.PLANNER)
        planner.new_visit_for(ClientId(client_id))

    def capture_prospect(self) -> None:
        """The prospect capture dialog over the page the user is on (Today's 新增准客户)."""
        self.page(Pages.CLIENTS)  # builds the Clients page and its prospects tab
        assert self.prospects is not None
        self.prospects.new_prospect()

    def new_proposal(self, client_id: str) -> None:
        """The proposals page with a new draft, its policyholder filled from the client's card."""
        from ui.proposals.page import ProposalsPage

        proposals = self.page(Pages.PROPOSALS)
        assert isinstance(proposals, ProposalsPage)
        self.show_page(Pages.PROPOSALS)
        proposals.new_proposal_for(ClientId(client_id))

    # ---- the sales forms (ui/sales_forms): opened over the page asking ---------------------------

    def new_call(self, client_id: str, day: object) -> None:
        """电话邀约记录表 for the client, on the day shown (prepared the evening before for tomorrow)."""
        from datetime import date

        from ui.sales_forms.call_dialog import CallRecordDialog

        if self.ctx is None:
            return
        chosen = day if isinstance(day, date) else None
        self.form_dialog: QDialog = CallRecordDialog(self.ctx, self.runner, client_id=client_id, day=chosen,
                                                     parent=self)  # fmt: skip
        self.form_dialog.open()

    def open_day_forms(self, day: object) -> None:
        """The day's calls, morning meeting notes and news excerpts."""
        from datetime import date

        from ui.sales_forms.day_dialog import DayFormsDialog

        if self.ctx is None or not isinstance(day, date):
            return
        self.form_dialog = DayFormsDialog(self.ctx, self.runner, day, self)
        self.form_dialog.open()

    def open_sales_form(self, kind: str, record_id: str) -> None:
        """A form from a client's history: call_record | needs_interview | closing_interview."""
        from PySide6.QtWidgets import QApplication

        if self.ctx is None:
            return
        parent = QApplication.activeModalWidget() or self
        if kind == "call_record":
            from ui.sales_forms.call_dialog import CallRecordDialog

            dialog: QDialog = CallRecordDialog(self.ctx, self.runner, record_id=record_id, parent=parent)
            self.form_dialog = dialog
            dialog.open()
        elif kind == "closing_interview":
            from ui.sales_forms.closing_dialog import open_closing_interview

            closing = open_closing_interview(parent, self.ctx, self.runner, interview_id=record_id)
            closing.proposal_did_request.connect(self.open_proposal)
        else:
            from ui.sales_forms.needs_dialog import open_needs_interview

            open_needs_interview(parent, self.ctx, self.runner, interview_id=record_id)

    def open_interview(self, kind: str, visit_id: str) -> None:
        """需求面谈表 or 成交面谈记录表 held on a visit, over the dialog or page asking (ui/sales_forms)."""
        from PySide6.QtWidgets import QApplication

        if self.ctx is None:
            return
        parent = QApplication.activeModalWidget() or self
        if kind == "closing":
            from ui.sales_forms.closing_dialog import open_closing_interview

            dialog = open_closing_interview(parent, self.ctx, self.runner, visit_id=visit_id)
            dialog.proposal_did_request.connect(self.open_proposal)
        else:
            from ui.sales_forms.needs_dialog import open_needs_interview

            open_needs_interview(parent, self.ctx, self.runner, visit_id=visit_id)

    def open_proposal(self, proposal_id: str) -> None:
        """The Proposals page with the proposal's editor open (a closed interview's new proposal)."""
        from app.rules.ids import ProposalId
        from ui.proposals.page import ProposalsPage

        proposals = self.page(Pages.PROPOSALS)
        assert isinstance(proposals, ProposalsPage)
        self.show_page(Pages.PROPOSALS)
        proposals.open_editor(ProposalId(proposal_id))
        proposals.reload()

    def _switch_to(self, index: int) -> None:
        self.page(index)
        self.stack.setCurrentIndex(index)

    def _build_the_rest(self) -> None:
        if self._closed:
            return  # closed meanwhile
        for index in range(self.stack.count()):
            if index not in self._built:
                self.page(index)
                # One page per turn of the event loop keeps the window responsive meanwhile.
                QTimer.singleShot(0, self._build_the_rest)
                return

    def attach(self, ctx: AppContext, offer_demo: bool) -> None:
        self.ctx = ctx
        self.setWindowTitle(self.tr("BranchDesk (demo profile)") if ctx.is_demo else self.tr("BranchDesk"))
        self._ctx_offer = (ctx, offer_demo)
        self.changes.attach(ctx)
        for index in self._built:
            self._attach_page(index, ctx, offer_demo)
        self.sync_scheduler.attach(ctx)
        self.status.attach(ctx)
        self.idle_lock.attach(ctx)
        # The other pages are built only now: their imports (reportlab, the proposal editor…)
        # would otherwise compete for the interpreter with the worker opening the profile, and
        # the profile is what makes the window usable.
        QTimer.singleShot(0, self._build_the_rest)

    def _attach_page(self, index: int, ctx: AppContext, offer_demo: bool) -> None:
        page = self._built[index]
        if index == Pages.TODAY:
            page.attach(ctx, offer_demo)  # type: ignore[attr-defined]
        elif hasattr(page, "attach"):
            page.attach(ctx)

    def _wire_sync(self) -> None:
        scheduler, status = self.sync_scheduler, self.status
        status.connection_did_change.connect(scheduler.note_connection)
        scheduler.sync_did_start.connect(status.show_sync_started)
        scheduler.sync_did_progress.connect(status.show_sync_progress)
        scheduler.sync_did_end.connect(status.show_sync_ended)

    def _add_shortcuts(self) -> None:
        for index in range(self.stack.count()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            self.addAction(action)
        self.quit_action = quit_action = QAction(self.tr("&Quit"), self)
        # The platform's quit key is not Ctrl+Q everywhere; managers expect Ctrl+Q too. Where the
        # platform's is Ctrl+Q itself, listing it twice made Qt call the key ambiguous and fire neither.
        keys = [QKeySequence("Ctrl+Q")]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) if k not in keys]
        quit_action.setShortcuts(keys)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def _add_security_menu(self) -> None:
        # One menu, on Alt+F, which no page uses: the menus' letters must not take a page button's
        # (Alt+S is Sync now, Alt+T Targets…, Alt+I Import…; tests/ui/test_input_policy.py checks).
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = menu.addAction(self.tr("&Settings…"))
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings_dialog)
        self.security_action = menu.addAction(self.tr("Sec&urity…"))
        self.security_action.triggered.connect(self.open_security_dialog)
        # The key itself is caught by the idle lock's filter, so it works in a modal dialog too.
        self.lock_action = menu.addAction(self.tr("&Lock now") + "\t" + LOCK_KEY.toString(
            QKeySequence.SequenceFormat.NativeText))  # fmt: skip
        self.lock_action.triggered.connect(self.idle_lock.lock_now)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def open_settings_dialog(self) -> None:
        if self.ctx is None:
            return
        from ui.shell.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.ctx, self.runner, self._settings, self)
        self.settings_dialog.security_did_save.connect(self._security_did_save)
        self.settings_dialog.open()

    def open_security_dialog(self) -> None:
        if self.ctx is None:
            return
        from ui.shell.security_dialog import SecurityDialog

        dialog = SecurityDialog(self.ctx, self.runner, self)
        dialog.settings_did_save.connect(self._security_did_save)
        dialog.open()

    def _security_did_save(self, minutes: int, pin_changed: bool) -> None:
        self.idle_lock.set_idle_interval(minutes * 60_000)
        if pin_changed:
            self.idle_lock.pin_did_change()

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        # Into the page, not the navigation list: its own keys (Ctrl+N, F5, Delete…) work at once.
        self.page(index).focus_first()

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self._first_size()
        state = self._settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)
        page = self._settings.value(PAGE_KEY, 0)  # an int, or its text from the .ini file
        self.nav.setCurrentRow(int(page) if isinstance(page, int | str) else 0)

    def _first_size(self) -> None:
        """No saved geometry: the whole screen on a laptop (up to MAXIMISE_UP_TO px wide), else a
        roomy window of 1280×800 at most, centred."""
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry()
        if available.width() <= MAXIMISE_UP_TO:
            # The screen's size too, for a desktop without a window manager to maximise it.
            self.setGeometry(available)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            return
        self.resize(min(1280, available.width()), min(800, available.height()))
        self.move(available.center() - self.rect().center())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange and self._shown_once:
            self.show_icons()  # light/dark switched: the icons follow

    def show_icons(self) -> None:
        """The navigation's icons. Set after the window is first shown: qtawesome and its icon
        font take ~0.2 s to load, which the first paint need not wait for (`make bench`)."""
        from ui.common.icons import icon

        for index in range(self.nav.count()):
            self.nav.item(index).setIcon(icon(PAGE_ICONS[index]))

    def save_geometry(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.setValue(PAGE_KEY, self.nav.currentRow())
        self._settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._closed = False
        self.runner.resume()
        if not self._shown_once:
            self._shown_once = True
            self.window_did_show.emit()
            QTimer.singleShot(0, self.show_icons)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.status.stop()
        self.sync_scheduler.sync_before_close()
        # Pages still being built after the first paint would start their loads after the wait
        # below; nothing new starts from here on.
        self.runner.stop()
        self._closed = True
        # The profile closes after this: a worker still reading it would crash the process
        # (SQLCipher under a closed connection), so a slow read is waited for, up to a minute.
        for _ in range(12):
            if self.runner.wait_for_idle(5000):
                break
            log.warning("still waiting for background work before closing")
        self.changes.detach()
        super().closeEvent(event)
