"""Sync: every item on its way to head office, where it stands, and what can be done about it.

Below the list: the reference data head office publishes (the holiday calendar's version and
years, the product catalogue's version and size) as this laptop holds them, and when a sync last
asked for newer copies.

The list, retry, discard and export go through the core's SyncService on workers; runs
themselves belong to the SyncScheduler (one at a time), which this page asks for a run and
follows for progress and the outcome (`follow`).  While a run pushes, the bar counts payload bytes
("1.2 MB of 3.4 MB sent") and a label beside it the items and the time left at the rate seen
(ui.sync.transfer), once a few seconds of it are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from app.errors import BranchDeskError
from ui.common.columns import fit_columns
from ui.common.page import Page
from ui.common.task_runner import TaskRunner
from ui.sync.login_dialog import LoginDialog
from ui.sync.model import SyncItemModel
from ui.sync.texts import LOGIN_CODES, SyncTexts
from ui.sync.transfer import Transfer
from ui.sync.update_notice import UpdateNoticeBar

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.references import HeldReferences
    from app.headoffice.service import LoginState, SyncItem, SyncReport, SyncSummary
    from ui.sync.scheduler import SyncScheduler


@dataclass(frozen=True)
class SyncView:
    status: str  # the filter these items answer
    items: tuple[SyncItem, ...]
    summary: SyncSummary
    login: LoginState | None
    login_problem: BranchDeskError | None  # no usable password store
    references: HeldReferences  # the holiday calendar and product catalogue held


def load_view(ctx: AppContext, status: str) -> SyncView:
    sync = ctx.sync
    try:
        login, problem = sync.login_state(), None
    except BranchDeskError as exc:
        login, problem = None, exc
    return SyncView(status, sync.items(status), sync.summary(), login, problem, sync.references())


class SyncPage(Page):
    shows = frozenset({"outbox", "settings"})  # the items, and the last success (a setting)
    sync_did_request = Signal()
    cancel_did_request = Signal()
    login_did_succeed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Sync"),
            self.tr("Finished proposals and signed receipts on their way to head office, and what came back."),
            parent,
        )
        self._runner = runner
        self._ctx: AppContext | None = None
        self._texts = SyncTexts(self)
        self._generation = 0
        self._asked = False  # the manager pressed Sync now: a login problem opens the dialog
        self.view: SyncView | None = None
        self.login_dialog: LoginDialog | None = None
        self.discard_box: QMessageBox | None = None

        self.login_state = QLabel(self)
        self.login_state.setObjectName("syncLogin")
        self.login_state.setWordWrap(True)
        self.login_button = QPushButton(self.tr("&Log in…"), self)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("syncFilter")
        for value, text in (("all", self.tr("All items")), ("open", self.tr("Not sent yet")),
                            ("pending", self.tr("Waiting")), ("rejected", self.tr("Rejected")),
                            ("sent", self.tr("Sent")), ("discarded", self.tr("Discarded"))):  # fmt: skip
            self.status_filter.addItem(text, value)
        filter_label = QLabel(self.tr("Sho&w:"), self)
        filter_label.setBuddy(self.status_filter)
        self.sync_button = QPushButton(self.tr("&Sync now"), self)
        self.sync_button.setToolTip(self.tr("Send what waits and fetch head office's answers (F5)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop after the item being sent (Esc); the rest keeps waiting"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.hide()
        # While a run pushes: items done and the time left, beside the bar (which counts bytes once known).
        self.estimate = QLabel(self)
        self.estimate.setObjectName("syncEstimate")
        self.estimate.hide()
        self.transfer = Transfer()
        self._items = (0, 0)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setInterval(1000)  # the time left counts down between the outbox's reports
        self._estimate_timer.timeout.connect(self._show_estimate)
        self.model = SyncItemModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("syncItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=self.model.COLUMNS.index("error"))
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.setToolTip(self.tr("Send a rejected item again at the next sync"))
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.discard_button.setToolTip(self.tr("Never send this item; a copy is kept on this computer (Delete)"))
        self.export_button = QPushButton(self.tr("E&xport list…"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("syncSummary")
        self.references = QLabel(self)
        self.references.setObjectName("syncReferences")
        self.references.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.login_state, 1)
        top.addWidget(self.login_button)
        controls = QHBoxLayout()
        controls.addWidget(filter_label)
        controls.addWidget(self.status_filter)
        controls.addStretch(1)
        controls.addWidget(self.estimate)
        controls.addWidget(self.progress, 1)
        controls.addWidget(self.sync_button)
        controls.addWidget(self.cancel_button)
        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        self.update_notice = UpdateNoticeBar(runner, self)  # a newer app version announced (issue 21)
        self.content.addWidget(self.update_notice)
        self.content.addLayout(top)
        self.content.addLayout(controls)
        self.content.addWidget(self.table, 1)
        self.content.addLayout(actions)
        self.content.addWidget(self.summary)
        self.content.addWidget(self.references)
        self.content.addWidget(self.status)
        for first, second in ((self.status_filter, self.sync_button), (self.sync_button, self.cancel_button),
                              (self.cancel_button, self.table), (self.table, self.retry_button),
                              (self.retry_button, self.discard_button), (self.discard_button, self.export_button),
                              (self.export_button, self.login_button)):  # fmt: skip
            self.setTabOrder(first, second)

        self.status_filter.currentIndexChanged.connect(self.reload)
        self.sync_button.clicked.connect(self.request_sync)
        self.cancel_button.clicked.connect(self.cancel_did_request)
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.ask_discard)
        self.export_button.clicked.connect(self.export_list)
        self.login_button.clicked.connect(self.open_login)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._refresh_buttons())
        self._add_action("F5", self.request_sync, Qt.ShortcutContext.WindowShortcut)
        self._add_action("Esc", self.cancel_button.click, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._add_action(QKeySequence.StandardKey.Delete, self.ask_discard, Qt.ShortcutContext.WidgetShortcut,
                         self.table)  # fmt: skip
        self._refresh_buttons()

    def _add_action(self, key: str | QKeySequence.StandardKey, slot: object, context: Qt.ShortcutContext,
                    owner: QWidget | None = None) -> None:  # fmt: skip
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        (owner or self).addAction(action)

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.update_notice.attach(ctx)
        self.reload()

    def follow(self, scheduler: SyncScheduler) -> None:
        """Runs are the scheduler's: ask it for one, and show its progress and outcome."""
        self.sync_did_request.connect(scheduler.sync_now)
        self.cancel_did_request.connect(scheduler.cancel)
        self.login_did_succeed.connect(scheduler.note_login)
        scheduler.sync_did_start.connect(self.show_sync_started)
        scheduler.sync_did_progress.connect(self.show_sync_progress)
        scheduler.sync_did_send_bytes.connect(self.show_sync_bytes)
        scheduler.sync_did_finish.connect(self.show_sync_report)
        scheduler.sync_did_fail.connect(self.show_sync_failure)
        scheduler.sync_did_end.connect(self.show_sync_ended)
        if scheduler.is_running:
            self.show_sync_started()

    # ---- the list ------------------------------------------------------------------------

    def reload_changed(self) -> None:
        # During a run every item commits twice; the list is read once the run ends instead
        # (show_sync_ended), and the progress bar says meanwhile how far it got.
        if self.progress.isHidden():
            self.reload()

    def reload(self) -> None:
        if self._ctx is None:
            return
        self._generation += 1
        self.update_notice.reload()  # head office's last answer is a setting too
        ctx, status, generation = self._ctx, self.status_filter.currentData(), self._generation
        self._runner.submit(lambda _t: load_view(ctx, status), on_done=lambda view: self._show_view(generation, view),
                            on_error=self.status.setText)  # fmt: skip

    def _show_view(self, generation: int, view: SyncView) -> None:
        if generation != self._generation:
            return  # an answer to an older filter
        current = self.selected()
        self.view = view
        self.model.show_items(view.items)
        row = self.model.row_of(current.id) if current is not None else -1
        if row < 0 and view.items:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_login(view)
        summary = view.summary
        parts = [self.tr("%n item(s) shown", "", len(view.items)), self.tr("%n waiting", "", summary.pending)]
        if summary.rejected:
            parts.append(self.tr("%n rejected", "", summary.rejected))
        parts.append(self.tr("last successful sync: %1").replace("%1", self._texts.when(summary.last_success_at)))
        self.summary.setText(" · ".join(parts))
        self.references.setText(self._texts.references(view.references))
        self._refresh_buttons()

    def _show_login(self, view: SyncView) -> None:
        login = view.login
        if view.login_problem is not None:
            text = self._texts.error(view.login_problem) or ""
        elif login is None or not login.has_token:
            text = self.tr("Not logged in to head office: nothing is sent until you log in.")
        elif login.from_environment:
            text = self.tr("Using the token set for unattended runs, for %1.").replace("%1", login.server_url)
        else:
            text = (self.tr("Logged in to %1 as manager %2.")
                    .replace("%1", login.server_url).replace("%2", login.manager_code))  # fmt: skip
        self.login_state.setText(text)

    def selected(self) -> SyncItem | None:
        return self.model.record(self.table.currentIndex().row())

    def _refresh_buttons(self) -> None:
        item = self.selected()
        self.retry_button.setEnabled(item is not None and _retryable(item))
        self.discard_button.setEnabled(item is not None and item.status in ("pending", "rejected"))
        self.export_button.setEnabled(self._ctx is not None)

    # ---- retry, discard, export --------------------------------------------------------------

    def retry_selected(self) -> None:
        item = self.selected()
        if self._ctx is None or item is None or not _retryable(item):
            return
        ctx, item_id = self._ctx, item.id
        self._runner.submit(lambda _t: ctx.sync.retry(item_id), lane="db", on_done=self._retried,
                            on_error=self.status.setText)  # fmt: skip

    def _retried(self, item: SyncItem) -> None:
        self.status.setText(self.tr("It goes again with the next sync. Press Sync now to send it at once."))
        self.reload()

    def ask_discard(self) -> None:
        item = self.selected()
        if self._ctx is None or item is None or item.status not in ("pending", "rejected"):
            return
        from app.headoffice.items import DISCARDED_DIR  # loaded already: the list came from it

        folder = self._ctx.data_dir / DISCARDED_DIR
        what = f"{self._texts.kinds().get(item.kind, item.kind)} “{item.what or item.record_id}”"
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard"),
                          self.tr("Discard %1? It will never be sent to head office.").replace("%1", what),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.setInformativeText(
            self.tr("A copy is kept on this computer in %1. It holds ID numbers: keep it private.").replace(
                "%1", str(folder)
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Discard"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not throw work away
        item_id = item.id
        box.finished.connect(lambda _r: self._discard_answered(box, item_id))
        self.discard_box = box
        box.open()

    def _discard_answered(self, box: QMessageBox, item_id: str) -> None:
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes) or self._ctx is None:
            return
        ctx = self._ctx
        self._runner.submit(lambda _t: ctx.sync.discard(item_id), lane="db", on_done=self._discarded,
                            on_error=self.status.setText)  # fmt: skip

    def _discarded(self, copy: Path) -> None:
        self.status.setText(self.tr("Discarded. The copy is at %1.").replace("%1", str(copy)))
        self.reload()

    def export_list(self) -> None:
        if self._ctx is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the sync list"), "sync-list.csv",
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        if not path:
            return
        ctx, target = self._ctx, Path(path)
        self._runner.submit(
            lambda _t: ctx.sync.export_items(target),
            on_done=lambda count: self.status.setText(
                self.tr("%n item(s) exported to %1.", "", count).replace("%1", str(target))),
            on_error=self.status.setText,
        )  # fmt: skip

    # ---- logging in ----------------------------------------------------------------------

    def open_login(self) -> None:
        if self._ctx is None:
            return
        dialog = LoginDialog(self._ctx, self._runner, self)
        dialog.login_did_succeed.connect(self._logged_in)
        self.login_dialog = dialog
        dialog.open()

    def _logged_in(self, message: str) -> None:
        self.status.setText(message)
        self.login_did_succeed.emit()
        self.reload()

    # ---- runs (the scheduler's) -------------------------------------------------------------

    def request_sync(self) -> None:
        if not self.sync_button.isEnabled():
            return
        self._asked = True
        self.sync_did_request.emit()

    def show_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first item is done
        self.progress.show()
        self.transfer.start()
        self._items = (0, 0)
        self.estimate.clear()
        self.estimate.show()
        self._estimate_timer.start()
        self.status.setText(self.tr("Syncing with head office…"))

    def show_sync_progress(self, done: int, total: int) -> None:
        self._items = (done, total)
        if not self.transfer.known:  # else the bar counts bytes (show_sync_bytes)
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("%1 of %2").replace("%1", str(done)).replace("%2", str(total)))
        self._show_estimate()

    def show_sync_bytes(self, done: int, total: int) -> None:
        """The outbox's payload bytes sent and due: the bar by bytes, "1.2 MB of 3.4 MB"."""
        self.transfer.note(done, total)
        self.progress.setRange(0, PERMILLE)
        self.progress.setValue(PERMILLE * self.transfer.done // max(self.transfer.total, 1))
        self.progress.setFormat(self.tr("%1 of %2 sent").replace("%1", self.size_text(self.transfer.done))
                                .replace("%2", self.size_text(self.transfer.total)))  # fmt: skip
        self._show_estimate()

    def _show_estimate(self) -> None:
        done, total = self._items
        parts = [self.tr("%1 of %2 items").replace("%1", str(done)).replace("%2", str(total))] if total else []
        left = self.time_left_text(self.transfer.seconds_left()) if done < total else ""
        self.estimate.setText(" · ".join(parts + ([left] if left else [])))

    def size_text(self, count: int) -> str:
        """Bytes as the manager reads them: "860 KB", "3.4 MB"."""
        if count >= MIB:
            return self.tr("%1 MB").replace("%1", f"{count / MIB:.1f}")
        return self.tr("%1 KB").replace("%1", str(-(-count // 1024)))

    def time_left_text(self, seconds: float | None) -> str:
        """The time left in words ("about 2 min left"); "" while the rate is not known yet."""
        if seconds is None:
            return ""
        if seconds < 10:
            return self.tr("a few seconds left")
        if seconds < 55:
            return self.tr("about %n s left", "", int(seconds / 10 + 0.5) * 10)
        minutes = max(1, int(seconds / 60 + 0.5))
        if minutes < 120:
            return self.tr("about %n min left", "", minutes)
        return self.tr("about %n h left", "", int(minutes / 60 + 0.5))

    def show_sync_report(self, report: SyncReport) -> None:
        self.status.setText(self._texts.report(report))
        if report.succeeded:  # a run the manager asked for asks at once, others once a day
            self.update_notice.check(force=self._asked)

    def show_sync_failure(self, exc: Exception) -> None:
        text = self._texts.error(exc)
        if text is None:
            return  # cancelled
        self.status.setText(text)
        if self._asked and getattr(exc, "code", "") in LOGIN_CODES:
            self.open_login()

    def show_sync_ended(self) -> None:
        self._asked = False
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self._estimate_timer.stop()
        self.estimate.hide()
        self.reload()


PERMILLE = 1000  # the bar's range while it counts bytes (a QProgressBar holds an int)
MIB = 1024 * 1024


def _retryable(item: SyncItem) -> bool:
    """Rejected, or waiting out a back-off after failures (retry makes it due now)."""
    if item.status == "rejected":
        return True
    return item.status == "pending" and item.next_attempt_at is not None and (item.next_attempt_at > datetime.now(UTC))
