"""Engine and session factory for the one SQLite file, with the pragmas we rely on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the GUI read while a worker writes; NORMAL is durable across app crashes in WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{db_path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # Error messages would otherwise quote the row's values (ID and phone numbers among
        # them), and such messages end up in logs and error dialogs.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services turn rows into dataclasses after commit.
    return sessionmaker(engine, expire_on_commit=False)
