"""`branchdesk doctor`: what the profile holds, and whether its file is sound.

The file is checked first, on a connection of its own (Store.integrity_problems): SQLCipher
checks every page's HMAC, SQLite runs quick_check. A damaged file is reported (exit code 1)
with the backups to restore from, and its records are not read: reading a damaged page only
fails again, and counts read around the damage would mislead. A file from before encryption is
checked before it would be encrypted (app/store.py) and reported the same way.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import __version__
from app.cli.codes import EXIT_OK, EXIT_PROBLEM, Commands
from app.errors import StartupError

SHOWN_PROBLEMS = 5


def add_doctor_command(commands: Commands) -> None:
    doctor = commands.add_parser(
        "doctor", help="data folder, schema, record counts, outbox, integrity",
        description="Checks the database file (every page's HMAC, then SQLite's quick_check) and "
        "prints what the profile holds. Exit code 0 when the file is sound, 1 when it is damaged "
        "(the problems and the backups to restore from are listed), 3 when it cannot be opened.",
    )  # fmt: skip
    doctor.add_argument("--json", action="store_true", help="machine-readable output")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    def run(args: argparse.Namespace) -> int:
        from local_db.opening import list_backups

        try:
            ctx = open_context(args)
        except StartupError as exc:
            if exc.code != "database_damaged":  # a file from before encryption, found damaged
                raise
            report = _basics(exc.path.parent, exc.path, "none: a file from before encryption, encrypted once sound")
            problems = exc.detail.splitlines()
            report.update(integrity=problems, backups=[str(path) for path in exc.backups])
        else:
            try:
                encryption = "SQLCipher, key in " + (
                    "the password store" if ctx.store.key.raw is not None else "a passphrase"
                )
                report = _basics(ctx.data_dir, ctx.store.db_path, encryption, demo=ctx.is_demo)
                problems = ctx.store.integrity_problems()
                report["integrity"] = problems or "ok"
                if problems:
                    report["backups"] = [str(path) for path in list_backups(ctx.data_dir)]
                else:
                    report.update(_contents(ctx))
            finally:
                ctx.close()
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            _print_text(report, problems)
        return EXIT_PROBLEM if problems else EXIT_OK

    return {"doctor": run}


def _basics(data_dir: Path, db_path: Path, encryption: str, *, demo: bool = False) -> dict[str, Any]:
    return {"version": __version__, "data_dir": str(data_dir), "database": str(db_path), "demo_profile": demo,
            "encryption": encryption}  # fmt: skip


def _contents(ctx: Any) -> dict[str, Any]:
    from app.reports.fonts import configured_font

    overview = ctx.overview
    outbox = overview.outbox_summary()
    font = configured_font(ctx.settings)
    return {
        "schema_revision": overview.schema_revision(),
        "records": overview.record_counts(),
        "outbox_pending": outbox.pending,
        "outbox_rejected": outbox.rejected,
        "print_font": {
            "name": font.name,
            "path": font.path,
            "embedded": font.embedded,
            "reason": font.reason,
            "licence": font.licence,
        },
        "holiday_calendar": _calendar(ctx.data_dir),
    }


def _calendar(data_dir: Path) -> dict[str, Any]:
    """Which years the held holiday calendar covers (outside them Monday to Friday is assumed)."""
    from app.reference.held import held_calendar, imported_calendar, profile_file

    calendar = held_calendar(data_dir)
    return {
        "version": calendar.version,
        "first_year": calendar.first_year(),
        "last_year": calendar.last_year(),
        "years": sorted(calendar.years),
        "source": "imported" if imported_calendar(data_dir) is not None else "shipped",
        "file": str(profile_file(data_dir)),
    }


def _print_text(report: dict[str, Any], problems: list[str]) -> None:
    from app.store import restore_hint

    print(f"BranchDesk {report['version']}")
    print(f"data folder:     {report['data_dir']}" + ("  (demo profile)" if report["demo_profile"] else ""))
    print(f"database:        {report['database']}")
    print(f"encryption:      {report['encryption']}")
    if problems:
        print(f"integrity:       DAMAGED: {len(problems):,} problem(s) found; the records were not read")
        for problem in problems[:SHOWN_PROBLEMS]:
            print(f"  {problem}")
        if len(problems) > SHOWN_PROBLEMS:
            print(f"  … {len(problems) - SHOWN_PROBLEMS:,} more (--json lists all)")
        hint = restore_hint(Path(report["data_dir"]), [Path(p) for p in report["backups"]])
        print(
            f"{hint} (the damaged file is kept)"
            if hint
            else "There is no backup in the profile's backups folder: ask IT to rescue the file."
        )
        return
    print(f"schema revision: {report['schema_revision']}")
    print("integrity:       ok")
    print("records:")
    for name, count in report["records"].items():
        print(f"  {name:<15} {count:>10,}")
    print(f"outbox pending:  {report['outbox_pending']:,}  (rejected: {report['outbox_rejected']:,})")
    print(f"print font:      {report['print_font']['reason']}")
    if report["print_font"]["path"]:
        licence = report["print_font"]["licence"] or "the font file's own (not carried by BranchDesk)"
        print(f"font licence:    {licence}")
    held = report["holiday_calendar"]
    print(f"holidays:        {held['first_year']}–{held['last_year']} known (calendar version {held['version']}, "
          f"{held['source']}); Monday–Friday assumed after {held['last_year']}")  # fmt: skip
