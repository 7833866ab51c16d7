"""Open a profile's database: check it read-only, copy it aside, migrate, then connect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StartupError
from local_db import opening
from local_db.engine import make_engine, make_session_factory
from local_db.schema import head_revision


@dataclass(frozen=True)
class Store:
    data_dir: Path
    db_path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    # The copy taken before a migration, if one ran during this open.
    pre_migration_backup: Path | None


def open_store(data_dir: Path) -> Store:
    data_dir = Path(data_dir).expanduser().resolve()
    db_path = data_dir / opening.DB_FILENAME
    try:
        opening.ensure_data_dir(data_dir)
        inspection = opening.inspect_database(db_path)
    except opening.DataDirUnusable as exc:
        raise StartupError(
            exc.kind,
            data_dir,
            f"The data folder {data_dir} cannot be used ({exc.detail}).",
            "Choose another data folder, or ask IT to make this one writable.",
            detail=exc.detail,
        ) from exc
    except opening.DatabaseCorrupt as exc:
        raise StartupError(
            exc.kind,
            db_path,
            f"The database {db_path} is damaged and could not be opened ({exc.detail}). "
            "It was left exactly as it was.",
            "Open a backup, or choose another data folder.",
            backups=tuple(opening.list_backups(data_dir)),
            detail=exc.detail,
        ) from exc
    except opening.DatabaseTooNew as exc:
        raise StartupError(
            exc.kind,
            db_path,
            f"The database {db_path} was written by a newer version of BranchDesk "
            f"(schema {exc.revision}; this version knows up to {head_revision()}). "
            "It was left exactly as it was.",
            "Install the newer BranchDesk, open a backup, or choose another data folder.",
            backups=tuple(opening.list_backups(data_dir)),
            detail=exc.revision,
        ) from exc

    backup = None
    if inspection.needs_migration:
        backup = _migrate(db_path, inspection)
    engine = make_engine(db_path)
    return Store(data_dir, db_path, engine, make_session_factory(engine), backup)


def _migrate(db_path: Path, inspection: opening.Inspection) -> Path | None:
    # Imported here: Alembic costs start-up time and is only needed when the schema moves on.
    from local_db.migrate import upgrade

    backup = None
    if inspection.exists and inspection.revision is not None:
        backup = opening.copy_aside(db_path, f"before-{head_revision()}")
    try:
        upgrade(db_path)
    except Exception as exc:
        # SQLite runs some DDL outside the transaction, so roll back by restoring the copy.
        if backup is not None:
            opening.sqlite_copy(backup, db_path)
        raise StartupError(
            "migration_failed",
            db_path,
            f"Updating the database {db_path} to this version failed ({exc}); "
            "it was put back as it was.",
            f"A copy taken before the update is at {backup}." if backup else "",
            backups=(backup,) if backup else (),
            detail=str(exc),
        ) from exc
    return backup


def restore_backup(data_dir: Path, backup: Path) -> Path | None:
    """Put `backup` in place of the profile's database.

    The file it replaces is renamed, never deleted or rewritten, so a damaged database can still
    go to IT for rescue. Returns where that file now is.
    """
    db_path = data_dir / opening.DB_FILENAME
    opening.inspect_database(backup)  # refuse to restore a backup that is itself unreadable
    kept = None
    if db_path.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kept = db_path.with_name(f"{db_path.stem}-replaced-{stamp}{db_path.suffix}")
        db_path.rename(kept)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
    opening.sqlite_copy(backup, db_path)
    return kept
