"""The bundle's entry script: what the `branchdesk` console script does (pyproject [project.scripts])."""

from __future__ import annotations

import sys

from ui.shell.launcher import main

if __name__ == "__main__":
    sys.exit(main())
