"""The report behind *Copy report*: what IT needs to find a fault, and nothing of a client's.

An unexpected error (one escaping to sys.excepthook or threading.excepthook, or a background
task's unexpected failure) is logged, masked, as before; the user is offered a report to paste
into a mail to IT. It holds the version, the platform, the time, where it happened (with the
task's reference, which its log entry carries too), the traceback and the last lines of the log.

Everything in it passes the log's own masking (`mask_sensitive`: ID, card, phone and landline
numbers masked, tokens and secrets removed), the exception's message and the log lines included,
and the user's home folder is written `~` (it often carries the user's name). The log lines were
masked when written; they are masked again, so a line written by an older version is too.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from app import __version__
from app.logging_setup import HANDLER_NAME, mask_sensitive

REPORT_LOG_LINES = 50
# Enough for 50 lines of any log we write; a longer line is cut at the start, not read whole.
TAIL_BYTES = 64 * 1024

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass(frozen=True)
class ProblemReport:
    created: datetime  # local time with its UTC offset
    where: str  # "the main thread", "thread sync-worker", "a background task"
    reference: str | None  # the task's reference, as in its log entry
    error: str  # the exception's last line, masked: "RuntimeError: …"
    traceback: str  # masked
    log_path: str  # masked; "" when logging could not open its file
    log_lines: tuple[str, ...]  # the last lines of the log, masked
    platform: tuple[tuple[str, str], ...]  # ("Operating system", …), ("Python", …)

    def text(self, extra_platform: Sequence[tuple[str, str]] = ()) -> str:
        """The report as pasted into a mail; `extra_platform` adds what only the UI knows (Qt)."""
        where = self.where + (f" (reference {self.reference})" if self.reference else "")
        rows = [
            ("BranchDesk", __version__),
            *self.platform,
            *((name, mask_report_text(value)) for name, value in extra_platform),
            ("Time", self.created.isoformat(timespec="seconds")),
            ("Where", where),
            ("Error", self.error),
            ("Log file", self.log_path or "(none: the log could not be written)"),
        ]
        width = max(len(name) for name, _value in rows) + 2
        head = "\n".join(f"{name + ':':<{width}}{value}" for name, value in rows)
        log = "\n".join(self.log_lines) or "(empty)"
        return (
            f"BranchDesk problem report\n{head}\n\n"
            f"Traceback (masked):\n{self.traceback}\n\n"
            f"Last {len(self.log_lines)} log lines (masked):\n{log}\n"
        )


def mask_report_text(text: str) -> str:
    """`text` as the log masks it, and the home folder written `~`."""
    masked = mask_sensitive(text)
    home = str(Path.home())
    if len(home) > 1:  # a home of "/" (a service account) would turn every path into ~
        masked = masked.replace(home, "~")
    return masked


def current_log_path() -> Path | None:
    """The file the log is being written to (install_logging's handler), or None."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def last_log_lines(path: Path | None, count: int = REPORT_LOG_LINES) -> list[str]:
    """The last `count` lines of the log at `path` (and of its previous file, when the log has
    just rotated), masked; [] when there is none."""
    if path is None or count <= 0:
        return []
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines: list[str] = []
    for file in (path, path.with_name(path.name + ".1")):
        try:
            with file.open("rb") as stream:
                size = stream.seek(0, os.SEEK_END)
                stream.seek(max(0, size - TAIL_BYTES))
                data = stream.read()
        except OSError:
            break
        read = data.decode("utf-8", errors="replace").splitlines()
        if size > TAIL_BYTES and read:
            read = read[1:]  # the first line read is most likely cut
        lines = read + lines
        if len(lines) >= count:
            break
    return [mask_report_text(line) for line in lines[-count:]]


def platform_rows() -> tuple[tuple[str, str], ...]:
    frozen = getattr(sys, "frozen", False)
    return (
        ("Operating system", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Installed as", "bundle" if frozen else f"package ({mask_report_text(sys.prefix)})"),
    )


def build_report(
    exc: BaseException | ExcInfo,
    where: str,
    *,
    reference: str | None = None,
    log_path: Path | None = None,
    log_lines: int = REPORT_LOG_LINES,
    now: datetime | None = None,
) -> ProblemReport:
    """The report for `exc` (an exception, or sys.exc_info()'s triple); `log_path` defaults to
    the log being written."""
    kind, value, tb = exc if isinstance(exc, tuple) else (type(exc), exc, exc.__traceback__)
    formatted = "".join(traceback.format_exception(kind, value, tb)).rstrip()
    last = "".join(traceback.format_exception_only(kind, value)).strip().splitlines()
    path = log_path if log_path is not None else current_log_path()
    return ProblemReport(
        created=(now or datetime.now()).astimezone(),
        where=where,
        reference=reference,
        error=mask_report_text(" ".join(line.strip() for line in last) or kind.__name__),
        traceback=mask_report_text(formatted),
        log_path=mask_report_text(str(path)) if path is not None else "",
        log_lines=tuple(last_log_lines(path, log_lines)),
        platform=platform_rows(),
    )
