"""An item is sent only when head office itself acknowledges that very item (issue 13).

A proxy or a stray server in the way may answer 201 with anything, or its own 4xx page: none
of that marks an item sent or rejected. The items stay waiting, the run stops (the same thing
would answer every item), and the real head office later gets each exactly once.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.headoffice.texts import error_problem
from sync.http import Retryable, acknowledgement
from sync.outbox import error_json, parse_error
from tests.headoffice.server import HeadOffice
from tests.sync.conftest import FAST, MakeProfile, log_in, service
from tests.sync.faulty_proxy import OTHER_RECORD, FaultyProxy
from tests.sync.helpers import assert_exactly_once, outbox
from tests.sync.test_cli_sync import branchdesk_sync

RECORD = "3f2b7c1e-8d4a-4c59-9b0e-2a6f1d7c8e90"
GOOD = {"id": RECORD, "kind": "proposal", "status": "received", "received_at": "2026-01-05T08:00:00.000000Z",
        "seq": 7}  # fmt: skip


def test_head_office_s_201_for_this_item_is_the_acknowledgement() -> None:
    assert acknowledgement(201, dict(GOOD), "proposal", RECORD) == GOOD


@pytest.mark.parametrize(("status", "body", "said"), [
    (201, {"id": 5, "status": "rejected"}, "id 5 instead of " + RECORD),
    (201, {**GOOD, "id": OTHER_RECORD}, f'id "{OTHER_RECORD}" instead of'),
    (201, {**GOOD, "kind": "receipt"}, 'kind "receipt" instead of proposal'),
    (201, {**GOOD, "status": "rejected"}, 'status "rejected" instead of received'),
    (201, {k: v for k, v in GOOD.items() if k != "received_at"}, "no received_at time"),
    (201, {**GOOD, "seq": "7"}, "no seq number"),
    (201, {**GOOD, "seq": True}, "no seq number"),
    (200, dict(GOOD), "HTTP 200 instead of 201"),
    (202, dict(GOOD), "HTTP 202 instead of 201"),
    (201, [GOOD], "no JSON object"),
    (201, None, "no JSON object"),
])  # fmt: skip
def test_any_other_success_is_a_fault_to_retry_with_the_reason_in_plain_words(status: int, body: Any,
                                                                               said: str) -> None:  # fmt: skip
    with pytest.raises(Retryable) as caught:
        acknowledgement(status, body, "proposal", RECORD)
    error = caught.value
    assert (error.code, error.status) == ("not_confirmed", status)
    assert said in error.message and f"does not acknowledge proposal {RECORD}" in error.message
    problem = error_problem(parse_error(error_json(error.code, error.message, error.status)))
    assert problem is not None
    assert problem.en.startswith("The answer received does not confirm that head office has this item")
    assert problem.zh_CN.startswith("收到的回应未能确认总公司已收到此项")


def test_a_proxy_s_forged_201s_mark_nothing_sent_then_head_office_gets_each_item_once(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(40, 9)
    token = {"BRANCHDESK_TOKEN": headoffice_token}
    # In head office's place: it answers every push itself, and head office never sees one.
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0,
                     faults=("ack_wrong_before", "ack_other_before")) as proxy:  # fmt: skip
        log_in(ctx, proxy.url, headoffice_token)
        result = branchdesk_sync(ctx.data_dir, "sync", env=token)
        answered = sum(proxy.counts.values())
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sent 0, rejected 0, waiting 49, status updates 0 (0 new)"
    assert lines[1].startswith("stopped early: The answer received does not confirm that head office has this item")
    assert "Traceback" not in result.stderr
    assert headoffice.records() == []
    items = outbox(ctx)
    assert len(items) == 49 and {i.status for i in items} == {"pending"}
    assert [i.server_reply_json for i in items] == [""] * 49
    # The run stopped at the first item: whatever answers would answer every item the same. The
    # one more answer is to the new-version question `sync` asks after a run (ignored: not one).
    assert answered - 1 == items[0].attempts == 3 and {i.attempts for i in items[1:]} == {0}
    assert json.loads(items[0].last_error)["code"] == "not_confirmed"

    log_in(ctx, headoffice, headoffice_token)
    ctx.sync.retry(items[0].id)  # due now, as the Sync page's Retry makes it
    report = service(ctx).run_once()
    assert (report.sent, report.pending_left, report.succeeded) == (49, 0, True)
    assert_exactly_once(ctx, headoffice)


@pytest.mark.parametrize(("fault", "status"), [("html_403_before", 403), ("html_407_before", 407)])
def test_a_proxy_s_own_4xx_rejects_nothing_and_stops_the_run(
    fault: str, status: int, make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(5)
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.0, faults=(fault,)) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        report = service(ctx).run_once()
        answered = sum(proxy.counts.values())
    assert (report.sent, report.rejected, report.rejected_left, report.pending_left) == (0, 0, 0, 5)
    assert report.problem is not None and report.problem.code == "not_head_office"
    assert f"(HTTP {status})" in report.problem.en and "nothing was refused by head office" in report.problem.en
    assert "代理或防火墙" in report.problem.zh_CN
    items = ctx.sync.items()
    assert [(i.status, i.attempts) for i in items] == [("pending", FAST.attempts)] + [("pending", 0)] * 4
    assert answered == FAST.attempts and headoffice.records() == []

    log_in(ctx, headoffice, headoffice_token)
    assert service(ctx).run_once().sent == 5
    assert_exactly_once(ctx, headoffice)
