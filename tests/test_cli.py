"""The command line, run as a user runs it: the installed `branchdesk` in a subprocess."""

from __future__ import annotations

import json
import os
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
