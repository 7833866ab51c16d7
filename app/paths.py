"""Where a profile's data lives: --data-dir, then BRANCHDESK_DATA_DIR, then the platform dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "BranchDesk"
ENV_DATA_DIR = "BRANCHDESK_DATA_DIR"
DEMO_SUFFIX = "-demo"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return user_data_path(APP_NAME, appauthor=False)


def demo_data_dir(data_dir: Path) -> Path:
    """A sibling folder, never inside the real one, so backups of real data never carry demo data."""
    if data_dir.name.endswith(DEMO_SUFFIX):
        return data_dir
    return data_dir.with_name(data_dir.name + DEMO_SUFFIX)


def is_demo_dir(data_dir: Path) -> bool:
    return data_dir.name.endswith(DEMO_SUFFIX)
