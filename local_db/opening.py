"""Opening the database file safely: look before writing anything.

Every check here reads only (SQLite URI mode=ro), so a damaged file, one written by a newer
version or one that the key does not open is left byte-for-byte as it was. Only after all checks
pass is the file copied aside and migrated (and, if it is still plain, encrypted: conversion.py).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from local_db.cipher import DatabaseError, DbKey, backup_copy, connect, has_plain_header
from local_db.schema import head_revision, known_revisions

DB_FILENAME = "branchdesk.sqlite3"
BACKUP_DIRNAME = "backups"
MIN_PAGE_SIZE = 512


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


class KeyRejected(StoreError):
    """An encrypted file (no plain header) that this key does not open: a wrong key or
    passphrase, or damage; SQLCipher cannot tell the two apart."""

    kind = "key_rejected"


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
    # A file written before encryption: it is converted before anything else (conversion.py).
    plain: bool = False

    @property
    def needs_migration(self) -> bool:
        return self.revision != head_revision()


def ensure_data_dir(data_dir: Path) -> None:
    """Create the folder if needed and prove we can write there (a real write, as root too)."""
    try:
        # A folder made here is the owner's alone; one the user chose keeps its own mode.
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
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


def inspect_database(db_path: Path, key: DbKey | None) -> Inspection:
    """Read-only look at the file: plain or encrypted, readable with `key`, which revision."""
    if not db_path.exists():
        return Inspection(exists=False, revision=None)
    try:
        if db_path.stat().st_size == 0:
            # An empty file is what SQLite itself leaves after an interrupted first open.
            return Inspection(exists=True, revision=None)
        plain = has_plain_header(db_path)
        size = db_path.stat().st_size
    except OSError as exc:
        raise DatabaseCorrupt(db_path, exc.strerror or str(exc)) from exc
    if not plain and size % MIN_PAGE_SIZE:
        # Encrypted files are whole pages; anything else is damage, whatever the key.
        raise DatabaseCorrupt(db_path, "not an SQLite database")
    try:
        conn = connect(db_path, None if plain else key, readonly=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except DatabaseError as exc:
        if plain:
            raise DatabaseCorrupt(db_path, str(exc)) from exc
        raise KeyRejected(db_path, str(exc)) from exc
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(db_path, revision)
    if revision is None and tables:
        raise DatabaseCorrupt(db_path, "tables present but no schema revision")
    return Inspection(exists=True, revision=revision, plain=plain)


def aside_path(db_path: Path, label: str) -> Path:
    """A new, time-stamped name in backups/ for a copy of `db_path` taken before `label`."""
    backup_dir = db_path.parent / BACKUP_DIRNAME
    backup_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite3"


def copy_aside(db_path: Path, label: str, key: DbKey | None) -> Path:
    """Consistent copy (encrypted with the same key), kept in backups/."""
    target = aside_path(db_path, label)
    backup_copy(db_path, target, key)
    return target


def list_backups(data_dir: Path) -> list[Path]:
    """Newest first."""
    backup_dir = data_dir / BACKUP_DIRNAME
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
