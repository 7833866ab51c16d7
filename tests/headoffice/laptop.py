"""Outbox items exactly as the laptop queues them, made through the real services."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import requests
from sqlalchemy import delete, select

from app.context import AppContext
from app.headoffice.status import StatusUpdate
from app.receipts.service import ReceiptFields, ReceiptService
from app.rules.ids import ProposalId
from app.rules.proposal import canonical_text
from local_db import models
from sync import wire
from tests.paperwork_helpers import PNG, finished_proposal, zigzag


@dataclass(frozen=True)
class Item:
    key: str  # the outbox item's UUID: the Idempotency-Key
    kind: str
    record_id: str
    payload: str  # payload_json as stored

    @property
    def path(self) -> str:
        return f"/v1/{self.kind}s"


def _item(ctx: AppContext, record_id: str) -> Item:
    with ctx.store.sessions() as session:
        row = session.scalar(select(models.OutboxItem).where(models.OutboxItem.record_id == record_id))
        assert row is not None
        return Item(row.id, row.kind, row.record_id, row.payload_json)


def proposal_item(ctx: AppContext, manager_code: str, **changes: object) -> Item:
    """A finished proposal (the sample form, signed by both) of `manager_code`."""
    return _item(ctx, finished_proposal(ctx, manager_code=manager_code, **changes))


def receipt_item(ctx: AppContext, proposal_id: ProposalId, scan: bytes | None = None) -> Item:
    """The signed receipt of a finished proposal, signed yesterday on screen (or the PDF `scan`)."""
    yesterday = date.today() - timedelta(days=1)
    receipts = ReceiptService(ctx.store.sessions, ctx.actor)
    receipt_id = receipts.new_draft(proposal_id)
    receipts.save_draft(receipt_id, ReceiptFields("P2026000123", yesterday, yesterday, 15))
    if scan is None:
        receipts.sign(receipt_id, yesterday, signature=(zigzag(), PNG))
    else:
        receipts.sign(receipt_id, yesterday, scan=(scan, "application/pdf"))
    return _item(ctx, receipt_id)


def letter_on_laptop(ctx: AppContext, event: dict[str, object]) -> str:
    """Applies head office's letter event (from `letter`/`decide ... problem`) to the laptop as a
    pull would; returns the laptop's letter id."""
    at = datetime.fromisoformat(str(event["at"]).replace("Z", "+00:00"))
    fields = event.get("fields")
    ctx.hq_status.apply([StatusUpdate(
        str(event["kind"]), str(event["record_id"]), "problem", at, problem_id=str(event["problem_id"]),
        problem_kind=str(event["problem_kind"]) if event.get("problem_kind") else None, reason=str(event["reason"]),
        fields=dict(fields) if isinstance(fields, dict) else None,
    )])  # fmt: skip
    with ctx.store.sessions() as session:
        letter_id = session.scalar(
            select(models.HeadOfficeLetter.id).where(models.HeadOfficeLetter.remote_id == event["problem_id"])
        )
    assert letter_id is not None
    return letter_id


def answer_item(ctx: AppContext, letter_id: str, text: str, files: dict[str, bytes] | None = None) -> Item:
    """The laptop's answer to its letter `letter_id`, with `files` (name -> bytes), queued."""
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, text)
    for name, data in (files or {}).items():
        ctx.answers.attach(draft.id, name, data)
    ctx.answers.send(draft.id)
    return _item(ctx, draft.id)


def push(base_url: str, token: str | None, item: Item, *, key: str | None = None, body: bytes | None = None,
         content_type: str = "application/json") -> requests.Response:  # fmt: skip
    """POSTs the item as the sync client does; `key` and `body` override what is sent."""
    headers = {"Content-Type": content_type, "Idempotency-Key": key or item.key}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = body if body is not None else item.payload.encode("utf-8")
    return requests.post(base_url + item.path, data=data, headers=headers, timeout=30)


def queued_inline(ctx: AppContext, item: Item) -> Item:
    """`item` as a laptop from before issue 20 queued it: its scan (`scan_base64`) or attachments
    (`data_b64`) inline in the payload, and nothing to upload ahead. Head office still takes such
    pushes, and a laptop still sends the ones it has queued as they are."""
    with ctx.store.sessions.begin() as session:
        row = session.get(models.OutboxItem, item.key)
        assert row is not None
        stored = {f.sha256: f.data for f in session.scalars(select(models.OutboxFile).where(
            models.OutboxFile.item_id == item.key))}  # fmt: skip
        body = json.loads(row.payload_json)
        if body.get("receipt", {}).get("scan"):
            body[wire.SCAN_KEY] = base64.b64encode(stored[body["receipt"]["scan"]["sha256"]]).decode("ascii")
        for entry in body.get("attachments") or ():
            entry[wire.ATTACHMENT_DATA_KEY] = base64.b64encode(stored[entry["sha256"]]).decode("ascii")
        row.payload_json = canonical_text(body)
        session.execute(delete(models.OutboxFile).where(models.OutboxFile.item_id == item.key))
        return Item(row.id, row.kind, row.record_id, row.payload_json)
