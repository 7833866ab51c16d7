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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from local_db.base import utcnow
from local_db.engine import hold_write_lock
from local_db.models import AuditEvent

GENESIS = "0" * 64


def _digest(
    prev_hash: str, seq: int, at: str, actor: str, action: str, entity: str, entity_id: str | None, detail_json: str
) -> str:
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
    # Under the write lock, so no other process can take the same seq (one writer per profile).
    hold_write_lock(session)
    # Whole numbers only: a seq tampered into text sorts above them and must not stop the log.
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(func.typeof(AuditEvent.seq) == "integer")
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq = last.seq + 1 if last else 1
    prev_hash = last.hash if last else GENESIS
    at = utcnow()
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    session.add(
        AuditEvent(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail_json=detail_json,
            prev_hash=prev_hash,
            hash=_digest(prev_hash, seq, at.isoformat(), actor, action, entity, entity_id, detail_json),
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    seq: int | None  # None: the stored seq is not a whole number (see `damaged`)
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str | None
    detail: dict[str, Any]
    # Columns that do not hold what record_event writes (tampering or damage), shown as "?".
    damaged: tuple[str, ...] = ()


_ENTRY_COLUMNS = "seq, at, actor, action, entity, entity_id, detail_json"
DAMAGED = "?"


def _entry(row: Sequence[Any]) -> AuditEntry:
    """An event from its raw column values: whatever a tampered row holds is shown as damaged,
    never a reason to fail the whole list."""
    seq, at, actor, action, entity, entity_id, detail_json = row
    at_text = _stored_at(at)
    try:
        detail = json.loads(detail_json) if isinstance(detail_json, str) else None
    except ValueError:
        detail = None
    sound = {
        "seq": isinstance(seq, int), "at": at_text is not None, "actor": isinstance(actor, str),
        "action": isinstance(action, str), "entity": isinstance(entity, str),
        "entity_id": entity_id is None or isinstance(entity_id, str), "detail": isinstance(detail, dict),
    }  # fmt: skip

    def shown(value: object) -> str:
        return value if isinstance(value, str) else DAMAGED

    return AuditEntry(
        seq if sound["seq"] else None,
        at_text or DAMAGED,
        shown(actor),
        shown(action),
        shown(entity),
        entity_id if sound["entity_id"] else DAMAGED,
        detail if isinstance(detail, dict) else {},
        tuple(name for name, ok in sound.items() if not ok),
    )


def events_for(session: Session, entity: str, entity_id: str) -> list[AuditEntry]:
    rows = session.execute(text(
        f"SELECT {_ENTRY_COLUMNS} FROM audit_events WHERE entity = :entity AND entity_id = :entity_id ORDER BY seq"
    ), {"entity": entity, "entity_id": entity_id})  # fmt: skip
    return [_entry(row) for row in rows]


def broken_links(session: Session) -> list[int]:
    """Sequence numbers whose hash or link does not check out (tampering or loss)."""
    return sorted({p.seq for p in verify_chain(session).problems if p.seq is not None})


def recent_events(session: Session, entity: str | None = None, limit: int = 50) -> list[AuditEntry]:
    """Newest first; `entity` narrows to one kind (client, proposal, …)."""
    where = "WHERE entity = :entity " if entity else ""
    rows = session.execute(text(
        f"SELECT {_ENTRY_COLUMNS} FROM audit_events {where}ORDER BY seq DESC LIMIT :limit"
    ), {"entity": entity, "limit": limit})  # fmt: skip
    return [_entry(row) for row in rows]


APPEND_ONLY_TRIGGERS = ("audit_events_no_update", "audit_events_no_delete")


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None  # None: not about one event (the triggers, the table)
    # changed | malformed | missing | inserted_or_reordered | bad_seq | anchor | triggers_missing
    # | table_missing | table_altered
    kind: str
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
        return datetime.fromisoformat(str(raw)).replace(tzinfo=UTC).isoformat()
    except ValueError:
        return None


CHAIN_COLUMNS = ("seq", "at", "actor", "action", "entity", "entity_id", "detail_json", "prev_hash", "hash")
# Columns record_event always fills with text; entity_id is text or NULL.
_TEXT_COLUMNS = ("actor", "action", "entity", "detail_json", "prev_hash", "hash")


def _shown(value: object) -> str:
    """A stored value as a message can quote it: short, and a blob only by its size."""
    if isinstance(value, bytes):
        return f"a {len(value)}-byte blob"
    return repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"


def verify_chain(session: Session, anchor: tuple[int, str] | None = None) -> ChainReport:
    """Walk every event in seq order and say where the chain does not check out.

    Read as raw column values, not through the model: a tampered row may hold anything (a
    blob, a seq that is no number), and the verifier must report it rather than fail to load
    it. A dropped or altered table is tampering too. A file too damaged to read raises the
    driver's error: that is "could not check", not a verdict (app/cli/audit.py).
    """
    columns = {str(r[1]) for r in session.execute(text("PRAGMA table_info(audit_events)"))}
    if not columns:
        return _verdict(0, None, "", [ChainProblem(
            None, "table_missing", "The audit table is missing: the whole audit log was removed.")])  # fmt: skip
    lacking = [c for c in CHAIN_COLUMNS if c not in columns]
    if lacking:
        return _verdict(0, None, "", [ChainProblem(
            None, "table_altered", f"The audit table was altered: it lacks {', '.join(lacking)}.")])  # fmt: skip
    rows = session.execute(text(f"SELECT {', '.join(CHAIN_COLUMNS)} FROM audit_events ORDER BY seq"))
    problems: list[ChainProblem] = []
    prev_seq, prev_hash, count = 0, GENESIS, 0
    anchor_seen = False
    for seq, at, actor, action, entity, entity_id, detail_json, stored_prev, stored_hash in rows:
        count += 1
        if not isinstance(seq, int):
            # SQLite sorts text and blobs after every number, so this row comes after the last
            # whole seq; a gap it leaves is reported where it is.
            problems.append(
                ChainProblem(
                    prev_seq + 1, "bad_seq", f"An event after seq {prev_seq} has seq {_shown(seq)}, not a whole number."
                )
            )
            continue
        values = dict(zip(_TEXT_COLUMNS, (actor, action, entity, detail_json, stored_prev, stored_hash), strict=True))
        odd = [name for name, value in values.items() if not isinstance(value, str)]
        odd += [] if entity_id is None or isinstance(entity_id, str) else ["entity_id"]
        at_text = _stored_at(at)
        if odd:
            first = values.get(odd[0], entity_id)
            problems.append(ChainProblem(seq, "malformed", f"Event {seq} holds something other than text in "
                                         f"{', '.join(odd)} ({_shown(first)})."))  # fmt: skip
        elif at_text is None or _digest(
                stored_prev, seq, at_text, actor, action, entity, entity_id, detail_json) != stored_hash:  # fmt: skip
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
        prev_seq, prev_hash = seq, stored_hash if isinstance(stored_hash, str) else ""
    if anchor is not None and not anchor_seen:
        problems.append(
            ChainProblem(
                anchor[0], "anchor", f"Event {anchor[0]} recorded by the anchor is gone (the log was cut short)."
            )
        )
    present = set(session.scalars(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")))  # fmt: skip
    if not present.issuperset(APPEND_ONLY_TRIGGERS):
        problems.append(
            ChainProblem(None, "triggers_missing", "The triggers that keep the audit log append-only were removed.")
        )
    return _verdict(count, prev_seq or None, prev_hash if count else "", problems)


def _verdict(count: int, head_seq: int | None, head_hash: str, problems: list[ChainProblem]) -> ChainReport:
    problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    return ChainReport(count, head_seq, head_hash, tuple(problems))
