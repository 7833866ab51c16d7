"""Audit trail: append-only, each event hash-chained to the one before it.

Events are written in the same transaction as the change they record. Details never hold an
unmasked ID or phone number.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from local_db.base import utcnow
from local_db.models import AuditEvent

GENESIS = "0" * 64


def _digest(prev_hash: str, seq: int, at: str, actor: str, action: str, entity: str,
            entity_id: str | None, detail_json: str) -> str:
    body = json.dumps([seq, at, actor, action, entity, entity_id, detail_json], ensure_ascii=False)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def record_event(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq = last.seq + 1 if last else 1
    prev_hash = last.hash if last else GENESIS
    at = utcnow()
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    session.add(
        AuditEvent(
            seq=seq, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
            detail_json=detail_json, prev_hash=prev_hash,
            hash=_digest(prev_hash, seq, at.isoformat(), actor, action, entity, entity_id, detail_json),
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str | None
    detail: dict[str, Any]


def events_for(session: Session, entity: str, entity_id: str) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.seq)
    )
    return [
        AuditEntry(r.seq, r.at.isoformat(), r.actor, r.action, r.entity, r.entity_id, json.loads(r.detail_json))
        for r in rows
    ]


def broken_links(session: Session) -> list[int]:
    """Sequence numbers whose hash or link does not check out (tampering or loss)."""
    bad = []
    prev_hash, expected_seq = GENESIS, 1
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        digest = _digest(prev_hash, event.seq, event.at.isoformat(), event.actor, event.action,
                         event.entity, event.entity_id, event.detail_json)
        if event.seq != expected_seq or event.prev_hash != prev_hash or event.hash != digest:
            bad.append(event.seq)
        prev_hash, expected_seq = event.hash, event.seq + 1
    return bad
