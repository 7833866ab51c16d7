"""`branchdesk-headoffice`: serve the API, add a manager, record head office's decisions, raise
letters with their fields, read the laptops' answers and requests and reply to them, publish
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync.headoffice import store
from sync.headoffice.db import DEFAULT_DB_URL, create_schema, make_engine, session_factory

UPLOADS_ENV_NAME = "BRANCHDESK_HEADOFFICE_UPLOADS"  # sync.headoffice.uploads.UPLOADS_ENV
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
    serve.add_argument(
        "--uploads-dir", type=Path, metavar="DIR",
        help="folder for unfinished resumable uploads (tus, /v1/uploads; deleted 2 days after they start, "
        f"finished files go into the database). Default: ${UPLOADS_ENV_NAME} if set, else beside a SQLite "
        "database file (headoffice.db-uploads), else the user's cache folder. Several hosts behind one load "
        "balancer must share it (or keep each laptop on one host).",
    )  # fmt: skip

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

    letter = commands.add_parser(
        "letter", help="raise a letter of a kind, with its own fields, on a received proposal or receipt",
        description="Kinds and their fields: review (points); medical_exam (hospital, items, exam_at); "
        "investigation (investigator, phone, visit_at); financial_evidence, health_evidence (documents); "
        "decision (conclusion, extra_premium_cents, exclusions, rated_sum_insured_cents); problem (none). "
        "Times as YYYY-MM-DD HH:MM.",
    )  # fmt: skip
    letter.add_argument("record_id")
    letter.add_argument("kind", help="review | medical_exam | investigation | financial_evidence | health_evidence "
                        "| decision | problem")  # fmt: skip
    letter.add_argument("--reason", required=True, help="what the manager is told")
    letter.add_argument("--field", action="append", default=[], metavar="KEY=VALUE", help="one of the kind's fields")
    letter.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    answers = commands.add_parser("answers", help="list the answers the laptops sent, with their attachments")
    answers.add_argument("--open", action="store_true", help="only those head office has not replied to")
    answers.add_argument("--json", action="store_true", help="one JSON array instead of lines")
    answers.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    reply = commands.add_parser("reply", help="reply to an answer: accepted, another question, or closed")
    reply.add_argument("answer_id")
    reply.add_argument("status", choices=store.ANSWER_REPLIES)
    reply.add_argument("--text", default="", help="what the manager is told (required for question)")
    reply.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    requests = commands.add_parser("requests", help="list the change and withdrawal requests received")
    requests.add_argument("--json", action="store_true", help="one JSON array instead of lines")
    requests.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    reply_request = commands.add_parser("reply-request", help="accept or refuse a change or withdrawal request")
    reply_request.add_argument("request_id")
    reply_request.add_argument("status", choices=store.REQUEST_REPLIES)
    reply_request.add_argument("--text", default="", help="what the manager is told (required for refused)")
    reply_request.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    publish = commands.add_parser(
        "publish", help="publish a reference file (holiday calendar or product catalogue) to every laptop",
        description="Checks FILE whole, as the laptop does, and serves it from GET /v1/reference/KIND as the "
        "next version. The file's own version must be above every version published before and the one the "
        "app ships with. A bad or older file is refused with the reason (exit 2) and nothing is changed.",
    )  # fmt: skip
    publish.add_argument("kind", choices=("products", "calendar"))
    publish.add_argument("file", type=Path, metavar="FILE")
    publish.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)

    announce = commands.add_parser(
        "publish-version", help="announce a new version of the laptop app, with its notes, to every laptop",
        description="Serves VERSION (a release number such as 1.4.0) and its notes from GET /v1/version; a laptop "
        "running an older version tells its manager to ask IT to install it (it never downloads anything). "
        "The same version again replaces its notes; a lower one is refused (exit 2).",
    )  # fmt: skip
    announce.add_argument("version", metavar="VERSION")
    announce.add_argument("--notes", required=True, help="what changed, in English")
    announce.add_argument("--notes-zh", default="", help="what changed, in Chinese (shown on Chinese screens)")
    announce.add_argument("--db", default=DEFAULT_DB_URL, help=db_help)
    return parser


# What `pip install 'branchdesk[headoffice]'` adds, by the module each command needs.
SERVER_MODULES = ("fastapi", "uvicorn", "tuspyserver")
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
    from sync.headoffice.uploads import UPLOADS_ENV, default_uploads_dir

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
    uploads_dir = (args.uploads_dir or Path(os.environ.get(UPLOADS_ENV) or default_uploads_dir(args.db))).absolute()
    try:
        uploads_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"branchdesk-headoffice: cannot use --uploads-dir {uploads_dir}: {error.strerror or error}",
              file=sys.stderr)  # fmt: skip
        return 2
    os.environ[UPLOADS_ENV] = str(uploads_dir)
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


def _recorded(record: Callable[[], dict[str, Any]]) -> int:
    """Runs one of head office's decisions and prints the feed event it made; a refusal is one
    line and exit 2."""
    try:
        event = record()
    except store.BadDecision as error:
        return _refused(error)
    print(json.dumps(event, ensure_ascii=False))
    return 0


def _decide(args: argparse.Namespace) -> int:
    return _recorded(lambda: store.decide(_office(args), args.record_id, args.status, args.reason,
                                          args.problem_kind, args.policy_number))  # fmt: skip


def _office(args: argparse.Namespace) -> sessionmaker[Session]:
    """Sessions on an existing office's database, its schema brought up to date (tables this
    version adds); a mistyped URL is not made into an empty office."""
    engine = make_engine(args.db)
    if inspect(engine).has_table("managers"):
        create_schema(engine)
    return session_factory(engine)


def _refused(error: Exception) -> int:
    print(f"branchdesk-headoffice: {error}", file=sys.stderr)
    return 2


def _letter(args: argparse.Namespace) -> int:
    fields: dict[str, str] = {}
    for pair in args.field:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            return _refused(ValueError(f"--field {pair!r}: write it as KEY=VALUE."))
        fields[key.strip()] = value
    return _recorded(lambda: store.raise_letter(_office(args), args.record_id, args.kind, args.reason, fields))


def _print_files(files: list[dict[str, Any]]) -> None:
    for file in files:
        print(f"    + {file['name']}  {file['mime']}  {_size(file['size'])}  sha256 {file['sha256']}")


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _answers(args: argparse.Namespace) -> int:
    rows = store.answers(_office(args), open_only=args.open)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        reply = f"{row['reply']}: {row['reply_text']}" if row["reply"] else "no reply yet"
        print(f"{row['id']}  {row['manager_code']}  {row['kind']}  letter {row['letter_id']}  "
              f"proposal {row['proposal_id']}  {row['received_at']}  [{reply}]")  # fmt: skip
        if row["decision"]:
            print(f"    decision: {row['decision']}, signed by {', '.join(s['role'] for s in row['signatures'])}")
        if row["text"]:
            print(f"    {row['text']}")
        _print_files(row["attachments"])
    if not rows:
        print("No answers." if not args.open else "No answers waiting for a reply.", file=sys.stderr)
    return 0


def _reply(args: argparse.Namespace) -> int:
    return _recorded(lambda: store.reply_answer(_office(args), args.answer_id, args.status, args.text))


def _requests(args: argparse.Namespace) -> int:
    rows = store.requests(_office(args))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        reply = f"{row['reply']}: {row['reply_text']}" if row["reply"] else "no reply yet"
        print(f"{row['id']}  {row['manager_code']}  {row['kind']}  proposal {row['proposal_id']}  "
              f"{row['received_at']}  [{reply}]")  # fmt: skip
        if row["reason"]:
            print(f"    reason: {row['reason']}")
        for key, value in row["details"].items():
            print(f"    {key} -> {value}")
        _print_files(row["attachments"])
    if not rows:
        print("No requests.", file=sys.stderr)
    return 0


def _reply_request(args: argparse.Namespace) -> int:
    return _recorded(lambda: store.reply_request(_office(args), args.request_id, args.status, args.text))


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


def _publish_version(args: argparse.Namespace) -> int:
    from sync.headoffice import version

    engine = make_engine(args.db)
    create_schema(engine)
    try:
        announced = version.publish_version(session_factory(engine), args.version, args.notes, args.notes_zh)
    except version.BadVersion as error:
        print(f"branchdesk-headoffice: version not published: {error}", file=sys.stderr)
        return 2
    if not announced.notes_zh:
        print("branchdesk-headoffice: no --notes-zh: Chinese screens show the version without notes.",
              file=sys.stderr)  # fmt: skip
    print(json.dumps(announced.to_json(), ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    missing = _missing_extra(args)
    if missing:
        print(f"branchdesk-headoffice: the head-office server is not installed here ({', '.join(missing)} "
              f"missing): install branchdesk[headoffice], e.g. {EXTRA_HINT}", file=sys.stderr)  # fmt: skip
        return 2
    commands = {"serve": _serve, "add-manager": _add_manager, "decide": _decide, "publish": _publish,
                "letter": _letter, "answers": _answers, "reply": _reply, "requests": _requests,
                "reply-request": _reply_request, "publish-version": _publish_version}  # fmt: skip
    try:
        return commands[args.command](args)
    except ArgumentError as error:
        print(f"branchdesk-headoffice: bad --db URL {args.db!r}: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        print(f"branchdesk-headoffice: cannot use the database {args.db!r}: {error.orig}", file=sys.stderr)
        return 1
