"""`branchdesk backup` and `branchdesk restore` (app/profile/backup.py does the work)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.codes import Commands, profile_dir


def add_backup_commands(commands: Commands) -> None:
    backup = commands.add_parser(
        "backup", help="write an encrypted, consistent copy of the profile's database",
        description="The copy is encrypted with the profile's own key (the password store's key, "
        "or the passphrase) and is verified before it gets its name. Exit code 2 when FILE "
        "exists (without --force) or cannot be written; nothing half-written is left.",
    )  # fmt: skip
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write the backup")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the profile's database",
        description="Checks first that FILE opens with the profile's key, passes the integrity "
        "checks and has a schema this version knows; then copies the current database to "
        "backups/ and restores. Refused (exit 2, nothing changed) while BranchDesk has the "
        "profile open, or when FILE is not a usable backup.",
    )  # fmt: skip
    restore.add_argument("file", type=Path, metavar="FILE")


def handlers(open_context: Callable[[argparse.Namespace], Any]) -> dict[str, Callable[[argparse.Namespace], int]]:
    def backup(args: argparse.Namespace) -> int:
        from app.profile.backup import make_backup

        ctx = open_context(args)
        try:
            result = make_backup(ctx.store, args.out, replace=args.force)
        finally:
            ctx.close()
        print(f"backup: {result.path} ({sum(result.tables.values()):,} rows in {len(result.tables)} tables, encrypted)")
        return 0

    def restore(args: argparse.Namespace) -> int:
        from app.profile.backup import restore as restore_file

        result = restore_file(profile_dir(args), args.file)
        kept = (
            f"the database as it was is kept at {result.previous_copy}"
            if result.previous_copy
            else "there was no database to keep"
        )
        print(f"restored from {result.restored_from}; {kept}")
        return 0

    return {"backup": backup, "restore": restore}
