"""The log masks ID and phone numbers and drops tokens, in messages, arguments and tracebacks."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logging_setup import HANDLER_NAME, LOG_FILENAME, install_logging, log_dir, mask_sensitive

ID18, ID18X, ID15 = "110105198506120253", "11010519491231002X", "110105850612025"
TOKEN = secrets.token_urlsafe(32)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (f"id {ID18} saved", "id 110105********0253 saved"),
        (f"id={ID18X}", "id=110105********002X"),
        (f"old card {ID15}", "old card 110105*****2025"),
        ("call 13812345678 now", "call 138****5678 now"),
        ("call +86 138-1234-5678", "call 138****5678"),
        ("pay from 6222021234567890123", "pay from 622202*********0123"),
        ("card 6228 4800 1234 5678", "card 622848******5678"),
        ("office 010-62345678", "office 010****5678"),
        ("office 0755 8765432", "office 075****5432"),
        (f"Authorization: Bearer {TOKEN}", "Authorization: Bearer [removed]"),
        (f"GET /v1/x?token={TOKEN}&a=1", "GET /v1/x?token=[removed]&a=1"),
        ('{"password": "hunter2"}', '{"password": "[removed]"}'),
        (f"key {TOKEN} leaked", "key [removed] leaked"),
    ],
)
def test_sensitive_values_are_masked_or_removed(raw: str, shown: str) -> None:
    assert mask_sensitive(raw) == shown


@pytest.mark.parametrize(
    "kept",
    [
        "proposal 6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91 finished",  # record ids stay readable
        "took 20260105090000123456 us",  # a longer run of digits is no ID
        "premium 1000000 cents, 12 visits",
        "2026-11-23 12:00:05,123 seq 0000000042",  # dates, times and short codes stay
        "tests/test_nothing_in_clear.py::test_a_full_workflow_leaves_nothing_in_clear",
    ],
)
def test_ordinary_text_is_left_alone(kept: str) -> None:
    assert mask_sensitive(kept) == kept


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = install_logging()
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_message_arguments_and_traceback_are_masked_in_the_file(log_file: Path) -> None:
    assert log_file == log_dir() / LOG_FILENAME and (log_file.stat().st_mode & 0o777) == 0o600
    log = logging.getLogger("app.test")
    log.info("card %s phone %s", ID18, "13812345678")
    try:
        raise RuntimeError(f"refused {ID18} with Bearer {TOKEN}")
    except RuntimeError:
        log.exception("push failed")
    log.warning("stack", stack_info=True, extra={"unused": ID18})
    _flush()
    written = log_file.read_text(encoding="utf-8")
    assert "card 110105********0253 phone 138****5678" in written
    assert "RuntimeError: refused 110105********0253 with Bearer [removed]" in written
    assert ID18 not in written and "13812345678" not in written and TOKEN not in written


def test_installing_twice_does_not_write_twice(log_file: Path) -> None:
    install_logging()
    logging.getLogger("app.test").warning("once")
    _flush()
    assert log_file.read_text(encoding="utf-8").count("once") == 1
