"""`branchdesk print …`: the printed documents as PDF files.

    branchdesk print daily-plan|daily-summary|week-plan [--date YYYY-MM-DD] --out FILE.pdf
    branchdesk print week-summary|month-summary|target-progress [--date YYYY-MM-DD] --out FILE.pdf
    branchdesk print proposal|receipt|client-card ID [--reveal] --out FILE.pdf
    branchdesk print handover ID --out FILE.pdf

The file is written whole or not at all (a temporary file beside it, then renamed), so a
failed print never leaves half a PDF where the old one was.  Exit codes as app/cli/main.py's: 2 for
a bad date, an unknown id or a folder that cannot be written.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.codes import EXIT_OK, Commands, iso_date
from app.errors import InvalidInput

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
DAY_DOCUMENTS = {
    "daily-plan": "the daily plan (每日工作计划表): targets, agenda, visits with their before/during/after checklist",
    "daily-summary": "the daily summary (每日工作总结表): targets vs actuals, sales-flow steps, log, tomorrow",
    "week-plan": "the week plan (周工作计划表) of the week (Monday to Sunday) holding --date",
    "week-summary": "the week summary (周工作总结表): the five measures, daily targets, sales by line, charts",
    "month-summary": "the month summary (月工作总结表) of the month holding --date, week by week, with charts",
    "target-progress": "the target-progress table (个人指标进度情况表): targets by period and product line, %% reached",
}
RECORD_DOCUMENTS = {
    "proposal": ("the filled proposal form (投保单) with its signatures", True),
    "receipt": ("the policy receipt (保单回执) with the client's signature", True),
    "handover": ("a handover list (交接清单) with both signatures", False),
    "client-card": ("a client file card (客户档案)", True),
    "closing-interview": ("a closing interview record (成交面谈记录表)", False),
    "needs-interview": ("a needs interview (需求面谈表) with its figures and chart", False),
    "call-record": ("a phone invitation record (电话邀约记录表)", False),
}


def add_print_commands(commands: Commands) -> None:
    printing = commands.add_parser(
        "print", help="print a document to a PDF file (daily plan, summary, proposal…)",
        description="Writes an A4 PDF like the bank's paper form. ID and phone numbers are masked "
        "unless --reveal is given (recorded in the audit log). Exit code 2 for a bad date, an "
        "unknown id or a file that cannot be written.",
    )  # fmt: skip
    kinds = printing.add_subparsers(dest="document", required=True, metavar="DOCUMENT")
    for name, text in DAY_DOCUMENTS.items():
        parser = kinds.add_parser(name, help=text, description=text)
        parser.add_argument("--date", type=iso_date, help="the day (default: today)")
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the PDF")
    for name, (text, revealable) in RECORD_DOCUMENTS.items():
        parser = kinds.add_parser(name, help=text, description=text)
        parser.add_argument("id", metavar="ID", help="the record's id (as `doctor`, the app or the sync log show it)")
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the PDF")
        if revealable:
            parser.add_argument(
                "--reveal", action="store_true", help="print full ID and phone numbers (recorded in the audit log)"
            )


def _check_target(path: Path) -> None:
    """Refuses, before any work, a path whose folder is missing or cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder.", "Give the PDF file's name, e.g. --out plan.pdf.",
                           zh=f"{path} 是文件夹。", hint_zh="请给出 PDF 文件名，例如 --out plan.pdf。")  # fmt: skip
    if path.exists() and not path.is_file():  # renamed over, a device or a pipe would be replaced
        raise InvalidInput(f"{path} is not a regular file (a device or a pipe).",
                           "Give the PDF file's name, e.g. --out plan.pdf.",
                           zh=f"{path} 不是普通文件（而是设备或管道）。",
                           hint_zh="请给出 PDF 文件名，例如 --out plan.pdf。")  # fmt: skip
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist.", "Create it first or name another --out file.",
                           zh=f"文件夹 {folder} 不存在。",
                           hint_zh="请先创建该文件夹，或用 --out 另指定文件。")  # fmt: skip
    if not os.access(folder, os.W_OK):
        raise InvalidInput(f"The folder {folder} cannot be written.", "Name a file in a folder you can write to.",
                           zh=f"文件夹 {folder} 无法写入。",
                           hint_zh="请指定您有写入权限的文件夹中的文件。")  # fmt: skip


def write_atomically(path: Path, data: bytes) -> None:
    """`data` to `path` whole: a temporary file in the same folder, flushed, then renamed."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"{path} could not be written: {exc.strerror or exc}.", zh=f"无法写入 {path}。") from None


def _make(ctx: Any, args: argparse.Namespace) -> bytes:
    printing = ctx.printing
    day = args.date if "date" in args and args.date else date.today()
    makers: dict[str, Callable[[], bytes]] = {
        "daily-plan": lambda: printing.daily_plan(day),
        "daily-summary": lambda: printing.daily_summary(day),
        "week-plan": lambda: printing.week_plan(day),
        "week-summary": lambda: printing.week_summary(day),
        "month-summary": lambda: printing.month_summary(day),
        "target-progress": lambda: printing.target_progress(day),
        "proposal": lambda: printing.proposal(args.id, reveal=args.reveal),
        "receipt": lambda: printing.receipt(args.id, reveal=args.reveal),
        "handover": lambda: printing.handover(args.id),
        "client-card": lambda: printing.client_card(args.id, reveal=args.reveal),
        "closing-interview": lambda: _closing_interview(ctx, args.id),
        "needs-interview": lambda: _needs_interview(ctx, args.id),
        "call-record": lambda: _call_record(ctx, args.id),
    }
    return makers[args.document]()


def _closing_interview(ctx: Any, interview_id: str) -> bytes:
    from app.reports.closing_interview import print_closing_interview

    return print_closing_interview(ctx, interview_id)


def _needs_interview(ctx: Any, interview_id: str) -> bytes:
    from app.reports.needs_interview import print_needs_interview

    return print_needs_interview(ctx, interview_id)


def _call_record(ctx: Any, record_id: str) -> bytes:
    from app.reports.call_record import print_call_record

    return print_call_record(ctx, record_id)


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    """`print`'s handler; `open_context(args)` opens the profile (app.cli.main does that)."""

    def run(args: argparse.Namespace) -> int:
        _check_target(args.out)
        ctx = open_context(args)
        try:
            pdf = _make(ctx, args)
        finally:
            ctx.close()
        write_atomically(args.out, pdf)
        pages = len(PAGE_OBJECT.findall(pdf))
        privacy = "  (full ID and phone numbers: recorded in the audit log)" if getattr(args, "reveal", False) else ""
        print(f"{args.document}: {args.out} ({pages} page{'s' if pages != 1 else ''}, {len(pdf) // 1024} KB){privacy}")
        return EXIT_OK

    return {"print": run}
