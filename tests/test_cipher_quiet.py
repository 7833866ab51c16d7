"""A wrong passphrase is said once, by us: SQLCipher's own log lines never reach the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import StartupError
from local_db.cipher import DbKey, connect


def test_a_wrong_passphrase_writes_nothing_to_stderr(
    capfd: pytest.CaptureFixture[str], data_dir: Path, no_keyring: None
) -> None:
    AppContext.open(data_dir, passphrase="the right passphrase").close()
    capfd.readouterr()
    with pytest.raises(StartupError) as refused:
        AppContext.open(data_dir, passphrase="a wrong passphrase")
    assert refused.value.code == "passphrase_rejected"
    out, err = capfd.readouterr()
    assert err == "" and "hmac" not in out.lower()


def test_every_connection_silences_the_cipher_log(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db", DbKey(passphrase="long enough"))
    try:
        assert conn.execute("PRAGMA cipher_log_level").fetchone()[0] == "NONE"
    finally:
        conn.close()
