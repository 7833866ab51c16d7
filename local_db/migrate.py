"""Alembic, driven from code so the app needs no alembic.ini next to it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from local_db.cipher import DbKey

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(db_path: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", f"sqlite+pysqlite:///{db_path}")
    return config


def upgrade(db_path: Path, revision: str = "head", key: DbKey | None = None) -> None:
    """`key` for an encrypted file; Alembic then runs on a keyed connection (env.py)."""
    from sqlalchemy.pool import NullPool

    from local_db.engine import make_engine

    config = alembic_config(db_path)
    engine = make_engine(db_path, key, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def script_head(db_path: Path) -> str | None:
    return ScriptDirectory.from_config(alembic_config(db_path)).get_current_head()
