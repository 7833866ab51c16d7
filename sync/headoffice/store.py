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

import base64
import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.rules.limits import is_text
from sync import wire
from sync.headoffice.db import (
    AnswerRow,
    AttachmentRow,
    Letter,
    Manager,
    Record,
    RequestRow,
    StatusEvent,
    UploadedFile,
    iso_utc,
    utcnow,
)
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
        what, what_zh = {wire.ANSWER: ("answer", "答复"), wire.REQUEST: ("request", "申请")}.get(
            checked.kind, ("receipt", "回执")
        )
        raise Invalid(
            f"The {what}'s proposal has not reached head office.",
            [
                FieldError(
                    "proposal_id",
                    "proposal_unknown",
                    f"Head office has not received this {what}'s proposal yet: send the proposal first.",
                    f"总部尚未收到该{what_zh}对应的投保单，请先发送投保单。",
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
                _store_followup(session, checked, manager, now)
                append_event(session, manager, checked.kind, checked.record_id, "received")
                answer = Answer(wire.PUSH_CREATED, record.response_json)
            return answer
        except IntegrityError:
            continue
    raise RuntimeError(f"could not store or re-read {checked.kind} {checked.record_id}")


def _letter_unknown() -> Invalid:
    return Invalid("The answer's letter is not one head office raised on this proposal.", [FieldError(
        "letter_id", "letter_unknown", "Head office raised no such letter on this proposal.",
        "总部未对该投保单发出此函件。",
    )])  # fmt: skip


def _letter_from_feed(session: Session, problem_id: str, manager: str) -> Letter | None:
    """A problem case raised before letters had their own table: its feed event, as a Letter
    (added to the session, so the next answer finds it)."""
    event = session.scalar(select(StatusEvent).where(StatusEvent.problem_id == problem_id,
                                                     StatusEvent.manager_code == manager))  # fmt: skip
    if event is None:
        return None
    record = session.scalar(select(Record).where(Record.id == event.record_id))
    proposal_id = record.proposal_id if record is not None and record.kind == wire.RECEIPT else event.record_id
    letter = Letter(id=problem_id, manager_code=manager, record_id=event.record_id, proposal_id=proposal_id or "",
                    kind=event.problem_kind or "problem", reason=event.reason, fields_json=event.fields_json or "{}",
                    raised_at=event.at)  # fmt: skip
    session.add(letter)
    return letter


def _store_followup(session: Session, checked: Checked, manager: str, now: datetime) -> None:
    """An answer's or request's own rows and attachments, in the push's transaction."""
    body = checked.document
    if body is None:
        return
    if checked.kind == wire.ANSWER:
        letter = session.get(Letter, body["letter_id"]) or _letter_from_feed(session, body["letter_id"], manager)
        if letter is None or letter.manager_code != manager or letter.proposal_id != checked.proposal_id:
            raise _letter_unknown()
        if letter.kind != body["kind"]:
            raise Invalid("The answer names another kind of letter.", [FieldError(
                "kind", "letter_kind", f"The letter is a {letter.kind} letter.", "函件类型不符。")])  # fmt: skip
        signatures = [{"role": s["role"], "name": s["name"], "sha256": s["sha256"]} for s in body["signatures"]]
        session.add(AnswerRow(
            id=checked.record_id, manager_code=manager, proposal_id=checked.proposal_id, letter_id=letter.id,
            kind=letter.kind, text=body["text"], decision=body["decision"],
            signatures_json=json.dumps(signatures, ensure_ascii=False), answered_at=body["answered_at"],
            received_at=now,
        ))  # fmt: skip
    else:
        session.add(RequestRow(
            id=checked.record_id, manager_code=manager, proposal_id=checked.proposal_id, kind=body["kind"],
            reason=body["reason"], details_json=json.dumps(body["details"], ensure_ascii=False, sort_keys=True),
            requested_at=body["requested_at"], received_at=now,
        ))  # fmt: skip
    owner = {"answer_id": checked.record_id} if checked.kind == wire.ANSWER else {"request_id": checked.record_id}
    for file in checked.files:
        session.add(AttachmentRow(**owner, name=file["name"], mime=file["mime"], size=file["size"],
                                  sha256=file["sha256"], data=file["data"]))  # fmt: skip


def event_json(event: StatusEvent) -> dict[str, Any]:
    return {
        "cursor": event.cursor, "kind": event.kind, "record_id": event.record_id, "status": event.status,
        "at": iso_utc(event.at), "policy_number": event.policy_number, "problem_id": event.problem_id,
        "problem_kind": event.problem_kind, "reason": event.reason,
        "fields": json.loads(event.fields_json) if event.fields_json else None,
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
    fields: dict[str, str] | None = None,
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
        if record.kind not in (wire.PROPOSAL, wire.RECEIPT):
            raise BadDecision(f"{record_id} is an {record.kind}: reply to it with `reply` or `reply-request`.")
        problem_id = str(uuid.uuid4()) if status == "problem" else None
        fields_json = json.dumps(fields or {}, ensure_ascii=False, sort_keys=True) if problem_id else None
        if problem_id is not None:
            proposal_id = record.id if record.kind == wire.PROPOSAL else (record.proposal_id or record.id)
            session.add(Letter(id=problem_id, manager_code=record.manager_code, record_id=record.id,
                               proposal_id=proposal_id, kind=problem_kind or "problem", reason=reason.strip(),
                               fields_json=fields_json or "{}", raised_at=utcnow()))  # fmt: skip
        event = append_event(
            session, record.manager_code, record.kind, record.id, status, reason=reason.strip(),
            problem_kind=problem_kind if status == "problem" else None, problem_id=problem_id,
            policy_number=policy_number.strip() if policy_number else None, fields_json=fields_json,
        )  # fmt: skip
        return event_json(event)


def raise_letter(sessions: sessionmaker[Session], record_id: str, kind: str, reason: str,
                 fields: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """A letter of `kind` with its own fields (app.rules.letters: unknown kinds and fields, bad
    values refused with BadDecision) raised on a received proposal or receipt."""
    from app.rules import letters  # its refusals are app.errors.InvalidInput, named through it

    if kind not in letters.KINDS:
        raise BadDecision(f"Letter kind {kind!r}: use one of {', '.join(letters.KINDS)}.")
    unknown = sorted(set(fields) - set(letters.FIELDS[kind]))
    if unknown:
        allowed = ", ".join(letters.FIELDS[kind]) or "none"
        raise BadDecision(f"A {kind} letter has no field {', '.join(unknown)} (its fields: {allowed}).")
    try:
        cleaned = letters.check_fields(kind, fields)
    except letters.InvalidInput as error:
        raise BadDecision(str(error)) from None
    return decide(sessions, record_id, "problem", reason, kind, fields=cleaned)


ANSWER_REPLIES = ("accepted", "question", "closed")
REQUEST_REPLIES = ("accepted", "refused")


def _reply_text(status: str, text_: str) -> str:
    text_ = text_.strip()
    if len(text_) > REASON_MAX or not is_text(text_):
        raise BadDecision(f"A reply has at most {REASON_MAX:,} characters of text.")
    if status in ("question", "refused") and not text_:
        raise BadDecision(f"A {status} reply needs --text: the manager must know what to do.")
    return text_


def reply_answer(sessions: sessionmaker[Session], answer_id: str, status: str, text_: str = "") -> dict[str, Any]:
    """Head office's reply to an answer, onto the answer and its manager's feed (kind "answer")."""
    if status not in ANSWER_REPLIES:
        raise BadDecision(f"Reply {status!r}: use one of {', '.join(ANSWER_REPLIES)}.")
    text_ = _reply_text(status, text_)
    with sessions.begin() as session:
        row = session.get(AnswerRow, answer_id)
        if row is None:
            raise BadDecision(f"Head office has received no answer {answer_id}.")
        now = utcnow()
        row.reply, row.reply_text, row.replied_at = status, text_, now
        return event_json(append_event(session, row.manager_code, wire.ANSWER, row.id, status, reason=text_))


def reply_request(sessions: sessionmaker[Session], request_id: str, status: str, text_: str = "") -> dict[str, Any]:
    """Head office's reply to a change or withdrawal request (kind "request" on the feed)."""
    if status not in REQUEST_REPLIES:
        raise BadDecision(f"Reply {status!r}: use one of {', '.join(REQUEST_REPLIES)}.")
    text_ = _reply_text(status, text_)
    with sessions.begin() as session:
        row = session.get(RequestRow, request_id)
        if row is None:
            raise BadDecision(f"Head office has received no request {request_id}.")
        row.reply, row.reply_text, row.replied_at = status, text_, utcnow()
        return event_json(append_event(session, row.manager_code, wire.REQUEST, row.id, status, reason=text_))


def receipt_scan(sessions: sessionmaker[Session], receipt_id: str) -> bytes | None:
    """The scan of a received receipt, whether it came inline (`scan_base64`, in the stored
    body) or was uploaded first and named (`uploaded_files`, by its SHA-256); None without one."""
    with sessions() as session:
        body = session.scalar(select(Record.body).where(Record.id == receipt_id, Record.kind == wire.RECEIPT))
        if body is None:
            return None
        envelope = json.loads(body)
        if isinstance(envelope.get(wire.SCAN_KEY), str):
            return base64.b64decode(envelope[wire.SCAN_KEY])
        scan = (envelope.get(wire.RECEIPT) or {}).get("scan")
        if not isinstance(scan, dict):
            return None
        data = session.scalar(select(UploadedFile.data).where(UploadedFile.sha256 == scan.get("sha256")))
        return None if data is None else bytes(data)


def _files(session: Session, **owner: str) -> list[dict[str, Any]]:
    column = AttachmentRow.answer_id if "answer_id" in owner else AttachmentRow.request_id
    rows = session.execute(
        select(AttachmentRow.name, AttachmentRow.mime, AttachmentRow.size, AttachmentRow.sha256)
        .where(column == next(iter(owner.values())))
        .order_by(AttachmentRow.seq)
    ).all()
    return [{"name": r.name, "mime": r.mime, "size": r.size, "sha256": r.sha256} for r in rows]


def answers(sessions: sessionmaker[Session], open_only: bool = False) -> list[dict[str, Any]]:
    """What the laptops answered, oldest first, with their attachments (name, size, SHA-256)."""
    with sessions() as session:
        query = select(AnswerRow).order_by(AnswerRow.received_at, AnswerRow.id)
        if open_only:
            query = query.where(AnswerRow.reply.is_(None))
        rows = session.scalars(query).all()
        return [{
            "id": r.id, "manager_code": r.manager_code, "proposal_id": r.proposal_id, "letter_id": r.letter_id,
            "kind": r.kind, "text": r.text, "decision": r.decision, "signatures": json.loads(r.signatures_json),
            "answered_at": r.answered_at, "received_at": iso_utc(r.received_at), "reply": r.reply,
            "reply_text": r.reply_text, "replied_at": iso_utc(r.replied_at) if r.replied_at else None,
            "attachments": _files(session, answer_id=r.id),
        } for r in rows]  # fmt: skip


def requests(sessions: sessionmaker[Session]) -> list[dict[str, Any]]:
    """The change and withdrawal requests received, oldest first."""
    with sessions() as session:
        rows = session.scalars(select(RequestRow).order_by(RequestRow.received_at, RequestRow.id)).all()
        return [{
            "id": r.id, "manager_code": r.manager_code, "proposal_id": r.proposal_id, "kind": r.kind,
            "reason": r.reason, "details": json.loads(r.details_json), "requested_at": r.requested_at,
            "received_at": iso_utc(r.received_at), "reply": r.reply, "reply_text": r.reply_text,
            "replied_at": iso_utc(r.replied_at) if r.replied_at else None,
            "attachments": _files(session, request_id=r.id),
        } for r in rows]  # fmt: skip
