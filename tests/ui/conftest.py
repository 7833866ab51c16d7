"""UI fixtures: the real Shell and main window, UI settings in a temp file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.application import Shell
from ui.i18n import install_translators


@pytest.fixture(autouse=True)
def english(qapp) -> None:  # type: ignore[no-untyped-def]
    """As `branchdesk --lang en` does; tests that want Chinese install it on top."""
    install_translators(qapp, "en")


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shell(qtbot, ui_settings: QSettings) -> Iterator[Shell]:  # type: ignore[no-untyped-def]
    created = Shell(ui_settings)
    yield created
    created.close()
