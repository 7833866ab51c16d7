"""Run core work off the GUI thread and hand the result back as a signal.

Three lanes, each a QThreadPool: `db` has one thread so database writes are serialised, `net`
has one so network calls never compete, `cpu` runs reads, PDFs and imports. Work receives a
`threading.Event` it checks between batches to stop early when cancelled.

Every submit says where a failure goes (ui/common/failures.py): `on_error` receives the
sentence to show, in the user's language, and is not called for a cancel; `on_failure`
receives the exception itself, for the few places that act on its type. A submit with
neither is refused, so no failure can vanish.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import BranchDeskError
from ui.common.failures import failure_text, new_reference

log = logging.getLogger(__name__)


class Task(QObject):
    """Handle for one piece of work; signals arrive on the thread that created the task."""

    task_did_finish = Signal(object)
    task_did_fail = Signal(object)  # the exception
    task_did_explain = Signal(str)  # the failure in the user's words; never for a cancel
    task_did_progress = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()

    def report_progress(self, done: int, total: int) -> None:
        self.task_did_progress.emit(done, total)

    def explain(self, exc: BaseException) -> None:
        text = failure_text(exc)
        if text is not None:
            self.task_did_explain.emit(text)


class _Runnable(QRunnable):
    def __init__(self, task: Task, work: Callable[[Task], Any]) -> None:
        super().__init__()
        self._task = task
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self._task)
        except BranchDeskError as exc:
            # Expected: bad input, a refused action or a cancel, which the GUI explains itself.
            log.info("task refused: %s", exc.code)
            self._task.task_did_fail.emit(exc)
        except Exception as exc:  # the user sees a sentence with this reference, IT the traceback
            reference = new_reference(exc)
            log.exception("background task failed (reference %s)", reference)
            self._task.task_did_fail.emit(exc)
        else:
            self._task.task_did_finish.emit(result)


class TaskRunner(QObject):
    LANES: ClassVar[dict[str, int]] = {"db": 1, "net": 1, "cpu": 2}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        for lane, threads in self.LANES.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self._pools[lane] = pool
        self._running: set[Task] = set()
        self._stopped = False

    def submit(
        self,
        work: Callable[[Task], Any],
        *,
        lane: str = "cpu",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        """Run `work(task)` on `lane`. Exactly one failure path: `on_error(text)` shows what
        `failure_text` says (nothing for a cancel), `on_failure(exc)` gets the exception."""
        if (on_error is None) == (on_failure is None):
            raise TypeError("submit() needs exactly one failure path: on_error= (the text to show) "
                            "or on_failure= (the exception)")  # fmt: skip
        # No Qt parent: the set below owns the task until its result is delivered on the GUI
        # thread, then Python frees it. (Parenting it too made Qt and Python both delete it.)
        task = Task()
        if self._stopped:
            # After close nothing may start: the profile is closing (a page still loading
            # would read it under a closed connection, which crashes SQLCipher).
            log.info("work submitted after close was not started")
            task.cancel()
            return task
        self._running.add(task)
        if on_done:
            task.task_did_finish.connect(on_done)
        # Connected as given, not wrapped: Qt drops a bound method's connection when its object
        # is deleted (a dialog closed before the work returns), where a wrapper would call it.
        if on_error is not None:
            task.task_did_fail.connect(task.explain)
            task.task_did_explain.connect(on_error)
        else:
            task.task_did_fail.connect(on_failure)
        if on_progress:
            task.task_did_progress.connect(on_progress)
        task.task_did_finish.connect(lambda _r, t=task: self._forget(t))
        task.task_did_fail.connect(lambda _e, t=task: self._forget(t))
        self._pools[lane].start(_Runnable(task, work))
        return task

    def _forget(self, task: Task) -> None:
        self._running.discard(task)

    def stop(self) -> None:
        """Start nothing more (the window is closing); `resume` undoes it if it shows again."""
        self._stopped = True

    def resume(self) -> None:
        self._stopped = False

    def wait_for_idle(self, msecs: int = 5000) -> bool:
        """Cancel what is queued and wait; used on close so no worker outlives the database."""
        for task in self._running:
            task.cancel()
        return all(pool.waitForDone(msecs) for pool in self._pools.values())
