"""Change (投保单变更申请书) and withdrawal (撤销投保申请书) requests before issue (issue 19 item 3),
on a real profile: what each needs, the outbox item after the proposal's, and when they are refused."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.headoffice.status import StatusUpdate
from app.profile.audit import events_for
from app.proposals.requests import CHANGE, WITHDRAW, RequestService
from app.rules.ids import ProposalId
from app.rules.proposal import canonical_text
from local_db import models
from sync import wire
from tests.handover_data import finished_proposal, set_up_manager, signature_png, zigzag

SCAN = signature_png(zigzag())  # a real PNG: the signed form photographed
ID_COPY = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def proposal_id(ctx: AppContext) -> ProposalId:
    set_up_manager(ctx)
    return finished_proposal(ctx)


@pytest.fixture
def requests(ctx: AppContext) -> RequestService:
    return ctx.requests


def outbox(ctx: AppContext) -> list[models.OutboxItem]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)))


def test_a_change_with_its_signed_form_is_queued_after_the_proposal(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    draft = requests.draft(proposal_id, CHANGE, "客户更换手机号", {"policyholder_mobile": " 13900001111 ", "other": ""})
    assert (draft.status, draft.details, draft.reason) == (
        "draft",
        {"policyholder_mobile": "13900001111"},
        "客户更换手机号",
    )
    with pytest.raises(InvalidInput) as unsigned:
        requests.send(draft.id)
    assert "signed by the policyholder and the insured" in unsigned.value.text("en")
    assert "投保单变更申请书" in unsigned.value.text("zh_CN")
    attached = requests.attach(draft.id, "变更申请书.png", SCAN)
    assert (attached.mime, attached.size, attached.sha256) == ("image/png", len(SCAN), hashlib.sha256(SCAN).hexdigest())
    item_id = requests.send(draft.id)
    proposal_item, item = outbox(ctx)
    assert (proposal_item.kind, proposal_item.record_id) == ("proposal", proposal_id)
    assert (item.id, item.kind, item.record_id, item.depends_on_id) == (item_id, "request", draft.id, proposal_item.id)
    sent = requests.get(draft.id)
    assert sent.status == "queued" and sent.queued_at is not None and sent.is_open
    assert item.payload_json == canonical_text(
        wire.request_document(
            request_id=draft.id, proposal_id=proposal_id, kind="change", reason="客户更换手机号",
            details={"policyholder_mobile": "13900001111"}, requested_at=sent.queued_at.isoformat(),
            attachments=[{"name": "变更申请书.png", "mime": "image/png", "size": len(SCAN),
                          "sha256": hashlib.sha256(SCAN).hexdigest()}],
        )
    )  # fmt: skip
    with ctx.store.sessions() as session:  # the bytes go ahead of the item (issue 20)
        queued = session.scalars(select(models.OutboxFile).where(models.OutboxFile.item_id == item_id)).all()
    assert [(f.name, f.data, f.sha256) for f in queued] == [("变更申请书.png", SCAN, hashlib.sha256(SCAN).hexdigest())]
    with ctx.store.sessions() as session:
        audit = events_for(session, "proposal_request", draft.id)
    assert [e.action for e in audit] == ["create", "attach", "send"]
    assert all("13900001111" not in json.dumps(e.detail) for e in audit)  # the new number stays out of the log
    assert [r.id for r in requests.for_proposal(proposal_id)] == [draft.id]
    with pytest.raises(InvalidInput):
        requests.attach(draft.id, "more.png", SCAN)  # sent: its attachments no longer change


def test_what_each_kind_needs_before_it_is_sent(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    change = requests.draft(proposal_id, CHANGE, "", {})
    requests.attach(change.id, "form.png", SCAN)
    with pytest.raises(InvalidInput) as no_field:
        requests.send(change.id)
    assert no_field.value.text("en") == "Say which field changes and to what."
    withdraw = requests.draft(proposal_id, WITHDRAW, "  ", {"premium": "ignored"})
    assert withdraw.details == {}  # a withdrawal changes no field
    requests.attach(withdraw.id, "id.pdf", ID_COPY)
    with pytest.raises(InvalidInput) as no_reason:
        requests.send(withdraw.id)
    assert "reason" in no_reason.value.text("en") and "原因" in no_reason.value.text("zh_CN")
    again = requests.draft(proposal_id, WITHDRAW, "客户资金另有安排", {})
    assert again.id == withdraw.id and [a.name for a in again.attachments] == ["id.pdf"]  # the same draft
    requests.remove_attachment(again.attachments[0].id)
    with pytest.raises(InvalidInput) as no_id:
        requests.send(withdraw.id)
    assert "policyholder's ID" in no_id.value.text("en")
    with pytest.raises(InvalidInput):
        requests.attach(withdraw.id, "notes.txt", b"just text")  # not a scan, whatever its name
    with pytest.raises(InvalidInput):
        requests.draft(proposal_id, CHANGE, "", {"id_number": "x"})
    with pytest.raises(InvalidInput):
        requests.draft(proposal_id, "cancel", "", {})
    assert [i.kind for i in outbox(ctx)] == ["proposal"]


def test_a_second_open_request_of_the_same_kind_is_refused(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    first = requests.draft(proposal_id, WITHDRAW, "不想买了", {})
    requests.attach(first.id, "id.pdf", ID_COPY)
    requests.send(first.id)
    with pytest.raises(InvalidInput) as refused:
        requests.draft(proposal_id, WITHDRAW, "再撤一次", {})
    assert "already with head office" in refused.value.text("en")
    assert "撤销投保申请书" in refused.value.text("zh_CN")
    change = requests.draft(proposal_id, CHANGE, "", {"payment_account": "6222 0000 1111"})  # another kind is fine
    assert change.status == "draft"
    # Head office refuses the first (on the status feed): a new one may be made.
    refused_at = datetime.now(UTC)
    ctx.hq_status.apply([StatusUpdate("request", first.id, "refused", refused_at, reason="请客户本人到柜面办理")])
    [_, replied] = requests.for_proposal(proposal_id)
    assert (replied.hq_reply, replied.hq_reply_text, replied.is_open) == ("refused", "请客户本人到柜面办理", False)
    assert requests.draft(proposal_id, WITHDRAW, "再撤一次", {}).status == "draft"


def test_refused_once_issued_or_withdrawn_or_not_finished(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    draft = requests.draft(proposal_id, CHANGE, "", {"premium": "20,000"})
    requests.attach(draft.id, "form.png", SCAN)
    ctx.hq_status.apply([StatusUpdate("proposal", proposal_id, "issued", datetime.now(UTC), policy_number="P1")])
    with pytest.raises(InvalidInput) as issued:
        requests.send(draft.id)
    assert "already issued" in issued.value.text("en") and "承保出单" in issued.value.text("zh_CN")
    with pytest.raises(InvalidInput):
        requests.draft(proposal_id, WITHDRAW, "晚了", {})
    other = finished_proposal(ctx, holder="刘洋")
    with ctx.store.sessions.begin() as session:  # as the 30-day withdrawal (撤件) leaves it
        session.execute(
            update(models.Proposal)
            .where(models.Proposal.id == other)
            .values(withdrawn_at=datetime.now(UTC), withdrawn_reason="not issued within 30 days")
        )
    with pytest.raises(InvalidInput) as withdrawn:
        requests.draft(other, CHANGE, "", {"premium": "1"})
    assert "already withdrawn" in withdrawn.value.text("en")
    new_draft = ctx.proposals.new_draft()
    with pytest.raises(InvalidInput):
        requests.draft(new_draft, CHANGE, "", {"premium": "1"})
    with pytest.raises(NotFound):
        requests.draft(ProposalId("nope"), CHANGE, "", {"premium": "1"})
    assert [i.kind for i in outbox(ctx)] == ["proposal", "proposal"]


def test_a_draft_request_can_be_discarded_with_its_attachments(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    draft = requests.draft(proposal_id, WITHDRAW, "x", {})
    requests.attach(draft.id, "id.pdf", ID_COPY)
    requests.discard(draft.id)
    assert requests.for_proposal(proposal_id) == ()
    with ctx.store.sessions() as session:
        assert session.scalars(select(models.Attachment)).first() is None


def test_a_paper_proposal_can_be_withdrawn_too(ctx: AppContext, requests: RequestService) -> None:
    set_up_manager(ctx)
    from app.rules import paper_review

    paper_id = ctx.paper_proposals.register(
        "PB-5", datetime.now(UTC).date(), None, "李娜", "李娜", ctx.catalogue().insurance()[0].code, 500_000,
        dict.fromkeys(paper_review.KEYS, True),
    )  # fmt: skip
    draft = requests.draft(paper_id, WITHDRAW, "客户改变主意", {})
    requests.attach(draft.id, "id.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    requests.send(draft.id)
    paper_item, item = outbox(ctx)
    assert (item.depends_on_id, json.loads(item.payload_json)["kind"]) == (paper_item.id, "withdraw")


def test_an_accepted_withdrawal_withdraws_the_proposal_and_ends_its_requests(
    ctx: AppContext, requests: RequestService, proposal_id: ProposalId
) -> None:
    draft = requests.draft(proposal_id, WITHDRAW, "客户资金另有安排", {})
    requests.attach(draft.id, "id.pdf", ID_COPY)
    requests.send(draft.id)
    ctx.hq_status.apply([StatusUpdate("request", draft.id, "accepted", datetime.now(UTC), reason="同意撤件")])
    [replied] = requests.for_proposal(proposal_id)
    assert (replied.hq_reply, replied.hq_reply_text, replied.is_open) == ("accepted", "同意撤件", False)
    row = ctx.proposal_records.row(proposal_id)
    assert row.withdrawn and row.withdrawn_reason != "not issued within 30 days"
    with pytest.raises(InvalidInput) as refused:
        requests.draft(proposal_id, CHANGE, "", {"premium": "1"})
    assert "already withdrawn" in refused.value.text("en")
