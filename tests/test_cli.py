"""The command line, run as a user runs it: the installed `branchdesk` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from local_db.opening import DB_FILENAME
from local_db.schema import head_revision

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))


def branchdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRANCHDESK, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_version() -> None:
    result = branchdesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"BranchDesk {__version__}"


def test_doctor_on_a_fresh_profile(data_dir: Path) -> None:
    result = branchdesk("--data-dir", str(data_dir), "doctor", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["data_dir"] == str(data_dir)
    assert report["schema_revision"] == head_revision()
    assert report["records"]["clients"] == 0
    assert report["outbox_pending"] == 0
    assert report["integrity"] == "ok"
    # Which font printing embeds, and why: the first thing to ask when a PDF shows boxes.
    font = report["print_font"]
    assert font["reason"] and font["embedded"] == (font["path"] is not None)


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    result = branchdesk("doctor", env={"BRANCHDESK_DATA_DIR": str(target)})
    assert result.returncode == 0, result.stderr
    assert f"data folder:     {target}" in result.stdout
    assert (target / DB_FILENAME).exists()


def test_flag_beats_environment(tmp_path: Path) -> None:
    flag, env = tmp_path / "flag", tmp_path / "env"
    result = branchdesk("--data-dir", str(flag), "doctor", env={"BRANCHDESK_DATA_DIR": str(env)})
    assert result.returncode == 0
    assert (flag / DB_FILENAME).exists() and not env.exists()


def test_doctor_on_a_corrupt_database_explains_and_changes_nothing(data_dir: Path) -> None:
    data_dir.mkdir()
    db = data_dir / DB_FILENAME
    db.write_bytes(b"\x00garbage" * 100)
    result = branchdesk("--data-dir", str(data_dir), "doctor")
    assert result.returncode == 3
    assert "is damaged and could not be opened" in result.stderr
    assert "Open a backup, or choose another data folder." in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"\x00garbage" * 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--clients", "abc"], "'abc' is not a whole number"),
        (["--clients", "0"], "must be between 1 and 1,000,000, got 0"),
        (["--clients", "2000000"], "must be between 1 and 1,000,000"),
        (["--clients", "10", "--seed", "-1"], "must be between 0"),
        (["--clients", "10", "--today", "2026-13-01"], "'2026-13-01' is not a date like"),
        ([], "the following arguments are required: --clients"),
    ],
)
def test_demo_data_rejects_bad_arguments(data_dir: Path, args: list[str], message: str) -> None:
    result = branchdesk("--data-dir", str(data_dir), "demo-data", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not data_dir.exists()


def test_unknown_command_is_a_usage_error() -> None:
    result = branchdesk("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


# ---- damage, bad arguments and the last resort -----------------------------------------


def _damage_pages(db_path: Path, first_page: int, pages: int = 2, page_size: int = 4096) -> None:
    """Overwrite whole pages in place, as a failing disk or a bad copy would."""
    with db_path.open("r+b") as handle:
        handle.seek((first_page - 1) * page_size)
        handle.write(b"\xa5" * page_size * pages)


def _filled_profile(data_dir: Path, clients: int = 200) -> None:
    from datetime import date

    from app.context import AppContext
    from app.demo import generate

    ctx = AppContext.open(data_dir)
    try:
        generate(ctx.store, clients=clients, seed=3, today=date(2026, 3, 2), worklog_days=5)
    finally:
        ctx.close()


def test_doctor_reports_damaged_pages_of_an_encrypted_profile(data_dir: Path) -> None:
    _filled_profile(data_dir)
    db_path = data_dir / DB_FILENAME
    (data_dir / "backups").mkdir()
    newest = data_dir / "backups" / "branchdesk-daily-20260302.sqlite3"
    assert branchdesk("--data-dir", str(data_dir), "backup", "--out", str(newest)).returncode == 0
    middle = db_path.stat().st_size // 4096 // 2
    _damage_pages(db_path, middle)
    damaged = db_path.read_bytes()

    result = branchdesk("--data-dir", str(data_dir), "doctor")
    print("OUT", result.stdout)
    assert result.returncode == 1, result.stderr
    assert "integrity:       DAMAGED:" in result.stdout and "the records were not read" in result.stdout
    assert f"HMAC verification failed for page {middle}" in result.stdout
    assert (f"Restore the newest backup: branchdesk --data-dir {data_dir} restore {newest} "
            "(the damaged file is kept)") in result.stdout  # fmt: skip
    assert result.stderr == ""  # neither a traceback nor SQLCipher's own log lines
    as_json = branchdesk("--data-dir", str(data_dir), "doctor", "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert f"HMAC verification failed for page {middle + 1}" in report["integrity"]
    assert report["backups"] == [str(newest)] and "records" not in report
    assert db_path.read_bytes() == damaged


def test_doctor_reports_damaged_pages_of_a_profile_from_before_encryption(data_dir: Path) -> None:
    from tests.test_encryption import make_plain_profile

    make_plain_profile(data_dir, clients=200)
    db_path = data_dir / DB_FILENAME
    _damage_pages(db_path, db_path.stat().st_size // 4096 // 2)
    damaged = db_path.read_bytes()

    result = branchdesk("--data-dir", str(data_dir), "doctor")
    assert result.returncode == 1, result.stderr
    # SQLite's own words depend on which pages the damage hit (a B-tree page, an index count…).
    assert re.search(r"integrity:       DAMAGED: [1-9][\d,]* problem\(s\) found; the records were not read\n  \S",
                     result.stdout), result.stdout  # fmt: skip
    assert "There is no backup in the profile's backups folder: ask IT to rescue the file." in result.stdout
    other = branchdesk("--data-dir", str(data_dir), "today")
    assert other.returncode == 3
    assert f"The database {db_path} is damaged: " in other.stderr and "It was left exactly as it was." in other.stderr
    assert "Encrypting" not in other.stderr and "unexpected" not in other.stderr
    assert db_path.read_bytes() == damaged  # not encrypted, not changed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data-dir", "", "doctor"], "argument --data-dir: is empty: name the profile's folder"),
        (["--data-dir", "/tmp/\udcff", "doctor"], "argument --data-dir: names a folder whose name is not UTF-8"),
        (["audit", "list", "--entity", "client\udcff"], "the argument ENTITY is not UTF-8 text"),
    ],
)
def test_arguments_that_are_not_text_exit_2(data_dir: Path, args: list[str], message: str) -> None:
    full = args if args[0] == "--data-dir" else ["--data-dir", str(data_dir), *args]
    result = branchdesk(*full)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_unexpected_problem_is_one_plain_line_naming_the_log_and_exit_70(data_dir: Path) -> None:
    from sqlalchemy import text

    from app.context import AppContext

    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:  # damage no check looks for
            session.execute(text("INSERT INTO settings (id, created_at, updated_at, key, value_json) "
                                 "VALUES ('x', '2026-01-01', '2026-01-01', 'daily_targets', '{not json')"))  # fmt: skip
    finally:
        ctx.close()
    result = branchdesk("--data-dir", str(data_dir), "today")
    assert result.returncode == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("branchdesk: BranchDesk hit an unexpected problem (JSONDecodeError).")
    assert "The details are in the log: " in lines[0]
    log = Path(lines[0].rsplit("The details are in the log: ", 1)[1])
    assert "JSONDecodeError" in log.read_text(encoding="utf-8")


def test_ctrl_c_stops_a_command_with_one_line_and_exit_130(data_dir: Path) -> None:
    import signal
    import time

    running = subprocess.Popen(
        [BRANCHDESK, "--data-dir", str(data_dir), "demo-data", "--clients", "100000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (data_dir / DB_FILENAME).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well into building the cards
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 130, err
    assert err == "branchdesk: interrupted.\n" and out == ""


def test_a_pipe_or_device_is_never_written_over_nor_read_as_a_list(data_dir: Path, tmp_path: Path) -> None:
    """As root, renaming a finished file over /dev/null replaced the device; a pipe stands in here."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for args in (["export", "clients", str(pipe), "--force"], ["print", "daily-plan", "--out", str(pipe)],
                 ["backup", "--out", str(pipe), "--force"]):  # fmt: skip
        result = branchdesk("--data-dir", str(data_dir), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert f"{pipe} is not a regular file" in result.stderr
        assert pipe.is_fifo()
    endless = branchdesk("--data-dir", str(data_dir), "import", "clients", "/dev/zero", "--dry-run")
    assert endless.returncode == 2 and "zero is a device, not a CSV file." in endless.stderr


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_refusal_is_said_in_the_language_asked_for_and_exits_2(data_dir: Path, tmp_path: Path, lang: str) -> None:
    missing = tmp_path / "nonexistent" / "x.csv"
    result = branchdesk("--data-dir", str(data_dir), "--lang", lang, "export", "clients", str(missing))
    assert result.returncode == 2, result.stderr
    said = result.stderr.removeprefix("branchdesk: ").replace(str(missing), "")
    if lang == "zh_CN":
        assert re.search(r"[\u4e00-\u9fff]", said) and not re.search(r"[A-Za-z]{3,}", said), result.stderr
    else:
        assert not re.search(r"[\u4e00-\u9fff]", said) and "could not be written" in said, result.stderr
