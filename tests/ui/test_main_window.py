"""The main window as a user meets it: navigation, status bar, geometry, keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.context import AppContext
from local_db.models import OutboxItem
from ui.shell.application import Shell

from .conftest import open_active, some

PAGES = ["Today", "Planner", "Clients", "Proposals", "Receipts", "Sync", "Summaries"]


def add_outbox_items(data_dir: Path, pending: int, rejected: int) -> None:
    ctx = AppContext.open(data_dir)
    with ctx.store.sessions.begin() as session:
        for seq in range(pending + rejected):
            session.add(
                OutboxItem(
                    seq=seq,
                    kind="proposal",
                    record_id=f"p{seq}",
                    payload_json="{}",
                    status="pending" if seq < pending else "rejected",
                )
            )
    ctx.close()


def test_window_is_shown_before_the_profile_is_open(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
        assert shell.window.isVisible() and shell.ctx is None
        assert shell.window.status.profile_label.text() == "Opening your data…"
    assert shell.ctx is not None and shell.window.status.profile_label.text() == ""


def test_navigation_lists_every_page_and_switches(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, shell, data_dir)
    names = [some(window.nav.item(i)).text() for i in range(window.nav.count())]
    assert names == PAGES
    window.nav.setCurrentRow(2)
    assert window.stack.currentWidget() is window.pages[2]
    assert window.pages[2].heading.text() == "Clients"


def test_keyboard_shortcuts_switch_pages(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, shell, data_dir)
    for index in (4, 1, 6):
        key = getattr(Qt.Key, f"Key_{index}")
        qtbot.keyClick(window.nav, key, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == index - 1
    # Arrow keys walk the navigation list once it has focus.
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.stack.currentIndex() == 4


def test_status_bar_shows_outbox_and_connection_from_the_core(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    add_outbox_items(data_dir, pending=3, rejected=1)
    open_active(qtbot, shell, data_dir)
    status = shell.window.status
    qtbot.waitUntil(lambda: status.outbox_label.text() == "Outbox: 3 waiting · 1 rejected")
    qtbot.waitUntil(lambda: "not set up" in status.connection_label.text())
    assert status.connection_label.property("state") == "not_configured"


def test_status_bar_says_offline_when_the_server_does_not_answer(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    # Nothing listens on port 9 of loopback: the probe must fail fast and say offline.
    ctx.settings.set_server_url("http://127.0.0.1:9")
    ctx.close()
    open_active(qtbot, shell, data_dir)
    status = shell.window.status
    qtbot.waitUntil(lambda: status.connection_label.property("state") == "offline", timeout=8000)
    assert "offline" in status.connection_label.text()


def test_geometry_and_page_are_kept_between_starts(qtbot: QtBot, ui_settings: QSettings, data_dir: Path) -> None:
    first = Shell(ui_settings)
    open_active(qtbot, first, data_dir)
    first.window.resize(1000, 640)
    first.window.show_page(3)
    first.close()

    second = Shell(ui_settings)
    open_active(qtbot, second, data_dir)
    try:
        assert (second.window.width(), second.window.height()) == (1000, 640)
        assert second.window.stack.currentIndex() == 3
    finally:
        second.close()


def test_empty_profile_offers_the_demo_and_opens_it_in_its_own_folder(
    qtbot: QtBot, shell: Shell, data_dir: Path
) -> None:
    open_active(qtbot, shell, data_dir)
    offer = shell.window.today.demo_offer
    assert offer.isVisible()
    assert shell.window.windowTitle() == "BranchDesk"
    with qtbot.waitSignal(shell.profile_did_open, timeout=120_000):
        qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)

    assert shell.ctx is not None and shell.ctx.is_demo
    assert shell.ctx.data_dir == data_dir.with_name(data_dir.name + "-demo")
    assert shell.window.windowTitle() == "BranchDesk (demo profile)"
    assert not offer.isVisible()
    assert shell.window.status.profile_label.text() == "Demo profile: made-up data"
    assert shell.ctx.overview.record_counts()["clients"] > 0
    today = shell.window.today
    qtbot.waitUntil(lambda: today.data is not None and today.reminder_count.text().startswith("Due soon"))
    # A populated day: the demo's reminders and the day's targets are on the page at once.
    assert today.reminders.topLevelItemCount() > 0 and today.progress.bars["visits"].text().endswith("/ 5")
    # The real profile is still empty.
    real = AppContext.open(data_dir)
    try:
        assert real.overview.is_empty()
    finally:
        real.close()


def test_a_profile_with_data_gets_no_demo_offer(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    add_outbox_items(data_dir, pending=0, rejected=0)
    ctx = AppContext.open(data_dir)
    from local_db.models import Outlet

    with ctx.store.sessions.begin() as session:
        session.add(Outlet(code="X1", name="农业银行天津和平支行"))
    ctx.close()
    open_active(qtbot, shell, data_dir)
    assert not shell.window.today.demo_offer.isVisible()


def test_quit_shortcut_closes_the_window(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, shell, data_dir)
    qtbot.keyClick(window.nav, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert QApplication.activeWindow() is not window


def test_closing_right_after_opening_builds_and_starts_nothing_more(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    """The pages left to build after the first paint must not start reading a closed profile
    (a summaries load that began after close crashed the process in CI)."""
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    built = set(window._built)
    assert len(built) < window.stack.count()  # the rest are built on later turns of the loop
    shell.close()
    qtbot.wait(300)
    assert set(window._built) == built
    assert window.runner.wait_for_idle(1000)
