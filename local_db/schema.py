"""What schema revisions this build knows, without importing Alembic at start-up.

Start-up time matters (see `make bench`), so the known revisions are read from the file names
in migrations/versions; a test checks that they agree with Alembic's own view.
"""

from __future__ import annotations

from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


def known_revisions() -> list[str]:
    """Revision ids in order; file names are `<rev>_<slug>.py` with zero-padded numeric revs."""
    return sorted(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9]*_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]
