"""Shared fixtures: real SQLite files in tmp dirs, an in-memory keyring, isolated user dirs."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.context import AppContext
from app.logging_setup import HANDLER_NAME, install_logging
from app.profile.site_config import ENV_SITE_CONFIG, hold_site_config
from tests.memory_keyring import KEYS_FOLDER_ENV, MemoryKeyring, keyringrc

# Headless Qt on a 1366x768 screen, the smallest common branch laptop (the offscreen
# platform's own default of 800x600 is smaller than any machine the app runs on).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screen = Path(__file__).with_name("offscreen_laptop.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"

# Database keys must reach `branchdesk` subprocesses and outlive a test (tests/memory_keyring.py).
os.environ.setdefault(KEYS_FOLDER_ENV, tempfile.mkdtemp(prefix="branchdesk-test-keys-"))


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may read or write the real user-data folder, settings or keyring."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("BRANCHDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("BRANCHDESK_PASSPHRASE", raising=False)
    # Nor a machine's own IT site file (/etc/xdg/BranchDesk/site.toml): each test names its own.
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv(ENV_SITE_CONFIG, raising=False)
    hold_site_config(None)
    config = home / ".config" / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(keyringrc(Path(__file__).parent), encoding="utf-8")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)
    hold_site_config(None)


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    """The app's log installed in the test's folder (masked as in use), taken down after."""
    path = install_logging(directory=tmp_path / "log")
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = AppContext.open(data_dir)
    yield context
    context.close()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no password store: every keyring call fails, as keyring's `fail` backend does."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
