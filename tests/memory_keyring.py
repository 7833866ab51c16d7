"""An in-memory keyring: tests and the bench log in like the app, but never into the machine's
own password store.

Database keys ("db-key|…" accounts, app/keys.py) are the exception: profiles outlive a test
(module fixtures) and are opened by `branchdesk` subprocesses, so those keys go to files in a
throw-away folder named by BRANCHDESK_TEST_KEYS. Test-only: the app itself refuses any backend
that writes plain files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from keyring.backend import KeyringBackend

KEYS_FOLDER_ENV = "BRANCHDESK_TEST_KEYS"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        shared = _shared_file(service, username)
        if shared is not None:
            return shared.read_text(encoding="ascii") if shared.exists() else None
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        shared = _shared_file(service, username)
        if shared is not None:
            shared.write_text(password, encoding="ascii")
            return
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        shared = _shared_file(service, username)
        if shared is not None:
            shared.unlink(missing_ok=True)
            return
        self._items.pop((service, username), None)


def _shared_file(service: str, username: str) -> Path | None:
    folder = os.environ.get(KEYS_FOLDER_ENV)
    if not folder or not username.startswith("db-key|"):
        return None
    return Path(folder) / hashlib.sha256(f"{service}\n{username}".encode()).hexdigest()


def keyringrc(repo_tests: Path) -> str:
    """keyring's config file that makes a subprocess use this backend too."""
    return f"[backend]\ndefault-keyring=memory_keyring.MemoryKeyring\nkeyring-path={repo_tests}\n"
