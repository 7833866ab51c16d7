"""The `branchdesk` command line. With no sub-command the launcher opens the GUI instead.

Exit codes: 0 done; 1 the command ran and found a problem (rows rejected, damage found, the
audit log tampered with); 2 bad arguments or input; 3 the profile's data could not be opened or
read (nothing was changed; also a missing or wrong database passphrase, a database that is
missing or empty where a profile was, and `audit verify` that could not check); 4 (login, sync)
not logged in to head office or no secure password store (app/cli/sync.py); 5 the profile is
busy: another BranchDesk or command kept writing to it past the busy timeout, or another sync of
it is running (nothing was changed; try again); 70 an unexpected problem: one plain line names
the log that holds the details, never a traceback; 130 interrupted by Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.cli.audit import add_audit_commands
from app.cli.audit import handlers as audit_handlers
from app.cli.backup import add_backup_commands
from app.cli.backup import handlers as backup_handlers
from app.cli.codes import (
    EXIT_BUSY,
    EXIT_CODES_HELP,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_STARTUP,
    EXIT_USAGE,
    iso_date,
    profile_dir,
)
from app.cli.doctor import add_doctor_command
from app.cli.doctor import handlers as doctor_handlers
from app.cli.printing import add_print_commands
from app.cli.printing import handlers as print_handlers
from app.cli.reference import add_reference_commands
from app.cli.reference import handlers as reference_handlers
from app.cli.sync import add_sync_commands
from app.cli.sync import handlers as sync_handlers
from app.errors import BranchDeskError, DatabaseBusy, InvalidInput, StartupError
from app.paths import ENV_DATA_DIR, demo_data_dir, resolve_data_dir

if TYPE_CHECKING:
    from app.context import AppContext

MAX_DEMO_CLIENTS = 1_000_000
# More reminders than any book has: `today --json` and `--limit 0` list them all.
ALL_REMINDERS = 10_000_000
# JSON's names, not Python's, in messages about a file's content (English, Chinese).
JSON_KINDS = {list: ("array", "数组"), str: ("string", "字符串"), int: ("number", "数值"),
              float: ("number", "数值"), bool: ("boolean", "布尔值"), type(None): ("null", "null")}  # fmt: skip


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:,} and {high:,}, got {value:,}")
        return value

    return parse


def _is_text(value: str) -> bool:
    """False for what Python makes of bytes that are not UTF-8 (lone surrogates): no database,
    password store or file format can hold it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name the profile's folder")
    if not _is_text(text):
        raise argparse.ArgumentTypeError("names a folder whose name is not UTF-8 text; rename it")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="branchdesk",
        description="BranchDesk (网点工作台). With no command, opens the desktop app.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"BranchDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        type=_folder,
        metavar="DIR",
        help=f"profile folder (default: ${ENV_DATA_DIR}, else the platform's user-data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "zh_CN"),
        help="language of the GUI (default: system) and of import and proposal-check messages (default: English)",
    )
    parser.add_argument("--demo", action="store_true", help="open the demo profile")
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the database passphrase from the first line of standard input (profiles "
        "without a password store; BRANCHDESK_PASSPHRASE does the same for unattended runs)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add_doctor_command(commands)
    demo = commands.add_parser(
        "demo-data",
        help="fill a profile with realistic made-up data",
        description="Fills the demo profile (or the folder given by --data-dir) with "
        "deterministic made-up data. Refuses a profile that already has clients.",
    )
    demo.add_argument("--clients", type=_bounded_int(1, MAX_DEMO_CLIENTS), required=True)
    demo.add_argument("--seed", type=_bounded_int(0, 2**31 - 1), default=1)
    demo.add_argument("--today", type=iso_date, help="the day the data is built around")
    demo.add_argument("--worklog-days", type=_bounded_int(0, 3650), default=730, help="days of work-log history")
    today = commands.add_parser(
        "today",
        help="the day's agenda, reminders and progress on the daily targets",
        description="Names are shown, never ID or phone numbers. --json prints every reminder.",
    )
    today.add_argument("--date", type=iso_date, help="the day to show (default: today)")
    today.add_argument("--json", action="store_true", help="machine-readable output")
    today.add_argument(
        "--limit",
        type=_bounded_int(0, 1_000_000),
        default=30,
        help="reminders and follow-ups listed in the text output (0: all; default 30)",
    )
    _add_import_export(commands)
    _add_proposal(commands)
    add_sync_commands(commands)
    add_print_commands(commands)
    add_audit_commands(commands)
    add_backup_commands(commands)
    add_reference_commands(commands)
    return parser


def _add_import_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # --lang is accepted after the file too; SUPPRESS keeps the top-level value when it is not.
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument(
        "--lang",
        choices=("en", "zh_CN"),
        default=argparse.SUPPRESS,
        help="language of the problem messages (default: English)",
    )
    importing = commands.add_parser("import", help="import records from a file")
    kinds = importing.add_subparsers(dest="what", required=True, metavar="WHAT")
    clients = kinds.add_parser(
        "clients",
        parents=[lang],
        help="client cards from a CSV file (UTF-8 or GBK, Chinese or English headers)",
        description="Imports every row that passes the card rules, in one go. Rows with a "
        "problem (including duplicates) are listed and not imported. Exit code 1 when any "
        "row was rejected.",
    )
    clients.add_argument("file", type=Path, metavar="FILE.csv")
    clients.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
    clients.add_argument(
        "--report", type=Path, metavar="REPORT.csv", help="also write the rejected rows and their problems to this CSV"
    )
    clients.add_argument(
        "--update-existing",
        action="store_true",
        help="a row matching one saved card updates it instead of being rejected",
    )

    exporting = commands.add_parser("export", help="export records to a file")
    kinds = exporting.add_subparsers(dest="what", required=True, metavar="WHAT")
    clients = kinds.add_parser(
        "clients",
        help="every client card to a CSV file the import reads back",
        description="ID and phone numbers are masked unless --reveal is given; every export "
        "is recorded in the audit log.",
    )
    clients.add_argument("file", type=Path, metavar="FILE.csv")
    clients.add_argument(
        "--reveal", action="store_true", help="write full ID and phone numbers (recorded in the audit log)"
    )
    clients.add_argument(
        "--encoding",
        choices=("utf-8", "gbk"),
        default="utf-8",
        help="utf-8 (with the mark Excel needs; default) or gbk for older Excel",
    )
    clients.add_argument("--force", action="store_true", help="overwrite FILE.csv if it exists")


def _add_proposal(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    proposal = commands.add_parser("proposal", help="proposal forms (投保单)")
    actions = proposal.add_subparsers(dest="what", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="check a proposal in head office's JSON form against the proposal rules",
        description="Prints every problem as `rule  field  message`. Exit code 0 when the "
        "proposal is valid (W… lines send it to review but do not refuse it), 1 when not, "
        "2 when the file cannot be read as a JSON object.",
    )
    check.add_argument("file", type=Path, metavar="FILE.json")
    check.add_argument(
        "--lang",
        choices=("en", "zh_CN"),
        default=argparse.SUPPRESS,
        help="language of the problem messages (default: English)",
    )
    check.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    untext = [name for name, value in vars(args).items() if isinstance(value, str) and not _is_text(value)]
    if untext:
        # An id, a URL or an entity typed as bytes that are not UTF-8: refused before any work.
        print(f"branchdesk: the argument {untext[0].upper()} is not UTF-8 text.", file=sys.stderr)
        return EXIT_USAGE
    # IT's site file is checked before any work: a bad one refuses every command, in both
    # languages unless --lang chose one (app/profile/site_config.py).
    from app.profile.site_config import SiteConfigError, hold_site_config, load_site_config

    try:
        hold_site_config(load_site_config())
    except SiteConfigError as exc:
        chosen = getattr(args, "lang", None)
        for said in (chosen,) if chosen else ("en", "zh_CN"):
            print(f"branchdesk: {exc.text(said)}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "passphrase_stdin", False):
        from app.keys import use_passphrase

        use_passphrase(sys.stdin.readline().rstrip("\r\n"))
    handlers = {
        "demo-data": _demo_data,
        "import": _import_clients,
        "export": _export_clients,
        "today": _today,
        "proposal": _proposal_check,
        **doctor_handlers(_open_profile),
        **sync_handlers(_open_profile),
        **print_handlers(_open_profile),
        **audit_handlers(_open_profile),
        **backup_handlers(_open_profile),
        **reference_handlers(_open_profile),
    }
    # Errors are said in --lang (zh_CN: Chinese, else English), like import and check messages.
    language = getattr(args, "lang", None) or "en"
    try:
        return handlers[args.command](args)
    except BrokenPipeError:
        # The reader went away (`branchdesk today | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except StartupError as exc:
        print(f"branchdesk: {exc.message_in(language)}", file=sys.stderr)
        if exc.hint_in(language):
            print(f"  {exc.hint_in(language)}", file=sys.stderr)
        for backup in exc.backups[:5]:
            print(f"  {'备份：' if language == 'zh_CN' else 'backup: '}{backup}", file=sys.stderr)
        return EXIT_STARTUP
    except DatabaseBusy as exc:
        print(f"branchdesk: {exc.text(language)}", file=sys.stderr)
        return EXIT_BUSY
    except BranchDeskError as exc:
        print(f"branchdesk: {exc.text(language)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Ctrl+C: an open transaction is rolled back and a half-written file removed, as on any
        # error; a traceback would only alarm.
        print("branchdesk: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        # Last resort: the crash handler (ui/shell/launcher.py installs it) logs the traceback masked
        # and prints one plain line naming the log; the traceback is never shown, since an
        # exception's text can quote the data being worked on.
        sys.excepthook(*sys.exc_info())
        return EXIT_INTERNAL


def _open_profile(args: argparse.Namespace) -> AppContext:
    from app.context import AppContext

    return AppContext.open(profile_dir(args))


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
        f"demo data in {target}: {summary.clients:,} clients, {summary.prospects:,} prospects, "
        f"{summary.outlets} outlets, "
        f"{summary.visits:,} visits, {summary.worklog_entries:,} work-log entries, "
        f"{summary.proposals} proposals, {summary.receipts} receipts, "
        f"{summary.outbox_items} outbox items ({elapsed:.1f} s)"
    )
    return EXIT_OK


def _import_clients(args: argparse.Namespace) -> int:
    from app.clients import importing
    from app.context import AppContext

    language = args.lang or "en"
    if args.report is not None and args.report.resolve() == args.file.resolve():
        raise InvalidInput("The report would overwrite the file being imported.", "Name another --report file.",
                           zh="报告会覆盖正在导入的文件。", hint_zh="请用 --report 另指定一个文件。")  # fmt: skip
    # Read first: a file that cannot be imported leaves the profile untouched.
    table = importing.read_csv(args.file)
    mapping = importing.suggest_mapping(table.headers)
    ctx = AppContext.open(profile_dir(args))
    try:
        report = importing.import_rows(
            ctx,
            table,
            mapping,
            on_duplicate="update" if args.update_existing else "skip",
            dry_run=args.dry_run,
        )
    finally:
        ctx.close()
    ignored = [header for header, field in mapping.items() if header and field is None]
    if ignored:
        print(f"ignored columns: {', '.join(ignored)}")
    for problem in report.problems:
        print(f"line {problem.line}: {problem.column or problem.field}: {problem.message(language)}")
    for warning in report.warnings:  # imported; worth a look
        print(f"line {warning.line}: warning: {warning.column or warning.field}: {warning.message(language)}")
    print(
        f"{table.name}: {report.total_rows:,} rows, {report.imported:,} imported, "
        f"{report.updated:,} updated, {report.rejected:,} rejected"
        + (" (dry run: nothing was saved)" if report.dry_run else "")
    )
    if args.report is not None:
        importing.write_report_csv(report, args.report, language)
        print(f"report: {args.report}")
    return EXIT_PROBLEM if report.problems else EXIT_OK


def _export_clients(args: argparse.Namespace) -> int:
    from app.clients.exporting import export_clients
    from app.context import AppContext

    if args.file.exists() and not args.force:
        raise InvalidInput(f"{args.file} already exists.", "Add --force to overwrite it, or name another file.",
                           zh=f"{args.file} 已存在。", hint_zh="加上 --force 覆盖，或换一个文件名。")  # fmt: skip
    ctx = AppContext.open(profile_dir(args))
    try:
        result = export_clients(
            ctx,
            args.file,
            reveal=args.reveal,
            encoding="utf-8-sig" if args.encoding == "utf-8" else "gbk",
        )
    finally:
        ctx.close()
    privacy = (
        "full ID and phone numbers (recorded in the audit log)"
        if result.revealed
        else ("ID and phone numbers masked; --reveal writes them in full")
    )
    print(f"{result.count:,} clients exported to {result.path} ({privacy})")
    return EXIT_OK


def _today(args: argparse.Namespace) -> int:
    from app.context import AppContext
    from app.day.summaries import measures_json
    from app.day.today import TodayService, today_json
    from app.reference.deadlines import moved_notice, today_calendar_dates
    from app.reference.held import hold_profile_calendar
    from app.rules.working_days import calendar_warning

    ctx = AppContext.open(profile_dir(args))
    try:
        hold_profile_calendar(ctx.data_dir)  # the published years this profile holds, not only the shipped ones
        # Today computes only what it shows: the text lists --limit, --json and --limit 0 everything.
        everything = args.json or args.limit == 0
        limit = ALL_REMINDERS if everything else args.limit
        data = TodayService(ctx.store.sessions, ctx.settings).build(args.date or date.today(), limit=limit)
        moved = moved_notice(ctx.settings)
        measures = measures_json(*ctx.summaries.day_measures(data.day))
    finally:
        ctx.close()
    report = today_json(data)
    # A deadline in a year no calendar covers was counted Monday to Friday: say so.
    warning = calendar_warning(today_calendar_dates(data))
    report["calendar_warning"] = warning.message(args.lang or "en") if warning else None
    report["deadlines_moved"] = moved.to_json(args.lang or "en") if moved else None
    report["measures"] = measures  # the manual's five measures, plan beside actual
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{report['day']}" + ("  (work log closed)" if data.day_closed else ""))
    if warning:
        print(f"note: {report['calendar_warning']}")
    if moved:
        print(f"note: {report['deadlines_moved']['text']}")
    print("agenda:" if report["agenda"] else "agenda: no visits")
    for visit in report["agenda"]:
        print(f"  {visit['start']}-{visit['end']}  {visit['who']}  {visit['purpose']}  [{visit['status']}]")
    limit = args.limit or None
    follow_ups = report["follow_ups"]
    for follow_up in follow_ups[:limit]:
        print(f"  follow-up due: {follow_up['client']}  {follow_up['detail']}")
    if len(follow_ups[:limit]) < len(follow_ups):
        print(f"  … {len(follow_ups) - len(follow_ups[:limit]):,} more follow-ups due")
    reminders = report["reminders"]
    shown = reminders[:limit]
    print(f"reminders: {data.reminder_count:,} ({data.overdue_count:,} overdue)")
    if data.old_follow_up_count:
        print(f"  and {data.old_follow_up_count:,} purchase follow-ups overdue by more than a week (one line on Today)")
    for r in shown:
        flag = "OVERDUE " if r["overdue"] else ""
        detail = "  ".join(filter(None, (r["letter_kind"], r["detail"])))
        detail = f"  {detail}" if detail else ""
        print(f"  {flag}{r['due_on']}  {r['kind']}  {r['client']}{detail}")
    if len(shown) < data.reminder_count:
        print(f"  … {data.reminder_count - len(shown):,} more (--limit 0 or --json lists all)")
    print("progress:")
    for line in report["progress"]:
        done = "  done" if line["met"] else ""
        print(f"  {line['measure']:<10} {line['actual']:>4} / {line['target']}{done}")
    print("five measures (actual / plan):")
    for line in measures:
        print(f"  {line['measure']:<18} {line['actual']:>10} / {line['plan']}")
    return EXIT_OK


def _proposal_check(args: argparse.Namespace) -> int:
    from app.common.bounded_read import read_bounded
    from app.rules import wire_json
    from app.rules.limits import MAX_BODY_BYTES
    from app.rules.problem import Problem
    from app.rules.proposal import from_json
    from app.rules.proposal_rules import check_proposal, proposal_warnings

    language = args.lang or "en"
    # Head office's body limit: a larger file could never be sent, and /dev/zero never ends.
    raw = read_bounded(args.file, str(args.file), MAX_BODY_BYTES, "a proposal")
    try:
        # The reader head office uses, so a file it would refuse is never called valid here.
        data = wire_json.loads(raw)
    except wire_json.WireJsonError as exc:
        raise InvalidInput(f"{args.file}: {exc.problem.en}", zh=f"{args.file}：{exc.problem.zh_CN}") from None
    if not isinstance(data, dict):
        en, zh = JSON_KINDS.get(type(data), ("value", "值"))
        raise InvalidInput(f"{args.file} holds a JSON {en}, not a proposal object.",
                           zh=f"{args.file} 中是 JSON {zh}，而不是投保单对象。")  # fmt: skip
    doc, problems = from_json(data)
    warnings: list[Problem] = []
    if doc is not None:
        # The product rules (P05x) against the catalogue this laptop holds, as the editor judges.
        from app.reference.products import current_catalogue

        problems, warnings = check_proposal(doc, current_catalogue()), proposal_warnings(doc)
    if args.json:
        listed = {
            kind: [{"rule": p.code, "field": p.field, "message": p.message(language)} for p in found]
            for kind, found in (("problems", problems), ("warnings", warnings))
        }
        print(json.dumps({"file": str(args.file), "valid": not problems, **listed}, ensure_ascii=False, indent=2))
    else:
        for problem in [*problems, *warnings]:
            print(f"{problem.code}  {problem.field}  {problem.message(language)}")
        if language == "zh_CN":
            verdict = "有效" if not problems else f"{len(problems)} 个问题"
            print(f"{args.file}：{verdict}" + (f"，{len(warnings)} 项需复核" if warnings else ""))
        else:
            verdict = "valid" if not problems else f"{len(problems)} problem(s)"
            print(f"{args.file}: {verdict}" + (f", {len(warnings)} for review" if warnings else ""))
    return EXIT_PROBLEM if problems else EXIT_OK
