"""Shared fixtures: real SQLite files in tmp dirs, an in-memory keyring, isolated user dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.context import AppContext
from tests.memory_keyring import MemoryKeyring

# Headless Qt on a 1366x768 screen, the smallest common branch laptop (the offscreen
# platform's own default of 800x600 is smaller than any machine the app runs on).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screen = Path(__file__).with_name("offscreen_laptop.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may read or write the real user-data folder, settings or keyring."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("BRANCHDESK_DATA_DIR", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = AppContext.open(data_dir)
    yield context
    context.close()
