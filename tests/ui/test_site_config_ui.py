"""What IT's site file sets, on screen: locked fields read-only with a lock and the reason (Settings,
first start, login), the idle time held to IT's maximum, and a bad file refused before any window."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.headoffice.service import CA_BUNDLE_KEY
from app.logging_setup import HANDLER_NAME
from app.profile.settings import SettingsService
from app.profile.site_config import ENV_SITE_CONFIG, SiteConfig, hold_site_config, load_site_config
from tests.ui.test_login_dialog import open_login_dialog
from tests.ui.test_settings_dialog import _open as open_settings
from ui.shell import launcher
from ui.shell.application import Shell
from ui.shell.security_dialog import SecurityDialog
from ui.shell.settings_dialog import SiteConfigRefusal, refuse_bad_site_config

from .conftest import type_text
from .test_first_start import _start as start_first

HQ = "https://hq.bank.example"
UPDATES = "https://it.bank.example/branchdesk"
SHOTS = Path("/tmp/site_config_shots")


@pytest.fixture
def it_locked(tmp_path: Path) -> Path:
    """As BranchDesk starts on a laptop whose IT locks the address, the bundle and the idle time."""
    bundle = tmp_path / "bank-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    path = tmp_path / "site.toml"
    path.write_text(f'head_office_url = "{HQ}"\nca_bundle = "{bundle}"\nidle_lock_max_minutes = 15\n'
                    f'update_url = "{UPDATES}"\nlocked = ["head_office_url", "ca_bundle", "update_url"]\n',
                    encoding="utf-8")  # fmt: skip
    hold_site_config(load_site_config(path))
    return path


def _is_locked(edit: QLineEdit) -> bool:
    return edit.isReadOnly() and edit.findChild(QAction, "lockedMark") is not None


def test_the_settings_dialog_shows_locked_fields_read_only(
    qtbot: QtBot, shell: Shell, data_dir: Path, it_locked: Path
) -> None:
    dialog = open_settings(qtbot, shell, data_dir)
    server = dialog.fields.server
    assert server.text() == HQ and _is_locked(server)
    assert server.toolTip() == "Set by your IT department"
    type_text(qtbot, server, "x")  # typing changes nothing
    assert server.text() == HQ
    assert dialog.update_url.text() == UPDATES and _is_locked(dialog.update_url)
    assert not _is_locked(dialog.fields.phone)
    assert dialog.idle_limit.text().startswith("At most 15 minute")
    assert str(it_locked) in dialog.site_note.text() and not dialog.site_note.isHidden()
    dialog.tabs.setCurrentIndex(2)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "settings_locked_en.png"))
    type_text(qtbot, dialog.fields.name, "王芳")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert shell.ctx is not None
    own = SettingsService(shell.ctx.store.sessions, SiteConfig())
    assert own.manager().name == "王芳"
    assert own.server_url() == "" and own.update_url() == ""  # IT's values are not made the user's own


def test_the_settings_dialog_in_chinese(
    qtbot: QtBot, chinese: None, shell: Shell, data_dir: Path, it_locked: Path
) -> None:
    dialog = open_settings(qtbot, shell, data_dir)
    assert _is_locked(dialog.fields.server)
    dialog.tabs.setCurrentIndex(2)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "settings_locked_zh_CN.png"))
    dialog.tabs.setCurrentIndex(0)
    dialog.grab().save(str(SHOTS / "settings_locked_manager_zh_CN.png"))


def test_an_unlocked_site_value_is_the_default_the_user_may_change(
    qtbot: QtBot, shell: Shell, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "site.toml"
    path.write_text(f'head_office_url = "{HQ}"\n', encoding="utf-8")
    hold_site_config(load_site_config(path))
    dialog = open_settings(qtbot, shell, data_dir)
    server = dialog.fields.server
    assert server.text() == HQ and not _is_locked(server) and dialog.site_note.isHidden()
    server.selectAll()
    type_text(qtbot, server, "https://own.bank.example")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert shell.ctx is not None and shell.ctx.settings.server_url() == "https://own.bank.example"


def test_the_idle_time_cannot_go_above_the_site_maximum(
    qtbot: QtBot, shell: Shell, data_dir: Path, it_locked: Path
) -> None:
    dialog = open_settings(qtbot, shell, data_dir)
    qtbot.mouseClick(dialog.security_button, Qt.MouseButton.LeftButton)
    security = dialog.findChild(SecurityDialog)
    assert security is not None
    qtbot.waitUntil(security.isEnabled, timeout=5000)
    assert security.idle_limit.text().startswith("At most 15 minute")
    assert (security.idle.minimum(), security.idle.maximum()) == (1, 15)  # no "never" either
    security.idle.selectAll()
    qtbot.keyClicks(security.idle, "60")  # typed past the maximum: held to it
    assert security.idle.value() <= 15
    security.idle.setValue(15)
    qtbot.mouseClick(security.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "15" in dialog.idle.text(), timeout=5000)
    assert shell.window.idle_lock._timer.interval() == 15 * 60_000


def test_the_first_start_step_shows_a_locked_address(
    qtbot: QtBot, shell: Shell, data_dir: Path, it_locked: Path
) -> None:
    dialog = start_first(qtbot, shell, data_dir)
    assert dialog.fields.server.text() == HQ and _is_locked(dialog.fields.server)
    assert dialog.fields.server_hint.text() == "Set by your IT department; it cannot be changed here."


def test_the_login_dialog_shows_a_locked_address_and_bundle(
    qtbot: QtBot, shell: Shell, data_dir: Path, it_locked: Path
) -> None:
    dialog = open_login_dialog(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: dialog.server.text() == HQ)
    assert _is_locked(dialog.server) and _is_locked(dialog.ca_bundle)
    assert dialog.ca_bundle.text() == str(it_locked.parent / "bank-ca.pem")
    assert not dialog.browse.isEnabled()
    assert not _is_locked(dialog.manager)


def _close_refusal(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, SiteConfigRefusal):
        seen.extend((box.windowTitle(), box.text(), box.informativeText()))
        box.close()
    else:
        QTimer.singleShot(50, lambda: _close_refusal(seen))


REFUSALS = [("en", "is wrong at idle_lock_max_minutes: it must be 1 to 240"),
            ("zh_CN", "闲置锁定最长时间（idle_lock_max_minutes）：应为 1 到 240")]  # fmt: skip


@pytest.mark.parametrize(("language", "said"), REFUSALS)
def test_a_bad_site_file_is_said_in_a_dialog_and_nothing_starts(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    path = tmp_path / "site.toml"
    path.write_text("idle_lock_max_minutes = 600\n", encoding="utf-8")
    monkeypatch.setenv(ENV_SITE_CONFIG, str(path))
    seen: list[str] = []
    QTimer.singleShot(50, lambda: _close_refusal(seen))
    try:
        code = launcher.main(["--data-dir", str(data_dir), "--lang", language])
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()
    assert code == 2
    assert str(path) in seen[1] and said in seen[1]
    assert not data_dir.exists()  # no profile was opened, so nothing of the user's was touched
    if language == "zh_CN":
        assert "idle" not in seen[1].replace("idle_lock_max_minutes", "") and "信息科技部" in seen[2]


def test_a_good_site_file_is_held_and_the_users_settings_stay(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = AppContext.open(data_dir)
    ctx.settings.set(CA_BUNDLE_KEY, "/own/ca.pem")
    ctx.close()
    path = tmp_path / "site.toml"
    path.write_text(f'head_office_url = "{HQ}"\nlocked = ["head_office_url"]\n', encoding="utf-8")
    monkeypatch.setenv(ENV_SITE_CONFIG, str(path))
    assert not refuse_bad_site_config("en")
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.settings.server_url() == HQ and ctx.settings.get(CA_BUNDLE_KEY) == "/own/ca.pem"
    finally:
        ctx.close()
