"""Who has a profile open: a lock file next to the database.

Every open store holds a shared lock on <data dir>/branchdesk.lock for as long as it lives;
`restore` needs the exclusive lock, so it is refused while the app or another command has the
profile open. SQLite's own locks cannot tell: a WAL connection between transactions holds none
on the database file. flock is per open file, so this works within one process too. Windows has
no flock; there the restore relies on SQLite's exclusive lock alone (local_db.cipher users).
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILENAME = "branchdesk.lock"


class ProfileBusy(Exception):
    pass


class ProfileLock:
    def __init__(self, data_dir: Path, *, exclusive: bool, filename: str = LOCK_FILENAME) -> None:
        # `filename`: another lock of the profile's, e.g. app.headoffice.service's one-run-at-a-time.
        self._fd: int | None = os.open(data_dir / filename, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH)
        except BlockingIOError:
            self.release()
            raise ProfileBusy(data_dir) from None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops the lock
            self._fd = None

    def __del__(self) -> None:
        self.release()
