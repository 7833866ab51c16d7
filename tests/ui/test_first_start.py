"""The first-start step (issue 15 item 6): offered once on a new profile, typed with the
keyboard, skippable; never on the demo profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.outlets.records import OutletDraft
from app.paths import demo_data_dir
from app.profile.settings import ManagerProfile
from ui.shell.application import Shell
from ui.shell.first_start_dialog import FirstStartDialog

from .conftest import type_text


@pytest.fixture
def with_outlet(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    ctx.outlets.save(OutletDraft(code="BJ-HD-01", name="海淀支行"))
    ctx.close()
    return data_dir


def _start(qtbot: QtBot, shell: Shell, data_dir: Path) -> FirstStartDialog:
    shell.offer_first_start = True
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    qtbot.waitUntil(lambda: shell.first_start is not None and shell.first_start.isEnabled(), timeout=5000)
    dialog = shell.first_start
    assert isinstance(dialog, FirstStartDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.fields.name.hasFocus())
    return dialog


def _tab(qtbot: QtBot) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Tab)


def test_typed_with_the_keyboard_and_saved_once(qtbot: QtBot, shell: Shell, with_outlet: Path) -> None:
    dialog = _start(qtbot, shell, with_outlet)
    fields = dialog.fields
    type_text(qtbot, fields.name, "王芳")
    _tab(qtbot)
    type_text(qtbot, fields.code, "BJ0107")
    _tab(qtbot)
    type_text(qtbot, fields.phone, "13911112222")
    _tab(qtbot)
    assert fields.outlet_pick.hasFocus()
    type_text(qtbot, fields.outlet_text, "海淀支行（BJ-HD-01）")
    qtbot.keyClick(fields.outlet_text, Qt.Key.Key_Return)
    type_text(qtbot, fields.outlet_text, "西城支行营业部")
    qtbot.keyClick(fields.outlet_text, Qt.Key.Key_Return)
    assert [fields.outlets.item(i).text() for i in range(fields.outlets.count())] == [
        "海淀支行（BJ-HD-01）", "西城支行营业部"]  # fmt: skip
    type_text(qtbot, fields.server, "https://hq.example.com")
    qtbot.keyClick(fields.server, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert shell.ctx is not None
    assert shell.ctx.settings.manager() == ManagerProfile(
        name="王芳", code="BJ0107", phone="13911112222", outlet_code="BJ-HD-01", outlets=("BJ-HD-01", "西城支行营业部")
    )
    assert shell.ctx.settings.server_url() == "https://hq.example.com"
    assert not shell.ctx.settings.needs_first_start()


def test_an_http_address_is_refused_with_the_reason(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    dialog = _start(qtbot, shell, data_dir)
    type_text(qtbot, dialog.fields.server, "http://hq.example.com")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "https://" in dialog.problem.text(), timeout=5000)
    assert dialog.isVisible()


def test_skipped_it_is_not_offered_again(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    dialog = _start(qtbot, shell, data_dir)
    qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Escape)
    assert shell.ctx is not None
    ctx = shell.ctx
    qtbot.waitUntil(lambda: not ctx.settings.needs_first_start(), timeout=5000)
    shell.first_start = None
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.open_profile(data_dir)
    qtbot.wait(300)
    assert shell.first_start is None


def test_not_on_the_demo_profile(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    demo = demo_data_dir(data_dir)
    AppContext.open(demo).close()  # an empty demo profile: no manager yet, still never asked
    shell.offer_first_start = True
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(demo)
    qtbot.wait(300)
    assert shell.first_start is None
