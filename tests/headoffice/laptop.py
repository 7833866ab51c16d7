"""Outbox items exactly as the laptop queues them, made through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import requests
from sqlalchemy import select

from app.context import AppContext
from app.receipts.service import ReceiptFields, ReceiptService
from app.rules.ids import ProposalId
from local_db import models
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


def push(base_url: str, token: str | None, item: Item, *, key: str | None = None, body: bytes | None = None,
         content_type: str = "application/json") -> requests.Response:  # fmt: skip
    """POSTs the item as the sync client does; `key` and `body` override what is sent."""
    headers = {"Content-Type": content_type, "Idempotency-Key": key or item.key}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = body if body is not None else item.payload.encode("utf-8")
    return requests.post(base_url + item.path, data=data, headers=headers, timeout=30)
