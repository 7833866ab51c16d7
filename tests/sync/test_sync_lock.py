"""One sync at a time per profile, across processes (issue 13).

Before the lock, three `branchdesk sync` at once on 49 items sent 144-147 requests and one of
them crashed. Now a run holds <data dir>/sync.lock: another run meanwhile (in the same process
or another) is refused at once, plainly, and sends nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time

import pytest

from app.headoffice.service import SyncRunning
from tests.headoffice.server import HeadOffice
from tests.sync.conftest import MakeProfile, log_in, service
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.helpers import assert_exactly_once, outbox
from tests.sync.test_cli_sync import branchdesk_sync
from tests.sync.test_faults import BRANCHDESK, figures

PUSHES = re.compile(r"POST /v1/(?:proposals|receipts) ")


def test_a_second_sync_is_refused_while_one_runs(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(3)
    token = {"BRANCHDESK_TOKEN": headoffice_token}
    # Head office holds the first push for a while, so the first run is under way for sure.
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=30.0, faults=("stall_before",)) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        first = threading.Thread(target=service(ctx, timeout=(1.0, 60.0)).run_once, daemon=True)
        first.start()
        while not proxy.counts:
            time.sleep(0.01)
        with pytest.raises(SyncRunning) as caught:  # the same process: the app's second window
            ctx.sync.run_once()
        assert "already running" in caught.value.message and "已有同步在进行" in caught.value.message_zh
        english = branchdesk_sync(ctx.data_dir, "sync", env=token)
        chinese = branchdesk_sync(ctx.data_dir, "--lang", "zh_CN", "sync", "--json", env=token)
        assert sum(proxy.counts.values()) == 1  # neither second run sent anything
    first.join(30)
    assert not first.is_alive()
    assert english.returncode == chinese.returncode == 5
    assert english.stdout == chinese.stdout == ""
    assert english.stderr.startswith("branchdesk: A sync of this profile is already running")
    assert chinese.stderr.startswith("branchdesk: 此档案已有同步在进行")
    assert "Traceback" not in english.stderr + chinese.stderr

    log_in(ctx, headoffice, headoffice_token)
    for item in ctx.sync.items("pending"):
        ctx.sync.retry(item.id)  # due now: the stalled try left it waiting out a back-off
    assert ctx.sync.run_once().sent == 3  # the lock went with the run that held it
    assert_exactly_once(ctx, headoffice)


def test_three_syncs_started_at_once_send_each_item_once(make_profile: MakeProfile, headoffice: HeadOffice,
                                                         headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(40, 9)
    log_in(ctx, headoffice, headoffice_token)
    env = {**os.environ, "BRANCHDESK_TOKEN": headoffice_token}
    command = [BRANCHDESK, "--data-dir", str(ctx.data_dir), "sync"]
    started = time.perf_counter()
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]  # fmt: skip
    results = [(process.wait(120), *process.communicate()) for process in processes]
    elapsed = time.perf_counter() - started
    codes = sorted(code for code, _out, _err in results)
    for code, out, err in results:
        assert code in (0, 5), out + err
        assert "Traceback" not in err and "unexpected problem" not in err
        if code == 5:
            assert err.startswith("branchdesk: A sync of this profile is already running") and out == ""
    assert 0 in codes
    items = outbox(ctx)
    assert len(items) == 49 and {i.status for i in items} == {"sent"}
    assert_exactly_once(ctx, headoffice)
    pushes = len(PUSHES.findall(headoffice.log_text()))
    assert pushes == 49
    figures("three_syncs_at_once", items=49, pushes=pushes, exit_codes=codes, seconds=round(elapsed, 1))
