"""Head office's state: who may push, what was received (exactly once), and the status feed.

Stateless by design: every answer is read from or written to the database, so any number
of workers and hosts can share one PostgreSQL.  Exactly-once rests on the database, not on
locks in a process: `records.id` and each manager's `records.idempotency_key` are UNIQUE, so
when two workers race to store the same push one insert fails, and that worker re-reads and
answers as the first did.  Keys are looked up in the pushing manager's namespace only: another
manager's key with the same text is another key, and its existence is never revealed.

The feed's cursor must never let a reader skip an event: on PostgreSQL a sequence hands out
numbers in the order transactions *start* inserting, not the order they commit, so a reader
could see 7 committed, move its cursor past 6 and never see 6.  Event inserts therefore
take a transaction-scoped advisory lock, which makes cursor order commit order.  SQLite has
one writer at a time, which does the same.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.rules.limits import is_text
from sync import wire
from sync.headoffice.db import Manager, Record, StatusEvent, iso_utc, utcnow
from sync.headoffice.documents import Checked, FieldError, Invalid

DECISIONS = ("accepted", "problem", "issued")
# The laptop's kinds of head-office letters (app.headoffice.status.LETTER_KINDS).
PROBLEM_KINDS = ("review", "medical_exam", "investigation", "financial_evidence", "health_evidence",
                 "decision", "problem")  # fmt: skip
MANAGER_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")
FEED_LOCK_KEY = 0x42444553  # "BDES": any fixed number; only event writers take it
POLICY_NUMBER_MAX = 40
REASON_MAX = 2000


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: str  # JSON text, sent byte for byte the same on every replay


class Refused(Exception):
    """A 403/409 answer: `code` is the wire's detail code."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message


class DuplicateManager(Exception):
    """The manager code is taken; their token is not shown again."""


class BadDecision(ValueError):
    """A head-office decision that cannot be recorded (bad arguments or unknown record)."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(sessions: sessionmaker[Session], token: str | None) -> str | None:
    """The manager code a bearer token belongs to, or None."""
    if not token:
        return None
    digest = token_digest(token)
    with sessions() as session:
        row = session.execute(select(Manager.code, Manager.token_sha256).where(Manager.token_sha256 == digest)).first()
    if row is None or not hmac.compare_digest(row.token_sha256, digest):
        return None
    return str(row.code)


def _forbidden(what: str) -> Refused:
    return Refused(403, "forbidden", f"This {what} belongs to another account manager.")


def _replayed(record: Record, body_sha256: str) -> Answer:
    if record.body_sha256 != body_sha256:
        raise Refused(
            409,
            "idempotency_conflict",
            f"Idempotency-Key {record.idempotency_key} was used before with a different body; "
            "a new item needs a new key.",
        )
    return Answer(record.response_code, record.response_json)


def _keyed(session: Session, key: str, manager: str) -> Record | None:
    return session.scalar(select(Record).where(Record.manager_code == manager, Record.idempotency_key == key))


def replay(sessions: sessionmaker[Session], key: str, body_sha256: str, manager: str) -> Answer | None:
    """The first answer for this manager's Idempotency-Key and body, None for a new key.

    Checked before the body is validated, so a replay gets its first answer even if the
    rules changed since.  Refused 409 when the key came with another body.
    """
    with sessions() as session:
        record = _keyed(session, key, manager)
    return None if record is None else _replayed(record, body_sha256)


def _owner(session: Session, checked: Checked) -> str:
    if checked.manager_code is not None:
        return checked.manager_code
    proposal = session.scalar(select(Record).where(Record.id == checked.proposal_id, Record.kind == "proposal"))
    if proposal is None:
        raise Invalid(
            "The receipt's proposal has not reached head office.",
            [
                FieldError(
                    "proposal_id",
                    "proposal_unknown",
                    "Head office has not received this receipt's proposal yet: send the proposal first.",
                    "总部尚未收到该回执对应的投保单，请先发送投保单。",
                )
            ],
        )
    return proposal.manager_code


def _first_answer(session: Session, checked: Checked, key: str, body_sha256: str, manager: str) -> Answer | None:
    """The answer already given for this key or record, if any (see `replay`)."""
    same_key = _keyed(session, key, manager)
    if same_key is not None:
        return _replayed(same_key, body_sha256)
    same_record = session.scalar(select(Record).where(Record.id == checked.record_id))
    if same_record is None:
        return None
    if same_record.manager_code != manager:
        raise _forbidden(same_record.kind)
    if same_record.kind != checked.kind or same_record.content_hash != checked.content_hash:
        raise Refused(
            409,
            "duplicate_record",
            f"Head office already holds {same_record.kind} {checked.record_id} with different content; "
            "a correction is a new record with its own id.",
        )
    return Answer(same_record.response_code, same_record.response_json)


def append_event(session: Session, manager: str, kind: str, record_id: str, status: str, **extra: Any) -> StatusEvent:
    """Adds a status event; call it last in the transaction (it holds the feed lock until commit)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})
    event = StatusEvent(manager_code=manager, kind=kind, record_id=record_id, status=status, at=utcnow(),
                        reason=extra.pop("reason", "") or "", **extra)  # fmt: skip
    session.add(event)
    session.flush()
    return event


def accept(
    sessions: sessionmaker[Session], checked: Checked, key: str, body_sha256: str, body: str, manager: str
) -> Answer:
    """Stores a valid push once and answers 201; a push already stored gets its first answer."""
    if checked.manager_code is not None and checked.manager_code != manager:
        raise _forbidden(checked.kind)
    for _attempt in range(3):
        with sessions() as session:
            first = _first_answer(session, checked, key, body_sha256, manager)
            if first is not None:
                return first
            if _owner(session, checked) != manager:
                raise _forbidden(checked.kind)
        try:
            with sessions.begin() as session:
                now = utcnow()
                record = Record(
                    id=checked.record_id, kind=checked.kind, manager_code=manager, proposal_id=checked.proposal_id,
                    idempotency_key=key, body_sha256=body_sha256, content_hash=checked.content_hash,
                    response_code=wire.PUSH_CREATED, response_json="", body=body, received_at=now,
                )  # fmt: skip
                session.add(record)
                session.flush()  # a racing worker's row makes this fail: answered below as a replay
                record.response_json = json.dumps(
                    wire.accepted(checked.record_id, checked.kind, iso_utc(now), record.seq),
                    ensure_ascii=False, separators=(",", ":"),
                )  # fmt: skip
                append_event(session, manager, checked.kind, checked.record_id, "received")
                answer = Answer(wire.PUSH_CREATED, record.response_json)
            return answer
        except IntegrityError:
            continue
    raise RuntimeError(f"could not store or re-read {checked.kind} {checked.record_id}")


def event_json(event: StatusEvent) -> dict[str, Any]:
    return {
        "cursor": event.cursor, "kind": event.kind, "record_id": event.record_id, "status": event.status,
        "at": iso_utc(event.at), "policy_number": event.policy_number, "problem_id": event.problem_id,
        "problem_kind": event.problem_kind, "reason": event.reason,
    }  # fmt: skip


def feed(sessions: sessionmaker[Session], manager: str, after: int, limit: int) -> dict[str, Any]:
    """The manager's status events after `after`, oldest first; `next` is the cursor to ask after."""
    with sessions() as session:
        events = session.scalars(
            select(StatusEvent)
            .where(StatusEvent.manager_code == manager, StatusEvent.cursor > after)
            .order_by(StatusEvent.cursor)
            .limit(limit)
        ).all()
    return {"events": [event_json(e) for e in events], "next": events[-1].cursor if events else after}


# ---- head-office staff (CLI) ------------------------------------------------------------


def check_manager(code: str, name: str) -> None:
    """ValueError unless the code and name can be registered."""
    if not MANAGER_CODE.fullmatch(code):
        raise ValueError(f"Manager code {code!r}: 1-40 letters, digits, '-' or '_'.")
    if not name.strip() or len(name.strip()) > 100:
        raise ValueError("The manager's name is required (at most 100 characters).")


def add_manager(sessions: sessionmaker[Session], code: str, name: str) -> str:
    """Registers a manager and returns their new token; only its SHA-256 is kept.

    ValueError for a bad code or name, DuplicateManager when the code is taken.
    """
    check_manager(code, name)
    token = secrets.token_urlsafe(32)
    taken = DuplicateManager(f"Manager {code} already exists; their token is not shown again.")
    try:
        with sessions.begin() as session:
            if session.get(Manager, code) is not None:
                raise taken
            session.add(Manager(code=code, name=name.strip(), token_sha256=token_digest(token), created_at=utcnow()))
    except IntegrityError as error:  # another process added the same code at the same moment
        raise taken from error
    return token


def decide(
    sessions: sessionmaker[Session],
    record_id: str,
    status: str,
    reason: str = "",
    problem_kind: str | None = None,
    policy_number: str | None = None,
) -> dict[str, Any]:
    """Appends head office's decision on a received record to its manager's feed."""
    if status not in DECISIONS:
        raise BadDecision(f"Status {status!r}: use one of {', '.join(DECISIONS)}.")
    if problem_kind is not None and (status != "problem" or problem_kind not in PROBLEM_KINDS):
        raise BadDecision(f"--problem-kind goes with status problem and is one of {', '.join(PROBLEM_KINDS)}.")
    if status == "problem" and not reason.strip():
        raise BadDecision("A problem case needs --reason: the manager must know what to fix.")
    if len(reason.strip()) > REASON_MAX or not is_text(reason):
        # The laptop reads a page of up to 1,000 events within a size cap; a reason is a few lines.
        raise BadDecision(f"A reason has at most {REASON_MAX:,} characters of text.")
    if (status == "issued") != bool(policy_number and policy_number.strip()):
        raise BadDecision("--policy-number is given with status issued, and only then.")
    if policy_number is not None and len(policy_number.strip()) > POLICY_NUMBER_MAX:
        raise BadDecision(f"A policy number has at most {POLICY_NUMBER_MAX} characters.")
    with sessions.begin() as session:
        record = session.scalar(select(Record).where(Record.id == record_id))
        if record is None:
            raise BadDecision(f"Head office has received no proposal or receipt {record_id}.")
        event = append_event(
            session, record.manager_code, record.kind, record.id, status, reason=reason.strip(),
            problem_kind=problem_kind if status == "problem" else None,
            problem_id=str(uuid.uuid4()) if status == "problem" else None,
            policy_number=policy_number.strip() if policy_number else None,
        )  # fmt: skip
        return event_json(event)
