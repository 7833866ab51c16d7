"""Progress and cancelling for long work (imports, exports, demo data), between batches."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.errors import Cancelled

Progress = Callable[[int, int], None]  # (done, total), called on the working thread


class Steps:
    def __init__(
        self,
        total: int,
        progress: Progress | None,
        cancel: threading.Event | None,
        cancelled: Callable[[], Cancelled],
    ) -> None:
        self.total = total
        self._done = 0
        self._progress = progress
        self._cancel = cancel
        self._cancelled = cancelled

    def check(self) -> None:
        """Raise the caller's Cancelled (its words say what was undone); inside a transaction, it rolls it back."""
        if self._cancel is not None and self._cancel.is_set():
            raise self._cancelled()

    def advance(self, count: int = 1) -> None:
        """Report progress, then stop if the user cancelled meanwhile."""
        self._done += count
        if self._progress is not None:
            self._progress(self._done, self.total)
        self.check()
