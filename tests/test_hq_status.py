"""Head office's answers applied to a real SQLite profile: statuses, problem cases, Today's tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.headoffice.status import HqStatusService, StatusUpdate
from app.profile.audit import events_for
from app.profile.settings import ManagerProfile
from app.proposals.service import ProposalService
from app.rules.ids import ProposalId
from local_db import models
from local_db.base import new_uuid
from tests.test_proposals_service import SIGNED, sample_doc

BEIJING = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 18, 1, 0, tzinfo=UTC)


@pytest.fixture
def hq(ctx: AppContext) -> HqStatusService:
    return HqStatusService(ctx.store.sessions, ctx.actor, zone=lambda: BEIJING, today=lambda: date(2026, 3, 20))


@pytest.fixture
def proposal_id(ctx: AppContext) -> ProposalId:
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    service = ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: date(2026, 3, 16))
    new_id = service.new_draft()
    service.save_draft(new_id, sample_doc(new_id))
    service.finish(new_id, SIGNED)
    return new_id


def proposal(ctx: AppContext, proposal_id: ProposalId) -> models.Proposal:
    with ctx.store.sessions() as session:
        row = session.get(models.Proposal, proposal_id)
        assert row is not None
        session.expunge(row)
        return row


def letter_count(ctx: AppContext) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.HeadOfficeLetter)) or 0


def hq_events(ctx: AppContext, proposal_id: ProposalId) -> int:
    with ctx.store.sessions() as session:
        return sum(e.action == "hq_status" for e in events_for(session, "proposal", proposal_id))


def test_status_moves_along_and_the_same_update_twice_changes_nothing(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId
) -> None:
    received = StatusUpdate("proposal", proposal_id, "received", T0)
    accepted = StatusUpdate("proposal", proposal_id, "accepted", T0 + timedelta(hours=2), reason="核保通过")
    first = hq.apply([received, accepted])
    assert (first.changed, first.unchanged, first.stale, first.unknown) == (2, 0, 0, 0)
    assert first.proposal_ids == (proposal_id,)
    row = proposal(ctx, proposal_id)
    assert (row.hq_status, row.hq_status_at, row.hq_message) == ("accepted", T0 + timedelta(hours=2), "核保通过")
    again = hq.apply([accepted])
    assert (again.changed, again.unchanged, again.proposal_ids) == (0, 1, ())
    assert hq_events(ctx, proposal_id) == 2


def test_an_older_update_never_overwrites_a_newer_one(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId
) -> None:
    issued = StatusUpdate("proposal", proposal_id, "issued", T0 + timedelta(days=2), policy_number="P2026-0001")
    hq.apply([issued])
    late = hq.apply([StatusUpdate("proposal", proposal_id, "received", T0)])
    assert (late.changed, late.stale) == (0, 1)
    row = proposal(ctx, proposal_id)
    assert (row.hq_status, row.hq_policy_number, row.hq_status_at) == ("issued", "P2026-0001", T0 + timedelta(days=2))


@pytest.mark.parametrize("order", [("received", "accepted"), ("accepted", "received")])
def test_same_instant_updates_settle_the_same_whatever_the_order(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId, order: tuple[str, str]
) -> None:
    hq.apply([StatusUpdate("proposal", proposal_id, status, T0) for status in order])
    assert proposal(ctx, proposal_id).hq_status == "accepted"
    hq.apply([StatusUpdate("proposal", proposal_id, "received", T0)])
    assert proposal(ctx, proposal_id).hq_status == "accepted"


def test_problem_opens_a_case_once_and_today_lists_it_as_a_task(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId
) -> None:
    # 20:30 UTC on the 18th is the 19th in Beijing: the case is dated by the manager's calendar.
    at = datetime(2026, 3, 18, 20, 30, tzinfo=UTC)
    problem = StatusUpdate(
        "proposal",
        proposal_id,
        "problem",
        at,
        problem_id="WT-778",
        problem_kind="health_evidence",
        reason="请补充近一年体检报告",
    )
    result = hq.apply([problem, problem])
    assert (result.changed, result.unchanged, result.letters_created) == (1, 1, 1)
    assert hq.apply([problem]).letters_created == 0
    (letter,) = hq.letters_for(proposal_id)
    assert (letter.remote_id, letter.kind, letter.reason) == ("WT-778", "health_evidence", "请补充近一年体检报告")
    assert (letter.issued_on, letter.due_on, letter.overdue) == (date(2026, 3, 19), date(2026, 3, 29), False)
    assert proposal(ctx, proposal_id).hq_status == "problem"

    today = ctx.today.build(date(2026, 3, 19))
    tasks = [r for r in today.reminders if r.kind == "letter_due"]
    assert [(t.subject_id, t.letter_kind, t.client_name, t.due_on) for t in tasks] == [
        (letter.id, "health_evidence", "张伟", date(2026, 3, 29))
    ]

    resolved = hq.resolve(letter.id, "客户已补交体检报告")
    assert resolved.resolved_at is not None and resolved.resolution_note == "客户已补交体检报告"
    assert not [r for r in ctx.today.build(date(2026, 3, 19)).reminders if r.kind == "letter_due"]
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "hq_letter", letter.id)] == ["create", "resolve"]


def test_resolve_needs_a_note_and_happens_once(hq: HqStatusService, proposal_id: ProposalId) -> None:
    hq.apply([StatusUpdate("proposal", proposal_id, "problem", T0, problem_id="WT-1")])
    (letter,) = hq.letters_for(proposal_id)
    with pytest.raises(InvalidInput):
        hq.resolve(letter.id, "   ")
    assert hq.letters_for(proposal_id)[0].resolved_at is None
    hq.resolve(letter.id, "done")
    with pytest.raises(InvalidInput):
        hq.resolve(letter.id, "again")
    with pytest.raises(NotFound):
        hq.resolve("no-such-letter", "note")


def test_cases_list_open_first_then_resolved_and_overdue_is_marked(
    hq: HqStatusService, proposal_id: ProposalId
) -> None:
    hq.apply([
        StatusUpdate("proposal", proposal_id, "problem", T0 - timedelta(days=20), problem_id="OLD"),
        StatusUpdate("proposal", proposal_id, "problem", T0 - timedelta(days=15), problem_id="OVERDUE"),
        StatusUpdate("proposal", proposal_id, "problem", T0, problem_id="NEW"),
    ])  # fmt: skip
    old = next(x for x in hq.letters_for(proposal_id) if x.remote_id == "OLD")
    hq.resolve(old.id, "answered")
    letters = hq.letters_for(proposal_id)
    assert [(x.remote_id, x.overdue) for x in letters] == [("OVERDUE", True), ("NEW", False), ("OLD", False)]


def test_a_stale_problem_still_opens_its_case(ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId) -> None:
    hq.apply([StatusUpdate("proposal", proposal_id, "accepted", T0 + timedelta(days=1))])
    result = hq.apply([StatusUpdate("proposal", proposal_id, "problem", T0, problem_id="LATE")])
    assert (result.changed, result.letters_created) == (1, 1)
    assert proposal(ctx, proposal_id).hq_status == "accepted"


def test_unknown_ids_are_counted_and_skipped(ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId) -> None:
    result = hq.apply([
        StatusUpdate("proposal", "someone-elses", "accepted", T0),
        StatusUpdate("receipt", "no-such-receipt", "problem", T0, problem_id="R-9"),
        StatusUpdate("proposal", proposal_id, "received", T0),
    ])  # fmt: skip
    assert (result.changed, result.unknown, result.letters_created) == (1, 2, 0)
    assert letter_count(ctx) == 0


def test_a_receipts_problem_lands_on_its_proposal(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId
) -> None:
    receipt_id = new_uuid()
    with ctx.store.sessions.begin() as session:
        session.add(models.Receipt(id=receipt_id, proposal_id=proposal_id, status="signed", policy_number="P1"))
    result = hq.apply([
        StatusUpdate("receipt", receipt_id, "received", T0),
        StatusUpdate("receipt", receipt_id, "problem", T0, problem_id="R-1", reason="回执签名与投保单不一致"),
    ])  # fmt: skip
    assert (result.changed, result.unchanged, result.letters_created) == (1, 1, 1)
    assert [x.reason for x in hq.letters_for(proposal_id)] == ["回执签名与投保单不一致"]
    assert proposal(ctx, proposal_id).hq_status is None  # the receipt's status is not the proposal's


@pytest.mark.parametrize("bad", [
    StatusUpdate("policy", "x", "accepted", T0),
    StatusUpdate("proposal", "x", "lost", T0),
    StatusUpdate("proposal", "x", "accepted", datetime(2026, 3, 18, 9, 0)),
    StatusUpdate("proposal", "x", "problem", T0),
    StatusUpdate("proposal", "x", "problem", T0, problem_id="A", problem_kind="complaint"),
])  # fmt: skip
def test_a_malformed_update_refuses_the_whole_batch(
    ctx: AppContext, hq: HqStatusService, proposal_id: ProposalId, bad: StatusUpdate
) -> None:
    good = StatusUpdate("proposal", proposal_id, "problem", T0, problem_id="GOOD")
    with pytest.raises(InvalidInput):
        hq.apply([good, bad])
    assert proposal(ctx, proposal_id).hq_status is None
    assert letter_count(ctx) == 0
