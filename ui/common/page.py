"""Common frame of a page: a heading, a short line on what it holds, then its content.

A page names the tables it shows in `shows`. When a committed change touches one of them
(ui/common/change_relay.py) the page is stale: it reloads at once if on screen, else when next shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.changes import Changes


class FollowsChanges(QWidget):
    """A widget that names the tables it shows in `shows`: a committed change to one of them marks
    it stale, and it reloads at once if on screen, else when next shown. Pages are these; so is a
    panel that is not a page (the prospects tab), which hears the change relay itself."""

    shows: frozenset[str] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stale = False

    def note_changes(self, changes: Changes) -> None:
        if not changes.touches(self.shows):
            return
        self.stale = True
        if self.isVisible():
            self._catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self._catch_up()

    def _catch_up(self) -> None:
        self.stale = False
        self.reload_changed()

    def reload_changed(self) -> None:
        """Read again what the widget shows, keeping the user's place; widgets with data say how."""


class Page(FollowsChanges):
    def __init__(self, heading: str, blurb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.blurb = QLabel(blurb, self)
        self.blurb.setWordWrap(True)
        self.blurb.setObjectName("pageBlurb")
        self.content = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.blurb)
        layout.addLayout(self.content, 1)

    def focus_first(self) -> None:
        """Puts the keyboard focus on the page's main widget, as the shell does after Ctrl+1…7, so the
        page's own keys (Ctrl+N, Delete, F5…) work at once. By default the first list or table in the
        tab order, else the first view that is not a button, field or tab (the planner's timeline),
        else the first focusable widget; a page with another main widget overrides this."""
        chain = self._focus_chain()
        views = [w for w in chain if isinstance(w, QAbstractItemView)]
        others = [w for w in chain if not isinstance(w, FIELDS_AND_BUTTONS)]
        target = next(iter(views or others or chain), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_chain(self) -> list[QWidget]:
        """The page's visible, enabled widgets that take focus by Tab, in tab order."""
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and widget not in chain:
            if self.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() and (
                    widget.focusPolicy() & Qt.FocusPolicy.TabFocus):  # fmt: skip
                chain.append(widget)
            widget = widget.nextInFocusChain()
        return chain


FIELDS_AND_BUTTONS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTabBar, QTextEdit, QAbstractScrollArea)
