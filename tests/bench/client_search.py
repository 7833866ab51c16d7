"""Search-as-you-type on 100,000 clients: our service beside the same SQL through the bare driver."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date
from pathlib import Path

from app.clients.search import ClientQuery, page_statement
from app.context import AppContext
from local_db.cipher import DbKey, connect

PAGE = 50


def typed_queries(db_path: Path, key: DbKey, samples: int = 25, seed: int = 3) -> list[str]:
    """What managers type, keystroke by keystroke: names, pinyin, initials, phone digits, ID tails."""
    conn = connect(db_path, key)
    rows = conn.execute(
        "SELECT name, name_pinyin, name_initials, mobile, id_number FROM clients "
        "WHERE id_type = 'resident_id' ORDER BY id LIMIT 2000"
    ).fetchall()
    conn.close()
    rng = random.Random(seed)
    queries: list[str] = []
    for name, pinyin, initials, mobile, id_number in rng.sample(rows, samples):
        queries += [name[:n] for n in range(1, len(name) + 1)]
        queries += [pinyin[:n] for n in range(1, len(pinyin) + 1)]
        queries += [initials]
        start = rng.randint(0, 5)
        queries += [mobile[start : start + n] for n in range(4, 8)]
        queries += [id_number[-n:] for n in (4, 5, 6)]
    queries += ["不存在的人", "qqqqq", "99999999"]
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(data_dir: Path, today: date) -> dict[str, float | int]:
    db_path = data_dir / "branchdesk.sqlite3"
    ctx = AppContext.open(data_dir)
    queries = typed_queries(db_path, ctx.store.key)
    # The baseline is the bare driver on the same encrypted file: decryption costs both alike.
    raw = connect(db_path, ctx.store.key)
    ours_ms: list[float] = []
    raw_ms: list[float] = []
    try:
        # Each query is run by both, alternately, so cache state is alike for both.
        for text in queries * 2:
            query = ClientQuery(text=text)
            started = time.perf_counter()
            ctx.clients.search(query, limit=PAGE)
            ours_ms.append((time.perf_counter() - started) * 1000)
            statement = page_statement(query, today, PAGE)
            started = time.perf_counter()
            raw.execute(statement.sql, statement.params).fetchall()
            raw_ms.append((time.perf_counter() - started) * 1000)
    finally:
        raw.close()
        ctx.close()
    ours_ms, raw_ms = ours_ms[len(queries) :], raw_ms[len(queries) :]  # second pass: warm
    return {
        "queries": len(queries),
        "p50_ms": round(statistics.median(ours_ms), 2),
        "p95_ms": round(percentile(ours_ms, 0.95), 2),
        "baseline_raw_sqlite_p50_ms": round(statistics.median(raw_ms), 2),
        "baseline_raw_sqlite_p95_ms": round(percentile(raw_ms, 0.95), 2),
        "p50_ratio": round(statistics.median(ours_ms) / statistics.median(raw_ms), 2),
        "p95_ratio": round(percentile(ours_ms, 0.95) / percentile(raw_ms, 0.95), 2),
        "target_p95_ms": 30,
        "target_ratio": 1.5,
    }
