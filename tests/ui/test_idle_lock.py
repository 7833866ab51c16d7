"""The idle lock, driven at the desk: type, walk away, come back, unlock, nothing lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.profile.lock import LockService
from ui.proposals.editor.editor import ProposalEditor
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell
from ui.shell.idle_lock import IdleLock, LockCover

from .conftest import type_text
from .test_proposal_editor import new_editor, page, profile  # noqa: F401

PIN = "482913"


def _editor_with_typing(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> ProposalEditor:  # noqa: F811
    assert shell.ctx is not None
    LockService(shell.ctx.settings).set_pin(PIN)
    shell.window.idle_lock.pin_did_change()
    editor = new_editor(qtbot, page)
    type_text(qtbot, editor.policyholder.name, "张伟")
    return editor


def _covered(lock: IdleLock, window: QWidget) -> LockCover:
    cover = lock.cover_of(window)
    assert cover is not None and cover.isVisible() and cover.geometry() == window.rect()
    return cover


def _enter(qtbot: QtBot, cover: LockCover, pin: str) -> None:
    cover.pin.setFocus()
    qtbot.keyClicks(cover.pin, pin)
    qtbot.keyClick(cover.pin, Qt.Key.Key_Return)


def test_idle_time_covers_every_window_and_the_pin_brings_back_what_was_typed(
    qtbot: QtBot,
    shell: Shell,
    page: ProposalsPage,  # noqa: F811
) -> None:
    editor = _editor_with_typing(qtbot, shell, page)
    lock = shell.window.idle_lock
    lock.set_idle_interval(300)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    cover = _covered(lock, editor)
    _covered(lock, shell.window)
    assert cover.title.text() == "BranchDesk is locked" and not cover.repeat.isVisible()
    # Whatever is under the cover gets no input: typing there changes nothing.
    qtbot.keyClicks(editor.policyholder.name, "xyz")
    assert editor.policyholder.name.text() == "张伟"

    _enter(qtbot, cover, "000000")
    qtbot.waitUntil(lambda: "Wrong PIN" in cover.message.text(), timeout=5000)
    assert "Tries left before a 30-second wait: 4." in cover.message.text() and lock.locked and cover.pin.text() == ""

    _enter(qtbot, cover, PIN)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    assert not cover.isVisible() and not lock.cover_of(shell.window).isVisible()  # type: ignore[union-attr]
    assert editor.isVisible() and editor.policyholder.name.text() == "张伟"
    type_text(qtbot, editor.policyholder.name, "伟")
    assert editor.policyholder.name.text() == "张伟伟"


def test_input_keeps_the_lock_away(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> None:  # noqa: F811
    editor = _editor_with_typing(qtbot, shell, page)
    lock = shell.window.idle_lock
    lock.set_idle_interval(400)
    for _ in range(6):
        qtbot.wait(150)
        qtbot.keyClick(editor.policyholder.address, Qt.Key.Key_A)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)


def test_ctrl_shift_l_locks_at_once_and_five_wrong_pins_mean_a_wait(
    qtbot: QtBot,
    shell: Shell,
    page: ProposalsPage,  # noqa: F811
) -> None:
    editor = _editor_with_typing(qtbot, shell, page)
    lock = shell.window.idle_lock
    qtbot.keyClick(
        editor.policyholder.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert lock.locked
    _covered(lock, shell.window)
    cover = _covered(lock, editor)
    for _ in range(5):
        _enter(qtbot, cover, "1111")
        qtbot.waitUntil(cover.button.isEnabled, timeout=5000)
    assert "Wait 30 s" in cover.message.text()
    _enter(qtbot, cover, PIN)  # refused during the wait, right or not
    qtbot.waitUntil(cover.button.isEnabled, timeout=5000)
    assert lock.locked and "Wait" in cover.message.text()


def test_without_a_pin_the_first_lock_asks_for_one(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> None:  # noqa: F811
    lock = shell.window.idle_lock
    lock.lock_now()
    cover = _covered(lock, shell.window)
    assert cover.repeat.isVisible() and "No PIN is set yet" in cover.message.text()
    qtbot.keyClicks(cover.pin, "2468")
    qtbot.keyClicks(cover.repeat, "2469")
    qtbot.keyClick(cover.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "differ" in cover.message.text(), timeout=3000)
    qtbot.keyClicks(cover.pin, "2468")
    qtbot.keyClicks(cover.repeat, "2468")
    qtbot.keyClick(cover.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    assert shell.ctx is not None and LockService(shell.ctx.settings).unlock("2468").unlocked


def test_a_profile_with_a_pin_opens_locked(qtbot: QtBot, ui_settings: QSettings, profile: Path) -> None:  # noqa: F811
    from app.context import AppContext

    ctx = AppContext.open(profile)
    LockService(ctx.settings).set_pin(PIN)
    ctx.close()
    shell = Shell(ui_settings)
    try:
        with qtbot.waitSignal(shell.window.idle_lock.lock_did_engage, timeout=20_000):
            shell.start(profile)
        _covered(shell.window.idle_lock, shell.window)
    finally:
        shell.close()
