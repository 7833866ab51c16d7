"""SQLCipher: the database key, keyed connections, and turning a plain file into an encrypted one.

A key is either 32 random bytes (kept in the OS keyring by the app; given to SQLCipher as a raw
hex key, so no key derivation runs at each open) or a passphrase the user types (SQLCipher
derives the key with its own PBKDF2, once per connection).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

SQLITE_HEADER = b"SQLite format 3\x00"
RAW_KEY_BYTES = 32
DatabaseError = sqlcipher3.DatabaseError


@dataclass(frozen=True, repr=False)
class DbKey:
    """Exactly one of `raw` (32 bytes) or `passphrase` is set. repr hides both."""

    raw: bytes | None = None
    passphrase: str | None = None

    def __post_init__(self) -> None:
        if (self.raw is None) == (self.passphrase is None):
            raise ValueError("a key is either raw bytes or a passphrase")
        if self.raw is not None and len(self.raw) != RAW_KEY_BYTES:
            raise ValueError(f"a raw key has {RAW_KEY_BYTES} bytes")

    def __repr__(self) -> str:
        return "DbKey(raw)" if self.raw is not None else "DbKey(passphrase)"

    def literal(self) -> str:
        """The value for `PRAGMA key = …` and `ATTACH … KEY …` (an SQL string literal)."""
        if self.raw is not None:
            return f"\"x'{self.raw.hex()}'\""
        assert self.passphrase is not None
        return "'" + self.passphrase.replace("'", "''") + "'"


def has_plain_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def apply_key(connection: Any, key: DbKey | None) -> None:
    """Key a fresh connection; must run before anything reads the file."""
    if key is not None:
        connection.execute(f"PRAGMA key = {key.literal()}")


def connect(path: Path, key: DbKey | None, *, readonly: bool = False, timeout: float = 5.0) -> Any:
    """A DB-API connection through SQLCipher. `key=None` opens a plain file."""
    if readonly:
        conn = sqlcipher3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout)
    else:
        conn = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        apply_key(conn, key)
        # SQLCipher would print each page that fails its HMAC to stderr, over the CLI's own
        # message; the damage is reported by check_integrity and the errors raised instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
    except BaseException:
        conn.close()
        raise
    return conn


def table_counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def check_integrity(conn: Any, *, encrypted: bool, quick: bool = False) -> list[str]:
    """Problems found, one a line; empty when the file is sound (cipher HMACs first, then
    SQLite's own check, `quick` for quick_check). After a damaged page SQLCipher fails every
    later read on `conn` (as "out of memory"), so give it a connection of its own."""
    problems: list[str] = []
    try:
        if encrypted:
            problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}")]
    except (DatabaseError, MemoryError) as exc:
        return [*problems, f"the check stopped at a page it could not read ({str(exc) or 'out of memory'})"]
    lines = [line for row in rows if row != "ok" for line in row.splitlines()]
    return problems + [line for line in lines if not line.startswith("*** in database")]


def export(source: Path, source_key: DbKey | None, target: Path, target_key: DbKey | None) -> None:
    """Write `source`'s schema and rows into a new file `target` under `target_key`.

    sqlcipher_export is SQLCipher's way to change a file's encryption (plain→encrypted, or one
    key to another). `target` must not exist; it is fsynced before returning.
    """
    if target.exists():
        raise FileExistsError(target)
    conn = connect(source, source_key, readonly=True)
    try:
        attach_key = target_key.literal() if target_key is not None else "''"
        conn.execute(f"ATTACH DATABASE ? AS target KEY {attach_key}", (str(target),))
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    fsync(target)


def verify_copy(original: Path, original_key: DbKey | None, copy: Path, copy_key: DbKey | None) -> None:
    """Raise DatabaseError unless `copy` opens with its key, is sound and holds every row."""
    src = connect(original, original_key, readonly=True)
    try:
        expected = table_counts(src)
    finally:
        src.close()
    dst = connect(copy, copy_key, readonly=True)
    try:
        problems = check_integrity(dst, encrypted=copy_key is not None)
        found = table_counts(dst)
    finally:
        dst.close()
    if problems:
        raise DatabaseError(f"the converted copy fails its integrity check: {problems[:3]}")
    if found != expected:
        differ = sorted(t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t))
        raise DatabaseError(f"the converted copy differs in tables {differ}")


def create_private(path: Path) -> None:
    """Make `path` exist, owner-only whatever the umask, before SQLite opens it: SQLite would
    create it world-readable, and gives its journal the same mode as the file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if hasattr(os, "fchmod"):  # Windows has none; there the user's own folders are private
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def backup_copy(source: Path, target: Path, key: DbKey | None) -> None:
    """Consistent copy through SQLite's backup API (safe with WAL); both files share `key`.
    `target` is owner-only."""
    src = connect(source, key, readonly=True)
    try:
        create_private(target)
        dst = connect(target, key)
        try:
            src.backup(dst)
            # One self-contained file: no -wal/-shm beside a backup.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    fsync(target)


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
