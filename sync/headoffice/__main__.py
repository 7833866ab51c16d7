"""`python -m sync.headoffice ...` is `branchdesk-headoffice ...`."""

from __future__ import annotations

import sys

from sync.headoffice.cli import main

sys.exit(main())
