"""The main window on a 100,000-client profile opens and reports from the core like any other."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.demo import generate
from ui.shell.application import Shell

CLIENTS = 100_000


@pytest.fixture(scope="session")
def big_profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("big") / "profile"
    ctx = AppContext.open(data_dir)
    try:
        # A short log history keeps the suite quick; the client count is what this test is about.
        generate(ctx.store, clients=CLIENTS, seed=7, today=date(2026, 11, 23), worklog_days=20)
    finally:
        ctx.close()
    yield data_dir
    shutil.rmtree(data_dir.parent, ignore_errors=True)


@pytest.mark.slow
def test_main_window_opens_on_100k_clients(qtbot: QtBot, tmp_path: Path, big_profile: Path) -> None:
    ctx = AppContext.open(big_profile)
    try:
        counts = ctx.overview.record_counts()
        pending = ctx.overview.outbox_summary().pending
    finally:
        ctx.close()
    assert counts["clients"] == CLIENTS and pending > 0

    shell = Shell(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    try:
        with qtbot.waitSignal(shell.profile_did_open, timeout=30_000):
            shell.start(big_profile)
        window = shell.window
        assert window.isVisible() and window.windowTitle() == "BranchDesk"
        assert not window.today.demo_offer.isVisible()
        qtbot.waitUntil(lambda: window.status.outbox_label.text() == f"Outbox: {pending} waiting")
        qtbot.waitUntil(lambda: window.today.data is not None, timeout=10_000)
        assert window.today.reminders.topLevelItemCount() > 0
        for index in range(len(window.pages)):
            window.show_page(index)
            assert window.stack.currentIndex() == index
    finally:
        shell.close()
