"""`branchdesk-headoffice`: serve the API, add a manager, record head office's decisions, publish
reference files (the holiday calendar, the product catalogue).

Exit codes: 0 done, 1 refused or failed (e.g. a duplicate manager, the database unreachable),
2 bad arguments, a reference file refused (invalid, or not newer), or the server's extra is not
installed (a laptop's install has no FastAPI, uvicorn or psycopg: `pip install 'branchdesk[headoffice]'`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import ArgumentError, OperationalError

from sync.headoffice import store
from sync.headoffice.db import DEFAULT_DB_URL, create_schema, make_engine, session_factory

LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="branchdesk-headoffice", description="BranchDesk's reference head-office server."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = f"SQLAlchemy database URL (default {DEFAULT_DB_URL}: a file in the current folder)"

    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1, help="worker processes sharing the database")

    add = commands.add_parser("add-manager", help="register an account manager and print their token once")
    add.add_argument("code")
    add.add_argument("name")
    add.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    decide = commands.add_parser("decide", help="record head office's decision on a received record")
    decide.add_argument("record_id")
    decide.add_argument("status", choices=store.DECISIONS)
    decide.add_argument("--reason", default="", help="what the manager is told (required for problem)")
    decide.add_argument("--problem-kind", choices=store.PROBLEM_KINDS, help="for problem: the kind of letter")
    decide.add_argument("--policy-number", help="for issued: the policy's number")
    decide.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    publish = commands.add_parser(
        "publish", help="publish a reference file (holiday calendar or product catalogue) to every laptop",
        description="Checks FILE whole, as the laptop does, and serves it from GET /v1/reference/KIND as the "
        "next version. The file's own version must be above every version published before and the one the "
        "app ships with. A bad or older file is refused with the reason (exit 2) and nothing is changed.",
    )  # fmt: skip
    publish.add_argument("kind", choices=("products", "calendar"))
    publish.add_argument("file", type=Path, metavar="FILE")
    publish.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    return parser


# What `pip install 'branchdesk[headoffice]'` adds, by the module each command needs.
SERVER_MODULES = ("fastapi", "uvicorn")
POSTGRES_MODULE = "psycopg"
EXTRA_HINT = "pip install 'branchdesk[headoffice]'"


def _missing_extra(args: argparse.Namespace) -> list[str]:
    """The head-office extra's modules this command needs that are not installed."""
    needed = list(SERVER_MODULES)
    if str(args.db).lower().startswith("postgres"):
        needed.append(POSTGRES_MODULE)
    missing = []
    for name in needed:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.headoffice.app import DB_ENV
    from sync.headoffice.transport import HeadDeadlineProtocol, Limits

    if not 0 < args.port < 65536 or args.workers < 1:
        print("branchdesk-headoffice: --port is 1-65535 and --workers at least 1.", file=sys.stderr)
        return 2
    try:
        Limits.from_env()
    except ValueError as error:
        print(f"branchdesk-headoffice: {error}", file=sys.stderr)
        return 2
    # Created once here, before the workers start, so they never race to create the tables.
    create_schema(make_engine(args.db))
    os.environ[DB_ENV] = args.db  # each worker process builds its app from the environment
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    # uvicorn's own bounds stay as they are: request heads of at most 16 KiB (h11), idle
    # keep-alive connections closed after 5 s.  No limit_concurrency: it counts stalled
    # connections too, so under attack it would refuse the laptops and /health alike; the
    # request-head and body deadlines end stalled connections instead.
    uvicorn.run("sync.headoffice.app:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, access_log=False, log_config=None, http=HeadDeadlineProtocol)  # fmt: skip
    return 0


def _add_manager(args: argparse.Namespace) -> int:
    try:
        store.check_manager(args.code, args.name)
    except ValueError as error:
        print(f"branchdesk-headoffice: {error}", file=sys.stderr)
        return 2
    engine = make_engine(args.db)
    create_schema(engine)
    try:
        token = store.add_manager(session_factory(engine), args.code, args.name)
    except store.DuplicateManager as error:
        print(f"branchdesk-headoffice: {error}", file=sys.stderr)
        return 1
    print(f"Manager {args.code} ({args.name.strip()}) added. Their token, shown only this once "
          "(give it to them; head office keeps only its hash):", file=sys.stderr)  # fmt: skip
    print(token)
    return 0


def _decide(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)  # no create_schema: a mistyped URL must not make an empty office
    try:
        event = store.decide(session_factory(engine), args.record_id, args.status, args.reason,
                             args.problem_kind, args.policy_number)  # fmt: skip
    except store.BadDecision as error:
        print(f"branchdesk-headoffice: {error}", file=sys.stderr)
        return 2
    print(json.dumps(event, ensure_ascii=False))
    return 0


def _publish(args: argparse.Namespace) -> int:
    from sync.headoffice import references

    try:
        with args.file.open("rb") as handle:
            raw = handle.read(references.MAX_FILE_BYTES + 1)
    except OSError as error:
        print(f"branchdesk-headoffice: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    engine = make_engine(args.db)
    create_schema(engine)
    try:
        published = references.publish(session_factory(engine), args.kind, raw)
    except references.BadReferenceFile as error:
        problem = error.problem
        where = f" (at {problem.field})" if problem.field else ""
        print(f"branchdesk-headoffice: {args.file} was not published{where}: {problem.en} [{problem.code}]",
              file=sys.stderr)  # fmt: skip
        return 2
    print(json.dumps(published.summary(), ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    missing = _missing_extra(args)
    if missing:
        print(f"branchdesk-headoffice: the head-office server is not installed here ({', '.join(missing)} "
              f"missing): install branchdesk[headoffice], e.g. {EXTRA_HINT}", file=sys.stderr)  # fmt: skip
        return 2
    commands = {"serve": _serve, "add-manager": _add_manager, "decide": _decide, "publish": _publish}
    try:
        return commands[args.command](args)
    except ArgumentError as error:
        print(f"branchdesk-headoffice: bad --db URL {args.db!r}: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        print(f"branchdesk-headoffice: cannot use the database {args.db!r}: {error.orig}", file=sys.stderr)
        return 1
