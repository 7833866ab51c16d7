"""Status bar: connection to head office, the outbox, and when the last sync went through.

The outbox count turns to a warning colour, with a tooltip saying why, when the oldest
waiting item has waited longer than the profile setting `sync_warn_after_hours` (default
24) or head office rejected something.

The outbox is read again when a commit touches what it shows (the change relay), never on a
timer; only the age of the oldest item moves without a commit, and the connection probe's
tick re-judges it from the last reading, without a query.
"""

from __future__ import annotations

import html
import time
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.common.palette import State, state_colour
from ui.common.task_runner import TaskRunner
from ui.sync.texts import SyncTexts
from ui.sync.update_notice import UpdateTexts, ask_if_due, notice_of

if TYPE_CHECKING:
    from app.changes import Changes
    from app.context import AppContext
    from app.headoffice.connection import ConnectionState
    from app.headoffice.service import SyncSummary
    from app.updates.service import UpdateNotice

CONNECTION_REFRESH_MS = 60_000
MESSAGE_MS = 15_000
COLOURS: dict[str, State] = {"online": "ok", "offline": "problem", "not_configured": "muted"}
WARN_AFTER_KEY = "sync_warn_after_hours"
DEFAULT_WARN_AFTER_H = 24


class StatusBar(QStatusBar):
    shows = frozenset({"outbox", "settings"})  # the items waiting; the last success is a setting
    connection_did_change = Signal(str)  # the probe's answer: online | offline | not_configured
    update_did_request = Signal()  # the new-version notice clicked: the Sync page says more

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx: AppContext | None = None
        self._runner = runner
        self._texts = SyncTexts(self)
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionState")
        self.outbox_label = QLabel(self)
        self.outbox_label.setObjectName("outboxPending")
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setObjectName("lastSync")
        self.profile_label = QLabel(self)
        self.addWidget(self.profile_label)
        self.update_label = QLabel(self)  # a newer app version announced (issue 21); the Sync page says more
        self.update_label.setObjectName("updateAvailable")
        self.update_label.hide()
        self.update_label.linkActivated.connect(lambda _link: self.update_did_request.emit())
        self.addPermanentWidget(self.update_label)
        self.addPermanentWidget(self.last_sync_label)
        self.addPermanentWidget(self.outbox_label)
        self.addPermanentWidget(self.connection_label)
        self.profile_label.setText(self.tr("Opening your data…"))
        self.connection_label.setText(self.tr("Head office: checking…"))
        self.outbox_label.setText(self.tr("Outbox: …"))
        self._syncing = False
        self._asked_version = False  # head office asked for a new version since the profile opened
        self._last_sync_text = ""
        # The last outbox reading: (summary, warn after, time.monotonic() when read).
        self._outbox: tuple[SyncSummary, timedelta, float] | None = None
        self._connection_timer = QTimer(self, interval=CONNECTION_REFRESH_MS)
        self._connection_timer.timeout.connect(self.refresh_connection)

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._asked_version = False
        self.profile_label.setText(self.tr("Demo profile: made-up data") if ctx.is_demo else "")
        self._outbox = None
        self.refresh_outbox()
        self.refresh_connection()
        self._connection_timer.start()

    def stop(self) -> None:
        self._connection_timer.stop()

    def note_changes(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh_outbox()

    def refresh_outbox(self) -> None:
        if self._ctx is None:
            return
        ctx = self._ctx
        # ctx.sync is touched on the worker: building it loads the HTTP stack.
        self._runner.submit(
            lambda _t: (ctx.sync.summary(), ctx.settings.get(WARN_AFTER_KEY, DEFAULT_WARN_AFTER_H)),
            on_done=lambda found: self.show_outbox(found[0], _hours(found[1])),
            on_error=self.say,
        )
        self._runner.submit(lambda _t: notice_of(ctx), on_done=self.show_update, on_error=self.say)

    def show_update(self, notice: UpdateNotice | None) -> None:
        texts = UpdateTexts(self)
        # A link: a click opens the Sync page, where the notes and the address are.
        self.update_label.setText(f'<a href="sync">{html.escape(texts.short_text(notice))}</a>' if notice else "")
        self.update_label.setToolTip(texts.sentence(notice) if notice else "")
        self.update_label.setStyleSheet(f"color: {state_colour('warning').name()};")
        self.update_label.setVisible(notice is not None)

    def refresh_connection(self) -> None:
        if self._ctx is None:
            return
        if self._outbox is not None:  # time alone may have made the oldest item overdue
            summary, warn_after, read_at = self._outbox
            if summary.oldest_pending_age is not None:
                waited = summary.oldest_pending_age + timedelta(seconds=time.monotonic() - read_at)
                self._render_outbox(replace(summary, oldest_pending_age=waited), warn_after)
        connection = self._ctx.connection
        self._runner.submit(lambda _t: connection.check(), lane="net", on_done=self.show_connection, on_error=self.say)

    def say(self, text: str) -> None:
        """A message for a while, over the profile label; the permanent labels stay."""
        self.showMessage(text, MESSAGE_MS)

    def show_outbox(self, summary: SyncSummary, warn_after: timedelta) -> None:
        self._outbox = (summary, warn_after, time.monotonic())
        self._render_outbox(summary, warn_after)

    def _render_outbox(self, summary: SyncSummary, warn_after: timedelta) -> None:
        text = self.tr("Outbox: %n waiting", "", summary.pending)
        if summary.rejected:
            text += " · " + self.tr("%n rejected", "", summary.rejected)
        self.outbox_label.setText(text)
        why = []
        age = summary.oldest_pending_age
        if age is not None and age > warn_after:
            why.append(self.tr("The oldest item has waited %1 (more than %2).")
                       .replace("%1", self._texts.age(age)).replace("%2", self._texts.age(warn_after)))  # fmt: skip
        if summary.rejected:
            why.append(self.tr("Head office rejected %n item(s).", "", summary.rejected))
        warning = bool(why)
        self.outbox_label.setProperty("warning", warning)
        self.outbox_label.setStyleSheet(
            f"color: {state_colour('warning').name()}; font-weight: bold;" if warning else ""
        )
        if warning:
            why.append(self.tr("Open the Sync page to see why, retry or discard."))
        self.outbox_label.setToolTip("\n".join(why))
        self._last_sync_text = self.tr("Last sync: %1").replace("%1", self._texts.when(summary.last_success_at))
        if not self._syncing:
            self.last_sync_label.setText(self._last_sync_text)

    def show_sync_started(self) -> None:
        self._syncing = True
        self.last_sync_label.setText(self.tr("Syncing…"))

    def show_sync_progress(self, done: int, total: int) -> None:
        self.last_sync_label.setText(self.tr("Syncing… %1/%2").replace("%1", str(done)).replace("%2", str(total)))

    def show_sync_ended(self) -> None:
        self._syncing = False
        self.last_sync_label.setText(self._last_sync_text)

    def show_connection(self, state: ConnectionState) -> None:
        texts = {
            "online": self.tr("Head office: online"),
            "offline": self.tr("Head office: offline (work is kept and sent later)"),
            "not_configured": self.tr("Head office: not set up"),
        }
        self.connection_label.setText(
            f"<span style='color:{state_colour(COLOURS[state.value]).name()}'>●</span> {texts[state.value]}"
        )
        self.connection_label.setProperty("state", state.value)
        self.connection_did_change.emit(state.value)
        if state.value == "online" and not self._asked_version and self._ctx is not None:
            # Once a profile is open and head office answers: a new version, if a day has passed.
            self._asked_version = True
            ctx = self._ctx
            self._runner.submit(lambda _t: ask_if_due(ctx), lane="net", on_done=self.show_update, on_error=self.say)


def _hours(value: object) -> timedelta:
    try:
        return timedelta(hours=max(0.0, float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return timedelta(hours=DEFAULT_WARN_AFTER_H)
