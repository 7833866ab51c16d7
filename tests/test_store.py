"""Opening the local store: fresh, migrated, and every kind of bad file or folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.context import AppContext
from app.errors import StartupError
from app.store import SlowStep, open_store, restore_backup
from local_db.cipher import connect
from local_db.migrate import upgrade
from local_db.models import Client, Outlet
from local_db.opening import DB_FILENAME, list_backups
from local_db.schema import head_revision, known_revisions


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_profile_is_created_at_head_with_our_pragmas(ctx: AppContext) -> None:
    assert ctx.store.db_path.exists()
    assert ctx.overview.schema_revision() == head_revision()
    with ctx.store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    assert ctx.overview.is_empty()


def test_records_get_laptop_uuids_and_utc_stamps(ctx: AppContext) -> None:
    with ctx.store.sessions.begin() as session:
        outlet = Outlet(code="BJ001", name="工商银行北京朝阳支行")
        session.add(outlet)
    with ctx.store.sessions() as session:
        stored = session.scalars(select(Outlet)).one()
    assert len(stored.id) == 36 and stored.id.count("-") == 4
    assert stored.created_at.tzinfo == UTC
    assert abs(stored.created_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert stored.name == "工商银行北京朝阳支行"


def test_foreign_keys_are_enforced(ctx: AppContext) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), ctx.store.sessions.begin() as session:
        session.add(Client(name="张三", outlet_id="no-such-outlet"))
    with ctx.store.sessions() as session:
        assert session.scalars(select(Client)).all() == []


def test_database_errors_never_quote_customer_data(ctx: AppContext) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as caught, ctx.store.sessions.begin() as session:
        session.add(
            Client(name="张三", id_number="11010519900101200X", mobile="13812345678", outlet_id="no-such-outlet")
        )
    message = str(caught.value)
    assert "11010519900101200X" not in message and "13812345678" not in message
    assert "hidden due to hide_parameters" in message


def test_naive_datetimes_are_refused(ctx: AppContext) -> None:
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"), ctx.store.sessions.begin() as session:
        session.add(Client(name="李四", last_contact_at=datetime(2026, 1, 1, 9, 0)))


def test_database_at_first_revision_upgrades_to_head_keeping_data(data_dir: Path) -> None:
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    first = known_revisions()[0]
    upgrade(db_path, first)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO clients (id, status, name, name_pinyin, name_initials, id_type, mobile,"
            " phone_other, address, occupation, employer, tier, source, assets_cents, investments,"
            " hobbies, notes, blacklisted, blacklist_reason, created_at, updated_at) VALUES"
            " ('c1', 'valid', '王芳', 'wangfang', 'wf', 'resident_id', '13812345678', '', '', '',"
            " '', 'gold', 'walk_in', 0, '', '', '', 0, '', '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00')"
        )
        indexes_before = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "ix_clients_name_pinyin" not in indexes_before

    steps: list[SlowStep] = []
    store = open_store(data_dir, on_slow_step=steps.append)
    try:
        # A plain file at an old revision: encrypted, then upgraded, each said beforehand.
        assert steps == [SlowStep.ENCRYPT, SlowStep.MIGRATE]
        with store.sessions() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == head_revision()
            client = session.get(Client, "c1")
            assert client is not None and client.name == "王芳" and client.tier == "gold"
            indexes = {r[0] for r in session.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))}
        assert "ix_clients_name_pinyin" in indexes
        # The file was copied aside before the migration touched it.
        assert store.pre_migration_backup is not None
        with closing(connect(store.pre_migration_backup, store.key)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
            assert conn.execute("SELECT name FROM clients").fetchone()[0] == "王芳"
    finally:
        store.engine.dispose()


def test_opening_at_head_takes_no_backup(data_dir: Path) -> None:
    first_steps: list[SlowStep] = []
    open_store(data_dir, on_slow_step=first_steps.append).engine.dispose()
    steps: list[SlowStep] = []
    store = open_store(data_dir, on_slow_step=steps.append)
    store.engine.dispose()
    assert first_steps == steps == []  # a new profile, then one at head: nothing slow to say
    assert store.pre_migration_backup is None
    assert list_backups(data_dir) == []


def test_corrupt_database_is_reported_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    db_path.write_bytes(b"this is not a database, it is a spreadsheet someone renamed" * 50)
    before = digest(db_path)
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "database_corrupt"
    assert "damaged" in caught.value.message and "left exactly as it was" in caught.value.message
    assert digest(db_path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]


def test_truncated_sqlite_file_is_reported_and_left_untouched(data_dir: Path) -> None:
    # A plain file from before encryption (an encrypted one: tests/test_encryption.py).
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    upgrade(db_path)
    # A crash during a copy: the header survives, the rest is garbage.
    raw = bytearray(db_path.read_bytes())
    raw[100:] = b"\xff" * (len(raw) - 100)
    db_path.write_bytes(bytes(raw))
    for side in ("-wal", "-shm"):
        Path(str(db_path) + side).unlink(missing_ok=True)
    before = digest(db_path)
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "database_corrupt"
    assert digest(db_path) == before


def test_corrupt_database_offers_backups_and_restore_keeps_the_damaged_file(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    with ctx.store.sessions.begin() as session:
        session.add(Outlet(code="SH01", name="建设银行上海徐汇支行"))
    ctx.close()
    db_path = data_dir / DB_FILENAME
    backups = data_dir / "backups"
    backups.mkdir()
    shutil.copy(db_path, backups / "branchdesk-manual.sqlite3")
    db_path.write_bytes(b"garbage" * 1000)
    damaged = digest(db_path)

    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.backups == (backups / "branchdesk-manual.sqlite3",)

    kept = restore_backup(data_dir, caught.value.backups[0])
    assert kept is not None and digest(kept) == damaged
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.overview.record_counts()["outlets"] == 1
    finally:
        ctx.close()


def test_database_from_a_newer_version_is_refused_untouched(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.engine.dispose()
    db_path = data_dir / DB_FILENAME
    with closing(connect(db_path, store.key)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    before = digest(db_path)
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "database_too_new"
    assert "newer version" in caught.value.message and "9999" in caught.value.message
    assert digest(db_path) == before


def test_missing_data_dir_is_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "nested" / "profile"
    ctx = AppContext.open(target)
    ctx.close()
    assert (target / DB_FILENAME).exists()


def test_data_dir_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StartupError) as caught:
        AppContext.open(blocker / "profile")
    assert caught.value.code == "data_dir_unusable"
    assert "cannot be used" in caught.value.message
    assert blocker.read_text() == "not a folder"


def read_only_dir(tmp_path: Path) -> Path:
    """A folder this process cannot write to; root ignores permission bits, /proc it cannot."""
    if os.geteuid() == 0:
        return Path("/proc/self")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_read_only_data_dir_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StartupError) as caught:
        AppContext.open(read_only_dir(tmp_path))
    assert caught.value.code == "data_dir_unusable"
    assert caught.value.hint.startswith("Choose another data folder")


def test_empty_file_left_by_an_interrupted_first_start_is_initialised(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"")
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.overview.schema_revision() == head_revision()
    finally:
        ctx.close()


def test_relative_data_dir_is_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ctx = AppContext.open(Path("relative") / "profile")
    try:
        assert ctx.data_dir == tmp_path / "relative" / "profile"
    finally:
        ctx.close()


def _profile_with_backups(data_dir: Path) -> tuple[Path, Path]:
    """A profile with one outlet and two backups in its backups folder; returns (older, newer)."""
    from app.profile.backup import make_backup

    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:
            session.add(Outlet(code="SH01", name="建设银行上海徐汇支行"))
        (data_dir / "backups").mkdir()
        older = make_backup(ctx.store, data_dir / "backups" / "branchdesk-daily-20260301.sqlite3").path
        newer = make_backup(ctx.store, data_dir / "backups" / "branchdesk-daily-20260302.sqlite3").path
    finally:
        ctx.close()
    os.utime(older, (0, 0))  # list_backups orders by the time each was written
    return older, newer


@pytest.mark.parametrize("vanish", ["deleted", "emptied"])
def test_a_vanished_database_is_reported_with_its_backups_and_nothing_is_created(data_dir: Path, vanish: str) -> None:
    older, newer = _profile_with_backups(data_dir)
    db_path = data_dir / DB_FILENAME
    if vanish == "deleted":
        db_path.unlink()
    else:
        db_path.write_bytes(b"")
    before = sorted(p.name for p in data_dir.iterdir())
    for _attempt in range(2):  # a second start must not have created anything either
        with pytest.raises(StartupError) as caught:
            AppContext.open(data_dir)
        error = caught.value
        assert error.code == "database_missing"
        assert error.backups == (newer, older)
        assert ("is missing" if vanish == "deleted" else "is empty (0 bytes)") in error.message
        assert "although this folder held a profile (2 backup(s) of it are here)" in error.message
        assert "Nothing was created in its place." in error.message
        assert error.hint == f"Restore the newest backup: branchdesk --data-dir {data_dir} restore {newer}"
        assert sorted(p.name for p in data_dir.iterdir()) == before
    assert db_path.exists() == (vanish == "emptied") and (not db_path.exists() or db_path.stat().st_size == 0)

    kept = restore_backup(data_dir, error.backups[0])
    assert (kept is None) == (vanish == "deleted")
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.overview.record_counts()["outlets"] == 1
    finally:
        ctx.close()


def test_a_vanished_database_without_backups_is_reported_by_its_key_marker(data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    (data_dir / DB_FILENAME).unlink()
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "database_missing" and caught.value.backups == ()
    assert "(its key marker is here)" in caught.value.message
    assert caught.value.hint == "Put the database file back from a copy you have, or choose another data folder."
    assert not (data_dir / DB_FILENAME).exists()


def test_a_new_profile_is_the_owners_alone_whatever_the_umask(tmp_path: Path) -> None:
    """The folder made for it, the database (whose -wal and -shm SQLite makes with its mode) and
    the key marker: 0700 and 0600 even under umask 000; an older world-readable file is tightened."""
    data_dir = tmp_path / "made" / "profile"
    old = os.umask(0)
    try:
        ctx = AppContext.open(data_dir)
        with ctx.store.sessions.begin() as session:
            session.add(Outlet(code="TJ01", name="交通银行天津南开支行"))
        files = {p.name: p.stat().st_mode & 0o777 for p in data_dir.iterdir()}
        ctx.close()
        assert data_dir.stat().st_mode & 0o777 == 0o700
        assert {name: mode for name, mode in files.items() if mode != 0o600} == {}, files
        assert {DB_FILENAME, DB_FILENAME + "-wal", "branchdesk.keymode"} <= set(files)
        (data_dir / DB_FILENAME).chmod(0o644)
        AppContext.open(data_dir).close()
        assert (data_dir / DB_FILENAME).stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
