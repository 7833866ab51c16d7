"""The problem report a user copies for IT: version, platform, the traceback and the last log
lines, masked as the log is (the sample values are tests/test_logging_setup.py's)."""

from __future__ import annotations

import logging
import platform
import re
import secrets
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from app import __version__
from app.common.crash_report import REPORT_LOG_LINES, TAIL_BYTES, ProblemReport, build_report, last_log_lines
from app.logging_setup import install_crash_handler

ID18, ID18X, ID15 = "110105198506120253", "11010519491231002X", "110105850612025"
PHONE = "13812345678"
TOKEN = secrets.token_urlsafe(32)
CLEAR = (ID18, ID18X, ID15, PHONE, "138-1234-5678", TOKEN, "hunter2")
MASKED = ("110105********0253", "110105********002X", "138****5678", "Bearer [removed]", "token=[removed]")


def _fail_saving(client: str) -> None:
    try:
        raise ValueError(f"no profile for {client} at {Path.home() / 'BranchDesk' / 'profile.db'}")
    except ValueError as cause:
        raise RuntimeError(
            f"sync refused {ID18} / {ID18X}, call +86 138-1234-5678 or {PHONE}, "
            f"Authorization: Bearer {TOKEN}, GET /v1/x?token={TOKEN}, old {ID15}"
        ) from cause


def _caught() -> RuntimeError:
    try:
        _fail_saving(f'{{"password": "hunter2", "id": "{ID18}"}}')
    except RuntimeError as exc:
        return exc
    raise AssertionError("no exception")


def assert_nothing_in_clear(text: str) -> None:
    for secret in CLEAR:
        assert secret not in text, secret
    assert str(Path.home()) not in text


def test_the_report_carries_the_masked_traceback_and_what_ran(log_path: Path) -> None:
    exc = _caught()
    report = build_report(exc, "a background task", reference="01234567", now=datetime(2026, 3, 20, 9, 30))
    text = report.text([("Qt", "6.8.1 (PySide6 6.8.1)")])
    assert_nothing_in_clear(text)
    for masked in MASKED:
        assert masked in text, masked
    # The whole chain, with the cause's path under the home folder written ~.
    assert "ValueError: no profile for" in text and "~/BranchDesk/profile.db" in text
    assert "The above exception was the direct cause" in text and "in _fail_saving" in text
    assert re.search(r"^Error: +RuntimeError: sync refused 110105\*{8}0253", text, re.M), text
    assert f"BranchDesk:       {__version__}" in text.splitlines()[1]
    for name, value in (
        ("Operating system", platform.platform()),
        ("Python", platform.python_version()),
        ("Qt", "6.8.1 (PySide6 6.8.1)"),
        ("Where", "a background task (reference 01234567)"),
        ("Log file", str(log_path)),
    ):
        assert re.search(rf"^{name}: +.*{re.escape(value)}", text, re.M), (name, text)
    assert re.search(r"^Time: +2026-03-20T09:30:00[+-]\d\d:\d\d$", text, re.M), text  # local, with its offset


def test_the_last_log_lines_come_masked_even_when_written_in_clear(log_path: Path) -> None:
    log = logging.getLogger("app.test")
    for n in range(REPORT_LOG_LINES + 20):
        log.info("line %d phone %s", n, PHONE)
    try:
        raise RuntimeError(f"push refused {ID18} with Bearer {TOKEN}")
    except RuntimeError:
        log.exception("push failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    with log_path.open("a", encoding="utf-8") as raw:  # a line an older version wrote unmasked
        raw.write(f"2026-03-20 09:00:00,000 1 INFO old: id {ID18} token={TOKEN}\n")
    report = build_report(_caught(), "the main thread")
    assert len(report.log_lines) == REPORT_LOG_LINES
    assert report.log_lines[-1].endswith("old: id 110105********0253 token=[removed]")
    assert any("push failed" in line for line in report.log_lines)
    assert any("RuntimeError: push refused 110105********0253 with Bearer [removed]" in line
               for line in report.log_lines)  # fmt: skip
    assert any(re.search(r"line \d+ phone 138\*{4}5678$", line) for line in report.log_lines)
    assert_nothing_in_clear(report.text())
    assert f"Last {REPORT_LOG_LINES} log lines (masked):" in report.text()


def test_a_rotated_log_gives_its_previous_file_too(tmp_path: Path) -> None:
    path = tmp_path / "branchdesk.log"
    path.with_name("branchdesk.log.1").write_text("".join(f"old {n}\n" for n in range(100)), encoding="utf-8")
    path.write_text("new 0\nnew 1\n", encoding="utf-8")
    lines = last_log_lines(path, 5)
    assert lines == ["old 97", "old 98", "old 99", "new 0", "new 1"]
    assert last_log_lines(tmp_path / "missing.log") == [] and last_log_lines(None) == []


def test_a_long_log_is_read_from_its_end_only(tmp_path: Path) -> None:
    path = tmp_path / "branchdesk.log"
    path.write_text("".join(f"{n:08d} {'x' * 200}\n" for n in range(3 * TAIL_BYTES // 200)), encoding="utf-8")
    lines = last_log_lines(path, 50)
    last = 3 * TAIL_BYTES // 200 - 1
    assert len(lines) == 50 and lines[-1].startswith(f"{last:08d} ") and lines[0].startswith(f"{last - 49:08d} ")


def test_no_log_file_is_said(tmp_path: Path) -> None:
    report = build_report(_caught(), "the main thread", log_path=None)
    if report.log_path == "":  # no install_logging in this process: nothing to read
        assert "Log file:" in report.text() and "(none: the log could not be written)" in report.text()
    assert_nothing_in_clear(report.text())


def test_uncaught_exceptions_reach_the_report_masked(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reports: list[ProblemReport] = []
    said: list[str] = []
    install_crash_handler(said.append, report_to=reports.append)

    def worker() -> None:
        raise RuntimeError(f"worker saw {ID18} and Bearer {TOKEN}")

    thread = threading.Thread(target=worker, name="sync-worker")
    thread.start()
    thread.join()
    exc = _caught()
    sys.excepthook(type(exc), exc, exc.__traceback__)
    assert [r.where for r in reports] == ["thread sync-worker", "the main thread"]
    assert "RuntimeError: worker saw 110105********0253 and Bearer [removed]" in reports[0].traceback
    assert "uncaught exception in thread sync-worker" in "\n".join(reports[1].log_lines)
    for report in reports:
        assert_nothing_in_clear(report.text())
    assert len(said) == 2 and all("unexpected problem (RuntimeError)" in s for s in said)
    written = log_path.read_text(encoding="utf-8")
    assert "uncaught exception in the main thread" in written and ID18 not in written


def test_a_report_that_cannot_be_made_leaves_the_log_entry(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def broken(_report: ProblemReport) -> None:
        raise OSError("clipboard gone")

    install_crash_handler(report_to=broken)
    exc = _caught()
    sys.excepthook(type(exc), exc, exc.__traceback__)  # does not raise
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_path.read_text(encoding="utf-8")
    assert "uncaught exception in the main thread" in written and "the problem report could not be made" in written
