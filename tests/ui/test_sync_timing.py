"""When the app syncs (start, timer, Sync now, close), what refreshes after a run, and the
status bar's warning: against the real head-office server, or one that never answers."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.headoffice.service import MANAGER_KEY
from local_db.base import utcnow
from local_db.models import OutboxItem
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal
from tests.ui.conftest import page_of, some
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow
from ui.shell.status_bar import WARN_AFTER_KEY
from ui.sync.page import SyncPage
from ui.sync.scheduler import CLOSE_WAIT_S, INTERVAL_KEY

from .conftest import open_active

SYNC = 5


class StalledServer:
    """Accepts connections and reads requests but never answers: a head office that hangs."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.requests: list[str] = []
        self._connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(1.0)
            self._connections.append(connection)
            with contextlib.suppress(OSError):
                self.requests.append(connection.recv(200).decode("latin-1").split("\r\n", 1)[0])

    def close(self) -> None:
        """Drops every connection: a request left hanging fails at once."""
        self._stop.set()
        self._thread.join()
        for connection in (*self._connections, self._listener):
            connection.close()


@pytest.fixture
def stalled() -> Iterator[StalledServer]:
    server = StalledServer()
    yield server
    server.close()


def prepare(
    data_dir: Path, url: str, token: str, proposals: int = 1, settings: dict[str, object] | None = None
) -> list[str]:
    """Finished proposals and a stored login (as `branchdesk login` leaves it, without asking
    head office, which may hang on purpose)."""
    ctx = AppContext.open(data_dir)
    try:
        ctx.credentials.store(url, SAMPLE_MANAGER, token)
        ctx.settings.set_server_url(url)
        ctx.settings.set(MANAGER_KEY, SAMPLE_MANAGER)
        for key, value in (settings or {}).items():
            ctx.settings.set(key, value)
        return [finished_proposal(ctx) for _ in range(proposals)]
    finally:
        ctx.close()


def statuses(data_dir: Path) -> list[str]:
    ctx = AppContext.open(data_dir)
    try:
        return [item.status for item in ctx.sync.items()]
    finally:
        ctx.close()


def sync_statuses(window: MainWindow) -> list[str]:
    page = page_of(window, SYNC, SyncPage)
    column = page.model.COLUMNS.index("status")
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def test_logged_in_and_online_it_syncs_on_start_and_then_on_the_timer(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    prepare(data_dir, headoffice.url, headoffice_token, settings={INTERVAL_KEY: 0.05})  # every 3 s
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: len(headoffice.records()) == 1, timeout=15_000)
    qtbot.waitUntil(lambda: window.status.outbox_label.text() == "Outbox: 0 waiting", timeout=10_000)
    assert window.status.connection_label.property("state") == "online"

    later = finished_proposal(shell.ctx)  # type: ignore[arg-type]
    # Nobody presses anything: the timer sends it.
    qtbot.waitUntil(lambda: later in {r.id for r in headoffice.records()}, timeout=15_000)
    qtbot.waitUntil(lambda: sync_statuses(window) == ["Sent", "Sent"], timeout=10_000)


def test_after_a_run_today_and_proposals_show_head_offices_answer(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    (proposal_id,) = prepare(data_dir, headoffice.url, headoffice_token)
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: len(headoffice.records()) == 1, timeout=15_000)
    today = window.today
    assert not any(some(today.reminders.topLevelItem(i)).text(0) == "Deliver the policy"
                   for i in range(today.reminders.topLevelItemCount()))  # fmt: skip

    headoffice.decide(proposal_id, "issued", "--policy-number", "P-2026-0001")
    window.show_page(SYNC)
    qtbot.waitUntil(lambda: page_of(window, SYNC, SyncPage).sync_button.isEnabled())
    qtbot.keyClick(window.nav, Qt.Key.Key_F5)

    def delivery() -> list[str]:
        found = (some(today.reminders.topLevelItem(i)) for i in range(today.reminders.topLevelItemCount()))
        return [f"{item.text(0)} | {item.text(3)}" for item in found if item.text(0) == "Deliver the policy"]

    # Nothing wires Today or Proposals to the run: what it committed reaches them through the
    # change relay, and each reloads when the manager next looks at it.
    qtbot.waitUntil(lambda: window.status.last_sync_label.text() != "Syncing…", timeout=15_000)
    window.show_page(0)
    # No pick-up recorded yet: the 3 days count from head office's issue, and the line says so.
    expected = "Deliver the policy | P-2026-0001 · 3 days from issue (no pick-up recorded)"
    qtbot.waitUntil(lambda: delivery() == [expected], timeout=15_000)
    proposals = page_of(window, 3, ProposalsPage)
    hq = proposals.model.COLUMNS.index("hq")
    window.show_page(3)
    qtbot.waitUntil(lambda: proposals.model.index(0, hq).data() == "Policy issued P-2026-0001")


def test_status_bar_warns_when_an_item_waited_too_long(
    qtbot: QtBot,
    ui_settings: QSettings,
    data_dir: Path,
    ctx: AppContext,
) -> None:
    with ctx.store.sessions.begin() as session:
        session.add(OutboxItem(seq=1, kind="proposal", record_id="p1", payload_json="{}", status="pending",
                               created_at=utcnow() - timedelta(hours=30)))  # fmt: skip
    shell = Shell(ui_settings)
    try:
        window = open_active(qtbot, shell, data_dir)
        label = window.status.outbox_label
        qtbot.waitUntil(lambda: label.text() == "Outbox: 1 waiting")
        qtbot.waitUntil(lambda: label.property("warning") is True)
        assert "color" in label.styleSheet()
        assert "The oldest item has waited 30 h (more than 24 h)." in label.toolTip()
        assert window.status.last_sync_label.text() == "Last sync: never"

        # The threshold is a setting: at 48 hours the same item is no cause for alarm.
        ctx.settings.set(WARN_AFTER_KEY, 48)
        window.status.refresh_outbox()
        qtbot.waitUntil(lambda: label.property("warning") is False)
        assert label.styleSheet() == "" and label.toolTip() == ""

        # Anything rejected is always worth a look.
        with ctx.store.sessions.begin() as session:
            session.add(OutboxItem(seq=2, kind="proposal", record_id="p2", payload_json="{}", status="rejected"))
        window.status.refresh_outbox()
        qtbot.waitUntil(lambda: label.text() == "Outbox: 1 waiting · 1 rejected")
        assert label.property("warning") is True and "Head office rejected 1 item(s)." in label.toolTip()
    finally:
        shell.close()


# A run pushes in batches, or one by one to a head office without them (sync/outbox.py).
PUSHES = ("POST /v1/batch", "POST /v1/proposals")


def test_close_time_sync_is_bounded_and_what_did_not_go_stays_pending(
    qtbot: QtBot, shell: Shell, data_dir: Path, stalled: StalledServer
) -> None:
    prepare(data_dir, stalled.url, "token-of-a-hanging-server")
    window = open_active(qtbot, shell, data_dir)
    # The health probe times out: offline, so no run starts by itself.
    qtbot.waitUntil(lambda: window.status.connection_label.property("state") == "offline", timeout=10_000)
    assert not window.sync_scheduler.is_running

    started = time.monotonic()
    shell.close()
    took = time.monotonic() - started

    assert any(r.startswith(PUSHES) for r in stalled.requests)  # the close-time run did try
    assert took < CLOSE_WAIT_S + 1.5, took
    assert statuses(data_dir) == ["pending"]


def test_one_run_at_a_time_and_cancel_leaves_the_rest_waiting(
    qtbot: QtBot, shell: Shell, data_dir: Path, stalled: StalledServer
) -> None:
    prepare(data_dir, stalled.url, "token-of-a-hanging-server", proposals=2)
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: window.status.connection_label.property("state") == "offline", timeout=10_000)
    window.show_page(SYNC)
    page = page_of(window, SYNC, SyncPage)
    qtbot.waitUntil(lambda: sync_statuses(window) == ["Waiting", "Waiting"])

    qtbot.keyClick(window.nav, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: any(r.startswith(PUSHES) for r in stalled.requests), timeout=10_000)
    assert page.progress.isVisible() and not page.sync_button.isEnabled() and page.cancel_button.isEnabled()
    assert window.sync_scheduler.sync_now() is False  # never two runs at once
    assert window.status.last_sync_label.text() == "Syncing…"

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # Cancel
    stalled.close()  # the request in flight fails at once instead of waiting for its timeout
    qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=10_000)
    assert page.status.text() == "Stopped; what was not sent stays waiting"
    assert not page.progress.isVisible()
    qtbot.waitUntil(lambda: sync_statuses(window) == ["Waiting", "Waiting"])
    assert len([r for r in stalled.requests if r.startswith("POST")]) == 1
