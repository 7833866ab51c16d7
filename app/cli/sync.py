"""`branchdesk login`, `logout` and `sync`: head office from the command line.

Exit codes beside app/cli/main.py's: 2 a server address that is not https:// (http:// only to this
computer); 4 not logged in, head office refused the token, or no secure password store
(CredentialsUnavailable); 5 (`sync`) another sync of the profile is running. `sync` exits 0
when nothing is left waiting or rejected, else 1 with one line per such item:
`seq kind record-id status: reason`. `sync --retry SEQ` and `--retry-rejected` put items back
in the queue first, as the Sync page's Retry does.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from app.cli.codes import EXIT_BUSY, EXIT_LOGIN, EXIT_OK, EXIT_PROBLEM, Commands
from app.errors import BranchDeskError
from app.updates.service import UpdateNotice, UpdateService


def add_sync_commands(commands: Commands) -> None:
    login = commands.add_parser(
        "login", help="log in to head office (the token goes to the system password store)",
        description="Asks for the token (or reads one line from standard input when it is not a "
        "terminal), checks it with head office, then keeps it in the system password store: "
        "never in a file. Exit code 1 when head office refuses it or cannot be reached, 2 when "
        "the address is not https:// (http:// only to this computer), 4 when no secure password "
        "store is available (set BRANCHDESK_TOKEN instead).",
    )  # fmt: skip
    login.add_argument(
        "--server",
        required=True,
        metavar="URL",
        help="head office, e.g. https://hq.example.com (http:// only for localhost)",
    )
    login.add_argument("--manager", required=True, metavar="CODE", help="your manager code")
    login.add_argument("--ca-bundle", metavar="FILE", help="certificate bundle that signs head office's certificate")
    commands.add_parser("logout", help="forget the stored head-office token")
    sync = commands.add_parser(
        "sync", help="send finished paperwork to head office and fetch its status, once",
        description="Pushes every waiting item, then pulls head office's status updates. Exit "
        "code 0 when nothing is left waiting or rejected; 1 otherwise, with one line per item "
        "(`seq kind record-id status: reason`); 2 for an unknown item to retry or a server "
        "address that is not https://; 3 when the profile cannot be opened; 4 when not logged in, "
        "the token is refused, or no password store is available; 5 when another sync of this "
        "profile is running (this one sent nothing; try again later).",
    )  # fmt: skip
    sync.add_argument("--json", action="store_true", help="machine-readable output")
    sync.add_argument("--progress", action="store_true", help="print `done/total` to standard error as items go")
    sync.add_argument("--retry", type=int, action="append", default=[], metavar="SEQ",
                      help="send this rejected (or waiting) item again, by the seq `sync` lists; "
                      "may be repeated")  # fmt: skip
    sync.add_argument(
        "--retry-rejected",
        action="store_true",
        help="send every item head office rejected again (after the cause is fixed)",
    )


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    """The sub-commands' handlers; `open_context(args)` opens the profile (app.cli.main does that)."""

    def with_context(handler: Callable[[Any, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        def run(args: argparse.Namespace) -> int:
            from app.credentials import CredentialsUnavailable
            from app.headoffice.service import LoginRequired, NotLoggedIn, SyncRunning

            ctx = open_context(args)
            try:
                return handler(ctx, args)
            except (CredentialsUnavailable, NotLoggedIn, LoginRequired) as exc:
                print(f"branchdesk: {_in_language(exc, args)}", file=sys.stderr)
                return EXIT_LOGIN
            except SyncRunning as exc:
                print(f"branchdesk: {_in_language(exc, args)}", file=sys.stderr)
                return EXIT_BUSY
            finally:
                ctx.close()

        return run

    return {"login": with_context(_login), "logout": with_context(_logout), "sync": with_context(_sync)}


def _in_language(exc: BranchDeskError, args: argparse.Namespace) -> str:
    """The error and its hint in the language --lang asks for (English by default)."""
    return exc.text(getattr(args, "lang", None) or "en")


def _read_token(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def _login(ctx: Any, args: argparse.Namespace) -> int:
    from app.headoffice.service import ServerUnreachable, TokenRefused, server_address

    server_address(args.server)  # a refused address is said before the token is asked for
    # With BRANCHDESK_TOKEN set (unattended runs) that is the token: nothing to type, nothing stored.
    unattended = ctx.credentials.from_environment()
    token = "" if unattended else _read_token(f"Token for manager {args.manager} at {args.server}: ")
    try:
        result = ctx.sync.login(args.server, args.manager, token, args.ca_bundle)
    except (ServerUnreachable, TokenRefused) as exc:
        print(f"branchdesk: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    if unattended:
        print(f"Logged in to {result.server_url} as manager {result.manager_code} with the token in "
              "BRANCHDESK_TOKEN; no token was stored.")  # fmt: skip
    else:
        print(f"Logged in to {result.server_url} as manager {result.manager_code}; "
              "the token is kept in the system password store.")  # fmt: skip
    if result.warning:
        print(f"Warning: {result.warning}")
    return EXIT_OK


def _logout(ctx: Any, args: argparse.Namespace) -> int:
    forgot = ctx.sync.logout()
    print("The head-office token was removed from the password store." if forgot else "No token was stored.")
    return EXIT_OK


def _retry(ctx: Any, args: argparse.Namespace) -> list[int]:
    """Put the items --retry and --retry-rejected name back in the queue (SyncService.retry, as
    the Sync page does); their seqs. Every named item is checked before any is changed."""
    from app.errors import InvalidInput, NotFound
    from app.headoffice.items import ITEM_STATUS_ZH

    items = {item.seq: item for item in ctx.sync.items()}
    chosen = []
    for seq in args.retry:
        if seq not in items:
            raise NotFound(f"No outbox item has seq {seq}.", "`branchdesk sync` lists the items left, seq first.",
                           zh=f"没有序号为 {seq} 的待发项目。",
                           hint_zh="运行 branchdesk sync 可列出剩余项目，序号在前。")  # fmt: skip
        if items[seq].status not in ("rejected", "pending"):
            status = items[seq].status
            raise InvalidInput(f"Item {seq} is {status}; only a rejected or waiting item can be retried.",
                               zh=f"第 {seq} 项{ITEM_STATUS_ZH[status]}；"
                                  "只有被退回或等待中的项目可以重试。")  # fmt: skip
        chosen.append(items[seq])
    if args.retry_rejected:
        chosen += [item for item in items.values() if item.status == "rejected"]
    retried = {item.seq: item.id for item in chosen}
    for item_id in retried.values():
        ctx.sync.retry(item_id)
    return list(retried)


def _sync(ctx: Any, args: argparse.Namespace) -> int:
    retried = _retry(ctx, args)
    progress = None
    if args.progress:

        def progress(done: int, total: int) -> None:
            print(f"{done}/{total}", file=sys.stderr, flush=True)

    report = ctx.sync.run_once(progress=progress)
    language = getattr(args, "lang", None) or "en"
    # A newer version head office announces is told here too (never downloaded); offline: nothing.
    updates = UpdateService.of(ctx)
    updates.check(force=True)
    notice = updates.notice()
    left = ctx.sync.items("open")
    failed = [
        {"seq": i.seq, "kind": i.kind, "record_id": i.record_id, "status": i.status,
         "reason": i.error.message(language) if i.error else ""}
        for i in left
    ]  # fmt: skip
    if args.json:
        print(json.dumps({
            "sent": report.sent, "rejected": report.rejected, "deferred": report.deferred, "held": report.held,
            "statuses_pulled": report.statuses_pulled, "statuses_changed": report.statuses_changed,
            "succeeded": report.succeeded, "cancelled": report.cancelled,
            "problem": report.problem.message(language) if report.problem else None,
            "pending": report.pending_left, "rejected_total": report.rejected_left, "left": failed,
            "retried": retried,
            "update": None if notice is None else {"version": notice.version,
                                                   "notes": notice.announcement.notes(language),
                                                   "update_url": notice.update_url},
            "references": [{"kind": p.kind, "outcome": p.outcome, "version": p.version,
                            "problem": p.problem.message(language) if p.problem else None}
                           for p in report.references],
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        if retried:
            print(f"retried {len(retried)} (seq {', '.join(map(str, retried))})")
        print(f"sent {report.sent}, rejected {report.rejected}, waiting {report.pending_left}, "
              f"status updates {report.statuses_pulled} ({report.statuses_changed} new)")  # fmt: skip
        if report.problem is not None:
            print(f"stopped early: {report.problem.message(language)}")
        for pull in report.references:
            if pull.outcome == "installed":
                print(f"{pull.kind} version {pull.version} received from head office")
            elif pull.problem is not None:
                print(f"{pull.kind}: {pull.problem.message(language)}")
        for item in failed:
            print(f"{item['seq']} {item['kind']} {item['record_id']} {item['status']}: {item['reason']}")
        if notice is not None:
            print(_update_line(notice, language))
    return EXIT_PROBLEM if failed else EXIT_OK


def _update_line(notice: UpdateNotice, language: str) -> str:
    notes = notice.notes_in(language)
    if language == "zh_CN":
        line = f"有新版本 {notice.version}" + (f"：{notes}" if notes else "") + "。请联系信息科技部安装。"
        return line + (f"安装地址：{notice.update_url}" if notice.update_url else "")
    line = f"new version {notice.version}" + (f": {notes}" if notes else "") + ". Ask your IT department to install it."
    return line + (f" Where to get it: {notice.update_url}" if notice.update_url else "")
