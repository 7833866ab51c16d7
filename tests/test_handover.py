"""HandoverService on a real SQLite profile: candidates, drafts, checks, signing, paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from app.context import AppContext
from app.errors import NotFound
from app.handover.records import (
    APPLICATION_MATERIALS,
    POLICY_CONTRACTS,
    InvalidHandover,
    ItemInput,
)
from app.handover.service import HandoverService
from app.profile.audit import events_for
from app.rules.ids import OutletId, ProposalId, ReceiptId
from app.rules.signature import Signature
from local_db import models
from tests.handover_data import (
    TODAY,
    add_outlet,
    finished_proposal,
    proposal_service,
    set_up_manager,
    signed,
    signed_receipt,
    tiny,
    zigzag,
)

BOTH = (signed(zigzag()), signed(zigzag(30)))


@pytest.fixture
def service(ctx: AppContext) -> HandoverService:
    set_up_manager(ctx)
    return HandoverService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)


def count(ctx: AppContext, model: type) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def codes(error: pytest.ExceptionInfo[InvalidHandover]) -> list[str]:
    return [f"{p.field}:{p.code}" for p in error.value.problems]


def test_context_builds_the_service(ctx: AppContext) -> None:
    assert isinstance(ctx.handover, HandoverService)


def test_candidates_are_finished_latest_proposals_without_id_or_phone(
    ctx: AppContext, service: HandoverService
) -> None:
    first = finished_proposal(ctx, holder="张伟", applied=date(2026, 3, 10))
    second = finished_proposal(ctx, holder="李娜", product="国寿福终身寿险", applied=date(2026, 3, 12))
    proposals = proposal_service(ctx)
    proposals.new_draft()  # a draft is not paper yet
    corrected = finished_proposal(ctx, holder="赵敏")
    proposals.correct(corrected, "受益人顺序填写错误")  # the old version is superseded

    rows = service.candidates(APPLICATION_MATERIALS)
    assert [(c.proposal_id, c.policyholder, c.day) for c in rows] == [
        (first, "张伟", date(2026, 3, 10)), (second, "李娜", date(2026, 3, 12)),
    ]  # fmt: skip
    assert rows[1].description == "投保单（国寿福终身寿险，李娜）"
    assert rows[1].receipt_id is None and rows[1].document_id == second
    for row in rows:
        text_shown = repr(row)
        assert "110105" not in text_shown and "1381234" not in text_shown


def test_candidates_leave_out_what_is_on_a_signed_list_of_that_kind(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    other = finished_proposal(ctx, holder="李娜")
    receipt = signed_receipt(ctx, proposal, number="P202600000001")
    draft = service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    # On a draft only: still a candidate, and its receipt is a contract candidate all along.
    assert {c.proposal_id for c in service.candidates(APPLICATION_MATERIALS)} == {proposal, other}
    service.sign(draft, *BOTH)
    assert [c.proposal_id for c in service.candidates(APPLICATION_MATERIALS)] == [other]
    contracts = service.candidates(POLICY_CONTRACTS)
    assert [(c.receipt_id, c.proposal_id, c.policy_number) for c in contracts] == [(receipt, proposal, "P202600000001")]
    assert contracts[0].description == "保单回执 P202600000001（鑫享未来少儿教育年金保险，张伟）"
    assert contracts[0].return_due_on == date(2026, 3, 21)


def test_candidates_by_outlet_include_documents_without_one(ctx: AppContext, service: HandoverService) -> None:
    here, there = add_outlet(ctx), add_outlet(ctx, "BJ-XD", "西单支行")
    mine = finished_proposal(ctx, outlet_id=here)
    theirs = finished_proposal(ctx, outlet_id=there)
    loose = finished_proposal(ctx)
    assert {c.proposal_id for c in service.candidates(APPLICATION_MATERIALS, here)} == {mine, loose}
    assert {c.proposal_id for c in service.candidates(APPLICATION_MATERIALS)} == {mine, theirs, loose}
    receipt = signed_receipt(ctx, theirs)
    assert [c.receipt_id for c in service.candidates(POLICY_CONTRACTS, there)] == [receipt]
    assert service.candidates(POLICY_CONTRACTS, here) == []


def test_draft_round_trip_in_document_order(ctx: AppContext, service: HandoverService) -> None:
    outlet = add_outlet(ctx)
    late = finished_proposal(ctx, holder="李娜", applied=date(2026, 3, 15), outlet_id=outlet)
    early = finished_proposal(ctx, holder="张伟", applied=date(2026, 3, 11), outlet_id=outlet)
    list_id = service.create_draft(
        APPLICATION_MATERIALS, TODAY, outlet, "  刘柜员 ",
        [ItemInput(proposal_id=late, copies=2), ItemInput(proposal_id=early, description="投保单及附件")],
    )  # fmt: skip
    view = service.get(list_id)
    assert (view.kind, view.day, view.status, view.teller_name) == (APPLICATION_MATERIALS, TODAY, "draft", "刘柜员")
    assert (view.manager_name, view.manager_code, view.outlet_code, view.outlet_name) == (
        "王芳",
        "BJ0107",
        "BJ-JGM",
        "建国门支行",
    )
    assert view.title == "投保资料交接清单"
    assert [(i.number, i.proposal_id, i.policyholder, i.copies, i.description) for i in view.items] == [
        (1, early, "张伟", 1, "投保单及附件"),
        (2, late, "李娜", 2, "投保单（鑫享未来少儿教育年金保险，李娜）"),
    ]
    assert view.total_copies == 3 and view.signatures == ()

    service.save_draft(list_id, APPLICATION_MATERIALS, TODAY - timedelta(days=1), None, "陈柜员",
                       [ItemInput(proposal_id=early, copies=3)])  # fmt: skip
    view = service.get(list_id)
    assert (view.day, view.outlet_id, view.teller_name) == (TODAY - timedelta(days=1), None, "陈柜员")
    assert [(i.proposal_id, i.copies) for i in view.items] == [(early, 3)]
    assert count(ctx, models.HandoverItem) == 1
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "handover_list", list_id)] == ["create", "edit"]


def test_every_problem_is_reported_at_once_in_both_languages(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    receipt = signed_receipt(ctx, proposal)
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(
            APPLICATION_MATERIALS, TODAY + timedelta(days=1), None, "  ",
            [ItemInput(proposal_id=proposal, copies=0), ItemInput(proposal_id=proposal, copies=1),
             ItemInput(receipt_id=receipt), ItemInput(proposal_id=ProposalId("no-such-id"), copies=10)],
        )  # fmt: skip
    assert codes(refused) == [
        "day:future", "teller_name:missing", "copies:out_of_range", "document:duplicate",
        "document:kind_mismatch", "copies:out_of_range", "document:not_found",
    ]  # fmt: skip
    problems = refused.value.problems
    assert (
        problems[2].en == "Item 1: copies must be between 1 and 9."
        and problems[2].zh_CN == "第 1 项：份数须在 1 至 9 之间。"
    )
    assert problems[1].zh_CN == "请填写接收资料的柜员姓名。"
    assert "Nothing was saved" in refused.value.hint
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(POLICY_CONTRACTS, TODAY, None, "刘柜员", [])
    assert codes(refused) == ["items:empty"]
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(POLICY_CONTRACTS, TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    assert codes(refused) == ["document:kind_mismatch"]
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft("letters", TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    assert codes(refused) == ["kind:unknown"]
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(
            POLICY_CONTRACTS, date(2026, 3, 17), OutletId("gone"), "刘柜员", [ItemInput(receipt_id=receipt)]
        )
    assert codes(refused) == ["outlet:not_found", "day:before_signing"]
    assert count(ctx, models.HandoverList) == 0 and count(ctx, models.HandoverItem) == 0


def test_only_finished_proposals_and_signed_receipts_go_on_a_list(ctx: AppContext, service: HandoverService) -> None:
    proposals = proposal_service(ctx)
    draft_proposal = proposals.new_draft()
    finished = finished_proposal(ctx)
    with ctx.store.sessions.begin() as session:
        session.add(models.Receipt(id="unsigned", proposal_id=finished, status="draft"))
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=draft_proposal)])
    assert codes(refused) == ["document:not_finished"]
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(POLICY_CONTRACTS, TODAY, None, "刘柜员", [ItemInput(receipt_id=ReceiptId("unsigned"))])
    assert codes(refused) == ["document:not_signed"]
    proposals.correct(finished, "地址有误")
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=finished)])
    assert codes(refused) == ["document:superseded"]


def test_a_manager_name_is_needed(ctx: AppContext) -> None:
    service = HandoverService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)
    proposal = finished_proposal(ctx)
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    assert codes(refused) == ["manager_name:missing"]


def test_both_sign_and_the_list_is_frozen(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    list_id = service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    done = service.sign(list_id, *BOTH)
    assert done.list_id == list_id
    view = service.get(list_id)
    assert view.status == "signed" and view.signed_at == done.signed_at
    assert [(s.role, s.name) for s in view.signatures] == [("manager", "王芳"), ("teller", "刘柜员")]
    teller = view.signature("teller")
    assert teller is not None and teller.png.startswith(b"\x89PNG")
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "handover_list", list_id)] == ["create", "finish"]

    for attempt in (
        lambda: service.save_draft(
            list_id, APPLICATION_MATERIALS, TODAY, None, "陈柜员", [ItemInput(proposal_id=proposal)]
        ),
        lambda: service.delete_draft(list_id),
        lambda: service.sign(list_id, *BOTH),
    ):
        with pytest.raises(InvalidHandover) as refused:
            attempt()
        assert codes(refused) == ["status:signed"]
    assert service.get(list_id) == view
    # Now on a signed list: no other list may take it.
    with pytest.raises(InvalidHandover) as refused:
        service.create_draft(APPLICATION_MATERIALS, TODAY, None, "陈柜员", [ItemInput(proposal_id=proposal)])
    assert codes(refused) == ["document:already_handed_over"]


def test_both_signatures_must_pass_and_nothing_is_written_otherwise(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    receipt = signed_receipt(ctx, proposal)
    list_id = service.create_draft(POLICY_CONTRACTS, TODAY, None, "刘柜员", [ItemInput(receipt_id=receipt)])
    audit_before = count(ctx, models.AuditEvent)
    with pytest.raises(InvalidHandover) as refused:
        service.sign(list_id, signed(zigzag()), signed(tiny()))
    assert codes(refused) == ["signature.teller:too_small"]
    assert refused.value.problems[0].zh_CN.startswith("柜员：")
    with pytest.raises(InvalidHandover) as refused:
        service.sign(list_id, (Signature((), 480, 200), b""), signed(zigzag()))
    assert codes(refused) == ["signature.manager:blank"]
    assert service.get(list_id).status == "draft"
    assert count(ctx, models.Signature) == 2  # the proposal's two, none for the list
    assert count(ctx, models.AuditEvent) == audit_before
    with ctx.store.sessions() as session:
        assert session.get_one(models.Receipt, receipt).returned_on is None


def test_signing_contracts_does_not_return_the_receipts(ctx: AppContext, service: HandoverService) -> None:
    """The 回执 go back to the insurer's counter (ReceiptService.mark_returned), not to the teller."""
    first = signed_receipt(ctx, finished_proposal(ctx), signed_on=date(2026, 3, 17))
    second = signed_receipt(ctx, finished_proposal(ctx, holder="李娜"), signed_on=date(2026, 3, 18))
    with ctx.store.sessions.begin() as session:
        session.get_one(models.Receipt, second).returned_on = date(2026, 3, 19)
    # Returned to the insurer already: its contract still goes to the teller.
    assert {c.receipt_id for c in service.candidates(POLICY_CONTRACTS)} == {first, second}
    day = date(2026, 3, 19)
    list_id = service.create_draft(POLICY_CONTRACTS, day, None, "刘柜员",
                                   [ItemInput(receipt_id=second), ItemInput(receipt_id=first)])  # fmt: skip
    assert [i.receipt_id for i in service.get(list_id).items] == [first, second]
    service.sign(list_id, *BOTH)
    with ctx.store.sessions() as session:
        assert session.get_one(models.Receipt, first).returned_on is None
        assert session.get_one(models.Receipt, second).returned_on == date(2026, 3, 19)
    assert service.candidates(POLICY_CONTRACTS) == []


def test_signing_is_one_transaction(ctx: AppContext, service: HandoverService) -> None:
    receipt = signed_receipt(ctx, finished_proposal(ctx))
    list_id = service.create_draft(POLICY_CONTRACTS, TODAY, None, "刘柜员", [ItemInput(receipt_id=receipt)])
    before = service.get(list_id)
    signatures_before, audit_before = count(ctx, models.Signature), count(ctx, models.AuditEvent)
    # The audit event is the last row written: refusing it proves everything before rolls back.
    with ctx.store.engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
        ))  # fmt: skip
    try:
        with pytest.raises(Exception, match="disk full"):
            service.sign(list_id, *BOTH)
    finally:
        with ctx.store.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_audit"))
    assert service.get(list_id) == before
    assert (count(ctx, models.Signature), count(ctx, models.AuditEvent)) == (signatures_before, audit_before)
    service.sign(list_id, *BOTH)
    assert service.get(list_id).status == "signed"


def test_a_second_draft_cannot_be_signed_over_a_signed_list(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    first = service.create_draft(APPLICATION_MATERIALS, TODAY, None, "刘柜员", [ItemInput(proposal_id=proposal)])
    second = service.create_draft(APPLICATION_MATERIALS, TODAY, None, "陈柜员", [ItemInput(proposal_id=proposal)])
    service.sign(first, *BOTH)
    with pytest.raises(InvalidHandover) as refused:
        service.sign(second, *BOTH)
    assert codes(refused) == ["document:already_handed_over"]
    assert service.get(second).status == "draft"
    service.delete_draft(second)
    with pytest.raises(NotFound):
        service.get(second)
    assert count(ctx, models.HandoverList) == 1


def test_lists_page_newest_first(ctx: AppContext, service: HandoverService) -> None:
    proposal = finished_proposal(ctx)
    outlet = add_outlet(ctx)
    made = []
    for offset in (3, 1, 2, 1, 0):
        made.append(service.create_draft(APPLICATION_MATERIALS, TODAY - timedelta(days=offset), outlet, "刘柜员",
                                         [ItemInput(proposal_id=proposal, copies=2)]))  # fmt: skip
    first_page = service.lists(limit=2)
    rest = service.lists(limit=10, before=first_page[-1])
    ordered = first_page + rest
    assert [r.id for r in ordered] == [made[4], made[3], made[1], made[2], made[0]]
    assert service.lists(limit=10, before=ordered[-1]) == []
    row = ordered[0]
    assert (row.outlet_name, row.item_count, row.total_copies, row.status, row.title) == (
        "建国门支行",
        1,
        2,
        "draft",
        "投保资料交接清单",
    )
