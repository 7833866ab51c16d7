"""Encrypting a database written before encryption, so that no step can lose it.

Steps: checkpoint the plain file (its WAL folded in and removed, so no stale WAL can later be
applied to the new file) → consistent copy through the backup API → sqlcipher_export into a new
encrypted file → verify (opens with the key, integrity and cipher checks, equal row counts per
table) → atomic swap (os.replace). Interrupted anywhere before the swap, the plain file is still in
place and opens; after it, the encrypted one is complete. The plain working copy is deleted as
soon as the encrypted file is verified: a plain copy left on disk would defeat the encryption.
"""

from __future__ import annotations

import os
from pathlib import Path

from local_db.cipher import DbKey, backup_copy, connect, export, has_plain_header, verify_copy

PLAIN_COPY_SUFFIX = ".converting-plain"
ENCRYPTED_COPY_SUFFIX = ".converting-encrypted"


def work_files(db_path: Path) -> tuple[Path, Path]:
    return (db_path.with_name(db_path.name + PLAIN_COPY_SUFFIX),
            db_path.with_name(db_path.name + ENCRYPTED_COPY_SUFFIX))  # fmt: skip


def remove_leftovers(db_path: Path) -> None:
    """Work files of an interrupted conversion (the original is untouched until the swap)."""
    for work in work_files(db_path):
        for path in (work, *_sidecars(work)):
            path.unlink(missing_ok=True)


def encrypt_in_place(db_path: Path, key: DbKey) -> None:
    """Replace the plain file `db_path` by an encrypted copy with the same rows."""
    remove_leftovers(db_path)
    plain_copy, encrypted_copy = work_files(db_path)
    _checkpoint(db_path)
    try:
        backup_copy(db_path, plain_copy, None)
        export(plain_copy, None, encrypted_copy, key)
        verify_copy(plain_copy, None, encrypted_copy, key)
        os.replace(encrypted_copy, db_path)
        _fsync_dir(db_path.parent)
    finally:
        remove_leftovers(db_path)


def encrypt_plain_backups(folder: Path, key: DbKey) -> int:
    """Copies taken before encryption (before a migration, say) are encrypted the same way."""
    done = 0
    for path in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else ():
        if path.stat().st_size and has_plain_header(path):
            encrypt_in_place(path, key)
            done += 1
    return done


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the file and leave rollback-journal mode: no -wal/-shm remains."""
    conn = connect(db_path, None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    wal, shm, _journal = _sidecars(db_path)
    if wal.exists() and wal.stat().st_size:
        raise OSError(f"{wal} could not be folded into the database")
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync there; NTFS logs the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
