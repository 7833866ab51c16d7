"""Proposals filled on paper at the counter (issue 19 item 4), registered on a real profile:
the initial review, the form number, the outbox item head office receives, the list, the
handover list and head office's follow-up."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.handover.records import APPLICATION_MATERIALS, ItemInput
from app.headoffice.status import StatusUpdate
from app.profile.audit import events_for
from app.proposals.paper import InvalidPaperProposal, PaperProposalService, normal_form_number
from app.rules import paper_review
from app.rules.ids import ClientId, ProposalId
from app.rules.proposal import content_hash
from local_db import models
from sync import wire
from tests.handover_data import TODAY, set_up_manager, signed, zigzag

ALL_TICKED = dict.fromkeys(paper_review.KEYS, True)


@pytest.fixture
def paper(ctx: AppContext) -> PaperProposalService:
    set_up_manager(ctx)
    return PaperProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)


def product_code(ctx: AppContext) -> str:
    return ctx.catalogue().insurance()[0].code


def register(ctx: AppContext, paper: PaperProposalService, number: str = "0012345", **changes: object) -> ProposalId:
    arguments: dict[str, object] = {
        "form_number": number, "application_date": date(2026, 3, 16), "client_id": None,
        "policyholder_name": "李娜", "insured_name": "王小明", "product_code": product_code(ctx),
        "premium_cents": 1_000_000, "review": ALL_TICKED,
    }  # fmt: skip
    arguments.update(changes)
    return paper.register(**arguments)  # type: ignore[arg-type]


def outbox(ctx: AppContext) -> list[models.OutboxItem]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)))


def test_a_registered_paper_proposal_is_finished_and_queued_as_head_office_reads_it(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    product = ctx.catalogue().insurance()[0]
    proposal_id = register(ctx, paper, number=" ab-0012345 ")
    with ctx.store.sessions() as session:
        row = session.get(models.Proposal, proposal_id)
        assert row is not None
        assert (row.source, row.status, row.paper_form_number) == ("paper", "finished", "AB-0012345")
        assert (row.product_code, row.product_name, row.premium_cents) == (product.code, product.name_zh, 1_000_000)
        assert row.application_date == date(2026, 3, 16)
        assert (row.manager_name, row.manager_code) == ("王芳", "BJ0107")
        assert json.loads(row.review_json) == ALL_TICKED
        parties = {p.role: p.name for p in session.scalars(
            select(models.ProposalParty).where(models.ProposalParty.proposal_id == proposal_id))}  # fmt: skip
        assert parties == {"policyholder": "李娜", "insured": "王小明"}
        audit = [e.action for e in events_for(session, "proposal", proposal_id)]
    assert audit == ["register"]
    [item] = outbox(ctx)
    assert (item.kind, item.record_id, item.status, item.depends_on_id) == ("proposal", proposal_id, "pending", None)
    payload = json.loads(item.payload_json)
    document = wire.paper_proposal_document(
        proposal_id, form_number="AB-0012345", application_date="2026-03-16", product_code=product.code,
        product_name=product.name_zh, premium_cents=1_000_000, policyholder_name="李娜", insured_name="王小明",
        review=ALL_TICKED, manager_code="BJ0107",
    )  # fmt: skip
    assert payload == {**document, "content_hash": content_hash(document)}
    assert payload["proposal"]["source"] == "paper" and payload["signatures"] == []
    assert row.content_hash == content_hash(document)


def test_every_unticked_checklist_item_is_named_and_nothing_is_kept(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    review = {**ALL_TICKED, "teller_stamp": False}
    del review["id_copies"]
    with pytest.raises(InvalidPaperProposal) as refused:
        register(ctx, paper, review=review)
    assert "Stamped by the bank teller" in refused.value.text("en")
    assert "Copies of the ID documents are complete" in refused.value.text("en")
    assert "银行柜员盖章" in refused.value.text("zh_CN") and "身份证件复印件齐全" in refused.value.text("zh_CN")
    assert "Signed by hand" not in refused.value.text("en")
    assert [p.field for p in refused.value.problems] == ["review"]
    assert outbox(ctx) == []
    with ctx.store.sessions() as session:
        assert session.scalars(select(models.Proposal)).first() is None


def test_the_same_form_number_twice_is_refused_with_a_clear_message(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    register(ctx, paper, number="0012345")
    assert paper.form_number_taken(" 0012345")
    with pytest.raises(InvalidPaperProposal) as refused:
        register(ctx, paper, number="００１２３４５", policyholder_name="张伟")  # full-width digits: the same form
    assert refused.value.text("en").startswith("The paper proposal was not registered: Paper proposal 0012345 is "
                                               "already registered.")  # fmt: skip
    assert "纸质投保单 0012345 已经登记过" in refused.value.text("zh_CN")
    assert len(outbox(ctx)) == 1
    register(ctx, paper, number="0012346")  # another form is fine
    assert normal_form_number("ab 12") == "AB12"


def test_every_bad_field_is_reported_at_once(ctx: AppContext, paper: PaperProposalService) -> None:
    with pytest.raises(InvalidPaperProposal) as refused:
        register(ctx, paper, number="12/34", application_date=date(2026, 3, 21), product_code="NOPE",
                 premium_cents=0, policyholder_name=" ", insured_name="")  # fmt: skip
    fields = [p.field for p in refused.value.problems]
    assert fields == ["form_number", "application_date", "product", "premium", "policyholder", "insured"]
    for problem in refused.value.problems:
        assert problem.zh_CN and problem.en
    with pytest.raises(InvalidPaperProposal) as missing:
        register(ctx, paper, number="", application_date=None, premium_cents=None)
    assert [p.field for p in missing.value.problems] == ["form_number", "application_date", "premium"]
    assert outbox(ctx) == []


def test_the_client_card_is_linked_and_fills_the_policyholder(ctx: AppContext, paper: PaperProposalService) -> None:
    from app.clients.records import ClientDraft

    saved = ctx.clients.save(ClientDraft(name="赵敏", mobile="13800138000", occupation="教师"))
    proposal_id = register(ctx, paper, client_id=saved.client_id, policyholder_name="")
    links = ctx.proposal_records.linked_clients(proposal_id)
    assert set(links) == {"policyholder"} and links["policyholder"].name == "赵敏"
    with ctx.store.sessions() as session:
        holder = session.scalar(select(models.ProposalParty).where(
            models.ProposalParty.proposal_id == proposal_id, models.ProposalParty.role == "policyholder"))  # fmt: skip
        assert holder is not None and (holder.name, holder.occupation) == ("赵敏", "教师")
    with pytest.raises(NotFound):
        register(ctx, paper, number="0099", client_id=ClientId("no-such-card"))


def test_it_is_on_the_list_marked_paper_and_found_by_its_form_number(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    proposal_id = register(ctx, paper, number="PB-778")
    [row] = ctx.proposal_records.page(text="778").rows
    assert (row.id, row.source, row.paper_form_number, row.status) == (proposal_id, "paper", "PB-778", "finished")
    assert (row.policyholder_name, row.insured_name, row.premium_cents) == ("李娜", "王小明", 1_000_000)
    assert ctx.proposal_records.page(text="李娜").rows[0].id == proposal_id


def test_it_goes_on_an_application_materials_handover_list_like_the_others(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    proposal_id = register(ctx, paper, number="PB-1")
    [candidate] = ctx.handover.candidates(APPLICATION_MATERIALS)
    assert candidate.proposal_id == proposal_id
    assert candidate.description.startswith("纸质投保单 PB-1（") and "李娜" in candidate.description
    list_id = ctx.handover.create_draft(APPLICATION_MATERIALS, TODAY, None, "柜员小刘",
                                        [ItemInput(proposal_id=proposal_id, copies=1)])  # fmt: skip
    assert ctx.handover.get(list_id).items[0].description == candidate.description
    ctx.handover.sign(list_id, signed(zigzag()), signed(zigzag(24)))
    assert ctx.handover.candidates(APPLICATION_MATERIALS) == []


def test_head_office_follows_it_like_the_others_issue_letters_receipt(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    proposal_id = register(ctx, paper, number="PB-9")
    at = datetime(2026, 3, 18, 2, 0, tzinfo=UTC)
    applied = ctx.hq_status.apply([
        StatusUpdate("proposal", proposal_id, "problem", at, problem_id="HQ-P1", reason="缺受益人身份证复印件"),
        StatusUpdate("proposal", proposal_id, "issued", at.replace(hour=5), policy_number="P20260001"),
    ])  # fmt: skip
    assert applied.changed == 2
    [letter] = ctx.hq_status.letters_for(proposal_id)
    assert letter.reason == "缺受益人身份证复印件"
    row = ctx.proposal_records.row(proposal_id)
    assert (row.hq_status, row.hq_policy_number) == ("issued", "P20260001")
    assert [c.proposal_id for c in ctx.receipts.candidates()] == [proposal_id]
    receipt_id = ctx.receipts.new_draft(proposal_id, "P20260001")
    assert ctx.receipts.get(receipt_id).policyholder_name == "李娜"


def test_a_paper_proposal_cannot_be_edited_as_a_draft(ctx: AppContext, paper: PaperProposalService) -> None:
    proposal_id = register(ctx, paper)
    with pytest.raises(InvalidInput):
        ctx.proposals.link_party(proposal_id, "insured", None)


def test_a_paper_or_withdrawn_proposal_is_not_corrected_on_the_laptop(
    ctx: AppContext, paper: PaperProposalService
) -> None:
    proposal_id = register(ctx, paper)
    with pytest.raises(InvalidInput) as refused:
        ctx.proposals.correct(proposal_id, "客户要求改缴费年期")
    assert "change request" in str(refused.value) and "变更申请" in refused.value.message_zh
    with ctx.store.sessions.begin() as session:
        row = session.get_one(models.Proposal, proposal_id)
        row.source, row.withdrawn_at = "app", datetime(2026, 9, 1, tzinfo=UTC)
    with pytest.raises(InvalidInput) as refused:
        ctx.proposals.correct(proposal_id, "客户要求改缴费年期")
    assert "已撤件" in refused.value.message_zh
    with ctx.store.sessions() as session:
        assert session.scalar(select(models.Proposal).where(models.Proposal.previous_id == proposal_id)) is None
