"""`branchdesk reference import FILE`: install a holiday calendar or product catalogue head office
published, from a file (a USB stick, when the laptop cannot sync), by the file's own kind;
`branchdesk reference show [--json]`: the versions held. app/headoffice/references.py does the work."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.codes import EXIT_OK, Commands

# The shipped 23 years take 15 KB, a catalogue of 2,000 products some 2 MB; head office publishes
# nothing larger (sync/headoffice/references.py).
MAX_REFERENCE_BYTES = 8 * 2**20


def add_reference_commands(commands: Commands) -> None:
    reference = commands.add_parser(
        "reference", help="reference data head office publishes (holiday calendar, product catalogue)"
    )
    actions = reference.add_subparsers(dest="what", required=True, metavar="ACTION")
    install = actions.add_parser(
        "import", help="install a published holiday calendar or product catalogue file into the profile",
        description="Checks FILE whole, by its kind (holiday-calendar: a version, every year with its "
        "holidays and adjusted working days; product-catalogue: a version and its products) and installs it "
        "when its version is newer than the copy held. Exit code 2 with the reason when it is not valid, not "
        "newer or of an unknown kind; nothing is changed then. A running BranchDesk uses it after it is "
        "opened again.",
    )  # fmt: skip
    install.add_argument("file", type=Path, metavar="FILE")
    show = actions.add_parser("show", help="the holiday calendar and product catalogue versions held")
    show.add_argument("--json", action="store_true", help="as JSON")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    def run(args: argparse.Namespace) -> int:
        return show(args) if args.what == "show" else install(args)

    def install(args: argparse.Namespace) -> int:
        from app.common.bounded_read import read_bounded
        from app.headoffice.references import install_reference, reconcile_after_calendar

        raw = read_bounded(args.file, str(args.file), MAX_REFERENCE_BYTES, "a reference data file")
        ctx = open_context(args)  # the profile must exist and open: the files are kept beside its database
        try:
            installed = install_reference(ctx.data_dir, raw, str(args.file))
            if installed.kind == "calendar":
                reconcile_after_calendar(ctx)
        finally:
            ctx.close()
        print(installed.text)
        return EXIT_OK

    def show(args: argparse.Namespace) -> int:
        from app.headoffice.references import held_references

        ctx = open_context(args)
        try:
            held = held_references(ctx.data_dir, ctx.settings)
        finally:
            ctx.close()
        if args.json:
            print(json.dumps(held.to_json(), ensure_ascii=False, indent=2))
            return EXIT_OK
        print(f"holiday calendar:  version {held.calendar_version}, "
              f"{held.calendar_first_year}–{held.calendar_last_year} known")  # fmt: skip
        print(f"product catalogue: version {held.catalogue_version}, {held.product_count} products")
        checked = held.checked_at.isoformat(timespec="seconds") if held.checked_at else "never"
        print(f"last asked head office: {checked}")
        return EXIT_OK

    return {"reference": run}
