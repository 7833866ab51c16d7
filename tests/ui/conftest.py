"""UI fixtures: the real Shell and main window, UI settings in a temp file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.context import AppContext
from app.rules.id_numbers import make_resident_id
from local_db.models import Visit
from ui.common.i18n import install_translators
from ui.common.page import Page
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> None:
    """As `branchdesk --lang en` does; tests that want Chinese install it on top."""
    install_translators(qapp, "en")


@pytest.fixture(autouse=True)
def no_dialog_left_open(qapp: QApplication) -> Iterator[None]:
    """A test that leaves a dialog open must not leave it to the next test, where it would be the
    active modal widget that test waits for."""
    yield
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The app in Chinese (zh_CN), back to English after the test."""
    translators = install_translators(qapp, "zh_CN")
    assert translators, "the zh_CN translation did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    install_translators(qapp, "en")


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def open_active(qtbot: QtBot, shell: Shell, data_dir: Path) -> MainWindow:
    """Start as the app does and wait until the profile is attached and the window has focus."""
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def shell(qtbot: QtBot, ui_settings: QSettings) -> Iterator[Shell]:
    created = Shell(ui_settings)
    yield created
    created.close()


P = TypeVar("P", bound=Page)
T = TypeVar("T")


def page_of(window: MainWindow, index: int, kind: type[P]) -> P:
    """The window's page at `index`, as the feature's own page class (MainWindow.page says only Page)."""
    page = window.page(index)
    assert isinstance(page, kind), f"page {index} is a {type(page).__name__}, not a {kind.__name__}"
    return page


def some(value: T | None) -> T:
    """`value`, which the test knows is there (a tree's item, an open dialog): Qt's getters may give None."""
    assert value is not None
    return value


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
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


@pytest.fixture
def today_profile(data_dir: Path) -> Path:
    """张三, whose birthday is today, with a closing visit at 14:00 (the Today page tests)."""
    ctx = AppContext.open(data_dir)
    today = date.today()
    birthday = today.replace(year=1980) if not (today.month == 2 and today.day == 29) else date(1980, 2, 28)
    client = ctx.clients.save(
        ClientDraft(
            name="张三",
            gender="M",
            birth_date=birthday,
            mobile="13812345678",
            id_number=make_resident_id("110105", birthday, 1, "M"),
        )
    ).client_id
    start = datetime.now().astimezone().replace(hour=14, minute=0, second=0, microsecond=0)
    with ctx.store.sessions.begin() as session:
        session.add(
            Visit(
                client_id=client,
                purpose="closing",
                starts_at=start.astimezone(UTC),
                ends_at=(start + timedelta(hours=1)).astimezone(UTC),
                location="网点贵宾室",
            )
        )
    ctx.close()
    return data_dir
