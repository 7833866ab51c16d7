"""ProposalService on a real SQLite profile: drafts, finishing, the outbox and corrections."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.context import AppContext
from app.errors import InvalidInput
from app.profile.audit import events_for
from app.profile.settings import ManagerProfile
from app.proposals.service import ProposalService
from app.rules import signature as signature_rules
from app.rules.ids import ProposalId
from app.rules.proposal import ProposalDoc, from_json, to_json
from app.rules.proposal_rules import check_proposal
from app.rules.signature import Point, Signature, Stroke
from local_db import models

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "proposal.json"
PNG = b"\x89PNG\r\n\x1a\nfake"
W, H = 480, 200


def zigzag(points: int = 20) -> Signature:
    stroke = tuple(Point(50 + 300 * i / (points - 1), 50 + (80 if i % 2 else 0), i * 10, None) for i in range(points))
    return Signature((Stroke(stroke, "pen"),), W, H)


def tiny() -> Signature:
    stroke = tuple(Point(50 + i, 50 + (i % 2) * 3, i * 10, None) for i in range(20))
    return Signature((Stroke(stroke, "mouse"),), W, H)


SIGNED = {"policyholder": (zigzag(), PNG), "insured": (zigzag(24), PNG)}


@pytest.fixture
def service(ctx: AppContext) -> ProposalService:
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    return ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: date(2026, 3, 16))


def sample_doc(proposal_id: str) -> ProposalDoc:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc, problems = from_json({**data, "id": proposal_id})
    assert doc is not None and problems == []
    return doc


def saved_valid(service: ProposalService) -> ProposalId:
    proposal_id = service.new_draft()
    saved = service.save_draft(proposal_id, sample_doc(proposal_id))
    assert saved.problems == ()
    return proposal_id


def count(ctx: AppContext, model: type) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_draft_fills_manager_and_date(service: ProposalService) -> None:
    view = service.get(service.new_draft())
    assert (view.doc.manager_name, view.doc.manager_code, view.doc.manager_phone) == ("王芳", "BJ0107", "13911112222")
    assert view.doc.application_date == date(2026, 3, 16)
    assert (view.status, view.version, view.previous_id, view.signatures) == ("draft", 1, None, ())


def test_draft_round_trip(service: ProposalService) -> None:
    proposal_id = service.new_draft()
    doc = sample_doc(proposal_id)
    service.save_draft(proposal_id, doc)
    assert service.doc(proposal_id) == doc
    assert to_json(service.get(proposal_id).doc) == to_json(doc)
    # Saving again replaces the beneficiaries rather than adding to them.
    fewer = replace(doc, beneficiaries=doc.beneficiaries[:1])
    service.save_draft(proposal_id, fewer)
    assert service.doc(proposal_id).beneficiaries == fewer.beneficiaries


def test_invalid_draft_is_kept_with_its_problems(service: ProposalService) -> None:
    proposal_id = service.new_draft()
    doc = replace(
        sample_doc(proposal_id),
        premium_cents=None,
        manager_phone="12345",
        policyholder=replace(sample_doc(proposal_id).policyholder, name=""),
    )
    saved = service.save_draft(proposal_id, doc)
    codes = {p.code for p in saved.problems}
    assert "P016_manager_phone_format" in codes
    assert codes == {p.code for p in check_proposal(doc)}
    assert service.doc(proposal_id) == doc


def test_blank_new_draft_reads_back_and_has_problems(service: ProposalService) -> None:
    proposal_id = service.new_draft()
    doc = service.doc(proposal_id)
    assert service.save_draft(proposal_id, doc).problems  # blank is fine to keep, not to finish


def test_finish_refused_when_form_invalid(ctx: AppContext, service: ProposalService) -> None:
    proposal_id = service.new_draft()
    service.save_draft(proposal_id, replace(sample_doc(proposal_id), manager_phone="12345"))
    with pytest.raises(InvalidInput) as error:
        service.finish(proposal_id, SIGNED)
    assert "P016_manager_phone_format" in error.value.message
    assert service.get(proposal_id).status == "draft"
    assert count(ctx, models.Signature) == count(ctx, models.OutboxItem) == 0


@pytest.mark.parametrize(("change", "refusal"), [
    (lambda d: replace(d, policyholder=replace(d.policyholder, name="张" * 51)), "J008_too_long"),
    (lambda d: replace(d, insured=replace(d.insured, address="路" * 201)), "J008_too_long"),
    (lambda d: replace(d, application_date=date(1899, 12, 31)), "J007_out_of_range"),
    (lambda d: replace(d, premium_cents=10**12 + 1), "J007_out_of_range"),
    (lambda d: replace(d, payment_years=101), "J007_out_of_range"),
    (lambda d: replace(d, beneficiaries=d.beneficiaries * 11), "J009_too_many"),
    (lambda d: replace(d, health_answers={f"q{i}": False for i in range(101)}), "J009_too_many"),
])  # fmt: skip
def test_finish_refuses_what_head_office_would(ctx: AppContext, service: ProposalService, change: Any,
                                                refusal: str) -> None:  # fmt: skip
    """The limits head office keeps (app.rules.limits) are checked before a form is finished, and
    shown with the draft's problems (the editor's list): the laptop never queues a refusal."""
    proposal_id = service.new_draft()
    saved = service.save_draft(proposal_id, change(sample_doc(proposal_id)))
    assert next(p.code for p in saved.problems) == refusal  # the limit first; any rule it also breaks after
    with pytest.raises(InvalidInput, match=refusal):
        service.finish(proposal_id, SIGNED)
    assert service.get(proposal_id).status == "draft"
    assert count(ctx, models.Signature) == count(ctx, models.OutboxItem) == 0


def test_signatures_past_their_limits_are_refused(ctx: AppContext, service: ProposalService) -> None:
    proposal_id = saved_valid(service)
    many = Signature(zigzag().strokes * 201, W, H)
    with pytest.raises(InvalidInput, match=r"signature\.policyholder:too_large"):
        service.finish(proposal_id, {"policyholder": (many, PNG), "insured": (zigzag(), PNG)})
    wide = Signature(zigzag().strokes, 10**18, H)
    with pytest.raises(InvalidInput, match=r"signature\.insured:out_of_range"):
        service.finish(proposal_id, {"policyholder": (zigzag(), PNG), "insured": (wide, PNG)})
    assert count(ctx, models.OutboxItem) == 0


def test_text_that_cannot_be_stored_is_refused_and_the_draft_kept(service: ProposalService) -> None:
    proposal_id = saved_valid(service)
    doc = sample_doc(proposal_id)
    for bad in ("北京\ud800", "北京\x00"):
        with pytest.raises(InvalidInput, match=r"J006_bad_text\) in insured\.address"):
            service.save_draft(proposal_id, replace(doc, insured=replace(doc.insured, address=bad)))
    assert service.doc(proposal_id) == doc


def test_finish_refused_when_signature_missing_or_small(service: ProposalService) -> None:
    proposal_id = saved_valid(service)
    with pytest.raises(InvalidInput, match=r"signature\.insured:missing"):
        service.finish(proposal_id, {"policyholder": (zigzag(), PNG)})
    with pytest.raises(InvalidInput, match=r"signature\.policyholder:too_small"):
        service.finish(proposal_id, {"policyholder": (tiny(), PNG), "insured": (zigzag(), PNG)})
    with pytest.raises(InvalidInput, match=r"signature\.insured:too_few_points"):
        service.finish(proposal_id, {"policyholder": (zigzag(), PNG), "insured": (zigzag(4), PNG)})
    assert service.get(proposal_id).status == "draft"


def test_self_insured_needs_one_signature(service: ProposalService) -> None:
    proposal_id = service.new_draft()
    doc = sample_doc(proposal_id)
    # An adult insures themselves: with an annuity that takes adults, not the children's sample product.
    doc = replace(
        doc, relation="self", insured=doc.policyholder, product_code="GS-XXNJ", product_name="国寿鑫享年金保险"
    )
    assert check_proposal(doc, service.catalogue()) == []
    service.save_draft(proposal_id, doc)
    service.finish(proposal_id, {"policyholder": (zigzag(), PNG)})
    assert service.get(proposal_id).signatures == ("policyholder",)


def test_finish_writes_hash_and_outbox_together(ctx: AppContext, service: ProposalService) -> None:
    first = saved_valid(service)
    service.finish(first, SIGNED)
    proposal_id = saved_valid(service)
    finished = service.finish(proposal_id, SIGNED)

    view = service.get(proposal_id)
    assert (view.status, view.content_hash, view.signatures) == (
        "finished",
        finished.content_hash,
        ("insured", "policyholder"),
    )
    with ctx.store.sessions() as session:
        proposal = session.get(models.Proposal, proposal_id)
        assert proposal is not None and proposal.finished_at is not None
        item = session.get(models.OutboxItem, finished.outbox_item_id)
        assert item is not None
        assert (item.kind, item.record_id, item.status, item.seq) == ("proposal", proposal_id, "pending", 2)
        rows = session.scalars(
            select(models.Signature)
            .where(models.Signature.proposal_id == proposal_id)
            .order_by(models.Signature.signer_role)
        ).all()
        assert [r.png for r in rows] == [PNG, PNG]
        assert rows[1].strokes_json == signature_rules.to_json(zigzag())  # stored as the pad gave it
        payload = json.loads(item.payload_json)

    # Recompute the hash independently from the payload.
    assert payload["content_hash"] == finished.content_hash
    assert payload["proposal"] == to_json(service.doc(proposal_id))
    assert [s["role"] for s in payload["signatures"]] == ["insured", "policyholder"]
    assert [s["strokes_json"] for s in payload["signatures"]] == [r.strokes_json for r in rows]
    body = {"proposal": payload["proposal"], "signatures": payload["signatures"]}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == finished.content_hash
    assert "张伟" in item.payload_json  # Chinese kept as characters
    assert item.payload_json == json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_finished_proposal_is_immutable(service: ProposalService) -> None:
    proposal_id = saved_valid(service)
    service.finish(proposal_id, SIGNED)
    doc = service.doc(proposal_id)
    with pytest.raises(InvalidInput, match="a finished proposal cannot change; make a correction"):
        service.save_draft(proposal_id, replace(doc, product_name="changed"))
    with pytest.raises(InvalidInput, match="a finished proposal cannot change"):
        service.finish(proposal_id, SIGNED)
    assert service.doc(proposal_id) == doc


def test_failure_inside_finish_leaves_nothing(ctx: AppContext, service: ProposalService) -> None:
    proposal_id = saved_valid(service)
    before = service.get(proposal_id)
    audit_before = count(ctx, models.AuditEvent)
    with ctx.store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
            )
        )
    try:
        with pytest.raises(Exception, match="disk full"):
            service.finish(proposal_id, SIGNED)
    finally:
        with ctx.store.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_outbox"))
    assert service.get(proposal_id) == before
    with ctx.store.sessions() as session:
        proposal = session.get(models.Proposal, proposal_id)
        assert proposal is not None and proposal.finished_at is None and proposal.content_hash is None
    assert count(ctx, models.OutboxItem) == 0
    assert count(ctx, models.Signature) == 0
    assert count(ctx, models.AuditEvent) == audit_before
    # And it finishes once the disk is back.
    assert service.finish(proposal_id, SIGNED).content_hash


def test_correct_makes_a_new_version(ctx: AppContext, service: ProposalService) -> None:
    old_id = saved_valid(service)
    finished = service.finish(old_id, SIGNED)
    old_before = service.get(old_id)
    with pytest.raises(InvalidInput, match="reason"):
        service.correct(old_id, "  ")
    new_id = service.correct(old_id, "客户手机号填错")

    new = service.get(new_id)
    assert (new.status, new.version, new.previous_id, new.correction_reason) == ("draft", 2, old_id, "客户手机号填错")
    assert new.content_hash is None and new.signatures == ()
    assert new.doc == replace(old_before.doc, id=new_id)
    assert service.get(old_id) == old_before
    assert service.get(old_id).content_hash == finished.content_hash
    # The new version edits freely; the old still refuses.
    service.save_draft(new_id, replace(new.doc, product_name="改"))
    assert service.doc(old_id).product_name == old_before.doc.product_name
    with pytest.raises(InvalidInput, match="already has a correction"):
        service.correct(old_id, "again")
    with pytest.raises(InvalidInput, match="Only a finished"):
        service.correct(new_id, "a draft")


def test_audit_events(ctx: AppContext, service: ProposalService) -> None:
    old_id = saved_valid(service)
    finished = service.finish(old_id, SIGNED)
    new_id = service.correct(old_id, "地址有误")
    with ctx.store.sessions() as session:
        old_events = events_for(session, "proposal", old_id)
        new_events = events_for(session, "proposal", new_id)
    assert [e.action for e in old_events] == ["create", "edit", "finish"]
    assert old_events[-1].actor == "BJ0107"
    assert old_events[-1].detail == {"content_hash": finished.content_hash, "outbox_seq": 1}
    assert [e.action for e in new_events] == ["correct"]
    assert new_events[0].detail["previous_id"] == old_id
