"""Exactly once, whatever the network, the server or the laptop does: the issue's proofs.

All against the real head-office server on 127.0.0.1; network faults come from
tests/sync/faulty_proxy.py between client and server. Each test prints its figures
(`pytest -s` shows them) for the README.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.context import AppContext
from app.headoffice.service import SyncService
from local_db import models
from sync.outbox import RetryPolicy
from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.headoffice.server import HeadOffice
from tests.sync.conftest import FAST, MakeProfile, log_in, service
from tests.sync.faulty_proxy import FAULTS, FaultyProxy
from tests.sync.helpers import assert_exactly_once, outbox

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))


def figures(name: str, **values: object) -> None:
    print(f"\n[sync figures] {name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


def statuses(ctx: AppContext) -> dict[str, int]:
    found: dict[str, int] = {}
    for item in outbox(ctx):
        found[item.status] = found.get(item.status, 0) + 1
    return found


def test_server_down_items_wait_and_all_go_when_it_returns(make_profile: MakeProfile, headoffice: HeadOffice,
                                                           headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(20, 5)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    headoffice.stop()
    sync = service(ctx)
    for _ in range(3):
        report = sync.run_once()
        assert (report.sent, report.succeeded, report.pending_left) == (0, False, 25)
        assert report.problem is not None and report.problem.code == "offline"
        assert "could not be reached" in report.problem.en and "无法连接总公司" in report.problem.zh_CN
    first = sync.items()[0]
    assert (first.status, first.attempts) == ("pending", 3 * FAST.attempts)
    assert first.error is not None and first.error.code == "offline"
    assert sync.summary().pending == 25 and sync.last_success_at() is None

    headoffice.start()
    started = time.perf_counter()
    report = sync.run_once()
    assert (report.sent, report.pending_left, report.succeeded) == (25, 0, True)
    assert_exactly_once(ctx, headoffice)
    figures("server_down", items=25, runs_while_down=3, seconds_after_return=round(time.perf_counter() - started, 2))


def test_a_failed_item_waits_before_a_later_run_and_retry_makes_it_due(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(3)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    patient = RetryPolicy(attempts=2, initial_s=0.01, max_s=0.02, jitter_s=0.0, later_initial_s=60.0)
    sync = service(ctx, policy=patient)
    headoffice.stop()
    before = datetime.now(UTC)
    sync.run_once()
    waiting = sync.items()[0]
    assert waiting.next_attempt_at is not None
    assert before + timedelta(seconds=47) < waiting.next_attempt_at < before + timedelta(seconds=73)
    headoffice.start()
    report = sync.run_once()
    assert (report.sent, report.pending_left) == (2, 1)  # the others went; the failed one waits its turn
    sync.retry(waiting.id)
    assert sync.run_once().sent == 1
    assert_exactly_once(ctx, headoffice)


def test_every_item_is_delivered_exactly_once_through_30_percent_faults(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    # Batches (issue 20) make fewer requests than items: 500 items (the profile of the SIGKILL test
    # below) in batches of at most 2 give each kind of fault its chances, a whole batch included.
    ctx = make_profile(450, 50)
    started = time.perf_counter()
    with FaultyProxy(headoffice.port, fault_rate=0.3, stall_s=0.4, seed=7) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        # Two tries per run, so some items are left for later runs too (the other path to delivery).
        sync = service(
            ctx,
            policy=RetryPolicy(
                attempts=2,
                initial_s=0.01,
                max_s=0.02,
                jitter_s=0.01,
                later_initial_s=0.0,
                later_max_s=0.0,
                batch_items=2,
            ),
            timeout=(1.0, 0.25),
        )
        runs = 0
        while True:
            runs += 1
            report = sync.run_once()
            if report.succeeded and report.pending_left == 0:
                break
            assert runs < 100, statuses(ctx)
    elapsed = time.perf_counter() - started
    assert_exactly_once(ctx, headoffice)
    with ctx.store.sessions() as session:
        assert set(session.scalars(select(models.Proposal.hq_status))) == {"received"}
        attempts = sum(session.scalars(select(models.OutboxItem.attempts)))
    faults = {name: proxy.counts[name] for name in FAULTS}
    assert all(faults.values()), faults  # every kind of fault happened, the "after" ones included
    requests_made = sum(proxy.counts.values())
    assert 0.2 < sum(faults.values()) / requests_made < 0.4
    figures(
        "faults_30_percent",
        items=len(outbox(ctx)),
        runs=runs,
        requests=requests_made,
        faults=sum(faults.values()),
        push_attempts=attempts,
        seconds=round(elapsed, 1),
        **faults,
    )


def _run_in_background(sync: SyncService, progress: Callable[[int, int], None]) -> threading.Thread:
    thread = threading.Thread(target=lambda: sync.run_once(progress=progress), daemon=True)
    thread.start()
    return thread


def test_server_crash_and_restart_in_the_middle_of_a_push(make_profile: MakeProfile, headoffice: HeadOffice,
                                                          headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(160, 40)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    sync = service(ctx)
    started = time.perf_counter()
    for stop_after, how in ((40, "kill"), (110, "restart")):
        reached = threading.Event()

        def progress(done: int, _total: int, n: int = stop_after, reached: threading.Event = reached) -> None:
            if done >= n:
                reached.set()

        pushing = _run_in_background(sync, progress)
        assert reached.wait(60)
        if how == "kill":
            headoffice.kill()  # SIGKILL: a crash, mid-request for whatever was in flight
            headoffice.start()
        else:
            headoffice.restart()  # SIGTERM, as a service manager restarts it
        pushing.join(60)
        assert not pushing.is_alive()
    assert "POST /v1/batch" in headoffice.log_text()  # the items went in batches, killed in the middle of one
    runs = 0
    while sync.summary().pending:
        runs += 1
        sync.run_once()
        assert runs < 20
    assert_exactly_once(ctx, headoffice)
    figures("server_restart", items=200, restarts=2, runs_after=runs, seconds=round(time.perf_counter() - started, 1))


def test_client_killed_20_times_while_pushing_500_items(make_profile: MakeProfile, headoffice: HeadOffice,
                                                        headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(450, 50)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    env = {**os.environ, "BRANCHDESK_TOKEN": headoffice_token}
    command = [BRANCHDESK, "--data-dir", str(ctx.data_dir), "sync", "--progress"]
    rng = random.Random(20)
    kills = interrupted = unheard = widest = 0
    started = time.perf_counter()
    while kills < 20:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        for _ in range(rng.randint(1, 30)):
            if not process.stderr.readline():
                break
        time.sleep(rng.uniform(0, 0.006))  # anywhere inside the next request or commit
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
        if process.returncode != -signal.SIGKILL:
            break  # it finished first: nothing left to interrupt
        kills += 1
        sending = [i for i in outbox(ctx) if i.status == "sending"]
        interrupted += len(sending)
        widest = max(widest, len(sending))  # a batch of that many items was cut short
        held = {r.id for r in headoffice.records()}
        unheard += sum(1 for i in sending if i.record_id in held)  # head office has it; the laptop never heard
    assert kills == 20, "the pushes ended before 20 kills; push more items"
    sent_before_final = statuses(ctx).get("sent", 0)
    final = subprocess.run(command[:-1], env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert final.returncode == 0, final.stdout + final.stderr
    assert interrupted >= 1  # at least one kill landed between "sending" and its outcome
    assert widest >= 2  # and one in the middle of a batch
    assert_exactly_once(ctx, headoffice)
    assert ctx.sync.summary().pending == 0
    figures(
        "client_sigkill",
        items=500,
        kills=kills,
        sent_before_final_run=sent_before_final,
        interrupted_mid_request=interrupted,
        widest_batch_cut=widest,
        server_had_it_client_never_heard=unheard,
        seconds=round(elapsed, 1),
    )
