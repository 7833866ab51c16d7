"""What every `branchdesk` command shares: its exit codes, the type of the subcommand table, how a
date argument is read and which profile folder the arguments name.

Kept apart from app/cli/main.py because main.py imports each command module (sync, printing,
backup, audit, doctor), which need these too: the package's imports stay a tree.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TypeAlias

from app.paths import demo_data_dir, resolve_data_dir
from app.rules.limits import FIRST_DAY, LAST_DAY

# 0 done; 1 a problem with the data or the other side (listed); 2 bad input or usage;
# 3 the profile cannot be opened or read; 4 not logged in / no secure password store;
# 5 the profile is busy (another program kept writing past the busy timeout, or another sync
# is running); 70 an unexpected problem (a bug; one line names the log; sysexits' EX_SOFTWARE);
# 130 interrupted by Ctrl+C (128 + SIGINT, as shells report it).
# app/cli/main.py's docstring and `branchdesk --help` say the same.
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_STARTUP, EXIT_LOGIN = 0, 1, 2, 3, 4
EXIT_BUSY, EXIT_INTERNAL, EXIT_INTERRUPTED = 5, 70, 130
EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 a problem found (rejected rows, a damaged file, a tampered audit log; "
    "listed); 2 bad arguments or input; 3 the profile cannot be opened or read (nothing changed); "
    "4 not logged in or no secure password store; 5 the profile is busy (another program writing, "
    "or another sync running: try again); 70 an unexpected problem (one line names the log); "
    "130 interrupted (Ctrl+C)."
)

# A string: argparse._SubParsersAction is generic only to type checkers.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def iso_date(text: str) -> date:
    """argparse type for --date and the like: YYYY-MM-DD within the dates a form may carry
    (1900-2100, app.rules.limits); far outside them a week or a reminder window would run past
    what Python's dates hold."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-23") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{text} is out of range: give a date from {FIRST_DAY} to {LAST_DAY}")
    return day


def profile_dir(args: argparse.Namespace) -> Path:
    """The profile folder: --data-dir (or its environment variable, or the platform's), or the demo
    profile beside it with --demo."""
    data_dir = resolve_data_dir(args.data_dir)
    return demo_data_dir(data_dir) if args.demo else data_dir
