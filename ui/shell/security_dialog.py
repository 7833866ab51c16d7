"""Security…: the idle time before the lock, and setting or changing the PIN.

The PIN is checked and hashed in app.profile.lock on the db lane; a problem is shown under
the fields and nothing is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app.profile.lock import MAX_IDLE_MINUTES
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.profile.lock import IdleLimit


class SecurityDialog(QDialog):
    settings_did_save = Signal(int, bool)  # idle minutes, whether the PIN changed

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.profile.lock import LockService

        self.setWindowTitle(self.tr("Security"))
        self._service = LockService(ctx.settings)
        self._runner = runner
        self.idle = QSpinBox()
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.current = QLineEdit()
        self.new_pin, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.current, self.new_pin, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(self.tr("4-12 digits, or a password of 6+ characters"))
        self.idle_limit = QLabel()  # IT's maximum, when its site file sets one
        self.idle_limit.setObjectName("idleLimit")
        self.idle_limit.setWordWrap(True)
        self.idle_limit.hide()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Lock after &idle time:"), self.idle)
        form.addRow(self.idle_limit)
        form.addRow(self.tr("&Current PIN:"), self.current)
        form.addRow(self.tr("&New PIN:"), self.new_pin)
        form.addRow(self.tr("&Repeat new PIN:"), self.repeat)
        form.addRow(QLabel(self.tr("Leave the new PIN empty to keep the current one. The PIN is stored "
                                   "only as a salted hash; 5 wrong tries mean a 30-second wait.")))  # fmt: skip
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.setEnabled(False)
        service = self._service
        runner.submit(lambda _t: (service.idle_minutes(), service.has_pin(), service.idle_limit()), lane="db",
                      on_done=self._loaded, on_error=self._load_failed)  # fmt: skip

    def _loaded(self, found: tuple[int, bool, IdleLimit]) -> None:
        minutes, has_pin, limit = found
        if limit.maximum is not None:  # no "never", nothing above IT's maximum; locked: IT's value only
            self.idle.setRange(limit.maximum if limit.locked else 1, limit.maximum)
            self.idle.setReadOnly(limit.locked)
            most = limit.maximum
            self.idle_limit.setText(self.tr("Set by your IT department.") if limit.locked else
                                    self.tr("At most %n minute(s): set by your IT department.", "", most))  # fmt: skip
            self.idle_limit.show()
        self.idle.setValue(minutes)
        self.current.setEnabled(has_pin)
        self.current.setPlaceholderText("" if has_pin else self.tr("no PIN set yet"))
        self.setEnabled(True)
        self.idle.setFocus()

    def _load_failed(self, text: str) -> None:
        # Saving now would write over settings this dialog never read: only Cancel is left.
        self.problem.setText(text)
        self.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def _save(self) -> None:
        minutes, new, repeat, current = self.idle.value(), self.new_pin.text(), self.repeat.text(), self.current.text()
        if new != repeat:
            self.problem.setText(self.tr("The two new PINs differ."))
            return
        service = self._service

        def work(_task: object) -> None:
            if new:  # first: a refused PIN leaves the idle time unchanged too
                service.set_pin(new, current or None)
            service.set_idle_minutes(minutes)

        self.buttons.setEnabled(False)
        self._runner.submit(work, lane="db", on_done=lambda _r: self._saved(minutes, bool(new)),
                            on_error=self._failed)  # fmt: skip

    def _saved(self, minutes: int, pin_changed: bool) -> None:
        self.settings_did_save.emit(minutes, pin_changed)
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(text)
        self.current.clear()
