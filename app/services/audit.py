"""Audit trail: append-only, each event hash-chained to the one before it.

Events are written in the same transaction as the change they record. Details never hold an
unmasked ID or phone number. Triggers (migration 0005) refuse UPDATE and DELETE of events;
`verify_chain` finds what someone who dropped them first changed, deleted, inserted or
reordered. The chain has no secret: whoever can write the file can also rebuild a consistent
chain, so only a head hash kept elsewhere (`--anchor`) catches that, or a cut-off tail.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, text
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
    return sorted({p.seq for p in verify_chain(session).problems if p.seq is not None})


def recent_events(session: Session, entity: str | None = None, limit: int = 50) -> list[AuditEntry]:
    """Newest first; `entity` narrows to one kind (client, proposal, …)."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if entity:
        query = query.where(AuditEvent.entity == entity)
    return [
        AuditEntry(r.seq, r.at.isoformat(), r.actor, r.action, r.entity, r.entity_id, json.loads(r.detail_json))
        for r in session.scalars(query)
    ]


APPEND_ONLY_TRIGGERS = ("audit_events_no_update", "audit_events_no_delete")


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None  # None: not about one event (the triggers, the anchor)
    kind: str  # changed | missing | inserted_or_reordered | bad_seq | anchor | triggers_missing
    message: str


@dataclass(frozen=True)
class ChainReport:
    events: int
    head_seq: int | None
    head_hash: str
    problems: tuple[ChainProblem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def first_broken_seq(self) -> int | None:
        return min((p.seq for p in self.problems if p.seq is not None), default=None)


def _stored_at(raw: object) -> str | None:
    """The ISO text `record_event` hashed, from the naive UTC value SQLite holds."""
    try:
        return datetime.fromisoformat(str(raw)).replace(tzinfo=timezone.utc).isoformat()
    except ValueError:
        return None


def verify_chain(session: Session, anchor: tuple[int, str] | None = None) -> ChainReport:
    """Walk every event in seq order and say where the chain does not check out.

    Read as raw column values, not through the model: a tampered row may hold anything, and
    the verifier must report it rather than fail to load it.
    """
    rows = session.execute(text(
        "SELECT seq, at, actor, action, entity, entity_id, detail_json, prev_hash, hash "
        "FROM audit_events ORDER BY seq"
    ))  # fmt: skip
    problems: list[ChainProblem] = []
    prev_seq, prev_hash, count = 0, GENESIS, 0
    anchor_seen = False
    for seq, at, actor, action, entity, entity_id, detail_json, stored_prev, stored_hash in rows:
        count += 1
        if not isinstance(seq, int):
            problems.append(ChainProblem(None, "bad_seq", f"An event has seq {seq!r}, not a whole number."))
            continue
        at_text = _stored_at(at)
        own = None if at_text is None else _digest(
            stored_prev, seq, at_text, actor, action, entity, entity_id, detail_json)  # fmt: skip
        if own != stored_hash:
            problems.append(ChainProblem(seq, "changed", f"Event {seq} was changed after it was written."))
        if seq > prev_seq + 1:
            gap = f"{prev_seq + 1}" if seq == prev_seq + 2 else f"{prev_seq + 1}–{seq - 1}"
            problems.append(ChainProblem(prev_seq + 1, "missing", f"Event(s) {gap} were deleted."))
        elif stored_prev != prev_hash:
            problems.append(ChainProblem(
                seq, "inserted_or_reordered",
                f"Event {seq} does not follow event {prev_seq}: one of them was replaced, "
                "inserted or moved.",
            ))  # fmt: skip
        if anchor is not None and seq == anchor[0]:
            anchor_seen = True
            if stored_hash != anchor[1]:
                problems.append(ChainProblem(seq, "anchor", f"Event {seq} is not the one the anchor recorded."))
        prev_seq, prev_hash = seq, stored_hash
    if anchor is not None and not anchor_seen:
        problems.append(ChainProblem(
            anchor[0], "anchor", f"Event {anchor[0]} recorded by the anchor is gone (the log was cut short)."))
    present = set(session.scalars(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")))  # fmt: skip
    if not present.issuperset(APPEND_ONLY_TRIGGERS):
        problems.append(ChainProblem(None, "triggers_missing",
                                     "The triggers that keep the audit log append-only were removed."))
    problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    return ChainReport(count, prev_seq or None, prev_hash if count else "", tuple(problems))
