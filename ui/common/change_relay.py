"""The core's change feed (app/changes.py), re-emitted on the GUI thread as one signal.

Workers commit and the feed calls the relay on their thread; the relay queues the news to the
GUI thread, gathers what arrives within GATHER_MS (an import commits batch after batch) and
emits `changes_did_happen` once. Pages and the status bar say which tables they show and
decide for themselves; nobody is wired to anybody else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    # Types only: the window is painted before SQLAlchemy (which app.changes needs) is loaded.
    from app.changes import Changes
    from app.context import AppContext

GATHER_MS = 50


class ChangeRelay(QObject):
    changes_did_happen = Signal(object)  # Changes
    _change_did_arrive = Signal(object)  # emitted on a worker thread, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = None
        self._gathered: Changes | None = None
        self._timer = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._timer.timeout.connect(self._emit)
        self._change_did_arrive.connect(self._gather, Qt.ConnectionType.QueuedConnection)

    def attach(self, ctx: AppContext) -> None:
        """Follow `ctx`'s profile (and no longer the one before it)."""
        self.detach()
        self._unsubscribe = ctx.changes.subscribe(self._change_did_arrive.emit)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()
        self._gathered = None

    def _gather(self, changes: Changes) -> None:
        if self._unsubscribe is None:
            return  # news from a profile let go meanwhile
        self._gathered = changes if self._gathered is None else self._gathered | changes
        if not self._timer.isActive():
            self._timer.start()

    def _emit(self) -> None:
        changes, self._gathered = self._gathered, None
        if changes is not None:
            self.changes_did_happen.emit(changes)
