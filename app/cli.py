"""The `branchdesk` command line. With no sub-command the launcher opens the GUI instead.

Exit codes: 0 done; 1 the command ran and found a problem; 2 bad arguments or input;
3 the profile's data could not be opened (nothing was changed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from app import __version__
from app.errors import BranchDeskError, StartupError
from app.paths import ENV_DATA_DIR, demo_data_dir, resolve_data_dir

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_STARTUP = 0, 1, 2, 3
MAX_DEMO_CLIENTS = 1_000_000


def _bounded_int(low: int, high: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:,} and {high:,}, got {value:,}")
        return value

    return parse


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-23") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="branchdesk",
        description="BranchDesk (网点工作台). With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"BranchDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"profile folder (default: ${ENV_DATA_DIR}, else the platform's user-data folder)",
    )
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="GUI language (default: system)")
    parser.add_argument("--demo", action="store_true", help="open the demo profile")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    doctor = commands.add_parser("doctor", help="data folder, schema, record counts, outbox")
    doctor.add_argument("--json", action="store_true", help="machine-readable output")

    demo = commands.add_parser(
        "demo-data",
        help="fill a profile with realistic made-up data",
        description="Fills the demo profile (or the folder given by --data-dir) with "
        "deterministic made-up data. Refuses a profile that already has clients.",
    )
    demo.add_argument("--clients", type=_bounded_int(1, MAX_DEMO_CLIENTS), required=True)
    demo.add_argument("--seed", type=_bounded_int(0, 2**31 - 1), default=1)
    demo.add_argument("--today", type=_iso_date, help="the day the data is built around")
    demo.add_argument(
        "--worklog-days", type=_bounded_int(0, 3650), default=730, help="days of work-log history"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    handlers = {"doctor": _doctor, "demo-data": _demo_data}
    try:
        return handlers[args.command](args)
    except StartupError as exc:
        print(f"branchdesk: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        for backup in exc.backups[:5]:
            print(f"  backup: {backup}", file=sys.stderr)
        return EXIT_STARTUP
    except BranchDeskError as exc:
        print(f"branchdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE


def profile_dir(args: argparse.Namespace) -> Path:
    data_dir = resolve_data_dir(args.data_dir)
    return demo_data_dir(data_dir) if args.demo else data_dir


def _doctor(args: argparse.Namespace) -> int:
    from app.context import AppContext

    ctx = AppContext.open(profile_dir(args))
    try:
        overview = ctx.overview
        outbox = overview.outbox_summary()
        problems = overview.integrity_problems()
        report = {
            "version": __version__,
            "data_dir": str(ctx.data_dir),
            "database": str(ctx.store.db_path),
            "demo_profile": ctx.is_demo,
            "schema_revision": overview.schema_revision(),
            "records": overview.record_counts(),
            "outbox_pending": outbox.pending,
            "outbox_rejected": outbox.rejected,
            "integrity": "ok" if not problems else problems,
        }
    finally:
        ctx.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"BranchDesk {report['version']}")
        print(f"data folder:     {report['data_dir']}" + ("  (demo profile)" if ctx.is_demo else ""))
        print(f"database:        {report['database']}")
        print(f"schema revision: {report['schema_revision']}")
        print(f"integrity:       {'ok' if not problems else '; '.join(problems)}")
        print("records:")
        for name, count in report["records"].items():
            print(f"  {name:<15} {count:>10,}")
        print(f"outbox pending:  {outbox.pending:,}  (rejected: {outbox.rejected:,})")
    return EXIT_OK if not problems else EXIT_PROBLEM


def _demo_data(args: argparse.Namespace) -> int:
    from app.context import AppContext
    from app.demo import generate

    # Demo data goes to its own profile unless a folder is named, so it never mixes with real data.
    explicit = args.data_dir is not None
    target = resolve_data_dir(args.data_dir) if explicit else demo_data_dir(resolve_data_dir(None))
    ctx = AppContext.open(target)
    started = time.perf_counter()
    try:
        summary = generate(
            ctx.store,
            clients=args.clients,
            seed=args.seed,
            today=args.today,
            worklog_days=args.worklog_days,
        )
    finally:
        ctx.close()
    elapsed = time.perf_counter() - started
    print(
        f"demo data in {target}: {summary.clients:,} clients, {summary.outlets} outlets, "
        f"{summary.visits:,} visits, {summary.worklog_entries:,} work-log entries, "
        f"{summary.proposals} proposals, {summary.receipts} receipts, "
        f"{summary.outbox_items} outbox items ({elapsed:.1f} s)"
    )
    return EXIT_OK
