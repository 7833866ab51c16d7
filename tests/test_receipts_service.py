"""ReceiptService on a real SQLite profile: drafts, signing on screen or by scan, the outbox, returns."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.profile.audit import events_for
from app.proposals.service import ProposalService
from app.receipts.service import ReceiptFields, ReceiptRefused, ReceiptService
from app.reference.products import import_catalogue, shipped_catalogue
from app.rules import receipt as rules
from app.rules import signature as signature_rules
from app.rules.ids import ProposalId, ReceiptId
from local_db import models
from tests.paperwork_helpers import PNG, finished_proposal, tiny, zigzag

TODAY = date(2026, 3, 20)  # a Friday
SIGNED_ON = date(2026, 3, 18)  # Wednesday: back by Monday 23 March (3 working days)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 20
FIELDS = ReceiptFields("P2026000123", date(2026, 3, 17), SIGNED_ON, 15)


@pytest.fixture
def service(ctx: AppContext) -> ReceiptService:
    return ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: TODAY)


@pytest.fixture
def proposals(ctx: AppContext) -> ProposalService:
    return ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: date(2026, 3, 16))


def count(ctx: AppContext, model: type) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def draft_for(service: ReceiptService, proposals: ProposalService, fields: ReceiptFields = FIELDS) -> ReceiptId:
    receipt_id = service.new_draft(finished_proposal(proposals))
    service.save_draft(receipt_id, fields)
    return receipt_id


def proposal_item(ctx: AppContext, proposal_id: ProposalId) -> models.OutboxItem:
    with ctx.store.sessions() as session:
        item = session.scalar(select(models.OutboxItem).where(models.OutboxItem.record_id == proposal_id))
        assert item is not None
        return item


# ---- candidates and drafts ----------------------------------------------------------------


def test_candidates_are_finished_latest_versions_without_receipt(
    service: ReceiptService, proposals: ProposalService
) -> None:
    older = finished_proposal(proposals)
    annuity = finished_proposal(proposals, product_code="GS-XXNJ", product_name="国寿鑫享年金保险")
    corrected = finished_proposal(proposals)
    proposals.correct(corrected, "地址有误")  # the new version is a draft: neither is a candidate
    proposals.new_draft()
    with_receipt = finished_proposal(proposals)
    service.new_draft(with_receipt)

    rows = service.candidates()
    assert [r.proposal_id for r in rows] == [annuity, older]  # newest first
    assert rows[0].policyholder_name == "张伟" and rows[0].product_name == "国寿鑫享年金保险"
    assert (rows[0].cooling_off_days, rows[1].cooling_off_days) == (20, 15)
    assert rows[1].hq_policy_number is None


def test_new_draft_takes_the_products_cooling_off_days(service: ReceiptService, proposals: ProposalService) -> None:
    annuity = finished_proposal(proposals, product_code="GS-XXNJ", product_name="国寿鑫享年金保险")
    receipt_id = service.new_draft(annuity, "P1", date(2026, 3, 17))
    view = service.get(receipt_id)
    assert view.status == "draft"
    assert view.fields == ReceiptFields("P1", date(2026, 3, 17), None, 20)
    assert (view.policyholder_name, view.content_hash, view.signature_png, view.scan_size) == ("张伟", None, None, None)


def test_cooling_off_days_follow_the_catalogue_the_profile_holds(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    before = finished_proposal(proposals)  # ZX-EDU-2026: 15 days in the shipped catalogue
    assert service.new_draft(before) and service.candidates() == []
    catalogue = shipped_catalogue().to_json()
    catalogue["version"] = 2
    for product in catalogue["products"]:
        if product["code"] == "ZX-EDU-2026":
            product["cooling_off_days"] = 25
    import_catalogue(ctx.data_dir, json.dumps(catalogue, ensure_ascii=False).encode())
    after = finished_proposal(proposals)
    assert [(row.proposal_id, row.cooling_off_days) for row in service.candidates()] == [(after, 25)]
    receipt_id = service.new_draft(after, "P2", date(2026, 3, 17))
    assert service.get(receipt_id).fields.cooling_off_days == 25
    # The receipt drafted before keeps the days it was drafted with.
    with ctx.store.sessions() as session:
        days = session.scalar(select(models.Receipt.cooling_off_days).where(models.Receipt.proposal_id == before))
    assert days == 15


def test_new_draft_refusals(ctx: AppContext, service: ReceiptService, proposals: ProposalService) -> None:
    with pytest.raises(NotFound):
        service.new_draft(ProposalId("no-such-proposal"))
    with pytest.raises(InvalidInput, match="Only a finished proposal"):
        service.new_draft(proposals.new_draft())
    proposal_id = finished_proposal(proposals)
    service.new_draft(proposal_id)
    with pytest.raises(InvalidInput, match="already has a receipt"):
        service.new_draft(proposal_id)
    corrected = finished_proposal(proposals)
    proposals.correct(corrected, "电话有误")
    with pytest.raises(InvalidInput, match="corrected"):
        service.new_draft(corrected)
    assert count(ctx, models.Receipt) == 1


def test_draft_is_kept_as_typed_with_its_problems(service: ReceiptService, proposals: ProposalService) -> None:
    receipt_id = service.new_draft(finished_proposal(proposals))
    typed = ReceiptFields("  ", TODAY + timedelta(days=1), TODAY - timedelta(days=1), 15)
    problems = service.save_draft(receipt_id, typed)
    assert [p.code for p in problems] == [
        "R001_policy_number_required",
        "R003_delivered_on_future",
        "R005_signed_before_delivery",
    ]
    assert problems[0].zh_CN == "请填写保单号。"
    assert service.get(receipt_id).fields == typed
    assert service.save_draft(receipt_id, FIELDS) == ()


# ---- signing --------------------------------------------------------------------------------


def test_sign_on_screen_hashes_and_queues_after_the_proposal(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    receipt_id = draft_for(service, proposals)
    proposal_id = service.get(receipt_id).proposal_id
    signed = service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))

    view = service.get(receipt_id)
    assert (view.status, view.content_hash, view.signature_png) == ("signed", signed.content_hash, PNG)
    assert view.cooling_off_ends_on == date(2026, 4, 2)  # starts on the 19th, 15 days
    assert view.return_due_on == date(2026, 3, 23)
    with ctx.store.sessions() as session:
        item = session.get(models.OutboxItem, signed.outbox_item_id)
        assert item is not None
        assert (item.kind, item.record_id, item.status, item.seq) == ("receipt", receipt_id, "pending", 2)
        assert item.depends_on_id == proposal_item(ctx, proposal_id).id
        sig = session.scalar(select(models.Signature).where(models.Signature.receipt_id == receipt_id))
        assert sig is not None and (sig.signer_role, sig.signer_name) == ("client", "张伟")
        receipt = session.get(models.Receipt, receipt_id)
        assert receipt is not None and receipt.finished_at is not None
        payload = json.loads(item.payload_json)

    # The payload is the strict head-office document, and its hash is recomputed independently.
    assert set(payload) == {"receipt", "content_hash"}
    doc, problems = rules.from_json(payload["receipt"])
    assert problems == [] and doc is not None
    assert doc.signature == rules.SignatureRef("client", signature_rules.to_json(zigzag()))
    assert (doc.scan, doc.policy_number, doc.signed_on, doc.return_due_on) == (
        None,
        "P2026000123",
        SIGNED_ON,
        date(2026, 3, 23),
    )
    canonical = json.dumps({"receipt": payload["receipt"]}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == signed.content_hash == payload["content_hash"]


def test_signed_receipt_is_immutable(service: ReceiptService, proposals: ProposalService) -> None:
    receipt_id = draft_for(service, proposals)
    service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
    before = service.get(receipt_id)
    with pytest.raises(InvalidInput, match="a signed receipt cannot change"):
        service.save_draft(receipt_id, FIELDS)
    with pytest.raises(InvalidInput, match="a signed receipt cannot change"):
        service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
    assert service.get(receipt_id) == before


@pytest.mark.parametrize(
    ("fields", "kwargs", "codes"),
    [
        (
            ReceiptFields("", None, None, 15),
            {"signature": (zigzag(), PNG)},
            {"R001_policy_number_required", "R002_delivered_on_required"},
        ),
        (FIELDS, {"signature": (tiny(), PNG)}, {"too_small"}),
        (FIELDS, {}, {"R007_signature_or_scan"}),
        (FIELDS, {"signature": (zigzag(), PNG), "scan": (PDF, "application/pdf")}, {"R007_signature_or_scan"}),
        (
            ReceiptFields("P1", date(2026, 3, 17), None, 7),
            {"signature": (zigzag(), PNG)},
            {"R008_cooling_off_days_range"},
        ),
        # Past the limits head office keeps (app.rules.limits): refused here, never queued.
        (ReceiptFields("P1", date(2026, 3, 17), None, 10**9), {"signature": (zigzag(), PNG)}, {"J007_out_of_range"}),
        (
            ReceiptFields("P" * 65, date(1899, 12, 31), None, 15),
            {"signature": (zigzag(), PNG)},
            {"J007_out_of_range", "J008_too_long"},
        ),
        (FIELDS, {"signature": (signature_rules.Signature(zigzag().strokes * 201, 480, 200), PNG)}, {"too_large"}),
        (FIELDS, {"signature": (signature_rules.Signature(zigzag().strokes, 10**18, 200), PNG)}, {"out_of_range"}),
    ],
)
def test_bad_signing_is_refused_and_writes_nothing(
    ctx: AppContext,
    service: ReceiptService,
    proposals: ProposalService,
    fields: ReceiptFields,
    kwargs: dict[str, Any],
    codes: set[str],
) -> None:
    receipt_id = draft_for(service, proposals, fields)
    before = service.get(receipt_id)
    outbox_before = count(ctx, models.OutboxItem)
    with pytest.raises(ReceiptRefused) as refused:
        service.sign(receipt_id, SIGNED_ON, **kwargs)
    assert {p.code for p in refused.value.problems} == codes
    assert all(p.code in refused.value.message for p in refused.value.problems)
    assert all(p.zh_CN for p in refused.value.problems)
    assert service.get(receipt_id) == before  # no deadlines, no signature kept
    assert count(ctx, models.OutboxItem) == outbox_before
    assert count(ctx, models.Signature) == 2 * count(ctx, models.Proposal)  # only the proposals' own


def test_signing_in_the_future_is_refused(service: ReceiptService, proposals: ProposalService) -> None:
    receipt_id = draft_for(service, proposals)
    with pytest.raises(ReceiptRefused, match="R006_signed_on_future"):
        service.sign(receipt_id, TODAY + timedelta(days=1), signature=(zigzag(), PNG))


def test_signed_on_9999_12_31_is_refused_not_an_overflow(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    """Its deadlines would overflow the calendar; head office refuses the day with J007."""
    receipt_id = draft_for(service, proposals)
    for day in (date(9999, 12, 31), date(1899, 12, 31)):
        with pytest.raises(ReceiptRefused) as refused:
            service.sign(receipt_id, day, signature=(zigzag(), PNG))
        assert [(p.field, p.code) for p in refused.value.problems] == [("signed_on", "J007_out_of_range")]
    assert service.get(receipt_id).status == "draft" and count(ctx, models.Receipt) == 1
    assert count(ctx, models.OutboxItem) == 1  # the proposal's only


def test_text_that_cannot_be_stored_is_refused_and_the_draft_kept(
    service: ReceiptService, proposals: ProposalService
) -> None:
    receipt_id = draft_for(service, proposals)
    for bad in ("P2026\ud800", "P2026\x00"):
        with pytest.raises(InvalidInput, match="policy_number") as refused:
            service.save_draft(receipt_id, replace(FIELDS, policy_number=bad))
        assert "J006_bad_text" in refused.value.message
    assert service.get(receipt_id).fields == FIELDS
    assert service.save_draft(receipt_id, replace(FIELDS, policy_number="P" * 65))[0].code == "J008_too_long"


def test_refused_without_the_proposals_outbox_item(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    receipt_id = draft_for(service, proposals)
    with ctx.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM outbox"))
    with pytest.raises(InvalidInput, match="never queued"):
        service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
    assert service.get(receipt_id).status == "draft"


def test_failure_inside_sign_leaves_nothing(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    receipt_id = draft_for(service, proposals)
    before = service.get(receipt_id)
    audit_before = count(ctx, models.AuditEvent)
    signatures_before = count(ctx, models.Signature)
    with ctx.store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
            )
        )
    try:
        with pytest.raises(Exception, match="disk full"):
            service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
        with pytest.raises(Exception, match="disk full"):
            service.sign(receipt_id, SIGNED_ON, scan=(PDF, "application/pdf"))
    finally:
        with ctx.store.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_outbox"))
    assert service.get(receipt_id) == before
    with ctx.store.sessions() as session:
        receipt = session.get(models.Receipt, receipt_id)
        assert receipt is not None
        assert (receipt.finished_at, receipt.content_hash, receipt.scan, receipt.return_due_on) == (
            None,
            None,
            None,
            None,
        )
    assert count(ctx, models.OutboxItem) == 1  # the proposal's only
    assert count(ctx, models.Signature) == signatures_before
    assert count(ctx, models.AuditEvent) == audit_before
    assert service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG)).content_hash


# ---- scans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "claimed", "stored"), [
    (PNG, "image/png", "image/png"), (JPEG, "image/jpeg", "image/jpeg"), (PDF, "application/pdf", "application/pdf"),
    (JPEG, "", "image/jpeg"),  # a name without a known suffix claims nothing; the content decides
])  # fmt: skip
def test_sign_with_a_scan(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService, data: bytes, claimed: str, stored: str
) -> None:
    receipt_id = draft_for(service, proposals)
    signed = service.sign(receipt_id, SIGNED_ON, scan=(data, claimed))
    view = service.get(receipt_id)
    assert (view.status, view.scan_mime, view.scan_size, view.signature_png) == ("signed", stored, len(data), None)
    with ctx.store.sessions() as session:
        item = session.get(models.OutboxItem, signed.outbox_item_id)
        assert item is not None
        payload = json.loads(item.payload_json)
        assert session.scalar(select(models.Signature).where(models.Signature.receipt_id == receipt_id)) is None
        # Issue 20: the scan goes ahead of the item in resumable pieces; the payload refers to it.
        files = session.scalars(select(models.OutboxFile).where(models.OutboxFile.item_id == item.id)).all()
    assert "scan_base64" not in payload
    assert [(f.data, f.sha256, f.size, f.mime, f.uploaded_at) for f in files] == [
        (data, hashlib.sha256(data).hexdigest(), len(data), stored, None)]  # fmt: skip
    assert payload["receipt"]["scan"] == {"mime": stored, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    assert payload["receipt"]["signature"] is None
    canonical = json.dumps({"receipt": payload["receipt"]}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == signed.content_hash


@pytest.mark.parametrize(("data", "claimed", "code"), [
    (b"", "image/png", "R011_scan_empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * rules.MAX_SCAN_BYTES, "image/png", "R012_scan_too_large"),
    (b"MZ\x90\x00 not a picture", "image/png", "R013_scan_type"),  # a program renamed .png
    (b"GIF89a......", "image/gif", "R013_scan_type"),
    (JPEG, "image/png", "R014_scan_type_mismatch"),
])  # fmt: skip
def test_bad_scans_are_refused(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService, data: bytes, claimed: str, code: str
) -> None:
    receipt_id = draft_for(service, proposals)
    with pytest.raises(ReceiptRefused) as refused:
        service.sign(receipt_id, SIGNED_ON, scan=(data, claimed))
    assert [p.code for p in refused.value.problems] == [code]
    with ctx.store.sessions() as session:
        receipt = session.get(models.Receipt, receipt_id)
        assert receipt is not None and receipt.scan is None and receipt.status == "draft"


def test_a_scan_of_exactly_10_mb_is_accepted(service: ReceiptService, proposals: ProposalService) -> None:
    data = b"%PDF-" + b"0" * (rules.MAX_SCAN_BYTES - 5)
    receipt_id = draft_for(service, proposals)
    service.sign(receipt_id, SIGNED_ON, scan=(data, "application/pdf"))
    assert service.get(receipt_id).scan_size == rules.MAX_SCAN_BYTES


# ---- returns, the due list and Today ------------------------------------------------------------


def test_due_list_sorted_by_deadline_with_drafts_after(service: ReceiptService, proposals: ProposalService) -> None:
    late = draft_for(service, proposals, ReceiptFields("P-LATE", date(2026, 3, 10), date(2026, 3, 10), 15))
    service.sign(late, date(2026, 3, 10), signature=(zigzag(), PNG))
    soon = draft_for(service, proposals)
    service.sign(soon, SIGNED_ON, scan=(PDF, "application/pdf"))
    returned = draft_for(service, proposals)
    service.sign(returned, SIGNED_ON, signature=(zigzag(), PNG))
    service.mark_returned(returned, TODAY, "周客服")
    waiting = draft_for(service, proposals, ReceiptFields("P-DRAFT", None, None, 15))

    rows = service.due_list(TODAY)
    assert [r.id for r in rows] == [late, soon, waiting]
    assert (rows[0].status, rows[0].overdue, rows[0].days_left, rows[0].return_due_on) == (
        "signed",
        True,
        -7,
        date(2026, 3, 13),
    )
    assert (rows[1].overdue, rows[1].days_left, rows[1].cooling_off_ends_on) == (False, 3, date(2026, 4, 2))
    assert (rows[2].status, rows[2].return_due_on, rows[2].overdue, rows[2].policy_number) == (
        "draft",
        None,
        False,
        "P-DRAFT",
    )
    assert {r.policyholder_name for r in rows} == {"张伟"}
    assert "110105198506120253" not in repr(rows) and "13812345678" not in repr(rows)


def test_mark_returned(ctx: AppContext, service: ReceiptService, proposals: ProposalService) -> None:
    receipt_id = draft_for(service, proposals)
    with pytest.raises(InvalidInput, match="Only a signed receipt"):
        service.mark_returned(receipt_id, TODAY, "周客服")
    signed = service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
    with pytest.raises(InvalidInput, match="future"):
        service.mark_returned(receipt_id, TODAY + timedelta(days=1), "周客服")
    with pytest.raises(InvalidInput, match="before the client signed"):
        service.mark_returned(receipt_id, SIGNED_ON - timedelta(days=1), "周客服")
    with pytest.raises(InvalidInput, match="who received") as refused:
        service.mark_returned(receipt_id, TODAY, "  ")
    assert refused.value.message_zh == "请填写保险公司柜面的接收人。"
    with pytest.raises(InvalidInput, match="too long"):
        service.mark_returned(receipt_id, TODAY, "周" * 101)
    service.mark_returned(receipt_id, TODAY, " 周客服 ")
    service.mark_returned(receipt_id, TODAY, "周客服")  # the same again changes nothing
    with pytest.raises(InvalidInput, match="already returned"):
        service.mark_returned(receipt_id, SIGNED_ON, "周客服")
    view = service.get(receipt_id)
    assert (view.returned_on, view.returned_to, view.content_hash) == (TODAY, "周客服", signed.content_hash)
    with ctx.store.sessions() as session:
        events = events_for(session, "receipt", receipt_id)
        assert [e.action for e in events] == ["create", "edit", "finish", "return"]
        assert events[-1].detail["returned_to"] == "周客服"


def test_pick_up_is_kept_on_the_draft_and_checked(service: ReceiptService, proposals: ProposalService) -> None:
    receipt_id = draft_for(service, proposals)
    picked = date(2026, 3, 18)
    fields = ReceiptFields("P2026000123", date(2026, 3, 19), None, 15, picked, "bank")
    service.save_draft(receipt_id, fields)
    assert service.get(receipt_id).fields == fields
    for wrong, message in (
        (replace(fields, picked_up_from=None), "where the policy was picked up"),
        (replace(fields, picked_up_from="post"), "where the policy was picked up"),
        (replace(fields, picked_up_on=TODAY + timedelta(days=1), delivered_on=None), "future"),
        (replace(fields, delivered_on=picked - timedelta(days=1)), "delivered before"),
    ):
        with pytest.raises(InvalidInput, match=message):
            service.save_draft(receipt_id, wrong)
    assert service.get(receipt_id).fields == fields  # a refusal writes nothing
    # No pick-up day: where it came from is not kept either.
    service.save_draft(receipt_id, replace(fields, picked_up_on=None))
    assert service.get(receipt_id).fields == replace(fields, picked_up_on=None, picked_up_from=None)


def test_today_lists_a_signed_receipt_until_it_is_returned(
    ctx: AppContext, service: ReceiptService, proposals: ProposalService
) -> None:
    receipt_id = draft_for(service, proposals)
    service.sign(receipt_id, SIGNED_ON, signature=(zigzag(), PNG))
    due = [r for r in ctx.today.build(TODAY).reminders if r.kind == "receipt_due"]
    assert [(r.subject_id, r.client_name, r.due_on, r.detail, r.overdue) for r in due] == [
        (receipt_id, "张伟", date(2026, 3, 23), "P2026000123", False)
    ]
    service.mark_returned(receipt_id, TODAY, "周客服")
    assert not [r for r in ctx.today.build(TODAY).reminders if r.kind == "receipt_due"]


def test_context_offers_the_service(ctx: AppContext, proposals: ProposalService) -> None:
    assert ctx.receipts is ctx.receipts
    proposal_id = finished_proposal(proposals)
    assert [c.proposal_id for c in ctx.receipts.candidates()] == [proposal_id]
