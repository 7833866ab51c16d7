"""Logging for the GUI and the CLI: one rotating file, nothing sensitive in it.

Every record passes `MaskingFilter` on its way to a handler: ID numbers and mobile numbers
are masked as lists mask them (app.rules.masking), and bearer tokens, `token=…`-style
secrets and long random-looking strings (what the head-office token looks like) are removed —
in the message, its arguments, the exception's traceback and the stack. The filter sits on
the handlers, not on a logger, because a logger's filters do not see records that reach it
from its children.

`install_crash_handler` sends uncaught exceptions (main thread and worker threads) to the
same log, masked, and hands the caller a plain sentence for the user; the traceback itself is
never shown, since exception messages can quote the data being worked on. The GUI also asks for
the masked report (app/common/crash_report.py) that its problem dialog copies for IT.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from platformdirs import user_log_path

from app.rules.masking import mask_id_number, mask_phone

if TYPE_CHECKING:
    from app.common.crash_report import ProblemReport

APP_NAME = "BranchDesk"
LOG_FILENAME = "branchdesk.log"
MAX_BYTES, BACKUPS = 1_000_000, 5
# The root handler install_logging adds goes by this name, so a second call finds and replaces it.
HANDLER_NAME = "branchdesk"
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
REMOVED = "[removed]"

# Resident IDs: 18 characters (17 digits and a digit or X) or the old 15 digits, not inside a
# longer run of digits (timestamps, amounts in fen).
_ID = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")
# Mainland mobiles, with or without +86 and the usual 3-4-4 spacing.
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")
# Bank-card numbers (16–19 digits, also in groups of four) and landlines with their area code
# (010-12345678, 0755 8765432). Checked after IDs, so an 18-digit run is masked as an ID.
_CARD = re.compile(r"(?<![0-9*])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{1,2}[- ]?[0-9]{7,8}(?![0-9])")
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+")
_NAMED_SECRET = re.compile(
    r"(?i)\b((?:access_|refresh_|api_|auth_)?token|password|passphrase|secret|api[_-]?key|key)"
    r"(\s*[=:]\s*|\"\s*:\s*\"|'\s*:\s*')(\"?x?'?)[^\s&\"',;)]+"
)
_LONG_RANDOM = re.compile(r"[A-Za-z0-9_-]{32,}={0,2}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _long_random(match: re.Match[str]) -> str:
    text = match.group(0)
    # Record ids stay readable; so do long lower-case identifiers (test and function names).
    if _UUID.fullmatch(text) or not any(c.isdigit() or c.isupper() for c in text):
        return text
    return REMOVED


def mask_sensitive(text: str) -> str:
    """`text` with ID, mobile, landline and bank-card numbers masked and anything token-like removed."""
    text = _BEARER.sub(f"Bearer {REMOVED}", text)
    text = _NAMED_SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED}", text)
    text = _LONG_RANDOM.sub(_long_random, text)
    text = _ID.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _CARD.sub(lambda m: mask_id_number(re.sub(r"[ -]", "", m.group(0))), text)
    text = _MOBILE.sub(lambda m: mask_phone("".join(m.groups())), text)
    return _LANDLINE.sub(lambda m: mask_phone(m.group(0)), text)


class MaskingFilter(logging.Filter):
    """Rewrites each record so that no handler can write the clear values."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the values it carries
            message = f"{record.msg!r} % {record.args!r}"
        record.msg, record.args = mask_sensitive(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = mask_sensitive("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask_sensitive(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_sensitive(record.stack_info)
        return True


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def log_file() -> Path:
    return log_dir() / LOG_FILENAME


def install_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    """Send the root logger to the rotating file (owner-only), masked; returns its path.
    Idempotent: a second call replaces the handler, so repeated set-ups do not stack them."""
    path = (directory or log_dir()) / LOG_FILENAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler: logging.Handler
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        path.chmod(0o600)  # on Windows this only clears read-only; the user's folder is private there
    except OSError:
        # A read-only home must not stop the app; Python's own last-resort handler would
        # print unmasked, so warnings go to stderr through the filter instead.
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(MaskingFilter())
    root.addHandler(handler)
    # Handlers added by others (a console, a test's capture) get the filter too.
    for other in root.handlers:
        if not any(isinstance(f, MaskingFilter) for f in other.filters):
            other.addFilter(MaskingFilter())
    root.setLevel(level)
    return path


def install_crash_handler(
    show: Callable[[str], None] | None = None, *, report_to: Callable[[ProblemReport], None] | None = None
) -> None:
    """Uncaught exceptions go to the log, masked; `show` gets a plain sentence for the user
    (the CLI prints it to stderr), `report_to` the masked report (the GUI's problem dialog; it is
    called on the thread that failed)."""
    log = logging.getLogger("branchdesk.crash")

    def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None, where: str) -> None:
        log.critical("uncaught exception in %s", where, exc_info=(kind, value, tb))
        if report_to is not None:
            from app.common.crash_report import build_report

            try:
                report_to(build_report((kind, value, tb), where))
            except Exception:  # the hook must not fail in turn: the log entry above is written
                log.exception("the problem report could not be made")
        if show is not None:
            show(
                f"BranchDesk hit an unexpected problem ({kind.__name__}). What you saved is safe. "
                f"The details are in the log: {log_file()}"
            )

    def on_main(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report(kind, value, tb, "the main thread")

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {getattr(args.thread, 'name', '?')}")

    sys.excepthook = on_main
    threading.excepthook = on_thread
