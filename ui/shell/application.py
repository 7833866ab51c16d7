"""Start the GUI: the window first, then the profile opened off the GUI thread.

Nothing here imports the database stack before the window is on screen; opening the profile
(SQLAlchemy, the SQLite checks, a migration if one is due) runs on the task runner's db lane
and is attached to the window when it is ready. A problem opening it brings up a dialog that
offers a way on.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from app.cli.codes import EXIT_OK, EXIT_STARTUP, profile_dir
from app.errors import BranchDeskError, StartupError
from ui.common.failures import failure_text, show_failure
from ui.common.i18n import choose_language, install_translators
from ui.common.task_runner import Task, TaskRunner
from ui.common.wheel_guard import install_wheel_guard
from ui.shell.main_window import MainWindow
from ui.shell.startup_dialog import StartupChoice, StartupProblemDialog

if TYPE_CHECKING:
    from app.context import AppContext

# Used by `make bench`: print "shown" when the window is up, "ready" when the profile is, then quit.
EXIT_WHEN_READY_ENV = "BRANCHDESK_EXIT_WHEN_SHOWN"


@dataclass(frozen=True)
class OpenedProfile:
    ctx: AppContext
    is_empty: bool


# Start-up problems the user can solve by typing the database passphrase.
PASSPHRASE_CODES = ("passphrase_needed", "passphrase_rejected")


def open_profile_work(data_dir: Path, passphrase: str | None = None, task: Task | None = None) -> OpenedProfile:
    from app.context import AppContext

    # A slow step is passed to the GUI thread as a progress report (step, 0).
    announce = (lambda step: task.report_progress(int(step), 0)) if task is not None else None
    # The same opening as the CLI's: the profile's calendar and catalogue held, deadlines reconciled.
    ctx = AppContext.open(data_dir, passphrase, announce)
    return OpenedProfile(ctx, ctx.overview.is_empty())


def ask_with_dialog(error: StartupError) -> StartupChoice:
    dialog = StartupProblemDialog(error)
    dialog.exec()
    return dialog.choice


def ask_passphrase_with_dialog(error: StartupError) -> str | None:
    # Imported when asked: it brings the cipher driver, which the window shown first doesn't need.
    from ui.shell.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(error)
    dialog.exec()
    return dialog.passphrase


class Shell(QObject):
    """Owns the window and the current profile; switching profile re-attaches the window."""

    profile_did_open = Signal()
    profile_did_fail = Signal()  # the user gave up at the problem dialog

    def __init__(
        self,
        settings: QSettings,
        ask: Callable[[StartupError], StartupChoice] = ask_with_dialog,
        ask_passphrase: Callable[[StartupError], str | None] = ask_passphrase_with_dialog,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.runner = TaskRunner(self)
        self.ask = ask
        self.ask_passphrase = ask_passphrase
        # Kept for this session only: restoring a backup and reopening need it again.
        self._passphrase: str | None = None
        self.ctx: AppContext | None = None
        self.slow_step: QProgressDialog | None = None  # shown while encrypting or upgrading
        # The first-start step on a new profile; run_gui turns it on (tests that drive other
        # parts of a new profile's window do not want it in the way).
        self.offer_first_start = False
        self.first_start: QDialog | None = None
        self.window = MainWindow(self.runner, settings)
        self.window.demo_did_request.connect(self.open_demo_profile)
        # Input anywhere in the app (any window, any dialog) keeps the idle lock away.
        app = QApplication.instance()
        assert app is not None, "the Shell is made once the QApplication exists"
        app.installEventFilter(self.window.idle_lock)
        # The wheel scrolls forms and never edits an unfocused field, in every window (once per app).
        install_wheel_guard(app)  # type: ignore[arg-type]

    def start(self, data_dir: Path) -> None:
        self.window.show()
        self.open_profile(data_dir)

    def open_profile(self, data_dir: Path) -> None:
        passphrase = self._passphrase
        self.runner.submit(
            lambda task: open_profile_work(data_dir, passphrase, task),
            lane="db",
            on_done=self._attach,
            on_failure=lambda exc: self._problem(data_dir, exc),
            on_progress=lambda step, _total: self._show_slow_step(step),
        )

    def _show_slow_step(self, step: int) -> None:
        """A busy note over the window while the profile is encrypted or upgraded."""
        from app.store import SlowStep  # already loaded by the worker that reports the step

        texts: dict[int, str] = {
            SlowStep.ENCRYPT: self.tr("Encrypting your data. This happens once, after the update, and can take a "
                       "minute or two with many client cards. Please keep BranchDesk open."),
            SlowStep.MIGRATE: self.tr("Updating your data for this version of BranchDesk (a copy is kept first). "
                       "Please keep BranchDesk open."),
        }  # fmt: skip
        if self.slow_step is None:
            self.slow_step = QProgressDialog(self.window)
            self.slow_step.setWindowTitle(self.tr("Opening your data"))
            self.slow_step.setCancelButton(None)  # stopping halfway would only mean doing it again
            self.slow_step.setRange(0, 0)
            self.slow_step.setMinimumDuration(0)
            self.slow_step.setWindowModality(Qt.WindowModality.WindowModal)
        self.slow_step.setLabelText(texts.get(step, ""))
        self.slow_step.show()

    def _close_slow_step(self) -> None:
        if self.slow_step is not None:
            self.slow_step.close()
            self.slow_step.deleteLater()
            self.slow_step = None

    def _attach(self, opened: OpenedProfile) -> None:
        self._close_slow_step()
        old = self.ctx
        self.ctx = opened.ctx
        self.window.attach(opened.ctx, offer_demo=opened.is_empty and not opened.ctx.is_demo)
        if old is not None:
            old.close()
        if self.offer_first_start and not opened.ctx.is_demo:
            self._offer_first_start(opened.ctx)
        self.profile_did_open.emit()
        if not opened.is_empty and not opened.ctx.is_demo:  # nothing worth keeping otherwise
            self._daily_backup(opened.ctx)

    def _offer_first_start(self, ctx: AppContext) -> None:
        """Once per new profile: who the manager is (ui/shell/first_start_dialog.py)."""

        def offer(needed: bool) -> None:
            if needed and self.ctx is ctx:
                from ui.shell.first_start_dialog import FirstStartDialog

                self.first_start = FirstStartDialog(ctx, self.runner, self.window)
                self.first_start.open()

        settings = ctx.settings
        self.runner.submit(lambda _t: settings.needs_first_start(), lane="db", on_done=offer,
                           on_error=self.window.status.say)  # fmt: skip

    def _daily_backup(self, ctx: AppContext) -> None:
        """Once a day, after the window is usable, on the db lane (app/profile/backup.py)."""

        def work(_task: Task) -> Path | None:
            from app.profile.backup import daily_backup

            return daily_backup(ctx.store)

        self.runner.submit(
            work,
            lane="db",
            on_error=lambda text: self.window.status.say(self.tr("The daily backup failed: %1").replace("%1", text)),
        )

    def _problem(self, data_dir: Path, exc: Exception) -> None:
        self._close_slow_step()
        if not isinstance(exc, StartupError):
            # Blocking: the app quits when the user has read it.
            QMessageBox.critical(self.window, self.tr("BranchDesk"), failure_text(exc) or "")
            self.profile_did_fail.emit()
            return
        if exc.code in PASSPHRASE_CODES:
            passphrase = self.ask_passphrase(exc)
            if passphrase is not None:
                self._passphrase = passphrase
                self.open_profile(data_dir)
                return
        choice = self.ask(exc)
        if choice.backup is not None:
            from app.store import restore_backup

            try:
                restore_backup(data_dir, choice.backup, self._passphrase)
            except (BranchDeskError, OSError) as restore_error:
                show_failure(self.window, failure_text(restore_error) or "", self.tr("Backup not usable"))
            self.open_profile(data_dir)
        elif choice.data_dir is not None:
            self._passphrase = None  # another profile has its own
            self.open_profile(choice.data_dir)
        else:
            self.profile_did_fail.emit()

    def open_demo_profile(self) -> None:
        assert self.ctx is not None
        progress = QProgressDialog(self.tr("Preparing the demo profile…"), self.tr("Cancel"), 0, 100, self.window)
        progress.setWindowTitle(self.tr("Demo profile"))
        progress.setMinimumDuration(0)
        data_dir = self.ctx.data_dir

        def work(task: Task) -> Path:
            from app.demo.profile import prepare_demo_profile

            return prepare_demo_profile(data_dir, progress=task.report_progress, cancel=task.cancelled)

        # The exception, not only its text: a cancel says nothing, but the progress must close.
        def failed(exc: Exception) -> None:
            progress.close()
            if (text := failure_text(exc)) is not None:
                show_failure(self.window, text, self.tr("Demo profile"))

        def opened(path: Path) -> None:
            progress.close()
            self._passphrase = None  # the real profile's; the demo has its own (app/keys.py)
            self.open_profile(path)

        task = self.runner.submit(
            work,
            lane="db",
            on_done=opened,
            on_failure=failed,
            on_progress=lambda done, total: progress.setValue(int(done * 100 / max(total, 1))),
        )
        progress.canceled.connect(task.cancel)

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.window.idle_lock)
        # Its timer would otherwise still fire and cover whatever windows are left (or come next).
        self.window.idle_lock.set_idle_interval(0)
        self.window.close()
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None


def ui_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "BranchDesk", "BranchDesk")


def run_gui(args: argparse.Namespace) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("BranchDesk")
    app.setApplicationName("BranchDesk")
    from ui.shell.settings_dialog import saved_language

    # The language chosen under Settings applies from this start on; --lang still wins.
    language = choose_language(args.lang or saved_language(ui_settings()))
    translators = install_translators(app, language)  # noqa: F841 (kept alive)
    from ui.shell.look import apply_look

    apply_look(app)  # font, light or dark as the system is, the one style sheet
    shell = Shell(ui_settings())
    shell.offer_first_start = True
    from ui.shell.problem_dialog import ProblemReporter

    # Uncaught exceptions and background tasks' unexpected failures end in the problem dialog.
    ProblemReporter(shell.window).install()  # kept alive by its parent, the window
    failed: list[bool] = []

    def profile_failed() -> None:
        failed.append(True)
        app.quit()

    shell.profile_did_fail.connect(profile_failed)
    if os.environ.get(EXIT_WHEN_READY_ENV):
        shell.window.window_did_show.connect(lambda: print("shown", flush=True))
        shell.profile_did_open.connect(lambda: (print("ready", flush=True), app.quit()))
    shell.start(profile_dir(args))
    code = app.exec()
    shell.close()
    if failed:
        return EXIT_STARTUP
    return code or EXIT_OK
