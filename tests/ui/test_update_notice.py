"""A newer app version announced by head office, as the manager meets it (issue 21): on the Sync
page and in the status bar, dismissed for that version with the keyboard, nothing offline.
Against the real head-office server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import app
from app.context import AppContext
from app.updates.service import Announcement, UpdateNotice
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.server import HeadOffice, free_port
from tests.sync.conftest import log_in
from tests.ui.test_sync_page import open_sync_page
from ui.shell.application import Shell
from ui.sync.update_notice import UpdateTexts


def publish(office: HeadOffice, version: str, notes: str, notes_zh: str) -> None:
    done = office.cli("publish-version", version, "--notes", notes, "--notes-zh", notes_zh)
    assert done.returncode == 0, done.stderr


def logged_in(data_dir: Path, url: str, token: str) -> None:
    ctx = AppContext.open(data_dir)
    try:
        log_in(ctx, url, token)
    finally:
        ctx.close()


def test_a_newer_version_is_told_on_the_sync_page_and_the_status_bar_and_dismissed(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    publish(headoffice, "99.4.0", "Faster sync.", "同步更快。")
    logged_in(data_dir, headoffice.url, headoffice_token)
    window, page = open_sync_page(qtbot, shell, data_dir)
    notice = page.update_notice
    # The run at start (online, logged in) asks: never asked before, so it is due.
    qtbot.waitUntil(notice.isVisible, timeout=15_000)
    assert notice.text.text() == "New version 99.4.0: Faster sync. Please ask the IT department to install it."
    label = window.status.update_label
    qtbot.waitUntil(label.isVisible)
    assert label.text() == '<a href="sync">New version 99.4.0 (see Sync)</a>'
    assert label.toolTip() == notice.text.text()
    window.show_page(0)  # from another page, the notice in the status bar leads to the Sync page
    label.linkActivated.emit("sync")
    assert window.nav.currentRow() == 5

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Do&n't remind me of this version
    qtbot.waitUntil(lambda: not notice.isVisible())
    qtbot.waitUntil(lambda: not label.isVisible())
    assert (shell.ctx and shell.ctx.settings.get("update_dismissed_version")) == "99.4.0"

    # A later version: Sync now (F5) asks at once, though a day has not passed.
    publish(headoffice, "99.5", "Letters print on one page.", "函件打印为一页。")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(notice.isVisible, timeout=15_000)
    assert notice.text.text().startswith("New version 99.5: Letters print on one page.")
    qtbot.waitUntil(lambda: "New version 99.5 (see Sync)" in label.text())


def test_the_running_version_or_no_head_office_shows_nothing(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    publish(headoffice, app.__version__, "This one.", "本版本。")
    logged_in(data_dir, headoffice.url, headoffice_token)
    window, page = open_sync_page(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: page.status.text().startswith("Up to date"), timeout=15_000)
    qtbot.waitUntil(lambda: shell.ctx is not None and shell.ctx.settings.get("update_checked_at") is not None)
    page.reload()
    qtbot.wait(200)
    assert not page.update_notice.isVisible() and not window.status.update_label.isVisible()


def test_offline_nothing_is_shown_and_nothing_breaks(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    logged_in(data_dir, f"http://127.0.0.1:{free_port()}", "some-token")
    window, page = open_sync_page(qtbot, shell, data_dir)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.sync_button.isEnabled() and not page.progress.isVisible(), timeout=15_000)
    qtbot.wait(200)
    assert not page.update_notice.isVisible() and not window.status.update_label.isVisible()
    assert page.update_notice.text.text() == ""


def test_the_sentence_names_the_update_address_and_keeps_one_full_stop(qtbot: QtBot) -> None:
    texts = UpdateTexts()
    announced = Announcement("1.4.0", "同步更快。", "Faster sync.", "2026-03-16T01:00:00.000000Z")
    with_address = UpdateNotice(announced, "1.3.0", "https://it.example.cn/branchdesk")
    assert texts.sentence(with_address) == ("New version 1.4.0: Faster sync. Please ask the IT department to install "
                                            "it.\nWhere to get it: https://it.example.cn/branchdesk")  # fmt: skip
    no_notes = UpdateNotice(Announcement("1.4.0", "", "", ""), "1.3.0", "")
    assert texts.sentence(no_notes) == "New version 1.4.0. Please ask the IT department to install it."
