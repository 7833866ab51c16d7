"""The manager's own default daily targets (the manuals' defaults: 5 effective visits,
50 leaflets, 10 prospects, 20 care SMS). Each day starts from these."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.profile.settings import DailyTargets

KEYS = ("visits", "leaflets", "prospects", "sms", "meetings")


class TargetsDialog(QDialog):
    targets_did_save = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.current: DailyTargets | None = None
        self.setWindowTitle(self.tr("My daily targets"))
        names = {
            "visits": self.tr("Effective visits"),
            "leaflets": self.tr("Leaflets"),
            "prospects": self.tr("New prospects"),
            "sms": self.tr("Care SMS"),
            "meetings": self.tr("Booked meetings"),
        }
        self.boxes = {key: QSpinBox(self) for key in KEYS}
        form = QFormLayout()
        for key, box in self.boxes.items():
            box.setRange(0, 1000)
            form.addRow(names[key], box)
        self.problem = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Each new day starts from these; a single day can be changed in its summary."), self)
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        settings = ctx.settings
        runner.submit(lambda _t: settings.targets(), on_done=self._show, on_error=self.problem.setText)

    def _show(self, targets: DailyTargets) -> None:
        self.current = targets
        for key, box in self.boxes.items():
            box.setValue(getattr(targets, key))

    def save(self) -> None:
        if self.current is None:
            return
        targets = replace(self.current, **{k: box.value() for k, box in self.boxes.items()})
        settings = self.ctx.settings

        def saved(_r: object) -> None:
            self.targets_did_save.emit()
            self.accept()

        self.runner.submit(
            lambda _t: settings.set_targets(targets),
            lane="db",
            on_done=saved,
            on_error=self.problem.setText,
        )
