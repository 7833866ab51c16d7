"""One way to show a problem: what a failed task tells the user, in the user's language.

The task runner sends every failure through `failure_text` (docs: architecture, "One way to
show a problem"):
- `Cancelled`: the user stopped the work; nothing is shown.
- any other `BranchDeskError`: its message and hint in the UI's language (`exc.text`).
- anything else is a fault the user cannot correct: a plain sentence with a short reference,
  the one the masked log entry of that exception carries, so IT can find it. The exception's
  own text is never shown: it can quote the data being worked on, and it is English.
  A background task's fault is also announced on `problems()` (with its reference): the shell's
  problem dialog (ui/shell/problem_dialog.py) offers the masked report for IT from there.
"""

from __future__ import annotations

import logging
import secrets
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import BranchDeskError, Cancelled
from ui.common.i18n import current_language

log = logging.getLogger(__name__)

# Set on an exception once it is logged under a reference, so it is logged and numbered once.
_REFERENCE = "branchdesk_reference"


class FailureTexts(QObject):
    def unexpected(self, reference: str) -> str:
        return self.tr(
            "Something went wrong and this step was not done. The details are in the log, reference %1."
        ).replace("%1", reference)

    def title(self) -> str:
        return self.tr("BranchDesk")


class ProblemFeed(QObject):
    """Where background tasks' unexpected failures are announced, from any thread."""

    problem_did_happen = Signal(object, str)  # the exception, its reference


_feed: ProblemFeed | None = None
_feed_lock = threading.Lock()


def problems() -> ProblemFeed:
    """The one feed; the shell's reporter takes it first, on the GUI thread."""
    global _feed
    with _feed_lock:
        if _feed is None:
            _feed = ProblemFeed()
        return _feed


def _reference(exc: BaseException) -> str:
    reference = f"{secrets.randbelow(10**8):08d}"
    setattr(exc, _REFERENCE, reference)
    return reference


def new_reference(exc: BaseException) -> str:
    """A fresh reference for `exc`, kept on it: the caller (the task runner, on the worker
    thread) writes it into the log entry. Eight digits: read out over the phone as easily as
    typed, and left alone by the log's masking (no ID, card or phone number is that short).
    The fault is announced on `problems()`, whichever failure path the task has."""
    reference = _reference(exc)
    problems().problem_did_happen.emit(exc, reference)
    return reference


def failure_text(exc: BaseException) -> str | None:
    """The sentence to show for `exc`, or None for a cancel."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, BranchDeskError):
        return exc.text(current_language())
    reference = getattr(exc, _REFERENCE, None)
    if reference is None:  # not through the runner (which logs it in the worker): logged here
        reference = _reference(exc)
        log.error("failed (reference %s)", reference, exc_info=(type(exc), exc, exc.__traceback__))
    return FailureTexts().unexpected(reference)


def show_failure(parent: QWidget, text: str, title: str = "") -> QMessageBox:
    """For a window with no line of its own to say `text` on. The box does not block: the
    failure may arrive while the user is busy elsewhere in the app."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or FailureTexts().title(), text,
                      QMessageBox.StandardButton.Ok, parent)  # fmt: skip
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
