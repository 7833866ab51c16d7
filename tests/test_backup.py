"""Backups: `branchdesk backup` / `restore` as a user runs them, the daily backup and its rotation."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.clients.records import ClientDraft
from app.context import AppContext
from app.errors import InvalidInput
from app.profile.backup import daily_backup, restore, rotate
from local_db.cipher import SQLITE_HEADER
from local_db.opening import DB_FILENAME

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))


def branchdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BRANCHDESK, *args], capture_output=True, text=True, timeout=120, env=dict(os.environ))


def client_names(data_dir: Path) -> list[str]:
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.engine.connect() as connection:
            return [r[0] for r in connection.exec_driver_sql("SELECT name FROM clients ORDER BY name")]
    finally:
        ctx.close()


def add_client(data_dir: Path, name: str) -> None:
    ctx = AppContext.open(data_dir)
    try:
        ctx.clients.save(ClientDraft(name=name, gender="F", mobile="13912345678"))
    finally:
        ctx.close()


def test_backup_then_change_then_restore_gives_the_data_as_at_backup_time(data_dir: Path, tmp_path: Path) -> None:
    add_client(data_dir, "王芳")
    out = tmp_path / "monday.bdbackup"
    done = branchdesk("--data-dir", str(data_dir), "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"backup: {out} (") and "encrypted" in done.stdout
    content = out.read_bytes()
    assert content[:16] != SQLITE_HEADER and "王芳".encode() not in content and b"13912345678" not in content

    add_client(data_dir, "李强")
    assert client_names(data_dir) == ["李强", "王芳"]
    done = branchdesk("--data-dir", str(data_dir), "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert client_names(data_dir) == ["王芳"]
    # The database as it was before the restore is kept, encrypted, in backups/.
    [previous] = (data_dir / "backups").glob("branchdesk-before-restore-*.sqlite3")
    assert previous.read_bytes()[:16] != SQLITE_HEADER
    assert str(previous) in done.stdout


def test_bad_inputs_exit_2_and_leave_nothing_half_written(data_dir: Path, tmp_path: Path) -> None:
    add_client(data_dir, "王芳")
    out = tmp_path / "b.sqlite3"
    assert branchdesk("--data-dir", str(data_dir), "backup", "--out", str(out)).returncode == 0
    before = out.read_bytes()

    exists = branchdesk("--data-dir", str(data_dir), "backup", "--out", str(out))
    assert exists.returncode == 2 and "already exists" in exists.stderr and out.read_bytes() == before
    nowhere = branchdesk("--data-dir", str(data_dir), "backup", "--out", str(tmp_path / "no" / "b.sqlite3"))
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    assert not (tmp_path / "no").exists()
    assert branchdesk("--data-dir", str(data_dir), "backup", "--out", str(out), "--force").returncode == 0

    db_path = data_dir / DB_FILENAME
    profile_before = db_path.read_bytes()
    missing = branchdesk("--data-dir", str(data_dir), "restore", str(tmp_path / "missing.sqlite3"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    refused = branchdesk("--data-dir", str(data_dir), "restore", str(junk))
    assert (
        refused.returncode == 2 and "not a usable backup" in refused.stderr and "Nothing was changed" in refused.stderr
    )
    other = tmp_path / "other-profile"
    add_client(other, "赵敏")  # its own key: its backups do not open with this profile's key
    assert branchdesk("--data-dir", str(other), "backup", "--out", str(tmp_path / "other.sqlite3")).returncode == 0
    foreign = branchdesk("--data-dir", str(data_dir), "restore", str(tmp_path / "other.sqlite3"))
    assert foreign.returncode == 2 and "key" in foreign.stderr
    assert db_path.read_bytes() == profile_before
    assert not (data_dir / "backups").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_restore_is_refused_while_the_profile_is_open(data_dir: Path, tmp_path: Path) -> None:
    add_client(data_dir, "王芳")
    ctx = AppContext.open(data_dir)
    try:
        out = tmp_path / "b.sqlite3"
        from app.profile.backup import make_backup

        make_backup(ctx.store, out)
        ctx.overview.record_counts()  # the app holds a pooled connection, as it does while running
        with pytest.raises(InvalidInput, match="is open in BranchDesk"):
            restore(data_dir, out)
        done = branchdesk("--data-dir", str(data_dir), "restore", str(out))
        assert done.returncode == 2 and "Close BranchDesk" in done.stderr
    finally:
        ctx.close()
    assert not (data_dir / "backups").exists()


def test_daily_backup_once_a_day_with_rotation(ctx: AppContext) -> None:
    first = daily_backup(ctx.store, datetime(2026, 11, 23, 8, tzinfo=UTC))
    assert first is not None and first.name == "branchdesk-daily-20261123.sqlite3"
    assert daily_backup(ctx.store) is None  # the newest is under a day old
    folder = first.parent
    start = date(2026, 11, 22)
    for n in range(60):
        (folder / f"branchdesk-daily-{start - timedelta(days=n):%Y%m%d}.sqlite3").write_bytes(b"x")
    rotate(folder)
    kept = sorted((p.name for p in folder.glob("branchdesk-daily-*")), reverse=True)
    # 7 newest days, then one per week for the 4 weeks before them.
    assert kept[:7] == [f"branchdesk-daily-{date(2026, 11, 23) - timedelta(days=n):%Y%m%d}.sqlite3" for n in range(7)]
    weekly = [date(int(n[17:21]), int(n[21:23]), int(n[23:25])) for n in kept[7:]]
    assert len(weekly) == 4 and len({d.isocalendar()[:2] for d in weekly}) == 4
    assert all(d < date(2026, 11, 17) for d in weekly)


def test_a_deleted_database_is_refused_then_restored_from_the_backup_the_hint_names(data_dir: Path) -> None:
    add_client(data_dir, "王芳")
    ctx = AppContext.open(data_dir)
    try:
        newest = daily_backup(ctx.store)
    finally:
        ctx.close()
    assert newest is not None
    (data_dir / DB_FILENAME).unlink()

    refused = branchdesk("--data-dir", str(data_dir), "today")
    assert refused.returncode == 3, refused.stderr
    assert "is missing, although this folder held a profile" in refused.stderr
    hint = f"Restore the newest backup: branchdesk --data-dir {data_dir} restore {newest}"
    assert hint in refused.stderr and f"backup: {newest}" in refused.stderr
    assert not (data_dir / DB_FILENAME).exists()

    done = branchdesk(*hint.split(": ", 1)[1].split()[1:])
    assert done.returncode == 0, done.stderr
    assert f"restored from {newest}; there was no database to keep" in done.stdout
    assert client_names(data_dir) == ["王芳"]


def test_backups_and_revealed_files_are_owner_only_whatever_the_umask(data_dir: Path, tmp_path: Path) -> None:
    add_client(data_dir, "王芳")
    out = tmp_path / "b.sqlite3"
    revealed = tmp_path / "clients.csv"
    previous = os.umask(0o000)
    try:
        assert branchdesk("--data-dir", str(data_dir), "backup", "--out", str(out)).returncode == 0
        assert branchdesk("--data-dir", str(data_dir), "export", "clients", str(revealed), "--reveal").returncode == 0
        # An old file in the way keeps no wider mode than the new one gets.
        revealed.chmod(0o666)
        assert (
            branchdesk(
                "--data-dir", str(data_dir), "export", "clients", str(revealed), "--reveal", "--force"
            ).returncode
            == 0
        )
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == 0o600
    assert revealed.stat().st_mode & 0o777 == 0o600
