"""Backups of a profile's database: on demand (`branchdesk backup`/`restore`) and daily.

A backup is a consistent copy through SQLite's backup API, encrypted with the profile's own
key (the keyring key, or the passphrase): it restores into this profile on this computer. To
move data to another computer, use a passphrase profile there and here (README, "Data
protection"). Nothing is half-written: a backup goes to a temporary name, is verified, then
renamed; a restore checks the backup fully before it touches the profile, copies the current
database aside, and refuses while BranchDesk has the profile open.
"""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app import keys
from app.errors import InvalidInput
from app.store import Store, profile_existed, profile_key_for
from local_db import opening
from local_db.cipher import (
    DatabaseError,
    DbKey,
    backup_copy,
    check_integrity,
    connect,
    create_private,
    table_counts,
)
from local_db.profile_lock import ProfileBusy, ProfileLock

DAILY_PREFIX = "branchdesk-daily-"
KEEP_DAILY, KEEP_WEEKLY = 7, 4


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: dict[str, int]


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # the database as it was before the restore; None if missing or empty
    tables: dict[str, int]


def make_backup(store: Store, out: Path, *, replace: bool = False) -> BackupResult:
    out = Path(out).expanduser().absolute()
    if out.exists() and not out.is_file():  # renamed over, a device or a pipe would be replaced
        raise InvalidInput(f"{out} is not a regular file (a folder, a device or a pipe).", "Name a file to write.",
                           zh=f"{out} 不是普通文件（而是文件夹、设备或管道）。",
                           hint_zh="请指定要写入的文件。")  # fmt: skip
    if out.exists() and not replace:
        raise InvalidInput(f"{out} already exists.", "Name another file, or add --force to replace it.",
                           zh=f"{out} 已存在。", hint_zh="请换一个文件名，或加上 --force 覆盖。")  # fmt: skip
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist.", "Create it first or name another file.",
                           zh=f"文件夹 {out.parent} 不存在。", hint_zh="请先创建该文件夹，或换一个文件。")  # fmt: skip
    if out.resolve() == store.db_path or (
        out.resolve().parent == store.data_dir and out.name.startswith("branchdesk.")
    ):
        raise InvalidInput(f"{out} is the profile's own database.", "Name a file outside the data folder.",
                           zh=f"{out} 是本档案自己的数据库。", hint_zh="请指定数据文件夹以外的文件。")  # fmt: skip
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        backup_copy(store.db_path, partial, store.key)
        tables = _verify(partial, store.key)
        os.replace(partial, out)
    except OSError as exc:
        raise InvalidInput(f"The backup could not be written to {out}: {exc.strerror or exc}.",
                           zh=f"无法把备份写入 {out}。") from exc  # fmt: skip
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(out, tables)


def restore(data_dir: Path, backup: Path, passphrase: str | None = None) -> RestoreResult:
    """Replace the profile's database by `backup`, after checking it opens, is sound and has a
    schema this version knows. Refused while the profile is open (by the app or another command)."""
    data_dir = Path(data_dir).expanduser().resolve()
    backup = Path(backup).expanduser().absolute()
    db_path = data_dir / opening.DB_FILENAME
    if not backup.is_file():
        raise InvalidInput(f"{backup} does not exist or is not a file.", zh=f"{backup} 不存在或不是文件。")
    # A profile whose database was deleted or emptied (open_store refuses it) is restored too.
    holds_data = db_path.is_file() and db_path.stat().st_size > 0
    if not holds_data and not profile_existed(data_dir):
        raise InvalidInput(f"There is no profile in {data_dir} to restore into.", "Check --data-dir.",
                           zh=f"{data_dir} 中没有可以恢复到的档案。", hint_zh="请检查 --data-dir。")  # fmt: skip
    key = profile_key_for(data_dir, passphrase or keys.environment_passphrase())
    try:
        opening.inspect_database(backup, key)
        _verify(backup, key)
    except (opening.StoreError, DatabaseError) as exc:
        raise InvalidInput(
            f"{backup} is not a usable backup of this profile ({getattr(exc, 'kind', 'damaged')}: "
            f"{getattr(exc, 'detail', exc)}). Nothing was changed.",
            "A backup opens only with the key of the profile it was made from.",
            zh=f"{backup} 不是本档案可用的备份（已损坏或属于其他档案）。未作任何更改。",
            hint_zh="备份只能用制作它的档案的密钥打开。",
        ) from exc
    try:
        profile_lock = ProfileLock(data_dir, exclusive=True)
    except ProfileBusy:
        raise _busy(data_dir, "another program holds its lock") from None
    live = _lock_exclusively(db_path, key)
    try:
        previous = opening.aside_path(db_path, "before-restore") if holds_data else None
        if previous is not None:
            create_private(previous)
            with closing(connect(previous, key)) as aside:
                live.backup(aside)
        with closing(connect(backup, key, readonly=True)) as source:
            source.backup(live)
        found = table_counts(live)
    finally:
        live.close()
        profile_lock.release()
    return RestoreResult(backup, previous, found)


def daily_backup(store: Store, now: datetime | None = None) -> Path | None:
    """Today's backup in <data dir>/backups/ unless the newest is under a day old; then rotate."""
    now = now or datetime.now(UTC)
    folder = store.data_dir / opening.BACKUP_DIRNAME
    dailies = _dailies(folder)
    if dailies and now - datetime.fromtimestamp(dailies[0][1].stat().st_mtime, UTC) < timedelta(days=1):
        return None
    folder.mkdir(exist_ok=True)
    target = folder / f"{DAILY_PREFIX}{now:%Y%m%d}.sqlite3"
    if target.exists():
        return None
    make_backup(store, target)
    rotate(folder)
    return target


def rotate(folder: Path) -> list[Path]:
    """Keep the newest KEEP_DAILY daily backups and, older than those, the newest backup of each
    of the KEEP_WEEKLY most recent weeks. Returns what was deleted."""
    dailies = _dailies(folder)
    keep = {path for _, path in dailies[:KEEP_DAILY]}
    weeks: list[tuple[int, int]] = []
    for day, path in dailies[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(path)
    removed = [path for _, path in dailies if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _dailies(folder: Path) -> list[tuple[date, Path]]:
    """Daily backups, newest first, by the day in their name."""
    found = []
    for path in folder.glob(f"{DAILY_PREFIX}*.sqlite3") if folder.is_dir() else ():
        try:
            found.append((datetime.strptime(path.stem.removeprefix(DAILY_PREFIX), "%Y%m%d").date(), path))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def _verify(path: Path, key: DbKey) -> dict[str, int]:
    with closing(connect(path, key, readonly=True)) as conn:
        problems = check_integrity(conn, encrypted=True)
        if problems:
            raise DatabaseError(f"integrity check: {'; '.join(problems[:3])}")
        return table_counts(conn)


def _lock_exclusively(db_path: Path, key: DbKey) -> Any:  # sqlcipher3's connection, untyped as connect() says
    """A connection holding the only lock on the database (exclusive locking mode keeps it
    until close): open connections of the app or of another command make this fail."""
    conn = connect(db_path, key, timeout=0)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.commit()
    except DatabaseError as exc:
        conn.close()
        raise _busy(db_path.parent, str(exc)) from exc
    return conn


def _busy(data_dir: Path, why: str) -> InvalidInput:
    return InvalidInput(f"The profile {data_dir} is open in BranchDesk or another command ({why}); "
                        "nothing was changed.", "Close BranchDesk and try again.",
                        zh=f"档案 {data_dir} 正在被网点工作台或其他命令使用；未作任何更改。",
                        hint_zh="请关闭网点工作台后重试。")  # fmt: skip
