"""Main window: navigation on the left, one page at a time, status bar below.

It is built and shown before any profile is open; `attach` hands it the profile's context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from ui.pages.page import Page
from ui.pages.clients import ClientsPage
from ui.pages.placeholders import PlannerPage, ProposalsPage, ReceiptsPage, SyncPage
from ui.pages.today import TodayPage
from ui.status_bar import StatusBar
from ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext

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
        self.setWindowTitle(self.tr("BranchDesk"))

        self.today = TodayPage(runner)
        self.today.demo_did_request.connect(self.demo_did_request)
        self.clients = ClientsPage(runner)
        self.pages: list[Page] = [
            self.today,
            PlannerPage(),
            self.clients,
            ProposalsPage(),
            ReceiptsPage(),
            SyncPage(),
        ]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.heading.text())
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(runner, self)
        self.setStatusBar(self.status)
        self._add_shortcuts()
        self._restore_geometry()

    def attach(self, ctx: AppContext, offer_demo: bool) -> None:
        self.ctx = ctx
        self.setWindowTitle(self.tr("BranchDesk (demo profile)") if ctx.is_demo else self.tr("BranchDesk"))
        self.today.attach(ctx, offer_demo)
        self.clients.attach(ctx)
        self.status.attach(ctx)

    def _add_shortcuts(self) -> None:
        for index in range(len(self.pages)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            self.addAction(action)
        quit_action = QAction(self.tr("&Quit"), self)
        # The platform's quit key is not Ctrl+Q everywhere; managers expect Ctrl+Q too.
        quit_action.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence.StandardKey.Quit])
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        state = self._settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(int(self._settings.value(PAGE_KEY, 0)))

    def save_geometry(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.setValue(PAGE_KEY, self.nav.currentRow())
        self._settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.window_did_show.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.status.stop()
        self.runner.wait_for_idle()
        super().closeEvent(event)
