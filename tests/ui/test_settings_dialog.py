"""Settings… (Ctrl+,): the manager, targets, language (on restart) and idle lock in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.profile.settings import DailyTargets
from ui.shell.application import Shell
from ui.shell.security_dialog import SecurityDialog
from ui.shell.settings_dialog import LANGUAGE_KEY, SettingsDialog, saved_language

from .conftest import open_active, type_text


def _open(qtbot: QtBot, shell: Shell, data_dir: Path) -> SettingsDialog:
    window = open_active(qtbot, shell, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "settings_dialog", None) is not None, timeout=5000)
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    return dialog


def test_saved_settings_reach_the_profile_and_the_language_waits_for_a_restart(
    qtbot: QtBot, shell: Shell, data_dir: Path, ui_settings: QSettings
) -> None:
    dialog = _open(qtbot, shell, data_dir)
    assert dialog.targets["visits"].value() == 5 and dialog.idle.text()
    type_text(qtbot, dialog.fields.name, "王芳")
    type_text(qtbot, dialog.fields.phone, "010-62345678")
    dialog.targets["visits"].setValue(6)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert shell.ctx is not None
    assert shell.ctx.settings.manager().name == "王芳"
    assert shell.ctx.settings.targets() == DailyTargets(visits=6)
    assert ui_settings.value(LANGUAGE_KEY) == "zh_CN" == saved_language(ui_settings)


def test_a_refused_phone_keeps_the_dialog_open_with_the_reason(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    dialog = _open(qtbot, shell, data_dir)
    type_text(qtbot, dialog.fields.phone, "12345")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "12345" in dialog.problem.text(), timeout=5000)
    assert dialog.isVisible()


def test_the_idle_lock_is_set_in_the_security_dialog(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    dialog = _open(qtbot, shell, data_dir)
    qtbot.mouseClick(dialog.security_button, Qt.MouseButton.LeftButton)
    security = dialog.findChild(SecurityDialog)
    assert security is not None
    qtbot.waitUntil(security.isEnabled, timeout=5000)
    security.idle.setValue(7)
    qtbot.mouseClick(security.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "7" in dialog.idle.text(), timeout=5000)
    assert shell.window.idle_lock._timer.interval() == 7 * 60_000
