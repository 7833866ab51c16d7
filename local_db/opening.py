"""Opening the database file safely: look before writing anything.

Every check here reads only (SQLite URI mode=ro), so a damaged file or one written by a newer
version is left byte-for-byte as it was. Only after all checks pass is the file copied aside and
migrated.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from local_db.schema import head_revision, known_revisions

DB_FILENAME = "branchdesk.sqlite3"
BACKUP_DIRNAME = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """Base for problems opening the local store; `kind` lets callers pick a message."""

    kind = "store"

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{self.kind}: {path}: {detail}".rstrip(": "))
        self.path = path
        self.detail = detail


class DataDirUnusable(StoreError):
    kind = "data_dir_unusable"


class DatabaseCorrupt(StoreError):
    kind = "database_corrupt"


class DatabaseTooNew(StoreError):
    kind = "database_too_new"

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(path, revision)
        self.revision = revision


class MigrationFailed(StoreError):
    kind = "migration_failed"

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        super().__init__(path, detail)
        self.backup = backup


@dataclass(frozen=True)
class Inspection:
    exists: bool
    revision: str | None

    @property
    def needs_migration(self) -> bool:
        return self.revision != head_revision()


def ensure_data_dir(data_dir: Path) -> None:
    """Create the folder if needed and prove we can write there (a real write, as root too)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirUnusable(data_dir, exc.strerror or str(exc)) from exc
    if not data_dir.is_dir():
        raise DataDirUnusable(data_dir, os.strerror(errno.ENOTDIR))
    probe = data_dir / f".write-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DataDirUnusable(data_dir, exc.strerror or str(exc)) from exc


def inspect_database(db_path: Path) -> Inspection:
    if not db_path.exists():
        return Inspection(exists=False, revision=None)
    try:
        with db_path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseCorrupt(db_path, exc.strerror or str(exc)) from exc
    if header != SQLITE_HEADER:
        if header == b"" and db_path.stat().st_size == 0:
            # An empty file is what SQLite itself leaves after an interrupted first open.
            return Inspection(exists=True, revision=None)
        raise DatabaseCorrupt(db_path, "not an SQLite database")
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(db_path, str(exc)) from exc
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(db_path, revision)
    if revision is None and tables:
        raise DatabaseCorrupt(db_path, "tables present but no schema revision")
    return Inspection(exists=True, revision=revision)


def copy_aside(db_path: Path, label: str) -> Path:
    """Consistent copy through SQLite's backup API (safe with WAL), kept in backups/."""
    backup_dir = db_path.parent / BACKUP_DIRNAME
    backup_dir.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    sqlite_copy(db_path, target)
    return target


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a database file through SQLite's backup API, which is consistent even with WAL."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def list_backups(data_dir: Path) -> list[Path]:
    """Newest first."""
    backup_dir = data_dir / BACKUP_DIRNAME
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
