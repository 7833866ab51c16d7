"""Encryption at rest: new profiles, the key in the keyring, wrong keys, converting plain files,
and profiles protected by a passphrase where no keyring exists."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest

from app import keys
from app.clients.records import ClientDraft
from app.context import AppContext
from app.demo import generate
from app.errors import StartupError
from app.rules.id_numbers import make_resident_id
from app.store import open_store
from local_db.cipher import SQLITE_HEADER, DbKey, connect, export, table_counts
from local_db.opening import DB_FILENAME

ID = make_resident_id("110105", date(1988, 3, 9), 41, "M")
PHONE = "13987654321"
NAME = "欧阳震华"
ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def profile_files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file()]


def stored_key(data_dir: Path) -> str | None:
    return keyring.get_password("BranchDesk", keys.account(data_dir))


def test_new_profile_is_encrypted_and_holds_no_customer_data_in_clear(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    try:
        ctx.clients.save(ClientDraft(name=NAME, gender="M", id_number=ID, mobile=PHONE))
        # Before close too: the WAL holds the newest pages, and it is encrypted as well.
        for path in profile_files(data_dir):
            content = path.read_bytes()
            for secret in (NAME.encode(), ID.encode(), PHONE.encode()):
                assert secret not in content, (path.name, secret)
    finally:
        ctx.close()
    db_path = data_dir / DB_FILENAME
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    assert keys.read_mode(data_dir) == "keyring"
    key = stored_key(data_dir)
    assert key is not None and len(bytes.fromhex(key)) == 32
    with pytest.raises(sqlite3.DatabaseError), closing(sqlite3.connect(db_path)) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.overview.record_counts()["clients"] == 1
    finally:
        ctx.close()


def test_wrong_key_is_a_clear_error_and_changes_nothing(data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    db_path = data_dir / DB_FILENAME
    before = digest(db_path)
    keyring.set_password("BranchDesk", keys.account(data_dir), os.urandom(32).hex())
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "key_rejected"
    assert "cannot be opened with this key" in caught.value.message
    assert "left exactly as it was" in caught.value.message
    assert digest(db_path) == before


def test_key_missing_from_the_keyring_is_reported_and_no_new_key_made(data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    db_path = data_dir / DB_FILENAME
    before = digest(db_path)
    keyring.delete_password("BranchDesk", keys.account(data_dir))
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    assert caught.value.code == "key_missing"
    assert "not in this computer's password store" in caught.value.message
    assert digest(db_path) == before and stored_key(data_dir) is None


def test_damaged_encrypted_file_is_refused_untouched(data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    db_path = data_dir / DB_FILENAME
    raw = bytearray(db_path.read_bytes())
    raw[100:] = b"\xff" * (len(raw) - 100)
    db_path.write_bytes(bytes(raw))
    before = digest(db_path)
    with pytest.raises(StartupError) as caught:
        AppContext.open(data_dir)
    # SQLCipher cannot tell a wrong key from damage; the message names both.
    assert caught.value.code == "key_rejected" and "damaged" in caught.value.message
    assert digest(db_path) == before


def make_plain_profile(data_dir: Path, clients: int) -> dict[str, int]:
    """A profile as written before encryption: built encrypted, then exported to plain."""
    ctx = AppContext.open(data_dir)
    try:
        generate(ctx.store, clients=clients, seed=4, today=date(2026, 3, 2), worklog_days=15)
        key = ctx.store.key
    finally:
        ctx.close()
    db_path = data_dir / DB_FILENAME
    plain = data_dir / "plain.sqlite3"
    export(db_path, key, plain, None)
    os.replace(plain, db_path)
    (data_dir / keys.KEYMODE_FILENAME).unlink()
    keyring.delete_password("BranchDesk", keys.account(data_dir))
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        return table_counts(conn)


def dump(conn: Any, table: str) -> list[tuple[object, ...]]:  # sqlite3's connection or sqlcipher3's
    return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_plain_database_is_converted_keeping_every_row(data_dir: Path) -> None:
    counts = make_plain_profile(data_dir, clients=300)
    db_path = data_dir / DB_FILENAME
    with closing(sqlite3.connect(db_path)) as conn:
        clients_before = dump(conn, "clients")
    assert db_path.read_bytes()[:16] == SQLITE_HEADER

    store = open_store(data_dir)
    try:
        assert store.key.raw is not None
        with store.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert table_counts(raw) == counts
            assert dump(raw, "clients") == clients_before
    finally:
        store.engine.dispose()
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    # No plain copy remains anywhere in the profile.
    leftovers = [p.name for p in profile_files(data_dir) if p.read_bytes()[:16] == SQLITE_HEADER]
    assert leftovers == []


CONVERT = "import sys; from app.store import open_store; open_store(sys.argv[1]).engine.dispose()"


def converting(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    while True:
        yield subprocess.Popen([sys.executable, "-c", CONVERT, str(data_dir)], cwd=ROOT,
                               env=dict(os.environ), stderr=subprocess.PIPE)  # fmt: skip


def test_conversion_killed_midway_leaves_the_plain_database_opening(data_dir: Path) -> None:
    counts = make_plain_profile(data_dir, clients=1500)
    db_path = data_dir / DB_FILENAME
    plain_copy = db_path.with_name(db_path.name + ".converting-plain")
    encrypted_copy = db_path.with_name(db_path.name + ".converting-encrypted")
    killed_at: list[str] = []
    for marker in (plain_copy, encrypted_copy):
        process = next(converting(data_dir))
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        if process.poll() is None:
            process.kill()
            killed_at.append(marker.name)
        process.wait()
        # Whatever was interrupted, the original is still the plain file and opens with every row.
        assert db_path.read_bytes()[:16] == SQLITE_HEADER
        with closing(sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)) as conn:
            assert table_counts(conn) == counts
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert killed_at, "the conversion finished before it could be interrupted"
    store = open_store(data_dir)  # the next start converts and cleans up the work files
    try:
        with store.engine.connect() as connection:
            assert table_counts(connection.connection.dbapi_connection) == counts
    finally:
        store.engine.dispose()
    assert not plain_copy.exists() and not encrypted_copy.exists()


def test_passphrase_profile_where_no_keyring_exists(data_dir: Path, no_keyring: None) -> None:
    with pytest.raises(StartupError) as caught:
        open_store(data_dir)
    assert caught.value.code == "passphrase_needed" and caught.value.detail == "new"
    assert not (data_dir / DB_FILENAME).exists()
    with pytest.raises(StartupError, match="at least 8 characters"):
        open_store(data_dir, "short")

    store = open_store(data_dir, "纸上得来终觉浅 correct")
    ctx = AppContext(store=store)
    try:
        ctx.clients.save(ClientDraft(name=NAME, gender="M", id_number=ID, mobile=PHONE))
    finally:
        ctx.close()
    assert keys.read_mode(data_dir) == "passphrase"
    db_path = data_dir / DB_FILENAME
    assert db_path.read_bytes()[:16] != SQLITE_HEADER and ID.encode() not in db_path.read_bytes()
    before = digest(db_path)

    with pytest.raises(StartupError) as caught:
        open_store(data_dir)
    assert caught.value.code == "passphrase_needed" and caught.value.detail == "existing"
    with pytest.raises(StartupError) as caught:
        open_store(data_dir, "纸上得来终觉浅 wrong")
    assert caught.value.code == "passphrase_rejected"
    assert "cannot be opened with this key" in caught.value.message
    assert digest(db_path) == before

    ctx = AppContext(store=open_store(data_dir, "纸上得来终觉浅 correct"))
    try:
        assert ctx.overview.record_counts()["clients"] == 1
    finally:
        ctx.close()


def test_cli_opens_a_passphrase_profile_from_stdin_or_the_environment(data_dir: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    branchdesk = str(Path(sys.executable).with_name("branchdesk"))
    created = subprocess.run([branchdesk, "--data-dir", str(data_dir), "--passphrase-stdin", "doctor"],
                             input="long enough phrase\n", capture_output=True, text=True, env=env,
                             timeout=60)  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "key in a passphrase" in created.stdout
    refused = subprocess.run([branchdesk, "--data-dir", str(data_dir), "doctor"], capture_output=True,
                             text=True, env=env, timeout=60)  # fmt: skip
    assert refused.returncode == 3 and "--passphrase-stdin" in refused.stderr
    wrong = subprocess.run([branchdesk, "--data-dir", str(data_dir), "doctor"], capture_output=True, text=True,
                           env={**env, "BRANCHDESK_PASSPHRASE": "not the phrase"}, timeout=60)  # fmt: skip
    assert wrong.returncode == 3 and "cannot be opened with this key" in wrong.stderr
    right = subprocess.run([branchdesk, "--data-dir", str(data_dir), "doctor"], capture_output=True, text=True,
                           env={**env, "BRANCHDESK_PASSPHRASE": "long enough phrase"}, timeout=60)  # fmt: skip
    assert right.returncode == 0, right.stderr


def test_db_key_repr_hides_the_key() -> None:
    assert "00" not in repr(DbKey(raw=bytes(32))) and "secret" not in repr(DbKey(passphrase="secret"))
    with closing(connect(Path(":memory:"), DbKey(passphrase="x'quoted"))) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
