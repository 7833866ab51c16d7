"""`branchdesk` entry point: a sub-command runs the CLI, none opens the GUI.

This module lives in ui/ because only the UI layer may import Qt; it imports Qt only when the
GUI is actually wanted, so CLI commands start without loading it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli.codes import EXIT_USAGE
from app.cli.main import build_parser, run
from app.logging_setup import install_crash_handler, install_logging


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Before any work, so nothing can log (or crash) in clear; the GUI adds its own crash dialog.
    install_logging()
    if args.command is not None:
        install_crash_handler(lambda text: print(f"branchdesk: {text}", file=sys.stderr))
        return run(args)
    from ui.shell.settings_dialog import refuse_bad_site_config

    if refuse_bad_site_config(args.lang):  # IT's site file is unusable: said in a dialog, no window
        return EXIT_USAGE
    from ui.shell.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
