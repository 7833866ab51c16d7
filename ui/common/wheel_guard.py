"""One wheel policy for the whole application: the wheel scrolls the form, it never edits it.

A combo box, spin box or date/time field under the pointer takes the wheel only while it has
the keyboard focus (the user chose it). Otherwise the wheel goes to the scroll area around it,
as if the field were not there: scrolling down a long form over an ID-type combo must not turn
居民身份证 into 军官证 and save it.

Two halves, both in one application-wide event filter, so every dialog (present and future) has
it without a line of its own:
- Qt gives a `WheelFocus` widget the focus *before* any filter sees the wheel event, so these
  fields are lowered to `StrongFocus` (Tab and click) when they are polished or shown.
- A wheel event over an unfocused field is handed to the nearest scroll area around it that can
  still scroll that way, and the field never sees it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox: spin boxes, date, time and date-time edits
_SETTLE = (QEvent.Type.Polish, QEvent.Type.Show)


class WheelGuard(QObject):
    """The application's event filter that keeps the wheel off unfocused fields (module docstring)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            field = guarded_field(watched)
            if field is None or has_focus(field):
                return False
            assert isinstance(event, QWheelEvent)
            scroll_around(field, event)
            return True
        if kind in _SETTLE and isinstance(watched, GUARDED):
            settle(watched)
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Installs the guard once on `app` (a second call returns the first guard)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():  # fields made before the guard came
        if isinstance(widget, GUARDED):
            settle(widget)
    return guard


def settle(field: QWidget) -> None:
    """Focus by Tab or click only: Qt would give a `WheelFocus` field the focus on a mere wheel."""
    if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def guarded_field(watched: QObject) -> QWidget | None:
    """The combo box or spin box the wheel event is for: the widget itself, or the one whose line
    edit it is (an editable combo box's, every spin box's)."""
    if isinstance(watched, GUARDED):
        return watched
    if isinstance(watched, QLineEdit) and not watched.isWindow():
        parent = watched.parentWidget()
        if isinstance(parent, GUARDED):
            return parent
    return None


def has_focus(field: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return field.hasFocus() or (focus is not None and (focus is field or field.isAncestorOf(focus)))


def scroll_around(field: QWidget, event: QWheelEvent) -> None:
    """Hands the wheel to the scroll areas around `field`, innermost first, until one scrolls."""
    widget = field.parentWidget()
    while widget is not None:
        if isinstance(widget, QAbstractScrollArea):
            viewport = widget.viewport()
            position = viewport.mapFromGlobal(event.globalPosition())
            copy = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                               event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                               event.source())  # fmt: skip
            copy.ignore()
            QApplication.sendEvent(viewport, copy)
            if copy.isAccepted():
                return
        if widget.isWindow():
            return
        widget = widget.parentWidget()
