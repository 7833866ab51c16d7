"""Every answer is read with a size cap and a deadline for the whole exchange (issue 13).

A 200 of 50 MiB of `[` is refused at the cap (no RecursionError, no 50 MiB in memory); an
answer dripped one byte a second, in the body or already in the status line, is cut at the
deadline although no single read ever times out. Each test prints its figures (`pytest -s`).
"""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest

from sync.http import PUSH_ANSWER_MAX, STATUS_ANSWER_MAX, HeadOffice, Retryable
from sync.outbox import OutboxDrain, RetryPolicy
from tests.headoffice.server import HeadOffice as Server
from tests.sync.conftest import MakeProfile, log_in, service
from tests.sync.faulty_proxy import HUGE_BYTES, FaultyProxy
from tests.sync.helpers import outbox
from tests.sync.test_faults import figures

MIB = 1024 * 1024
ONCE = RetryPolicy(attempts=1, give_up_after=1)


def test_a_50_mib_status_page_is_refused_at_the_cap(headoffice: Server, headoffice_token: str) -> None:
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0, faults=("huge_before",)) as proxy:
        office = HeadOffice(proxy.url, headoffice_token)
        tracemalloc.start()
        started = time.perf_counter()
        try:
            with pytest.raises(Retryable) as caught:
                office.status()
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        office.close()
    assert caught.value.code == "unexpected" and caught.value.status == 200
    assert f"larger than {STATUS_ANSWER_MAX:,} bytes" in caught.value.message
    assert peak < STATUS_ANSWER_MAX + 4 * MIB, peak  # what the cap lets in, not 50 MiB
    assert proxy.huge_sent < HUGE_BYTES / 2  # the laptop hung up long before the end
    assert elapsed < 5.0
    figures(
        "answer_50_mib",
        seconds=round(elapsed, 2),
        peak_mib=round(peak / MIB, 1),
        mib_sent_before_hang_up=proxy.huge_sent // MIB,
    )


def test_a_50_mib_push_answer_leaves_the_items_waiting(make_profile: MakeProfile, headoffice: Server,
                                                       headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(3)
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0, faults=("huge_before",)) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        started = time.perf_counter()
        report = service(ctx).run_once()
        elapsed = time.perf_counter() - started
    assert (report.sent, report.rejected, report.pending_left, report.succeeded) == (0, 0, 3, False)
    assert report.problem is not None and report.problem.code == "unexpected"
    item = outbox(ctx)[0]
    assert (
        item.status == "pending" and f"larger than {PUSH_ANSWER_MAX:,} bytes" in json.loads(item.last_error)["message"]
    )
    assert headoffice.records() == [] and elapsed < 10.0


@pytest.mark.parametrize("fault", ["drip_before", "drip_headers_before"])
def test_an_answer_dripped_a_byte_a_second_is_cut_at_the_deadline(
    fault: str, make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    ctx = make_profile(1)
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0, faults=(fault,), drip_s=1.0) as proxy:
        # The app's own per-read timeouts (3.05 s, 20 s): a byte a second never trips them.
        office = HeadOffice(proxy.url, headoffice_token, answer_within_s=2.0)
        started = time.monotonic()
        report = OutboxDrain(ctx.store.sessions, office, ONCE).run()
        elapsed = time.monotonic() - started
        office.close()
    assert 1.9 < elapsed < 3.0, elapsed
    assert (report.sent, report.deferred) == (0, 1)
    assert isinstance(report.stopped, Retryable) and report.stopped.code == "timeout"
    assert "did not come in full within 2." in report.stopped.message  # 2 s, and 0.1 s to send the form
    item = outbox(ctx)[0]
    assert item.status == "pending" and json.loads(item.last_error)["code"] == "timeout"
    figures(f"cut_{fault}", deadline_s=2.0, seconds=round(elapsed, 2))


def test_a_run_s_time_limit_cuts_a_dripping_answer_too(make_profile: MakeProfile, headoffice: Server,
                                                       headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(2)
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0, faults=("drip_before",), drip_s=0.5) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        started = time.monotonic()
        report = service(ctx, timeout=(3.05, 20.0)).run_once(time_limit_s=1.5)
        elapsed = time.monotonic() - started
    assert elapsed < 2.5, elapsed
    assert report.sent == 0 and report.pending_left == 2 and not report.succeeded
    assert {i.status for i in outbox(ctx)} == {"pending"}
