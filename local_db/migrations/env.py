"""Alembic environment: batch mode, because SQLite cannot ALTER most things in place."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool

import local_db.models  # noqa: F401  (registers every table on Base.metadata)
from local_db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    # The app hands over a keyed (SQLCipher) connection; the URL is for Alembic's own tooling.
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        _run(connection)


def _run(connection: Connection) -> None:
    # Batch mode recreates tables; foreign keys must be off while it copies rows. The
    # commit closes the transaction the PRAGMA auto-began, so Alembic's own commits.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
