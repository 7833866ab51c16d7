"""`branchdesk reference import FILE`: install a holiday calendar head office published, from a
file (a USB stick, when the laptop cannot sync). app/reference/held.py does the work."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.codes import EXIT_OK, Commands

# The shipped 23 years take 15 KB; a file this large is not a calendar.
MAX_REFERENCE_BYTES = 4 * 2**20


def add_reference_commands(commands: Commands) -> None:
    reference = commands.add_parser("reference", help="reference data head office publishes (holiday calendar)")
    actions = reference.add_subparsers(dest="what", required=True, metavar="ACTION")
    install = actions.add_parser(
        "import", help="install a published holiday calendar file into the profile",
        description="Checks FILE whole (kind holiday-calendar, a version, every year with its holidays "
        "and adjusted working days) and installs it when its version is newer than the calendar held. "
        "Exit code 2 with the reason when it is not valid or not newer; nothing is changed then. "
        "A running BranchDesk uses the new years after it is opened again.",
    )  # fmt: skip
    install.add_argument("file", type=Path, metavar="FILE")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    def run(args: argparse.Namespace) -> int:
        from app.common.bounded_read import read_bounded
        from app.reference.held import import_calendar

        raw = read_bounded(args.file, str(args.file), MAX_REFERENCE_BYTES, "a holiday calendar")
        ctx = open_context(args)  # the profile must exist and open: the calendar is kept beside its database
        try:
            data_dir = ctx.data_dir
        finally:
            ctx.close()
        held = import_calendar(data_dir, raw, str(args.file))
        print(f"holiday calendar version {held.version} installed: {held.first_year()}–{held.last_year()} known")
        return EXIT_OK

    return {"reference": run}
