"""Open a profile's database: find its key, check it read-only, encrypt it if it is still plain,
copy it aside, migrate, then connect."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from app import keys
from app.errors import DatabaseBusy, StartupError
from local_db import opening
from local_db.cipher import DatabaseError, DbKey, backup_copy, check_integrity, connect, has_plain_header
from local_db.conversion import encrypt_in_place, encrypt_plain_backups, remove_leftovers
from local_db.engine import BUSY_TIMEOUT_MS, make_engine, make_session_factory
from local_db.schema import head_revision


class SlowStep(IntEnum):
    """Work open_store may do before the profile opens that takes long on a big profile, said
    beforehand so the user knows to wait (100,000 cards: about a minute and a half to encrypt)."""

    ENCRYPT = 1  # a database from before encryption becomes encrypted, once
    MIGRATE = 2  # copied aside, then its schema brought up to this version


@dataclass(frozen=True)
class Store:
    data_dir: Path
    db_path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    key: DbKey
    # The copy taken before a migration, if one ran during this open.
    pre_migration_backup: Path | None

    def integrity_problems(self) -> list[str]:
        """Damage in the file (every page's HMAC, then SQLite's quick_check); empty when sound.
        On a connection of its own: one that met a damaged page refuses every later read."""
        with closing(connect(self.db_path, self.key, readonly=True)) as conn:
            return check_integrity(conn, encrypted=True, quick=True)


def open_store(
    data_dir: Path, passphrase: str | None = None, on_slow_step: Callable[[SlowStep], None] | None = None
) -> Store:
    """`passphrase` for a profile without a keyring (else BRANCHDESK_PASSPHRASE is used);
    `on_slow_step` is told before each SlowStep starts."""
    announce = on_slow_step or (lambda _step: None)
    data_dir = Path(data_dir).expanduser().resolve()
    db_path = data_dir / opening.DB_FILENAME
    try:
        opening.ensure_data_dir(data_dir)
        remove_leftovers(db_path)
        _refuse_vanished(data_dir, db_path)
        key = _key(data_dir, db_path, passphrase or keys.environment_passphrase())
        inspection = opening.inspect_database(db_path, key)
    except opening.DataDirUnusable as exc:
        raise StartupError(
            exc.kind,
            data_dir,
            f"The data folder {data_dir} cannot be used ({exc.detail}).",
            "Choose another data folder, or ask IT to make this one writable.",
            detail=exc.detail,
            zh=f"无法使用数据文件夹 {data_dir}。",
            hint_zh="请选择其他数据文件夹，或让 IT 为此文件夹开放写入权限。",
        ) from exc
    except opening.DatabaseCorrupt as exc:
        raise StartupError(
            exc.kind,
            db_path,
            f"The database {db_path} is damaged and could not be opened ({exc.detail}). It was left exactly as it was.",
            "Open a backup, or choose another data folder.",
            backups=tuple(opening.list_backups(data_dir)),
            detail=exc.detail,
            zh=f"数据库 {db_path} 已损坏，无法打开。文件保持原样。",
            hint_zh="请打开备份，或选择其他数据文件夹。",
        ) from exc
    except opening.KeyRejected as exc:
        raise StartupError(
            exc.kind if key.raw is not None else "passphrase_rejected",
            db_path,
            f"The database {db_path} cannot be opened with this key"
            + (" (passphrase)" if key.passphrase is not None else "")
            + ": a wrong passphrase or key, or the file is damaged. It was left exactly as it was.",
            (
                "Type the passphrase again, open a backup, or choose another data folder."
                if key.passphrase is not None
                else "Open a backup, or choose another data folder."
            ),
            backups=tuple(opening.list_backups(data_dir)),
            detail=exc.detail,
            zh=f"无法用此{'口令' if key.passphrase is not None else '密钥'}打开数据库 {db_path}："
            "口令或密钥有误，或文件已损坏。文件保持原样。",
            hint_zh=(
                "请重新输入口令、打开备份，或选择其他数据文件夹。"
                if key.passphrase is not None
                else "请打开备份，或选择其他数据文件夹。"
            ),
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
            zh=f"数据库 {db_path} 由更新版本的网点工作台写入"
            f"（结构版本 {exc.revision}；本版本最高支持 {head_revision()}）。文件保持原样。",
            hint_zh="请安装新版网点工作台、打开备份，或选择其他数据文件夹。",
        ) from exc

    if inspection.plain:
        _refuse_damaged(data_dir, db_path)  # encrypting reads every page: find damage first
        announce(SlowStep.ENCRYPT)
        _encrypt(db_path, key)
    backup = None
    if inspection.needs_migration:
        if inspection.revision is not None:  # a new, empty profile takes a moment only
            announce(SlowStep.MIGRATE)
        backup = _migrate(db_path, inspection, key)
    engine = make_engine(db_path, key)
    event.listen(engine, "handle_error", lambda context: _busy_as_error(context, data_dir))
    _owner_only(db_path)
    return Store(data_dir, db_path, engine, make_session_factory(engine), key, backup)


def _owner_only(db_path: Path) -> None:
    """Encrypted or not, the database is the owner's alone; SQLite gives the -wal and -shm files
    it makes the database's mode, so they follow."""
    try:
        if db_path.exists() and db_path.stat().st_mode & 0o077:
            db_path.chmod(0o600)
    except OSError:
        pass  # another owner's file (a shared folder IT set up): its mode is theirs to choose


def profile_existed(data_dir: Path) -> bool:
    """A key-mode marker or a backup: this folder has held a profile (which a database that
    is missing or empty now does not show)."""
    return (data_dir / keys.KEYMODE_FILENAME).exists() or bool(opening.list_backups(data_dir))


def _refuse_vanished(data_dir: Path, db_path: Path) -> None:
    """A profile's database deleted or truncated to nothing: say so, never start afresh over it."""
    try:
        vanished = not db_path.exists() or db_path.stat().st_size == 0
    except OSError:
        return  # inspect_database reports the unreadable file
    if not vanished or not profile_existed(data_dir):
        return
    backups = tuple(opening.list_backups(data_dir))
    state = "is missing" if not db_path.exists() else "is empty (0 bytes)"
    evidence = f"{len(backups)} backup(s) of it are" if backups else "its key marker is"
    raise StartupError(
        "database_missing",
        db_path,
        f"The database {db_path} {state}, although this folder held a profile ({evidence} "
        "here). Nothing was created in its place.",
        restore_hint(data_dir, backups)
        or "Put the database file back from a copy you have, or choose another data folder.",
        backups=backups,
        detail="missing" if state == "is missing" else "empty",  # a keyword the UI words in its own language
        zh=f"数据库 {db_path} {'不存在' if state == 'is missing' else '是空的'}，但此文件夹原有档案。"
        "未在原处新建任何内容。",
        hint_zh=restore_hint_zh(data_dir, backups) or "请从您的副本放回数据库文件，或选择其他数据文件夹。",
    )


def _refuse_damaged(data_dir: Path, db_path: Path) -> None:
    """A plain file with damaged pages: reported as such, rather than as a failed encryption."""
    try:
        with closing(connect(db_path, None, readonly=True)) as conn:
            problems = check_integrity(conn, encrypted=False, quick=True)
    except DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        backups = tuple(opening.list_backups(data_dir))
        raise StartupError(
            "database_damaged",
            db_path,
            f"The database {db_path} is damaged: {len(problems):,} problem(s) found, the first: "
            f"{problems[0]}. It was left exactly as it was.",
            restore_hint(data_dir, backups) or "Ask IT to rescue the file, or choose another data folder.",
            backups=backups,
            detail="\n".join(problems),
            zh=f"数据库 {db_path} 已损坏：发现 {len(problems):,} 个问题。文件保持原样。",
            hint_zh=restore_hint_zh(data_dir, backups) or "请让 IT 抢救该文件，或选择其他数据文件夹。",
        )


def restore_hint(data_dir: Path, backups: Sequence[Path]) -> str:
    """The command that restores the newest of `backups` (newest first), or "" without one."""
    if not backups:
        return ""
    return (f"Restore the newest backup: branchdesk --data-dir {shlex.quote(str(data_dir))} restore "
            f"{shlex.quote(str(backups[0]))}")  # fmt: skip


def restore_hint_zh(data_dir: Path, backups: Sequence[Path]) -> str:
    """`restore_hint` in Chinese."""
    if not backups:
        return ""
    return (f"恢复最新的备份：branchdesk --data-dir {shlex.quote(str(data_dir))} restore "
            f"{shlex.quote(str(backups[0]))}")  # fmt: skip


def _busy_as_error(context: ExceptionContext, data_dir: Path) -> None:
    """SQLite's "database is locked" after the busy timeout: another writer, not a fault."""
    if isinstance(context.original_exception, DatabaseError) and "database is locked" in str(
        context.original_exception
    ):
        raise DatabaseBusy(
            f"The profile {data_dir} is busy: BranchDesk or another command kept writing to it "
            f"for over {BUSY_TIMEOUT_MS // 1000} seconds, so this change was not made.",
            "Try again when the other work has finished.",
            zh=f"档案 {data_dir} 正忙：网点工作台或其他命令持续写入超过 {BUSY_TIMEOUT_MS // 1000} 秒，本次更改未完成。",
            hint_zh="请等其他工作结束后重试。",
        ) from context.original_exception


def profile_key_for(data_dir: Path, passphrase: str | None = None) -> DbKey:
    """The key of an existing profile, for work on its files outside open_store (backups)."""
    data_dir = Path(data_dir).expanduser().resolve()
    return _key(data_dir, data_dir / opening.DB_FILENAME, passphrase)


def _key(data_dir: Path, db_path: Path, passphrase: str | None) -> DbKey:
    try:
        size = db_path.stat().st_size if db_path.exists() else 0
        encrypted = size > 0 and not has_plain_header(db_path)
    except OSError:
        size, encrypted = 0, False  # inspect_database reports the unreadable file
    if encrypted and size % opening.MIN_PAGE_SIZE:
        # Not whole pages: damage, whatever the key; nothing is written, not even a key.
        raise opening.DatabaseCorrupt(db_path, "not an SQLite database")
    return keys.profile_key(data_dir, holds_data=size > 0, encrypted=encrypted, passphrase=passphrase)


def _encrypt(db_path: Path, key: DbKey) -> None:
    """A profile from before encryption: converted once, safely (local_db/conversion.py)."""
    try:
        encrypt_in_place(db_path, key)
        encrypt_plain_backups(db_path.parent / opening.BACKUP_DIRNAME, key)
    except (OSError, DatabaseError) as exc:
        raise StartupError(
            "encryption_failed",
            db_path,
            f"Encrypting the database {db_path} failed ({exc}); it was left as it was.",
            "Make room on the disk or close other programs using the file, then start again.",
            detail=str(exc),
            zh=f"加密数据库 {db_path} 失败；文件保持原样。",
            hint_zh="请腾出磁盘空间或关闭正在使用该文件的其他程序，然后重新启动。",
        ) from exc


def _migrate(db_path: Path, inspection: opening.Inspection, key: DbKey) -> Path | None:
    # Imported here: Alembic costs start-up time and is only needed when the schema moves on.
    from local_db.migrate import upgrade

    backup = None
    if inspection.exists and inspection.revision is not None:
        backup = opening.copy_aside(db_path, f"before-{head_revision()}", key)
    try:
        upgrade(db_path, key=key)
    except Exception as exc:
        # SQLite runs some DDL outside the transaction, so roll back by restoring the copy.
        if backup is not None:
            backup_copy(backup, db_path, key)
        raise StartupError(
            "migration_failed",
            db_path,
            f"Updating the database {db_path} to this version failed ({exc}); it was put back as it was.",
            f"A copy taken before the update is at {backup}." if backup else "",
            backups=(backup,) if backup else (),
            detail=str(exc),
            zh=f"把数据库 {db_path} 更新到本版本失败；已恢复原样。",
            hint_zh=f"更新前的副本在 {backup}。" if backup else "",
        ) from exc
    return backup


def restore_backup(data_dir: Path, backup: Path, passphrase: str | None = None) -> Path | None:
    """Put `backup` in place of the profile's database.

    The file it replaces is renamed, never deleted or rewritten, so a damaged database can still
    go to IT for rescue. Returns where that file now is.
    """
    data_dir = Path(data_dir).resolve()
    db_path = data_dir / opening.DB_FILENAME
    plain = backup.exists() and backup.stat().st_size > 0 and has_plain_header(backup)
    key = None if plain else _key(data_dir, backup, passphrase or keys.environment_passphrase())
    opening.inspect_database(backup, key)  # refuse to restore a backup that is itself unreadable
    kept = None
    if db_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = db_path.with_name(f"{db_path.stem}-replaced-{stamp}{db_path.suffix}")
        db_path.rename(kept)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
    # A plain backup (from before encryption) is encrypted by the next open.
    backup_copy(backup, db_path, key)
    return kept
