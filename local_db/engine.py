"""Engine and session factory for the one SQLite file, with the pragmas we rely on.

The file is encrypted with SQLCipher: every connection is keyed before anything else runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import Pool, QueuePool

from local_db.cipher import DbKey, connect
from local_db.profile_lock import ProfileLock

BUSY_TIMEOUT_MS = 5000
# SQLCipher decrypts (and checks the HMAC of) every page it reads from the file, even when the
# OS has the file cached, so its own page cache is what keeps repeated reads cheap. 64 MiB per
# connection holds the hot part of a 100,000-client profile (the Today page's reminders join
# clients at random); it is filled only as pages are read.
CACHE_KIB = 65_536


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the GUI read while a worker writes; NORMAL is durable across app crashes in WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def make_engine(db_path: Path, key: DbKey | None, poolclass: type[Pool] = QueuePool) -> Engine:
    """`key=None` only for a plain file (tests of the conversion from plain)."""
    engine = create_engine(
        # pysqlite's dialect over the sqlcipher3 module (the same DB-API): SQLAlchemy's
        # pysqlcipher dialect would re-key each connection from the URL and pool one per thread.
        "sqlite+pysqlite://",
        module=sqlcipher3,
        creator=lambda: connect(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000),
        poolclass=poolclass,
        # Error messages would otherwise quote the row's values (ID and phone numbers among
        # them), and such messages end up in logs and error dialogs.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    # Each open connection (pooled ones too, while the app runs) holds the profile's shared
    # lock; engine.dispose() closes them and so lets `branchdesk restore` in.
    event.listen(
        engine,
        "connect",
        lambda _c, record: record.info.setdefault("profile_lock", ProfileLock(db_path.parent, exclusive=False)),
    )
    event.listen(engine.pool, "close", _release_lock)
    return engine


def _release_lock(_dbapi_connection: Any, record: Any) -> None:
    lock = record.info.pop("profile_lock", None)
    if lock is not None:
        lock.release()


def hold_write_lock(session: Session) -> None:
    """Take the profile's write lock now, unless this session's transaction already holds it.

    pysqlite opens a transaction only at the first INSERT, UPDATE or DELETE, so a value read
    before that (the next audit seq) may be taken by another process before it is written back.
    BEGIN IMMEDIATE takes SQLite's write lock first, waiting up to the busy timeout for another
    writer to finish; a transaction that has written anything holds the lock already. Readers
    are not held up: WAL lets them read beside the one writer.
    """
    connection = session.connection()
    driver: Any = connection.connection.dbapi_connection  # sqlcipher3's: it knows if a transaction is open
    if not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services turn rows into dataclasses after commit.
    return sessionmaker(engine, expire_on_commit=False)
