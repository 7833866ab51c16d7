"""UI fixtures: the real Shell and main window, UI settings in a temp file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from ui.common.i18n import install_translators
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def english(qapp) -> None:  # type: ignore[no-untyped-def]
    """As `branchdesk --lang en` does; tests that want Chinese install it on top."""
    install_translators(qapp, "en")


@pytest.fixture(autouse=True)
def no_dialog_left_open(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A test that leaves a dialog open must not leave it to the next test, where it would be the
    active modal widget that test waits for."""
    yield
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def open_active(qtbot, shell: Shell, data_dir: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """Start as the app does and wait until the profile is attached and the window has focus."""
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def shell(qtbot, ui_settings: QSettings) -> Iterator[Shell]:  # type: ignore[no-untyped-def]
    created = Shell(ui_settings)
    yield created
    created.close()


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a user does: ASCII key by key, Chinese as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for chunk in _runs(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs
