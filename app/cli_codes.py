"""What every `branchdesk` command shares: its exit codes and the type of the subcommand table.

Kept apart from app/cli.py because app/cli.py imports each command module (cli_sync,
cli_print, cli_backup, cli_audit), which need these too.
"""

from __future__ import annotations

import argparse

# 0 done; 1 a problem with the data or the other side (listed); 2 bad input or usage;
# 3 the profile cannot be opened; 4 not logged in / no secure password store.
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_STARTUP, EXIT_LOGIN = 0, 1, 2, 3, 4

Commands = argparse._SubParsersAction  # type: ignore[type-arg]
