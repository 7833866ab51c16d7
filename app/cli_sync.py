"""`branchdesk login`, `logout` and `sync`: head office from the command line.

Exit codes beside app/cli.py's: 4 not logged in, head office refused the token, or no
secure password store (CredentialsUnavailable). `sync` exits 0 when nothing is left waiting
or rejected, else 1 with one line per such item: `seq kind record-id status: reason`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from app.cli_codes import EXIT_LOGIN, EXIT_OK, EXIT_PROBLEM, Commands


def add_sync_commands(commands: Commands) -> None:
    login = commands.add_parser(
        "login", help="log in to head office (the token goes to the system password store)",
        description="Asks for the token (or reads one line from standard input when it is not a "
        "terminal), checks it with head office, then keeps it in the system password store: "
        "never in a file. Exit code 1 when head office refuses it or cannot be reached, 4 when "
        "no secure password store is available (set BRANCHDESK_TOKEN instead).",
    )  # fmt: skip
    login.add_argument("--server", required=True, metavar="URL", help="head office, e.g. https://hq.example.com")
    login.add_argument("--manager", required=True, metavar="CODE", help="your manager code")
    login.add_argument("--ca-bundle", metavar="FILE", help="certificate bundle that signs head office's certificate")
    commands.add_parser("logout", help="forget the stored head-office token")
    sync = commands.add_parser(
        "sync", help="send finished paperwork to head office and fetch its status, once",
        description="Pushes every waiting item, then pulls head office's status updates. Exit "
        "code 0 when nothing is left waiting or rejected; 1 otherwise, with one line per item "
        "(`seq kind record-id status: reason`); 3 when the profile cannot be opened; 4 when not "
        "logged in, the token is refused, or no password store is available.",
    )  # fmt: skip
    sync.add_argument("--json", action="store_true", help="machine-readable output")
    sync.add_argument("--progress", action="store_true", help="print `done/total` to standard error as items go")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    """The sub-commands' handlers; `open_context(args)` opens the profile (app.cli does that)."""

    def with_context(handler: Callable[[Any, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        def run(args: argparse.Namespace) -> int:
            from app.credentials import CredentialsUnavailable
            from app.services.sync import LoginRequired, NotLoggedIn

            ctx = open_context(args)
            try:
                return handler(ctx, args)
            except (CredentialsUnavailable, NotLoggedIn, LoginRequired) as exc:
                print(f"branchdesk: {exc}", file=sys.stderr)
                return EXIT_LOGIN
            finally:
                ctx.close()

        return run

    return {"login": with_context(_login), "logout": with_context(_logout), "sync": with_context(_sync)}


def _read_token(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def _login(ctx: Any, args: argparse.Namespace) -> int:
    from app.services.sync import ServerUnreachable, TokenRefused

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


def _sync(ctx: Any, args: argparse.Namespace) -> int:
    progress = None
    if args.progress:
        def progress(done: int, total: int) -> None:
            print(f"{done}/{total}", file=sys.stderr, flush=True)

    report = ctx.sync.run_once(progress=progress)
    language = getattr(args, "lang", None) or "en"
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
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(f"sent {report.sent}, rejected {report.rejected}, waiting {report.pending_left}, "
              f"status updates {report.statuses_pulled} ({report.statuses_changed} new)")  # fmt: skip
        if report.problem is not None:
            print(f"stopped early: {report.problem.message(language)}")
        for item in failed:
            print(f"{item['seq']} {item['kind']} {item['record_id']} {item['status']}: {item['reason']}")
    return EXIT_PROBLEM if failed else EXIT_OK

