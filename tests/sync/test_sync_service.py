"""SyncService against the real head-office server: login, push, pull, rejections, the page's list."""

from __future__ import annotations

import csv
import json
import stat
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select, update

from app.context import AppContext
from app.errors import InvalidInput
from app.headoffice.service import EmptyLoginField, LoginRequired, NotLoggedIn, ServerUnreachable, TokenRefused
from app.profile.audit import events_for, recent_events
from local_db import models
from local_db.cipher import connect
from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.headoffice.laptop import receipt_item
from tests.headoffice.server import HeadOffice, free_port
from tests.paperwork_helpers import finished_proposal
from tests.sync.conftest import MakeProfile, log_in, service
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.helpers import assert_exactly_once, outbox

SAMPLE_ID_NUMBER = "110101198001010012"  # resources/samples/proposal.json's policyholder


def item_of(ctx: AppContext, record_id: str) -> models.OutboxItem:
    return next(i for i in outbox(ctx) if i.record_id == record_id)


# ---- logging in -------------------------------------------------------------------------


def test_login_checks_the_token_then_keeps_it_in_the_keyring(ctx: AppContext, headoffice: HeadOffice,
                                                              headoffice_token: str) -> None:  # fmt: skip
    result = ctx.sync.login(headoffice.url + "/", SAMPLE_MANAGER, f"  {headoffice_token}\n")
    assert (result.server_url, result.manager_code, result.warning) == (headoffice.url, SAMPLE_MANAGER, "")
    assert keyring.get_password("BranchDesk", f"{headoffice.url}|{SAMPLE_MANAGER}") == headoffice_token
    assert ctx.settings.server_url() == headoffice.url
    state = ctx.sync.login_state()
    assert (state.server_url, state.manager_code, state.has_token, state.from_environment) == (
        headoffice.url,
        SAMPLE_MANAGER,
        True,
        False,
    )
    assert ctx.sync.logout() is True
    assert not ctx.sync.login_state().has_token


def test_a_refused_token_or_a_dead_server_stores_nothing(ctx: AppContext, headoffice: HeadOffice,
                                                         headoffice_token: str) -> None:  # fmt: skip
    with pytest.raises(TokenRefused, match="refused this token"):
        ctx.sync.login(headoffice.url, SAMPLE_MANAGER, "not-the-token")
    with pytest.raises(ServerUnreachable, match="could not be reached"):
        ctx.sync.login(f"http://127.0.0.1:{free_port()}", SAMPLE_MANAGER, headoffice_token)
    with pytest.raises(InvalidInput, match="not a server address"):
        ctx.sync.login("hq.example.com", SAMPLE_MANAGER, headoffice_token)
    with pytest.raises(InvalidInput, match="token is empty"):
        ctx.sync.login(headoffice.url, SAMPLE_MANAGER, "  ")
    assert ctx.settings.server_url() == ""
    assert keyring.get_password("BranchDesk", f"{headoffice.url}|{SAMPLE_MANAGER}") is None


def test_an_empty_manager_code_or_token_is_said_in_both_languages(ctx: AppContext) -> None:
    with pytest.raises(EmptyLoginField) as caught:
        ctx.sync.login("https://hq.example.com", "  ", "a-token")
    assert caught.value.code == "manager_code_empty" and isinstance(caught.value, InvalidInput)
    assert str(caught.value) == "The manager code is empty. Type your manager code, e.g. BJ0107."
    assert caught.value.text("zh_CN") == "客户经理工号为空。请输入您的工号，例如 BJ0107。"
    with pytest.raises(EmptyLoginField) as caught:
        ctx.sync.login("https://hq.example.com", SAMPLE_MANAGER, "")
    assert caught.value.code == "token_empty"
    assert (str(caught.value), caught.value.text("zh_CN")) == (
        "The token is empty. Paste the token head office gave you.",
        "令牌为空。请粘贴总公司发给您的令牌。",
    )
    assert ctx.settings.server_url() == ""


def test_login_warns_when_the_profile_belongs_to_another_manager(ctx: AppContext, headoffice: HeadOffice,
                                                                 headoffice_token: str) -> None:  # fmt: skip
    from app.profile.settings import ManagerProfile

    ctx.settings.set_manager(ManagerProfile(name="李雷", code="SH0002"))
    assert "SH0002" in ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token).warning


def test_not_logged_in(ctx: AppContext) -> None:
    finished_proposal(ctx)
    with pytest.raises(NotLoggedIn, match="branchdesk login"):
        ctx.sync.run_once()
    assert [i.status for i in outbox(ctx)] == ["pending"]


# ---- pushing and pulling ----------------------------------------------------------------


def test_push_in_order_then_pull_head_office_status_into_proposals_and_today(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(4, 1)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    seen: list[tuple[int, int]] = []
    report = ctx.sync.run_once(progress=lambda done, total: seen.append((done, total)))
    assert (report.total, report.sent, report.rejected, report.pending_left, report.succeeded) == (5, 5, 0, 0, True)
    assert seen == [(n, 5) for n in range(1, 6)]
    assert_exactly_once(ctx, headoffice)
    # Each receipt reached head office after its proposal.
    order = [r.id for r in headoffice.records()]
    for item in outbox(ctx):
        if item.kind == "receipt":
            receipt = json.loads(item.payload_json)["receipt"]
            assert order.index(receipt["proposal_id"]) < order.index(item.record_id)
    assert report.statuses_pulled == 5 and len(report.proposal_ids) == 4
    assert ctx.sync.last_success_at() == report.finished_at

    proposals = [i.record_id for i in outbox(ctx) if i.kind == "proposal"]
    with_receipt, issued, problem, accepted = proposals  # the first has a signed receipt
    headoffice.decide(with_receipt, "issued", "--policy-number", "P2026000123")
    headoffice.decide(issued, "issued", "--policy-number", "P2026000999")
    headoffice.decide(problem, "problem", "--reason", "请补充体检报告", "--problem-kind", "medical_exam")
    headoffice.decide(accepted, "accepted")
    again = ctx.sync.run_once()
    assert (again.total, again.statuses_pulled, again.statuses_changed, again.letters_created) == (0, 4, 4, 1)
    assert set(again.proposal_ids) == {with_receipt, issued, problem, accepted}
    assert ctx.sync.run_once().statuses_pulled == 0  # the cursor moved on

    with ctx.store.sessions() as session:
        rows = {p.id: p for p in session.scalars(select(models.Proposal).where(models.Proposal.id.in_(proposals)))}
    assert (rows[issued].hq_status, rows[issued].hq_policy_number) == ("issued", "P2026000999")
    assert (rows[problem].hq_status, rows[problem].hq_message) == ("problem", "请补充体检报告")
    assert rows[accepted].hq_status == "accepted"
    reminders = ctx.today.build(date.today()).reminders
    tasks = {(r.kind, r.subject_id if r.kind == "policy_delivery" else r.letter_kind) for r in reminders}
    # Issued without a signed receipt: deliver the policy. Issued with one: nothing to do.
    assert ("policy_delivery", issued) in tasks and ("policy_delivery", with_receipt) not in tasks
    assert ("letter_due", "medical_exam") in tasks
    delivery = next(r for r in reminders if r.kind == "policy_delivery")
    assert (delivery.client_name, delivery.detail) == ("张伟", "P2026000999")


def test_a_refused_item_keeps_the_reason_and_the_others_go_on(make_profile: MakeProfile, headoffice: HeadOffice,
                                                              headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(2)
    foreign = finished_proposal(ctx, manager_code="SH0002")  # not this token's manager: 403
    tampered = finished_proposal(ctx)
    with ctx.store.sessions.begin() as session:  # the body no longer matches its content_hash: 422
        item = session.scalars(select(models.OutboxItem).where(models.OutboxItem.record_id == tampered)).one()
        item.payload_json = item.payload_json.replace("张伟", "张卫")
    finished_proposal(ctx)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)

    report = ctx.sync.run_once()
    assert (report.sent, report.rejected, report.rejected_left, report.pending_left) == (3, 2, 2, 0)
    rows = {i.record_id: i for i in ctx.sync.items()}
    refused = rows[foreign].error
    assert rows[foreign].status == "rejected" and refused is not None
    assert refused.code == "forbidden"
    assert "another manager" in refused.en and "其他客户经理" in refused.zh_CN
    bad = rows[tampered].error
    assert rows[tampered].status == "rejected" and bad is not None
    assert (bad.code, bad.field) == ("invalid", "content_hash") and "Head office refused it" in bad.en
    assert {r.id for r in headoffice.records()} == {i.record_id for i in outbox(ctx)} - {foreign, tampered}
    assert [i.id for i in ctx.sync.items("rejected")] == [rows[foreign].id, rows[tampered].id]

    # Retry: back to pending with the attempts kept; head office refuses it again.
    retried = ctx.sync.retry(rows[foreign].id)
    assert (retried.status, retried.attempts, retried.error) == ("pending", 1, None)
    assert ctx.sync.run_once().rejected == 1
    assert ctx.sync.items("rejected")[0].attempts == 2

    # Discard: a private local copy of exactly what would have been sent, and an audit event.
    copy = ctx.sync.discard(rows[tampered].id)
    item = item_of(ctx, tampered)
    assert copy == ctx.data_dir / "discarded" / f"{item.seq}-proposal-{item.id}.sqlite3"
    # Encrypted with the database's key, as the database itself.
    assert item.payload_json.encode() not in copy.read_bytes() and item.status == "discarded"
    with closing(connect(copy, ctx.store.key, readonly=True)) as kept:
        assert kept.execute("SELECT payload_json FROM payload").fetchone()[0] == item.payload_json
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "outbox", item.id)] == ["discard"]
    with pytest.raises(InvalidInput, match="this one is discarded"):
        ctx.sync.discard(item.id)
    with pytest.raises(InvalidInput, match="this one is sent"):
        ctx.sync.retry(outbox(ctx)[0].id)
    summary = ctx.sync.summary()
    assert (summary.pending, summary.rejected, summary.oldest_pending_at) == (0, 1, None)


def test_a_receipt_waits_for_its_proposal(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(1)
    foreign = finished_proposal(ctx, manager_code="SH0002")
    receipt = receipt_item(ctx, foreign)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)

    report = ctx.sync.run_once()
    assert (report.sent, report.rejected, report.held, report.pending_left) == (1, 1, 0, 1)
    assert ctx.sync.run_once().held == 1
    held = next(i for i in ctx.sync.items() if i.record_id == receipt.record_id)
    assert (held.status, held.attempts) == ("pending", 0)
    assert held.error is not None and held.error.code == "held_proposal_rejected"
    assert "Waits for its proposal" in held.error.en
    assert receipt.record_id not in {r.id for r in headoffice.records()}

    ctx.sync.discard(item_of(ctx, foreign).id)
    ctx.sync.run_once()
    held = next(i for i in ctx.sync.items() if i.record_id == receipt.record_id)
    assert held.error is not None and held.error.code == "held_proposal_discarded"


def test_a_refused_token_stops_the_run_and_asks_to_log_in_again(make_profile: MakeProfile, headoffice: HeadOffice,
                                                                headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(3)
    log_in(ctx, headoffice, "revoked-token")
    with pytest.raises(LoginRequired, match=r"log in again|Log in again"):
        ctx.sync.run_once()
    items = ctx.sync.items()
    assert [(i.status, i.attempts) for i in items] == [("pending", 1), ("pending", 0), ("pending", 0)]
    assert items[0].error is not None and items[0].error.en == "Head office refused the login; log in again."
    assert headoffice.records() == []


def test_cancel_stops_between_items_and_the_next_run_finishes(make_profile: MakeProfile, headoffice: HeadOffice,
                                                              headoffice_token: str) -> None:  # fmt: skip
    ctx = make_profile(20)
    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 5:
            cancel.set()

    report = ctx.sync.run_once(cancel, progress)
    # Between requests: batches of 1, 2 and 4 items; the fifth came back in the third, recorded whole.
    assert (report.cancelled, report.succeeded, report.sent, report.pending_left) == (True, False, 7, 13)
    assert ctx.sync.last_success_at() is None
    assert report.statuses_pulled == 0  # a cancelled run does not go on to pull
    finished = ctx.sync.run_once()
    assert (finished.sent, finished.pending_left, finished.succeeded) == (13, 0, True)
    assert_exactly_once(ctx, headoffice)


def test_a_time_limit_bounds_a_run_against_a_server_that_never_answers(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str
) -> None:
    ctx = make_profile(3)
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=30, faults=("stall_before",)) as proxy:
        log_in(ctx, proxy.url, headoffice_token)
        sync = service(ctx, timeout=(3.05, 20.0))  # the app's own timeouts: the limit must cut them short
        started = time.monotonic()
        report = sync.run_once(time_limit_s=1.0)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0, elapsed
    assert report.cancelled and report.sent == 0 and report.pending_left == 3
    assert {i.status for i in outbox(ctx)} == {"pending"}


def test_export_lists_every_item_without_payloads(make_profile: MakeProfile, tmp_path: Path) -> None:
    ctx = make_profile(2, 1)
    with ctx.store.sessions.begin() as session:  # as a refusal from head office leaves it
        session.execute(
            update(models.OutboxItem)
            .where(models.OutboxItem.seq == 2)
            .values(status="rejected", last_error='{"code": "forbidden", "message": "x", "status": 403}')
        )
    target = tmp_path / "outbox.csv"
    assert ctx.sync.export_items(target) == 3
    text = target.read_text(encoding="utf-8-sig")
    assert SAMPLE_ID_NUMBER not in text and "strokes" not in text
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["seq"], r["kind"], r["status"], r["policyholder"]) for r in rows] == [
        ("1", "proposal", "pending", "张伟"),
        ("2", "proposal", "rejected", "张伟"),
        ("3", "receipt", "pending", "张伟"),
    ]
    assert "another manager" in rows[1]["last_error"]
    with ctx.store.sessions() as session:
        latest = recent_events(session, entity="head_office", limit=1)[0]
    assert latest.action == "export"
    with pytest.raises(InvalidInput, match="could not be written"):
        ctx.sync.export_items(tmp_path / "missing" / "outbox.csv")
