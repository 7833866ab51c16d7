"""Start the GUI: language, settings, opening the profile (with a way out when it fails)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.cli import EXIT_OK, EXIT_STARTUP, profile_dir
from app.context import AppContext
from app.errors import BranchDeskError, StartupError
from app.services.demo_profile import prepare_demo_profile
from app.store import restore_backup
from ui.i18n import choose_language, install_translators
from ui.main_window import MainWindow
from ui.startup_dialog import StartupChoice, StartupProblemDialog
from ui.task_runner import TaskRunner

# Used by `make bench`: print a line once the main window is on screen, then quit.
EXIT_WHEN_SHOWN_ENV = "BRANCHDESK_EXIT_WHEN_SHOWN"


def ask_with_dialog(error: StartupError) -> StartupChoice:
    dialog = StartupProblemDialog(error)
    dialog.exec()
    return dialog.choice


class Shell(QObject):
    """Owns the current profile and its window; switching profile swaps both."""

    def __init__(
        self,
        settings: QSettings,
        ask: Callable[[StartupError], StartupChoice] = ask_with_dialog,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.runner = TaskRunner(self)
        self.ask = ask
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None

    def open_profile(self, data_dir: Path) -> bool:
        """Open and show; on a problem ask the user until something opens or they quit."""
        while True:
            try:
                ctx = AppContext.open(data_dir)
            except StartupError as error:
                choice = self.ask(error)
                if choice.backup is not None:
                    try:
                        restore_backup(data_dir, choice.backup)
                    except (BranchDeskError, OSError) as exc:
                        QMessageBox.warning(None, self.tr("Backup not usable"), str(exc))
                    continue
                if choice.data_dir is not None:
                    data_dir = choice.data_dir
                    continue
                return False
            self._show(ctx)
            return True

    def _show(self, ctx: AppContext) -> None:
        old_window, old_ctx = self.window, self.ctx
        offer_demo = not ctx.is_demo and ctx.overview.is_empty()
        self.ctx = ctx
        self.window = MainWindow(ctx, self.runner, self.settings, offer_demo=offer_demo)
        self.window.demo_did_request.connect(self.open_demo_profile)
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None:
            old_ctx.close()

    def open_demo_profile(self) -> None:
        assert self.ctx is not None
        progress = QProgressDialog(
            self.tr("Preparing the demo profile…"), self.tr("Cancel"), 0, 100, self.window
        )
        progress.setWindowTitle(self.tr("Demo profile"))
        progress.setMinimumDuration(0)
        data_dir = self.ctx.data_dir
        task = self.runner.submit(
            lambda t: prepare_demo_profile(data_dir, progress=t.report_progress, cancel=t.cancelled),
            lane="db",
            on_done=lambda path: (progress.close(), self.open_profile(path)),
            on_error=lambda exc: (
                progress.close(),
                QMessageBox.warning(self.window, self.tr("Demo profile"), str(exc)),
            ),
            on_progress=lambda done, total: progress.setValue(int(done * 100 / max(total, 1))),
        )
        progress.canceled.connect(task.cancel)

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.ctx is not None:
            self.ctx.close()


def ui_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "BranchDesk", "BranchDesk"
    )


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("BranchDesk")
    app.setApplicationName("BranchDesk")
    translators = install_translators(app, choose_language(args.lang))  # noqa: F841 (kept alive)
    app.setStyleSheet((files("resources") / "style" / "branchdesk.qss").read_text(encoding="utf-8"))
    shell = Shell(ui_settings())
    if not shell.open_profile(profile_dir(args)):
        return EXIT_STARTUP
    if os.environ.get(EXIT_WHEN_SHOWN_ENV):
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    code = app.exec()
    shell.close()
    return code or EXIT_OK
