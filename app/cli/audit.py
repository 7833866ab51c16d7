"""`branchdesk audit …`: check and read the hash-chained audit log.

    branchdesk audit verify [--json] [--anchor SEQ:HASH]
    branchdesk audit list [--entity E] [--limit N] [--json]

`verify` exits 0 when the chain is intact; 1 when it found tampering (a changed, deleted,
inserted, reordered or malformed event — a blob or a seq that is no number —, the append-only
triggers gone, or the audit table dropped or altered); 3 when it could not check (the profile
cannot be opened, or the file is too damaged to read: `branchdesk doctor` says more). It prints
the head (last seq and hash): kept somewhere else — sent to head office, written down — and
given back later as `--anchor`, it also catches a log that was cut short or rebuilt whole.
`list` marks a row that does not hold what was written (tampering or damage) as damaged.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.codes import EXIT_OK, EXIT_PROBLEM, EXIT_STARTUP, Commands
from app.errors import InvalidInput

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def _anchor(text: str) -> tuple[int, str]:
    match = ANCHOR.match(text.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not SEQ:HASH (as `audit verify` prints the head)")
    return int(match.group(1)), match.group(2)


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 1,000,000, got {text!r}")
    return int(text)


def add_audit_commands(commands: Commands) -> None:
    audit = commands.add_parser("audit", help="check or list the audit log")
    actions = audit.add_subparsers(dest="what", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify", help="check the audit log's hash chain for tampering",
        description="Walks every audit event and checks each one's hash and its link to the one "
        "before. Exit code 0 when intact; 1 when tampered with: an event changed, deleted, "
        "inserted, reordered or malformed (the first broken seq is named), the append-only "
        "triggers removed or the audit table dropped; 3 when it could not check (the profile "
        "cannot be opened or its file is too damaged to read).",
    )  # fmt: skip
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.add_argument(
        "--anchor",
        type=_anchor,
        metavar="SEQ:HASH",
        help="a head printed by an earlier verify: it must still be in the chain",
    )
    listing = actions.add_parser(
        "list",
        help="the latest audit events, newest first",
        description="Details never hold full ID or phone numbers. A row "
        "that does not hold what was written is shown as DAMAGED.",
    )
    listing.add_argument("--entity", metavar="E", help="only events about this kind of record (client, proposal, …)")
    listing.add_argument("--limit", type=_positive, default=50, help="how many events (default 50)")
    listing.add_argument("--json", action="store_true", help="machine-readable output")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    """`audit`'s handler; `open_context(args)` opens the profile (app.cli.main does that)."""

    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import DBAPIError

        from app.profile.audit import recent_events, verify_chain

        ctx = open_context(args)
        try:
            with ctx.store.sessions() as session:
                if args.what == "verify":
                    return _print_report(verify_chain(session, args.anchor), args.json)
                if args.what == "list":
                    return _print_list(recent_events(session, args.entity, args.limit), args.json)
        except (DBAPIError, MemoryError) as exc:
            # SQLCipher answers a damaged page with an error (MemoryError once the connection met
            # one): no verdict on the log, which could not be read.
            return _unreadable(ctx.store.db_path, exc, args.json)
        finally:
            ctx.close()
        raise InvalidInput(f"Unknown audit action {args.what!r}.", zh=f"未知的审计操作：{args.what}。")

    return {"audit": run}


def _unreadable(db_path: Path, exc: BaseException, as_json: bool) -> int:
    why = str(getattr(exc, "orig", None) or exc) or "a page could not be read"
    if as_json:
        print(json.dumps({"checked": False, "reason": why}, indent=2))
    else:
        print(f"audit log NOT CHECKED: the database {db_path} could not be read ({why}).", file=sys.stderr)
        print("  `branchdesk doctor` checks the file for damage.", file=sys.stderr)
    return EXIT_STARTUP


def _print_report(report: Any, as_json: bool) -> int:
    if as_json:
        print(json.dumps({
            "checked": True,
            "intact": report.intact,
            "events": report.events,
            "head": {"seq": report.head_seq, "hash": report.head_hash},
            "first_broken_seq": report.first_broken_seq,
            "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in report.problems],
        }, indent=2))  # fmt: skip
    else:
        head = f"{report.head_seq}:{report.head_hash}" if report.events else "none (no events yet)"
        if report.intact:
            print(f"audit log intact: {report.events:,} events; head {head}")
        else:
            where = f" — first broken at seq {report.first_broken_seq}" if report.first_broken_seq else ""
            print(f"audit log TAMPERED{where}: {report.events:,} events; head {head}")
            for problem in report.problems:
                print(f"  {problem.kind}: {problem.message}")
    return EXIT_OK if report.intact else EXIT_PROBLEM


def _print_list(entries: list[Any], as_json: bool) -> int:
    if as_json:
        print(
            json.dumps(
                [{**entry.__dict__, "damaged": list(entry.damaged)} for entry in entries], ensure_ascii=False, indent=2
            )
        )
        return EXIT_OK
    for e in entries:
        detail = json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""
        damaged = f"  DAMAGED ({', '.join(e.damaged)})" if e.damaged else ""
        seq = "?" if e.seq is None else e.seq
        print(
            f"{seq:>7}  {e.at[:19]}  {e.actor:<10} {e.action:<8} {e.entity}:{e.entity_id or '-'}  {detail}"
            f"{damaged}".rstrip()
        )
    return EXIT_OK
