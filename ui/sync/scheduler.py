"""When the laptop talks to head office, and never twice at once.

A run (SyncService.run_once: push the outbox, pull head office's answers) starts
- once the profile is attached and the health probe first says online, if logged in;
- every few minutes while the probe says online (profile setting `sync_interval_minutes`,
  default 5), and as soon as the probe says online again after an outage;
- when the manager asks (Sync now, or right after logging in);
- when the window closes: one run bounded to CLOSE_WAIT_S, then cancelled. Nothing is lost
  when it is cut short: what did not go stays pending for the next start.

Runs go to the task runner's net lane, and a new one is refused while one is under way.
The probe's answers come from the status bar (`note_connection`), so there is one probe.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from app.errors import BranchDeskError
from ui.common.task_runner import Task, TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.service import SyncReport

INTERVAL_KEY = "sync_interval_minutes"
DEFAULT_INTERVAL_MIN = 5
MIN_INTERVAL_MIN = 0.05  # 3 s: anything shorter would only load head office
CLOSE_WAIT_S = 5.0
# The close-time run stops starting requests, and cuts the one in flight, a little before the
# window gives up waiting, so it normally ends by itself.
CLOSE_MARGIN_S = 0.5


def _logged_in(ctx: AppContext) -> bool:
    try:
        return ctx.sync.login_state().has_token
    except BranchDeskError:  # no password store: the Sync page says why; automatic runs stay off
        return False


class SyncScheduler(QObject):
    sync_did_start = Signal()
    sync_did_progress = Signal(int, int)  # items done, items due
    sync_did_send_bytes = Signal(int, int)  # payload bytes sent, bytes due (emitted on the run's worker: queued)
    sync_did_finish = Signal(object)  # SyncReport
    sync_did_fail = Signal(object)  # the exception: NotLoggedIn, LoginRequired, CredentialsUnavailable…
    sync_did_end = Signal()  # after every run, however it ended

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self._task: Task | None = None
        self._online = False
        self._logged_in = False
        self._due = True  # a run is owed as soon as we are online and logged in
        self._closed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    @property
    def is_running(self) -> bool:
        return self._task is not None

    def attach(self, ctx: AppContext) -> None:
        self.cancel()
        self._ctx, self._logged_in, self._due, self._closed = ctx, False, True, False
        self._runner.submit(
            lambda _t: (_logged_in(ctx), ctx.settings.get(INTERVAL_KEY, DEFAULT_INTERVAL_MIN)),
            on_done=lambda found: self._configured(ctx, *found),
            on_failure=self.sync_did_fail.emit,  # the Sync page says it; no automatic runs meanwhile
        )

    def _configured(self, ctx: AppContext, logged_in: bool, minutes: object) -> None:
        if ctx is not self._ctx:
            return  # another profile was opened meanwhile
        self._logged_in = logged_in
        try:
            interval_min = max(MIN_INTERVAL_MIN, float(minutes))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            interval_min = DEFAULT_INTERVAL_MIN
        self._timer.start(int(interval_min * 60_000))
        self._run_if_due()

    def note_connection(self, state: str) -> None:
        """The health probe's latest answer ("online", "offline", "not_configured")."""
        online = state == "online"
        if online and not self._online:
            self._due = True  # back online: send what piled up meanwhile
        self._online = online
        self._run_if_due()

    def note_login(self) -> None:
        """The manager just logged in: automatic runs may go, and one goes now."""
        self._logged_in = True
        self.sync_now()

    def _tick(self) -> None:
        self._due = True
        self._run_if_due()

    def _run_if_due(self) -> None:
        if self._due and self._online and self._logged_in and not self._closed and self._task is None:
            self._due = False
            self._start(None)

    def sync_now(self) -> bool:
        """Start a run unless one is under way; False when refused."""
        if self._ctx is None or self._closed or self._task is not None:
            return False
        self._due = False
        self._start(None)
        return True

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _start(self, deadline: float | None) -> None:
        ctx = self._ctx
        assert ctx is not None

        def work(task: Task) -> SyncReport | None:
            limit = None
            if deadline is not None:
                limit = deadline - time.monotonic()
                if limit <= 0:
                    return None  # the net lane freed up too late: the items wait for the next start
            return ctx.sync.run_once(task.cancelled, task.report_progress, time_limit_s=limit,
                                     on_bytes=self.sync_did_send_bytes.emit)  # fmt: skip

        self._task = self._runner.submit(
            work, lane="net", on_done=self._finished, on_failure=self._failed, on_progress=self.sync_did_progress.emit
        )
        self.sync_did_start.emit()

    def _finished(self, report: SyncReport | None) -> None:
        self._task = None
        if report is not None:
            # What the run wrote (head office's answers, the outbox) reaches the pages through
            # the change relay, like any other commit.
            self.sync_did_finish.emit(report)
        self.sync_did_end.emit()

    def _failed(self, exc: Exception) -> None:
        """The exception, not only its text: its code may stop the automatic runs, and the Sync
        page offers the login for the login codes."""
        self._task = None
        # No more automatic runs until the manager logs in again (with a usable https address):
        # each would only say the same thing again.
        if getattr(exc, "code", "") in ("not_logged_in", "login_required", "credentials_unavailable",
                                        "bad_server_address"):  # fmt: skip
            self._logged_in = False
        self.sync_did_fail.emit(exc)
        self.sync_did_end.emit()

    def sync_before_close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """One last run, waited for at most `wait_s` seconds, then cancelled. Only once."""
        if self._closed or self._ctx is None:
            return
        self._closed = True
        self._timer.stop()
        if self._task is None:
            if not self._logged_in:
                return
            self._start(time.monotonic() + wait_s - CLOSE_MARGIN_S)
        task = self._task
        assert task is not None
        # A nested loop, not a blocking wait: the run's result arrives as a queued signal.
        loop = QEventLoop()
        timer = QTimer(singleShot=True)
        timer.timeout.connect(loop.quit)
        self.sync_did_end.connect(loop.quit)
        timer.start(int(wait_s * 1000))
        if self._task is task:  # else it ended already (its result is delivered)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        timer.stop()
        self.sync_did_end.disconnect(loop.quit)
        task.cancel()
