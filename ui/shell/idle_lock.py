"""The idle lock: after a while without keyboard or mouse input, every window is covered.

An application-wide event filter restarts a timer on any input. When it fires (or on Ctrl+L)
each open window — the main window and every dialog — gets a `LockCover`: an opaque child
laid over the whole window, with the PIN field. The widgets underneath stay alive and keep
what was typed (autosaving editors go on saving); while locked, the filter drops every key,
mouse and shortcut event not meant for a cover, so nothing underneath can be reached with
Tab or a shortcut either. The filter also catches the lock key (Ctrl+Shift+L) in every
window, modal dialogs included, where a window's shortcut would not reach. Any window's cover
unlocks all of them, so a modal dialog that blocks the main window does not block unlocking.

Without a PIN the cover asks for a new one (twice): the first lock is where a manager who
skipped Security… sets one. The PIN checks (scrypt, wrong-try limit) run in
app.profile.lock, on the db lane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.profile.lock import LockService, UnlockResult

# Not Ctrl+L: the Today page has that for a work-log entry.
LOCK_KEY = QKeySequence("Ctrl+Shift+L")
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.InputMethod,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu,
})  # fmt: skip


class LockCover(QWidget):
    """What a locked window shows instead of its content."""

    pin_did_enter = Signal(str, str)  # pin, repeated pin ("" when unlocking)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.title = QLabel(self.tr("BranchDesk is locked"))
        self.title.setObjectName("lockTitle")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setPlaceholderText(self.tr("The same PIN again"))
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.message, self.pin, self.repeat, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            widget.setMaximumWidth(360)
        # Centred, a wrapped label gets the width of its first line and the height of one: the
        # explanation was cut in half. At the column's full width it gets the height it needs.
        self.message.setMinimumWidth(360)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.pin.returnPressed.connect(self._enter)
        self.repeat.returnPressed.connect(self._enter)
        self.button.clicked.connect(self._enter)
        window.installEventFilter(self)
        self.set_mode(has_pin=True)

    def set_mode(self, has_pin: bool) -> None:
        self.repeat.setVisible(not has_pin)
        if has_pin:
            self.pin.setPlaceholderText(self.tr("PIN or password"))
            self.message.setText(self.tr("Type your PIN to go on. Nothing you typed is lost."))
            self.button.setText(self.tr("Unlock"))
        else:
            self.pin.setPlaceholderText(self.tr("New PIN (4-12 digits) or password"))
            self.message.setText(self.tr("No PIN is set yet. Choose one now: it unlocks BranchDesk from now on."))
            self.button.setText(self.tr("Set PIN and unlock"))

    def cover(self) -> None:
        if (window := self.parentWidget()) is not None:
            self.setGeometry(window.rect())
        self.show()
        self.raise_()
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter(self) -> None:
        self.pin_did_enter.emit(self.pin.text(), self.repeat.text() if self.repeat.isVisible() else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Follows the window's size, and stays on top of anything the window adds meanwhile.
        if self.isVisible() and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            if (window := self.parentWidget()) is not None:
                self.setGeometry(window.rect())
            self.raise_()
        return False


class IdleLock(QObject):
    lock_did_engage = Signal()
    lock_did_release = Signal()
    lock_did_fail = Signal(str)  # its settings could not be read: what to tell the user

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: LockService | None = None
        self._has_pin = False
        self._covers: dict[QWidget, LockCover] = {}
        self.locked = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock_now)

    # ---- set-up ---------------------------------------------------------------------

    def attach(self, ctx: AppContext) -> None:
        from app.profile.lock import LockService

        service = LockService(ctx.settings)
        self._service = service
        self._runner.submit(lambda _t: (service.idle_minutes(), service.has_pin()), lane="db",
                            on_done=self._configured, on_error=self.lock_did_fail.emit)  # fmt: skip

    def _configured(self, found: tuple[int, bool]) -> None:
        minutes, self._has_pin = found
        self.set_idle_interval(minutes * 60_000)
        if self._has_pin:
            self.lock_now()  # with a PIN set, restarting the app must not be a way round the lock

    def set_idle_interval(self, ms: int) -> None:
        """Milliseconds without input before locking; 0 turns the idle lock off."""
        self._timer.stop()
        self._timer.setInterval(ms)
        if ms > 0 and not self.locked:
            self._timer.start()

    def pin_did_change(self) -> None:
        self._has_pin = True

    def cover_of(self, window: QWidget) -> LockCover | None:
        """The cover shown over `window` while locked (None when it was never covered)."""
        return self._covers.get(window)

    # ---- locking --------------------------------------------------------------------

    def lock_now(self) -> None:
        if self._service is None:
            return  # no profile open yet: nothing to hide
        self.locked = True
        self._timer.stop()
        for window in QApplication.topLevelWidgets():
            self._cover(window)
        active = QApplication.activeWindow()
        if active in self._covers:
            self._covers[active].pin.setFocus(Qt.FocusReason.OtherFocusReason)
        self.lock_did_engage.emit()

    def _cover(self, window: QWidget) -> None:
        if not window.isVisible() or not isinstance(window, (QMainWindow, QDialog)):
            return
        cover = self._covers.get(window)
        if cover is None:
            cover = LockCover(window)
            cover.pin_did_enter.connect(lambda pin, again, c=cover: self._try(c, pin, again))
            self._covers[window] = cover
            window.destroyed.connect(lambda _=None, w=window: self._covers.pop(w, None))
        cover.set_mode(self._has_pin)
        set_tone(cover.message, None)
        cover.cover()

    def _try(self, cover: LockCover, pin: str, again: str) -> None:
        service = self._service
        assert service is not None
        cover.button.setEnabled(False)
        if not self._has_pin:
            if pin != again:
                self._say(self.tr("The two PINs differ. Type the same PIN twice."))
                cover.button.setEnabled(True)
                return

            def pin_set(_r: object) -> None:
                self.pin_did_change()
                self.release()

            self._runner.submit(lambda _t: service.set_pin(pin), lane="db",
                                on_done=pin_set,
                                on_error=self._say)  # fmt: skip
            return
        self._runner.submit(lambda _t: service.unlock(pin), lane="db", on_done=self._answered, on_error=self._say)

    def _answered(self, result: UnlockResult) -> None:
        if result.unlocked:
            self.release()
        elif result.wait_s:
            self._say(self.tr("Too many wrong tries. Wait %n s, then try again.", "", result.wait_s))
        else:
            self._say(self.tr("Wrong PIN. Tries left before a 30-second wait: %n.", "", result.tries_left))

    def _say(self, text: str) -> None:
        for cover in self._covers.values():
            cover.message.setText(text)
            set_tone(cover.message, "problem")
            cover.button.setEnabled(True)
            cover.pin.clear()
            cover.repeat.clear()

    def release(self) -> None:
        self.locked = False
        for cover in self._covers.values():
            cover.pin.clear()
            cover.repeat.clear()
            cover.button.setEnabled(True)
            cover.hide()
        if self._timer.interval() > 0:
            self._timer.start()
        self.lock_did_release.emit()

    # ---- the application-wide filter ----------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():

                def cover_if_locked(w: QWidget = watched) -> None:
                    if self.locked:
                        self._cover(w)

                QTimer.singleShot(0, cover_if_locked)
            elif kind in _ACTIVITY:
                # Input for any widget but a cover is dropped, and shortcuts (sent to their
                # QAction, not a widget) too; events for the QWindow itself must pass, or none
                # would reach the cover.
                if isinstance(watched, QWidget):
                    return not _in_cover(watched)
                return kind == QEvent.Type.Shortcut
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _is_lock_key(event):
            self.lock_now()
            return True
        if kind in _ACTIVITY and self._timer.interval() > 0:
            self._timer.start()
        return False


def _is_lock_key(event: QKeyEvent) -> bool:
    return QKeySequence(event.keyCombination()) == LOCK_KEY


def _in_cover(widget: QWidget | None) -> bool:
    while widget is not None:
        if isinstance(widget, LockCover):
            return True
        widget = widget.parentWidget()
    return False
