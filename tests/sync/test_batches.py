"""The outbox in batches (issue 20), against the real head-office server on 127.0.0.1: several
items per request, gzip-compressed, each result applied as a single push's answer; receipts in
a later round than their proposals; a scan too large for a batch alone; a head office without
batches gets single pushes. The exactly-once proofs under faults run through batches too
(tests/sync/test_faults.py)."""

from __future__ import annotations

import os
import re

from app.rules.ids import ProposalId
from sync.http import HeadOffice
from sync.outbox import ALONE_OVER, OutboxDrain
from sync.wire import BATCH_PATH
from tests.headoffice.laptop import queued_inline, receipt_item
from tests.headoffice.server import HeadOffice as Server
from tests.paperwork_helpers import finished_proposal
from tests.sync.conftest import FAST, MakeProfile, log_in, service
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.helpers import assert_exactly_once, outbox

BATCHES = re.compile(r"POST /v1/batch 200 ")
IN_BATCH = re.compile(r"POST /v1/(?:proposals|receipts) 201 manager=\S+ in batch")


def test_items_go_in_growing_gzip_batches_with_progress_by_item_and_by_byte(
    make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    ctx = make_profile(160, 40)
    items = outbox(ctx)
    payload_bytes = sum(len(i.payload_json.encode("utf-8")) for i in items)
    counted: list[tuple[int, int]] = []
    weighed: list[tuple[int, int]] = []
    with FaultyProxy(headoffice.port, fault_rate=0.0, stall_s=0.0) as proxy:
        office = HeadOffice(proxy.url, headoffice_token)
        report = OutboxDrain(ctx.store.sessions, office, FAST).run(
            progress=lambda done, total: counted.append((done, total)),
            on_bytes=lambda done, total: weighed.append((done, total)),
        )
        office.close()
    assert (report.sent, report.rejected, report.deferred, report.stopped) == (200, 0, 0, None)
    assert_exactly_once(ctx, headoffice)
    # Every item counted once, in order; bytes grow to every payload's bytes.
    assert counted == [(n, 200) for n in range(1, 201)]
    assert [done for done, _total in weighed] == sorted({done for done, _total in weighed})
    assert weighed[-1] == (payload_bytes, payload_bytes) and {total for _done, total in weighed} == {payload_bytes}
    # 1, 2, 4 ... 64 items a request, then the receipts in their own round: a handful of requests.
    assert proxy.seen == [("POST", BATCH_PATH, "gzip")] * len(proxy.seen)
    assert len(proxy.seen) == len(weighed) <= 12
    log = headoffice.log_text()
    assert len(BATCHES.findall(log)) == len(proxy.seen) and len(IN_BATCH.findall(log)) == 200


def test_receipts_wait_for_their_proposals_in_a_later_round_of_the_same_run(
    make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    ctx = make_profile(0)
    ids = [finished_proposal(ctx) for _ in range(3)]
    for proposal_id in ids:
        receipt_item(ctx, proposal_id)
    log_in(ctx, headoffice, headoffice_token)
    report = service(ctx).run_once()
    assert (report.sent, report.pending_left, report.succeeded) == (6, 0, True)
    assert_exactly_once(ctx, headoffice)
    kinds = [record.kind for record in sorted(headoffice.records(), key=lambda r: r.seq)]
    assert kinds == ["proposal"] * 3 + ["receipt"] * 3


def test_a_scan_too_large_for_a_batch_goes_alone_compressed(
    make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    ctx = make_profile(2)
    proposal_id = outbox(ctx)[0].record_id
    scan = b"%PDF-1.4\n" + os.urandom(ALONE_OVER) + b"\n%%EOF\n"  # as base64, a third larger than ALONE_OVER
    queued_inline(ctx, receipt_item(ctx, ProposalId(proposal_id), scan=scan))  # inline: queued before issue 20
    with FaultyProxy(headoffice.port, fault_rate=0.0, stall_s=0.0) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        report = service(ctx).run_once()
    assert (report.sent, report.pending_left) == (3, 0)
    assert_exactly_once(ctx, headoffice)
    pushes = [(path, coding) for method, path, coding in proxy.seen if method == "POST"]
    assert pushes == [(BATCH_PATH, "gzip"), (BATCH_PATH, "gzip"), ("/v1/receipts", "gzip")]


def test_a_head_office_without_batches_gets_single_uncompressed_pushes(
    make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    ctx = make_profile(20, 5)
    with FaultyProxy(headoffice.port, fault_rate=0.0, stall_s=0.0, without=(BATCH_PATH,)) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        report = service(ctx).run_once()
    assert (report.sent, report.pending_left, report.succeeded) == (25, 0, True)
    assert_exactly_once(ctx, headoffice)
    pushes = [(path, coding) for method, path, coding in proxy.seen if method == "POST"]
    # One batch tried (one item), then every item alone, as before issue 20, and never compressed.
    assert pushes[0] == (BATCH_PATH, "gzip") and pushes.count((BATCH_PATH, "gzip")) == 1
    assert sorted(pushes[1:]) == sorted([("/v1/proposals", None)] * 20 + [("/v1/receipts", None)] * 5)
    assert [i.attempts for i in outbox(ctx)][:2] == [2, 1]  # the first item: the batch, then alone


def test_a_refused_token_in_a_batch_stops_the_run(make_profile: MakeProfile, headoffice: Server,
                                                  headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(3)
    office = HeadOffice(headoffice.url, "revoked")
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    office.close()
    assert (report.sent, report.deferred) == (0, 1) and report.stopped is not None
    assert [(i.status, i.attempts) for i in outbox(ctx)] == [("pending", 1), ("pending", 0), ("pending", 0)]
    assert headoffice.records() == []


def test_a_large_item_before_any_batch_came_back_goes_uncompressed(
    make_profile: MakeProfile, headoffice: Server, headoffice_token: str
) -> None:
    """Until a batch has come back, head office may be one from before gzip: a large item alone
    is sent as before."""
    ctx = make_profile(1)
    log_in(ctx, headoffice, headoffice_token)
    assert service(ctx).run_once().sent == 1
    scan = b"%PDF-1.4\n" + os.urandom(ALONE_OVER) + b"\n%%EOF\n"
    queued_inline(ctx, receipt_item(ctx, ProposalId(outbox(ctx)[0].record_id), scan=scan))  # queued before issue 20
    with FaultyProxy(headoffice.port, fault_rate=0.0, stall_s=0.0) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        assert service(ctx).run_once().sent == 1
    assert [(path, coding) for method, path, coding in proxy.seen if method == "POST"] == [("/v1/receipts", None)]
    assert_exactly_once(ctx, headoffice)
