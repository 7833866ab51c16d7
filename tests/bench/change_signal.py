"""What the one "what changed" signal costs: the same reads and writes with and without a listener.

The feed attaches its engine listeners only while someone subscribes (the GUI always does), so the
bench times Today's data, a client search and a work-log write alternately with the GUI's kind of
subscriber attached and with none, on the same 100,000-card profile in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.changes import Changes
from app.clients.search import ClientQuery
from app.context import AppContext
from tests.bench.today import SHANGHAI, percentile

RUNS = 30
# Noise on this shared 2-core machine is a few per cent; the listener itself is a dict lookup.
TARGET_RATIO = 1.1


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _pair(ctx: AppContext, work: Callable[[], object]) -> dict[str, float]:
    seen: list[Changes] = []
    with_ms: list[float] = []
    without_ms: list[float] = []
    work()  # warm
    for _ in range(RUNS):
        without_ms.append(_timed(work))
        unsubscribe = ctx.changes.subscribe(seen.append)
        with_ms.append(_timed(work))
        unsubscribe()
    p50_with, p50_without = statistics.median(with_ms), statistics.median(without_ms)
    return {
        "with_signal_p50_ms": round(p50_with, 2),
        "baseline_without_signal_p50_ms": round(p50_without, 2),
        "p50_ratio": round(p50_with / p50_without, 2),
        "with_signal_p95_ms": round(percentile(with_ms, 0.95), 2),
        "baseline_without_signal_p95_ms": round(percentile(without_ms, 0.95), 2),
    }


def measure(data_dir: Path, day: date, write_day: date) -> dict[str, object]:
    """`write_day` must be an open day: the write is a one-click work-log entry on it."""
    ctx = AppContext.open(data_dir)
    try:
        pairs = {
            "today_data": _pair(ctx, lambda: ctx.today.build(day, SHANGHAI)),
            "client_search": _pair(ctx, lambda: ctx.clients.search(ClientQuery(text="王"))),
            "work_log_write": _pair(ctx, lambda: ctx.worklog.quick("leaflets", write_day)),
        }
    finally:
        ctx.close()
    worst = max(pair["p50_ratio"] for pair in pairs.values())
    return {**pairs, "target_p50_ratio": TARGET_RATIO, "meets_target": worst <= TARGET_RATIO}
