"""What the sales-form dialogs share: the status line under the form with the buttons on its
right, and saving as you type (a single-shot timer each change restarts; Ctrl+S saves at once)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def status_line(parent: QWidget, name: str = "") -> QLabel:
    """The word-wrapped line that says how the form stands ("Saved.", a problem…); `name` is
    its object name, for tests and the style sheet."""
    status = QLabel(parent)
    if name:
        status.setObjectName(name)
    status.setWordWrap(True)
    return status


def button_row(status: QLabel, *buttons: QWidget) -> QHBoxLayout:
    """The bottom row of a form: the status line, stretched, then `buttons` in order."""
    row = QHBoxLayout()
    row.addWidget(status, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def save_as_you_type(dialog: QWidget, save: Callable[[], None], delay_ms: int) -> QTimer:
    """The timer that calls `save` once, `delay_ms` after it was last started (each change
    starts it), and Ctrl+S on `dialog` to call `save` at once."""
    timer = QTimer(dialog, singleShot=True, interval=delay_ms)
    timer.timeout.connect(save)
    QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog).activated.connect(save)
    return timer
