"""Paperwork to hand over, built the way the app builds it: finished proposals through
ProposalService, signed receipts as rows (the receipt service is another issue's work)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf.generic import DictionaryObject, PdfObject
from sqlalchemy import update

from app.context import AppContext
from app.profile.settings import ManagerProfile
from app.proposals.service import ProposalService
from app.rules.ids import OutletId, ProposalId, ReceiptId
from app.rules.proposal import ProposalDoc, from_json
from app.rules.signature import Point, Signature, Stroke
from local_db import models
from local_db.base import new_uuid

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "proposal.json"
TODAY = date(2026, 3, 20)
W, H = 480, 200
MANAGER = ManagerProfile(name="王芳", code="BJ0107", phone="13911112222")


def zigzag(points: int = 20, top: float = 50) -> Signature:
    stroke = tuple(Point(50 + 300 * i / (points - 1), top + (80 if i % 2 else 0), i * 10, None) for i in range(points))
    return Signature((Stroke(stroke, "pen"),), W, H)


def tiny() -> Signature:
    stroke = tuple(Point(50 + i, 50 + (i % 2) * 3, i * 10, None) for i in range(20))
    return Signature((Stroke(stroke, "mouse"),), W, H)


def signature_png(sig: Signature) -> bytes:
    """A real PNG of the strokes, so the printed form shows ink."""
    image = Image.new("L", (sig.width, sig.height), 255)
    draw = ImageDraw.Draw(image)
    for stroke in sig.strokes:
        draw.line([(p.x, p.y) for p in stroke.points], fill=0, width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def signed(sig: Signature) -> tuple[Signature, bytes]:
    return sig, signature_png(sig)


def sample_doc(proposal_id: str) -> ProposalDoc:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc, problems = from_json({**data, "id": proposal_id})
    assert doc is not None and problems == []
    return doc


def proposal_service(ctx: AppContext) -> ProposalService:
    return ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)


def set_up_manager(ctx: AppContext) -> None:
    ctx.settings.set_manager(MANAGER)


def finished_proposal(
    ctx: AppContext, holder: str = "张伟", product: str = "鑫享未来少儿教育年金保险", outlet_id: OutletId | None = None,
    applied: date = date(2026, 3, 16),
) -> ProposalId:  # fmt: skip
    service = proposal_service(ctx)
    proposal_id = service.new_draft()
    doc = sample_doc(proposal_id)
    doc = replace(doc, product_name=product, application_date=applied, payment_account_holder=holder,
                  policyholder=replace(doc.policyholder, name=holder))  # fmt: skip
    saved = service.save_draft(proposal_id, doc)
    assert saved.problems == (), saved.problems
    service.finish(proposal_id, {"policyholder": signed(zigzag()), "insured": signed(zigzag(24))})
    if outlet_id is not None:
        with ctx.store.sessions.begin() as session:
            session.execute(
                update(models.Proposal).where(models.Proposal.id == proposal_id).values(outlet_id=outlet_id)
            )
    return proposal_id


def signed_receipt(
    ctx: AppContext, proposal_id: ProposalId, signed_on: date = date(2026, 3, 18), number: str = ""
) -> ReceiptId:
    receipt_id = ReceiptId(new_uuid())
    with ctx.store.sessions.begin() as session:
        session.add(models.Receipt(
            id=receipt_id, proposal_id=proposal_id, status="signed",
            policy_number=number or f"P2026{receipt_id[:8]}", picked_up_on=signed_on - timedelta(days=1),
            delivered_on=signed_on, signed_on=signed_on, cooling_off_days=15,
            cooling_off_ends_on=signed_on + timedelta(days=15), return_due_on=signed_on + timedelta(days=3),
        ))  # fmt: skip
    return receipt_id


def add_outlet(ctx: AppContext, code: str = "BJ-JGM", name: str = "建国门支行") -> OutletId:
    outlet_id = OutletId(new_uuid())
    with ctx.store.sessions.begin() as session:
        session.add(models.Outlet(id=outlet_id, code=code, name=name, bank="中国工商银行"))
    return outlet_id


def pdf_dict(value: PdfObject) -> DictionaryObject:
    """A PDF dictionary read out of a printed page (`page["/Resources"]`, its "/XObject"), typed."""
    resolved = value.get_object()
    assert isinstance(resolved, DictionaryObject), type(resolved)
    return resolved
