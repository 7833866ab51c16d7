"""Status bar: connection to head office and how many items wait in the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.services.connection import ConnectionState
    from app.services.overview import OutboxSummary

OUTBOX_REFRESH_MS = 15_000
CONNECTION_REFRESH_MS = 60_000
COLOURS = {"online": "#1e8e3e", "offline": "#c5221f", "not_configured": "#80868b"}


class StatusBar(QStatusBar):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx: AppContext | None = None
        self._runner = runner
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionState")
        self.outbox_label = QLabel(self)
        self.outbox_label.setObjectName("outboxPending")
        self.profile_label = QLabel(self)
        self.addWidget(self.profile_label)
        self.addPermanentWidget(self.outbox_label)
        self.addPermanentWidget(self.connection_label)
        self.profile_label.setText(self.tr("Opening your data…"))
        self.connection_label.setText(self.tr("Head office: checking…"))
        self.outbox_label.setText(self.tr("Outbox: …"))
        self._outbox_timer = QTimer(self, interval=OUTBOX_REFRESH_MS, timeout=self.refresh_outbox)
        self._connection_timer = QTimer(
            self, interval=CONNECTION_REFRESH_MS, timeout=self.refresh_connection
        )

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.profile_label.setText(self.tr("Demo profile: made-up data") if ctx.is_demo else "")
        self.refresh_outbox()
        self.refresh_connection()
        self._outbox_timer.start()
        self._connection_timer.start()

    def stop(self) -> None:
        self._outbox_timer.stop()
        self._connection_timer.stop()

    def refresh_outbox(self) -> None:
        if self._ctx is None:
            return
        overview = self._ctx.overview
        self._runner.submit(lambda _t: overview.outbox_summary(), on_done=self.show_outbox)

    def refresh_connection(self) -> None:
        if self._ctx is None:
            return
        connection = self._ctx.connection
        self._runner.submit(lambda _t: connection.check(), lane="net", on_done=self.show_connection)

    def show_outbox(self, summary: OutboxSummary) -> None:
        text = self.tr("Outbox: %n waiting", "", summary.pending)
        if summary.rejected:
            text += " · " + self.tr("%n rejected", "", summary.rejected)
        self.outbox_label.setText(text)

    def show_connection(self, state: ConnectionState) -> None:
        texts = {
            "online": self.tr("Head office: online"),
            "offline": self.tr("Head office: offline (work is kept and sent later)"),
            "not_configured": self.tr("Head office: not set up"),
        }
        self.connection_label.setText(
            f"<span style='color:{COLOURS[state.value]}'>●</span> {texts[state.value]}"
        )
        self.connection_label.setProperty("state", state.value)
