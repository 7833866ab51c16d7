"""The Sync page and the login dialog as a manager meets them, against the real head-office server."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal
from tests.ui.conftest import page_of, some
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow
from ui.sync.page import SyncPage

SYNC = 5


def open_sync_page(qtbot: QtBot, shell: Shell, data_dir: Path) -> tuple[MainWindow, SyncPage]:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = page_of(window, SYNC, SyncPage)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.view is not None)
    return window, page


def column(page: SyncPage, name: str) -> list[str]:
    index = page.model.COLUMNS.index(name)
    return [page.model.index(row, index).data() for row in range(page.model.rowCount())]


def profile(data_dir: Path, proposals: int = 0, login: tuple[HeadOffice, str, str] | None = None) -> list[str]:
    """Finished proposals of the sample manager, and a login stored as `branchdesk login` does."""
    ctx = AppContext.open(data_dir)
    try:
        if login is not None:
            office, code, token = login
            ctx.sync.login(office.url, code, token)
        return [finished_proposal(ctx) for _ in range(proposals)]
    finally:
        ctx.close()


def test_log_in_with_the_dialog_then_sync_now_sends_a_finished_proposal(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    window, page = open_sync_page(qtbot, shell, data_dir)
    assert page.login_state.text().startswith("Not logged in")

    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    dialog = some(page.login_dialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    assert dialog.token.echoMode() == dialog.token.EchoMode.Password
    qtbot.keyClicks(dialog.server, headoffice.url)
    qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
    qtbot.keyClicks(dialog.token, "not-the-token")
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "refused this token" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.token.hasFocus()

    dialog.token.clear()
    qtbot.keyClicks(dialog.token, headoffice_token)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.login_state.text() == f"Logged in to {headoffice.url} as manager BJ0107.")
    assert dialog.token.text() == ""
    # Logging in starts a run; with nothing queued it says so.
    qtbot.waitUntil(lambda: page.status.text().startswith("Up to date"), timeout=10_000)

    proposal_id = finished_proposal(shell.ctx)  # type: ignore[arg-type]
    page.reload()
    qtbot.waitUntil(lambda: column(page, "status") == ["Waiting"])
    assert column(page, "kind") == ["Proposal"] and "·" in column(page, "what")[0]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: column(page, "status") == ["Sent"], timeout=15_000)
    assert page.status.text().startswith("1 item(s) sent")
    assert page.sync_button.isEnabled() and not page.progress.isVisible()
    assert [r.id for r in headoffice.records()] == [proposal_id]
    assert "last successful sync: today" in page.summary.text()
    qtbot.waitUntil(lambda: window.status.outbox_label.text() == "Outbox: 0 waiting")
    assert window.status.last_sync_label.text().startswith("Last sync: today")


def test_login_says_plainly_when_the_server_is_not_there(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    _window, page = open_sync_page(qtbot, shell, data_dir)
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    dialog = some(page.login_dialog)
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    qtbot.keyClicks(dialog.server, "http://127.0.0.1:9")  # nothing listens on port 9
    qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
    qtbot.keyClicks(dialog.token, "some-token")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be reached" in dialog.message.text(), timeout=15_000)
    assert dialog.server.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.login_state.text().startswith("Not logged in"))


def test_no_password_store_is_said_plainly_and_nothing_is_stored(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # a machine with no keyring backend
    # There the database key comes from a passphrase (app/keys.py); typed in a dialog, or this.
    monkeypatch.setenv("BRANCHDESK_PASSPHRASE", "a long enough passphrase")
    _window, page = open_sync_page(qtbot, shell, data_dir)
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    dialog = some(page.login_dialog)
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    said = dialog.message.text()
    # Plain words: no keyring backend's class name, no environment variable (issue 18 item 6).
    assert "cannot keep your head-office token" in said
    assert not any(word in said for word in ("keyring", "Keyring", "BRANCHDESK_TOKEN", "Traceback"))
    qtbot.keyClicks(dialog.server, headoffice.url)
    qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
    qtbot.keyClicks(dialog.token, headoffice_token)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    assert "No secure password store" in dialog.message.text() and dialog.isVisible()
    assert shell.ctx is not None and shell.ctx.settings.server_url() == ""


def test_a_rejected_item_shows_why_and_can_be_retried_discarded_and_exported(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    tmp_path: Path,
    headoffice: HeadOffice,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Logged in as another manager: head office refuses the sample manager's proposal (403).
    other = headoffice.add_manager("SH0001")
    profile(data_dir, proposals=1, login=(headoffice, "SH0001", other))
    _window, page = open_sync_page(qtbot, shell, data_dir)
    # Logged in and online at start: the run goes by itself.
    qtbot.waitUntil(lambda: column(page, "status") == ["Rejected"], timeout=15_000)
    assert "belongs to another manager" in column(page, "error")[0]
    assert "1 rejected" in page.summary.text()

    page.table.selectRow(0)
    assert page.retry_button.isEnabled() and page.discard_button.isEnabled()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: column(page, "status") == ["Waiting"])
    assert column(page, "attempts") == ["1"] and column(page, "error") == [""]
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: column(page, "status") == ["Rejected"], timeout=15_000)
    assert column(page, "attempts") == ["2"]

    # Export: the list as CSV where the manager chooses.
    target = tmp_path / "export" / "outbox.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() == f"1 item(s) exported to {target}.")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["kind"], r["status"]) for r in rows] == [("proposal", "rejected")]
    assert "another manager" in rows[0]["last_error"]

    # Discard asks first; answering Cancel keeps the item.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    box = some(page.discard_box)
    assert box.isVisible()
    assert "never be sent" in box.text() and str(data_dir / "discarded") in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert column(page, "status") == ["Rejected"]

    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    box = some(page.discard_box)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: column(page, "status") == ["Discarded"])
    copies = list((data_dir / "discarded").iterdir())
    assert len(copies) == 1 and page.status.text() == f"Discarded. The copy is at {copies[0]}."
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert not page.retry_button.isEnabled() and not page.discard_button.isEnabled()

    # The filter: nothing is left to send.
    page.status_filter.setFocus()
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.summary.text().startswith("0 item(s) shown · 0 waiting")


def test_sync_now_without_a_login_opens_the_login_dialog(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    profile(data_dir, proposals=1)
    _window, page = open_sync_page(qtbot, shell, data_dir)
    assert column(page, "status") == ["Waiting"]
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.login_dialog is not None and page.login_dialog.isVisible())
    assert page.status.text().startswith("Not logged in to head office")
    assert page.sync_button.isEnabled() and column(page, "status") == ["Waiting"]


def test_a_login_whose_password_store_went_away_is_said_on_the_page(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    from app.keys import PASSPHRASE, read_mode

    # A passphrase profile (a keyring profile's database cannot open once the keyring is gone),
    # made as the app makes one on a computer without a password store.
    monkeypatch.setenv("BRANCHDESK_PASSPHRASE", "a long enough passphrase")
    working = keyring.get_keyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    AppContext.open(data_dir).close()
    assert read_mode(data_dir) == PASSPHRASE
    monkeypatch.setattr(keyring, "get_keyring", lambda: working)
    profile(data_dir, proposals=1, login=(headoffice, SAMPLE_MANAGER, headoffice_token))
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    _window, page = open_sync_page(qtbot, shell, data_dir)
    assert "No secure password store" in page.login_state.text()
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No secure password store" in page.status.text())
    assert column(page, "status") == ["Waiting"] and headoffice.records() == []


def test_the_page_shows_the_reference_versions_held_and_a_sync_brings_a_published_calendar(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    from app.rules import working_days
    from tests.test_reference_distribution import SAMPLE_CALENDAR, calendar_file, publish

    profile(data_dir, login=(headoffice, SAMPLE_MANAGER, headoffice_token))
    # Published before the window opens: the run the window starts by itself once head office
    # answers, or F5 if that has not started yet, brings it — never both (one run at a time).
    assert publish(headoffice, "calendar", SAMPLE_CALENDAR.read_bytes()).returncode == 0
    assert publish(headoffice, "calendar", calendar_file(3), "2028.json").returncode == 0
    try:
        window, page = open_sync_page(qtbot, shell, data_dir)
        shown = page.references.text()
        assert shown.startswith("Holiday calendar: version ") and "Product catalogue: version 1 (" in shown
        assert "product(s)" in shown and page.references.isVisible()
        qtbot.waitUntil(lambda: not window.sync_scheduler.is_running, timeout=15_000)
        if "holiday calendar version 3 received" not in page.status.text():  # no run by itself yet
            page.table.setFocus()
            qtbot.keyClick(page.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "holiday calendar version 3 received" in page.status.text(), timeout=15_000)
        qtbot.waitUntil(lambda: page.references.text().startswith("Holiday calendar: version 3 (2004–2028)"))
        assert "Last checked with head office: today" in page.references.text()
        # Asked again, head office answers 304: nothing new, and the versions stay.
        qtbot.waitUntil(lambda: not window.sync_scheduler.is_running, timeout=15_000)
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: page.status.text().startswith("Up to date"), timeout=15_000)
        assert page.references.text().startswith("Holiday calendar: version 3 (2004–2028)")
    finally:
        working_days.hold(None)
