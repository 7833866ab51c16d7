"""The “Print…” button the pages share, and opening the preview for a document.

The button's face prints the page's main document; its arrow (or Ctrl+P, which opens the
menu) offers the others.  Every document opens in the PrintPreviewDialog, which has both
Print… (the system dialog) and Save as PDF….
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QToolButton, QWidget

from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from ui.common.print_preview import PrintPreviewDialog


def print_button(parent: QWidget, text: str, actions: Sequence[QAction], tooltip: str = "") -> QToolButton:
    """A tool button whose click runs `actions[0]` and whose menu lists them all."""
    button = QToolButton(parent)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, like the push buttons beside it
    for action in actions:
        button.addAction(action)
    # After adding: adding an action the button already has removes it first, and removing the
    # default action clears it.  Text and tooltip after, as the default action sets its own.
    button.setDefaultAction(actions[0])
    button.setText(text)
    button.setToolTip(tooltip or text)
    return button


def print_shortcut(owner: QWidget, button: QToolButton) -> QShortcut:
    """Ctrl+P on `owner` (and its children) opens the button's menu, to choose with the keyboard."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), owner)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(button.showMenu)
    return shortcut


def open_preview(
    parent: QWidget,
    runner: TaskRunner,
    title: str,
    make_pdf: Callable[[], bytes],
    file_name: str,
    pdf_lane: str = "cpu",
) -> PrintPreviewDialog:
    """Opens the preview (window-modal, not blocking) and returns it; `make_pdf` runs on `pdf_lane`."""
    # Imported here: the preview brings PDFium and Pillow (~0.1 s), which the window on screen
    # at start-up (Today) does not need until the user prints.
    from ui.common.print_preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(runner, title, make_pdf, file_name, parent, pdf_lane=pdf_lane)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
