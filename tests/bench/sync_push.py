"""Pushing 1,000 finished proposals to the local head-office server: SyncService beside a plain
loop of requests posting the same payloads, each against a freshly started server and database.

The floor is a keep-alive `requests.Session().post` loop with nothing else: no outbox
bookkeeping, no retries, no local transactions, one request per item. SyncService sends the
items in gzip-compressed batches (issue 20: 1, 2, 4 … up to 100 items a request), with a commit
before each request ("sending") and one after it ("sent" and the replies), which is what makes a
kill at any moment safe. Target: at least the plain loop's rate (ratio ≥ 1.0).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

import keyring
import requests

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: make `tests.` importable

from sqlalchemy import select  # noqa: E402

from app.context import AppContext  # noqa: E402
from local_db.models import OutboxItem  # noqa: E402
from tests.headoffice.fixtures import SAMPLE_MANAGER  # noqa: E402
from tests.headoffice.server import HeadOffice  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402
from tests.paperwork_helpers import finished_proposal  # noqa: E402

ITEMS = 1000
ROUNDS = 2
TARGET_RATIO = 1.0


def build_profile(target: Path, items: int) -> float:
    if target.exists():
        shutil.rmtree(target)
    ctx = AppContext.open(target)
    started = time.perf_counter()
    try:
        for _ in range(items):
            finished_proposal(ctx)
    finally:
        ctx.close()
    return time.perf_counter() - started


def _payloads(profile: Path) -> list[tuple[str, str]]:
    ctx = AppContext.open(profile)
    try:
        with ctx.store.sessions() as session:
            rows = session.execute(select(OutboxItem.id, OutboxItem.payload_json).order_by(OutboxItem.seq))
            return [(item_id, payload) for item_id, payload in rows]
    finally:
        ctx.close()


def _plain_loop(office: HeadOffice, token: str, payloads: list[tuple[str, str]]) -> float:
    session = requests.Session()
    started = time.perf_counter()
    for key, body in payloads:
        response = session.post(
            f"{office.url}/v1/proposals", data=body.encode("utf-8"), timeout=(3.05, 20),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key,
                     "Content-Type": "application/json; charset=utf-8"},
        )  # fmt: skip
        response.raise_for_status()
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def _sync_service(office: HeadOffice, token: str, profile: Path) -> tuple[float, float]:
    """(seconds until the last item was pushed, seconds for the whole run with its pull)."""
    ctx = AppContext.open(profile)
    marks: dict[str, float] = {}
    try:
        ctx.sync.login(office.url, SAMPLE_MANAGER, token)
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if done == total:
                marks["pushed"] = time.perf_counter()

        report = ctx.sync.run_once(progress=progress)
        finished = time.perf_counter()
    finally:
        ctx.close()
    assert report.sent == ITEMS and report.pending_left == 0, report
    return marks["pushed"] - started, finished - started


def measure(work: Path) -> dict[str, Any]:
    keyring.set_keyring(MemoryKeyring())
    template = work / "sync-1000-proposals"
    build_seconds = build_profile(template, ITEMS)
    payloads = _payloads(template)
    figures: dict[str, float] = {}
    # Alternately and twice each, best of two: the two processes share the machine's cores
    # with whatever else runs, and alternating keeps drift from favouring either side.
    for round_no in range(ROUNDS):
        for name in ("plain", "sync"):
            run_dir = work / f"sync-bench-{name}-{round_no}"
            if run_dir.exists():
                shutil.rmtree(run_dir)
            run_dir.mkdir(parents=True)
            with HeadOffice(f"sqlite:///{run_dir / 'headoffice.db'}", run_dir / "server") as office:
                token = office.add_manager(SAMPLE_MANAGER, "王芳")
                if name == "plain":
                    timings = {"plain": _plain_loop(office, token, payloads)}
                else:
                    profile = run_dir / "profile"
                    shutil.copytree(template, profile)
                    push, whole = _sync_service(office, token, profile)
                    timings = {"push": push, "run": whole}
            for key, seconds in timings.items():
                figures[key] = min(seconds, figures.get(key, seconds))
    plain_rate = ITEMS / figures["plain"]
    push_rate = ITEMS / figures["push"]
    return {
        "items": ITEMS,
        "statistic": f"best of {ROUNDS}, each on a fresh server and database",
        "profile_build_seconds": round(build_seconds, 1),
        "baseline_plain_requests_post_items_per_s": round(plain_rate, 1),
        "sync_service_push_items_per_s": round(push_rate, 1),
        "sync_service_whole_run_items_per_s": round(ITEMS / figures["run"], 1),  # with the status pull
        "ratio": round(push_rate / plain_rate, 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": push_rate / plain_rate >= TARGET_RATIO,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure(ROOT / "bench-data"), indent=2))
