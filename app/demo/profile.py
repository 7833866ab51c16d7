"""The demo profile: its own folder, filled once with made-up data, never mixed with real data."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from app.context import AppContext
from app.paths import demo_data_dir

DEMO_CLIENTS = 2_000
DEMO_WORKLOG_DAYS = 90


def prepare_demo_profile(
    data_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Returns the demo folder, filling it first if it holds no data yet."""
    from app.demo import generate

    target = demo_data_dir(data_dir)
    ctx = AppContext.open(target)
    try:
        if ctx.overview.is_empty():
            generate(
                ctx.store,
                clients=DEMO_CLIENTS,
                worklog_days=DEMO_WORKLOG_DAYS,
                progress=progress,
                cancel=cancel,
            )
    finally:
        ctx.close()
    return target
