"""Answers to head office's letters (issue 19): drafts, attachments told by content, queued once
after the proposal, the letter resolved, audit events — on a real SQLite profile."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.common.local_time import local_zone
from app.context import AppContext
from app.day.reminders import Occurrence
from app.errors import InvalidInput, NotFound
from app.headoffice import attachments
from app.headoffice.status import StatusUpdate
from app.profile.audit import events_for
from app.profile.settings import ManagerProfile
from app.rules.ids import ProposalId
from local_db import models
from local_db.base import new_uuid, utcnow
from tests.paperwork_helpers import PNG, finished_proposal

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 64
PNG_FILE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
T0 = datetime(2026, 3, 18, 1, 0, tzinfo=UTC)


def raise_letter(ctx: AppContext, kind: str = "problem", remote_id: str = "HQ-P-1") -> tuple[ProposalId, str]:
    """A finished proposal and a letter of `kind` head office raised on it: (proposal_id, letter_id)."""
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    proposal_id = finished_proposal(ctx)
    ctx.hq_status.apply([StatusUpdate("proposal", proposal_id, "problem", T0, problem_id=remote_id,
                                      problem_kind=kind, reason="缺少收入证明")])  # fmt: skip
    with ctx.store.sessions() as session:
        letter_id = session.scalar(
            select(models.HeadOfficeLetter.id).where(models.HeadOfficeLetter.remote_id == remote_id)
        )
    assert letter_id is not None
    return proposal_id, letter_id


def outbox(ctx: AppContext) -> list[models.OutboxItem]:
    with ctx.store.sessions() as session:
        rows = list(session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)))
        session.expunge_all()
        return rows


def test_check_file_tells_the_kind_by_content_not_by_name() -> None:
    assert attachments.check_file("photo.jpg", JPEG) == ("image/jpeg", hashlib.sha256(JPEG).hexdigest())
    assert attachments.check_file("scan", PNG_FILE)[0] == "image/png"
    assert attachments.check_file("收入证明.pdf", PDF)[0] == "application/pdf"
    with pytest.raises(InvalidInput) as text:
        attachments.check_file("photo.jpg", b"just some text, not a photo")
    assert "JPEG" in str(text.value) and text.value.message_zh
    with pytest.raises(InvalidInput, match="empty"):
        attachments.check_file("a.png", b"")
    with pytest.raises(InvalidInput, match="larger than 10 MB"):
        attachments.check_file("big.pdf", b"%PDF-" + b"0" * attachments.MAX_BYTES)
    assert attachments.check_file("ok.pdf", b"%PDF-" + b"0" * (attachments.MAX_BYTES - 5))[0] == "application/pdf"
    assert attachments.clean_name("C:\\Users\\wang\\扫描\x07件.pdf") == "扫描件.pdf"


def test_an_answer_is_drafted_attached_and_sent_once_after_its_proposal(ctx: AppContext) -> None:
    proposal_id, letter_id = raise_letter(ctx)
    draft = ctx.answers.draft(letter_id)
    assert ctx.answers.draft(letter_id).id == draft.id  # one open draft per letter
    ctx.answers.save(draft.id, "  已补交收入证明  ")
    photo = ctx.answers.attach(draft.id, "photo.jpg", JPEG)
    png = ctx.answers.attach(draft.id, "scan.png", PNG_FILE)
    ctx.answers.attach(draft.id, "证明.pdf", PDF)
    ctx.answers.remove_attachment(png.id)
    with pytest.raises(InvalidInput):
        ctx.answers.attach(draft.id, "fake.jpg", b"hello")
    view = ctx.answers.for_letter(letter_id)[0]
    assert (view.text, view.status, [a.name for a in view.attachments]) == ("已补交收入证明", "draft",
                                                                          ["photo.jpg", "证明.pdf"])  # fmt: skip
    assert view.attachments[0] == photo

    item_id = ctx.answers.send(draft.id)
    items = outbox(ctx)
    proposal_item = next(i for i in items if i.kind == "proposal" and i.record_id == proposal_id)
    answer_item = next(i for i in items if i.kind == "answer")
    assert answer_item.id == item_id and answer_item.record_id == draft.id
    assert answer_item.depends_on_id == proposal_item.id and answer_item.seq > proposal_item.seq
    body = json.loads(answer_item.payload_json)
    assert [body[k] for k in ("answer_id", "proposal_id", "letter_id", "kind", "text", "decision")] == [
        draft.id, proposal_id, "HQ-P-1", "problem", "已补交收入证明", None]  # fmt: skip
    assert [(a["name"], a["mime"], a["size"], a["sha256"]) for a in body["attachments"]] == [
        ("photo.jpg", "image/jpeg", len(JPEG), hashlib.sha256(JPEG).hexdigest()),
        ("证明.pdf", "application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
    ]
    # Issue 20: by reference; the bytes wait beside the item, to be uploaded ahead of it.
    assert all("data_b64" not in a for a in body["attachments"])
    with ctx.store.sessions() as session:
        queued = session.scalars(select(models.OutboxFile).where(models.OutboxFile.item_id == item_id)).all()
    assert sorted((f.name, f.data) for f in queued) == [("photo.jpg", JPEG), ("证明.pdf", PDF)]

    sent = ctx.answers.for_letter(letter_id)[0]
    assert sent.status == "queued" and sent.queued_at is not None and sent.hq_reply is None
    letter = ctx.hq_status.letters_for(proposal_id)[0]
    assert letter.resolved_at is not None and letter.resolution_note == "已补交收入证明"

    with pytest.raises(InvalidInput, match="already been sent"):
        ctx.answers.send(draft.id)
    with pytest.raises(InvalidInput):
        ctx.answers.save(draft.id, "changed")
    with pytest.raises(InvalidInput):
        ctx.answers.remove_attachment(photo.id)
    with pytest.raises(InvalidInput, match="already answered"):
        ctx.answers.draft(letter_id)
    assert sum(i.kind == "answer" for i in outbox(ctx)) == 1

    with ctx.store.sessions() as session:
        actions = [e.action for e in events_for(session, "letter_answer", draft.id)]
        resolved = [e.action for e in events_for(session, "hq_letter", letter_id)]
    assert actions.count("attach") == 3 and "detach" in actions and "send" in actions and "create" in actions
    assert "resolve" in resolved


def test_an_empty_answer_and_unknown_ids_are_refused(ctx: AppContext) -> None:
    _proposal_id, letter_id = raise_letter(ctx)
    draft = ctx.answers.draft(letter_id)
    with pytest.raises(InvalidInput, match="empty") as empty:
        ctx.answers.send(draft.id)
    assert empty.value.message_zh
    with pytest.raises(NotFound):
        ctx.answers.draft("no-such-letter")
    with pytest.raises(NotFound):
        ctx.answers.send("no-such-answer")
    # An attachment alone is an answer.
    ctx.answers.attach(draft.id, "回执.png", PNG_FILE)
    ctx.answers.send(draft.id)
    assert [i.kind for i in outbox(ctx)].count("answer") == 1


def test_a_decision_is_sent_only_decided_and_signed_by_both(ctx: AppContext) -> None:
    _proposal_id, letter_id = raise_letter(ctx, "decision", "HQ-D-1")
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, "客户接受加费承保")
    with pytest.raises(InvalidInput, match="not yet accepted or declined"):
        ctx.answers.send(draft.id)
    with ctx.store.sessions.begin() as session:
        letter = session.get(models.HeadOfficeLetter, letter_id)
        assert letter is not None
        letter.decision, letter.decided_at = "accepted", utcnow()
        session.add(models.Signature(id=new_uuid(), letter_id=letter_id, signer_role="policyholder",
                                     signer_name="张三", strokes_json="{}", png=PNG, signed_at=utcnow()))  # fmt: skip
    with pytest.raises(InvalidInput, match="insured") as missing:
        ctx.answers.send(draft.id)
    assert "被保险人" in missing.value.message_zh
    with ctx.store.sessions.begin() as session:
        session.add(models.Signature(id=new_uuid(), letter_id=letter_id, signer_role="insured",
                                     signer_name="李四", strokes_json="{}", png=PNG, signed_at=utcnow()))  # fmt: skip
    ctx.answers.send(draft.id)
    body = json.loads(next(i for i in outbox(ctx) if i.kind == "answer").payload_json)
    assert body["decision"] == "accepted"
    assert [(s["role"], s["name"], s["sha256"]) for s in body["signatures"]] == [
        ("policyholder", "张三", hashlib.sha256(PNG).hexdigest()),
        ("insured", "李四", hashlib.sha256(PNG).hexdigest()),
    ]


def test_attachments_together_stay_under_head_offices_body_limit(ctx: AppContext) -> None:
    _proposal_id, letter_id = raise_letter(ctx)
    draft = ctx.answers.draft(letter_id)
    big = b"%PDF-" + b"0" * (6 * 1024 * 1024)
    ctx.answers.attach(draft.id, "a.pdf", big)
    with pytest.raises(InvalidInput, match="Together") as too_much:
        ctx.answers.attach(draft.id, "b.pdf", big)
    assert too_much.value.message_zh
    assert len(ctx.answers.for_letter(letter_id)[0].attachments) == 1


def test_replies_are_applied_once_and_a_question_reopens_the_letter(ctx: AppContext) -> None:
    proposal_id, letter_id = raise_letter(ctx, "financial_evidence", "HQ-F-1")
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, "已提交银行流水")
    ctx.answers.send(draft.id)
    t1 = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)
    question = StatusUpdate("answer", draft.id, "question", t1, reason="请补充近六个月流水")
    first = ctx.hq_status.apply([StatusUpdate("answer", draft.id, "received", T0), question])
    assert (first.changed, first.unchanged, first.proposal_ids) == (1, 1, (proposal_id,))
    again = ctx.hq_status.apply([question])
    assert (again.changed, again.unchanged) == (0, 1)
    older = ctx.hq_status.apply([StatusUpdate("answer", draft.id, "accepted", T0)])
    assert (older.changed, older.stale) == (0, 1)
    unknown = ctx.hq_status.apply([StatusUpdate("answer", new_uuid(), "closed", t1)])
    assert unknown.unknown == 1
    [answer] = ctx.answers.for_letter(letter_id)
    assert (answer.hq_reply, answer.hq_reply_text, answer.hq_reply_at) == ("question", "请补充近六个月流水", t1)
    [letter] = ctx.hq_status.letters_for(proposal_id)
    assert letter.resolved_at is None and letter.reason == "缺少收入证明\n请补充近六个月流水"
    # Due 10 days from the reply's day where the manager is (the test profile's zone).

    assert letter.due_on == t1.astimezone(local_zone()).date() + timedelta(days=10)
    second = ctx.answers.draft(letter_id)
    assert second.id != draft.id and second.status == "draft"


def test_an_accepted_withdrawal_marks_the_proposal_withdrawn(ctx: AppContext) -> None:
    proposal_id, _letter_id = raise_letter(ctx)
    request_ids = [new_uuid(), new_uuid()]
    with ctx.store.sessions.begin() as session:
        for request_id, kind in zip(request_ids, ("change", "withdraw"), strict=True):
            session.add(models.ProposalRequest(id=request_id, proposal_id=proposal_id, kind=kind, reason="客户要求",
                                               status="queued", queued_at=utcnow()))  # fmt: skip
    t1 = T0 + timedelta(days=2)
    ctx.hq_status.apply([StatusUpdate("request", request_ids[0], "accepted", t1, reason="同意变更")])
    with ctx.store.sessions() as session:
        proposal = session.get(models.Proposal, proposal_id)
        assert proposal is not None and proposal.withdrawn_at is None
    applied = ctx.hq_status.apply([StatusUpdate("request", request_ids[1], "accepted", t1, reason="同意撤件")])
    assert applied.changed == 1
    with ctx.store.sessions() as session:
        proposal = session.get(models.Proposal, proposal_id)
        request = session.get(models.ProposalRequest, request_ids[1])
        assert proposal is not None and request is not None
        assert (proposal.withdrawn_at, proposal.withdrawn_reason) == (t1, "withdrawn at the client's request")
        assert (request.hq_reply, request.hq_reply_text) == ("accepted", "同意撤件")
    with pytest.raises(InvalidInput):
        ctx.hq_status.apply([StatusUpdate("request", request_ids[1], "question", t1)])


def test_the_sync_page_names_an_answer_by_its_letter_in_both_languages(ctx: AppContext) -> None:
    proposal_id, letter_id = raise_letter(ctx, "medical_exam", "HQ-M-1")
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, "已预约体检")
    ctx.answers.send(draft.id)
    rows = {row.kind: row for row in ctx.sync.items("open")}
    proposal_row, answer_row = rows["proposal"], rows["answer"]
    assert answer_row.record_id == draft.id and proposal_row.record_id == proposal_id
    assert answer_row.what == proposal_row.what != ""  # the proposal's product and policyholder
    assert answer_row.text_in("zh_CN") == f"答复 体检通知函 · {proposal_row.what}"
    assert answer_row.text_in("en") == f"Answer to medical examination letter · {proposal_row.what}"
    assert proposal_row.text_in("zh_CN") == proposal_row.what


def test_today_shows_the_reply_and_the_reopened_letter_even_after_its_reminder_was_done(ctx: AppContext) -> None:
    proposal_id, letter_id = raise_letter(ctx, "health_evidence", "HQ-H-1")
    day = date(2026, 3, 20)
    [before] = [r for r in ctx.today.build(day).reminders if r.kind == "letter_due"]
    ctx.reminder_actions.done(Occurrence("letter_due", letter_id, before.occurrence))
    assert not [r for r in ctx.today.build(day).reminders if r.kind == "letter_due"]
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, "已提交体检报告")
    ctx.answers.send(draft.id)
    at = datetime(2026, 3, 23, 2, 0, tzinfo=UTC)
    ctx.hq_status.apply([StatusUpdate("answer", draft.id, "question", at, reason="请补充既往病历")])
    later = date(2026, 3, 24)
    shown = ctx.today.build(later).reminders
    [letter] = [r for r in shown if r.kind == "letter_due"]
    assert letter.subject_id == letter_id and letter.due_on == at.astimezone(local_zone()).date() + timedelta(10)
    [reply] = [r for r in shown if r.kind == "hq_reply"]
    assert (reply.subject_id, reply.reply, reply.detail, reply.letter_kind) == (
        draft.id, "question", "请补充既往病历", "health_evidence")  # fmt: skip
    ctx.reminder_actions.done(Occurrence("hq_reply", draft.id, reply.occurrence))
    assert not [r for r in ctx.today.build(later).reminders if r.kind == "hq_reply"]
    assert proposal_id
