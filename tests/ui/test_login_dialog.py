"""The login dialog after a mistake: it says what is wrong in the user's language, keeps what was
typed, and puts the cursor back where the mistake is, so Enter tries again instead of closing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.ui.test_sync_page import open_sync_page
from ui.shell.application import Shell
from ui.sync.login_dialog import LoginDialog


def open_login_dialog(qtbot: QtBot, shell: Shell, data_dir: Path) -> LoginDialog:
    _window, page = open_sync_page(qtbot, shell, data_dir)
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    dialog = page.login_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    return dialog


def press_enter(qtbot: QtBot, dialog: LoginDialog) -> None:
    """Enter, where the keyboard focus is, as the user presses it."""
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def typed(dialog: LoginDialog) -> tuple[str, str, str]:
    return dialog.server.text(), dialog.manager.text(), dialog.token.text()


def test_enter_after_a_refused_address_tries_again_and_keeps_what_was_typed(
    qtbot: QtBot, shell: Shell, data_dir: Path
) -> None:
    dialog = open_login_dialog(qtbot, shell, data_dir)
    qtbot.keyClicks(dialog.server, "http://hq.example.com")
    qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
    qtbot.keyClicks(dialog.token, "some-token")
    press_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: "uses http://" in dialog.message.text())
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    assert dialog.server.hasFocus() and dialog.server.selectedText() == "http://hq.example.com"
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert dialog.login_button.isDefault() and not cancel.isDefault()
    assert dialog.message.toolTip() == dialog.message.text()

    press_enter(qtbot, dialog)  # tries again, and is refused again: nothing is lost
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    assert dialog.isVisible() and typed(dialog) == ("http://hq.example.com", SAMPLE_MANAGER, "some-token")
    assert dialog.server.hasFocus()


@pytest.mark.parametrize(
    ("manager", "token", "field", "said"),
    [
        ("", "some-token", "manager", "客户经理工号为空。请输入您的工号，例如 BJ0107。"),
        (SAMPLE_MANAGER, "", "token", "令牌为空。请粘贴总公司发给您的令牌。"),
    ],
)
def test_an_empty_field_is_said_in_chinese_and_gets_the_cursor(
    qtbot: QtBot,
    chinese: None,
    shell: Shell,
    data_dir: Path,
    manager: str,
    token: str,
    field: str,
    said: str,
) -> None:
    dialog = open_login_dialog(qtbot, shell, data_dir)
    dialog.server.clear()
    dialog.manager.clear()
    qtbot.keyClicks(dialog.server, "https://hq.example.com")
    if manager:
        qtbot.keyClicks(dialog.manager, manager)
    if token:
        qtbot.keyClicks(dialog.token, token)
    dialog.server.setFocus()
    press_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.text() == said)
    assert dialog.message.toolTip() == said
    qtbot.waitUntil(lambda: getattr(dialog, field).hasFocus())
    assert dialog.login_button.isDefault()

    press_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.server.isEnabled())
    assert dialog.isVisible() and typed(dialog) == ("https://hq.example.com", manager, token)
    assert getattr(dialog, field).hasFocus() and dialog.message.text() == said


def test_a_refused_address_is_said_in_chinese(qtbot: QtBot, chinese: None, shell: Shell, data_dir: Path) -> None:
    dialog = open_login_dialog(qtbot, shell, data_dir)
    qtbot.keyClicks(dialog.server, "http://hq.example.com")
    qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
    qtbot.keyClicks(dialog.token, "some-token")
    press_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: "明文" in dialog.message.text())
    assert dialog.message.toolTip() == dialog.message.text()
    assert dialog.server.hasFocus() and dialog.isVisible()


def test_enter_while_head_office_is_being_asked_does_not_close_the_dialog(
    qtbot: QtBot, shell: Shell, data_dir: Path
) -> None:
    dialog = open_login_dialog(qtbot, shell, data_dir)
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts the connection, never answers
        qtbot.keyClicks(dialog.server, f"http://127.0.0.1:{silent.getsockname()[1]}")
        qtbot.keyClicks(dialog.manager, SAMPLE_MANAGER)
        qtbot.keyClicks(dialog.token, "some-token")
        press_enter(qtbot, dialog)
        assert not dialog.server.isEnabled() and dialog.message.text() == "Checking with head office…"
        cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        assert not cancel.hasFocus() and not cancel.isDefault()
        press_enter(qtbot, dialog)
        assert dialog.isVisible()
    # The silent server is gone: the check fails, and the cursor goes to the address to correct.
    qtbot.waitUntil(lambda: dialog.server.isEnabled(), timeout=15_000)
    assert "could not be reached" in dialog.message.text()
    assert dialog.isVisible() and dialog.server.hasFocus() and dialog.login_button.isDefault()
