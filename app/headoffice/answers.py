"""Answers to head office's letters and problem cases, sent back through the outbox (issue 19).

A letter has at most one open draft answer (`draft`); the manager writes the text and attaches
photos, scans or PDFs of what the client signed or provided; `send` queues it (outbox kind
"answer", `sync.wire.answer_document`) after the letter's proposal and marks the letter
resolved.  Once queued it goes to head office exactly once: its outbox item's id is the
Idempotency-Key.  Head office's reply (accepted, another question, closed) comes back on the
status feed (app/headoffice/status.py) onto the answer (`hq_reply`); a question re-opens the
letter, and the next answer is a new draft.

An underwriting decision (核保通知函, kind "decision") is sent only once the client's decision
is recorded and signed by the policyholder and the insured (app/headoffice/letters.py).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.headoffice import attachments
from app.headoffice.attachments import AttachmentView
from app.headoffice.queue import enqueue
from app.profile.audit import record_event
from app.rules.proposal import canonical_text
from local_db import models
from local_db.base import new_uuid, utcnow
from sync import wire

TEXT_MAX = 4000
DECISION_ROLES = ("policyholder", "insured")


@dataclass(frozen=True)
class AnswerView:
    id: str
    letter_id: str
    text: str
    status: str  # draft | queued
    queued_at: datetime | None
    hq_reply: str | None  # None | accepted | question | closed
    hq_reply_text: str
    hq_reply_at: datetime | None
    attachments: tuple[AttachmentView, ...]


def _view(session: Session, row: models.LetterAnswer) -> AnswerView:
    return AnswerView(
        id=row.id, letter_id=row.letter_id, text=row.text, status=row.status, queued_at=row.queued_at,
        hq_reply=row.hq_reply, hq_reply_text=row.hq_reply_text, hq_reply_at=row.hq_reply_at,
        attachments=attachments.listed(session, answer_id=row.id),
    )  # fmt: skip


def _letter(session: Session, letter_id: str) -> models.HeadOfficeLetter:
    letter = session.get(models.HeadOfficeLetter, letter_id)
    if letter is None:
        raise NotFound(f"No letter {letter_id}.", zh="找不到该函件。")
    return letter


def _draft_answer(session: Session, answer_id: str) -> models.LetterAnswer:
    row = session.get(models.LetterAnswer, answer_id)
    if row is None:
        raise NotFound(f"No answer {answer_id}.", zh="找不到该答复。")
    if row.status != "draft":
        raise InvalidInput("This answer has already been sent to head office.",
                           "Wait for head office's reply; a question re-opens the letter for a new answer.",
                           zh="该答复已经发送给总公司。",
                           hint_zh="请等待总公司回复；如总公司再次提问，函件会重新打开以便再次答复。")  # fmt: skip
    return row


def _clean_text(text: str) -> str:
    text = text.replace("\x00", "").strip()
    if len(text) > TEXT_MAX:
        raise InvalidInput(f"The answer is too long (at most {TEXT_MAX} characters).",
                           zh=f"答复过长（最多 {TEXT_MAX} 个字）。")  # fmt: skip
    return text


class AnswerService:
    def __init__(self, sessions: sessionmaker[Session], actor: Callable[[], str]) -> None:
        self._sessions = sessions
        self._actor = actor

    def draft(self, letter_id: str) -> AnswerView:
        """The letter's open draft answer, created if there is none."""
        with self._sessions.begin() as session:
            letter = _letter(session, letter_id)
            row = session.scalar(
                select(models.LetterAnswer)
                .where(models.LetterAnswer.letter_id == letter_id, models.LetterAnswer.status == "draft")
                .order_by(models.LetterAnswer.created_at.desc())
                .limit(1)
            )
            if row is None:
                if letter.resolved_at is not None:
                    raise InvalidInput("This letter is already answered.",
                                       "If head office asks again, the letter opens for a new answer.",
                                       zh="该函件已经答复。",
                                       hint_zh="如总公司再次提问，函件会重新打开以便再次答复。")  # fmt: skip
                row = models.LetterAnswer(id=new_uuid(), letter_id=letter_id, text="", status="draft")
                session.add(row)
                session.flush()
                record_event(session, actor=self._actor(), action="create", entity="letter_answer", entity_id=row.id,
                             detail={"letter_id": letter_id})  # fmt: skip
            return _view(session, row)

    def save(self, answer_id: str, text: str) -> AnswerView:
        """The draft's text, as typed (trimmed)."""
        with self._sessions.begin() as session:
            row = _draft_answer(session, answer_id)
            row.text = _clean_text(text)
            session.flush()
            return _view(session, row)

    def attach(self, answer_id: str, name: str, data: bytes) -> AttachmentView:
        """A JPEG, PNG or PDF (told by its content, at most 10 MB) added to the draft."""
        with self._sessions.begin() as session:
            _draft_answer(session, answer_id)
            return attachments.add(session, self._actor(), answer_id=answer_id, name=name, data=data)

    def remove_attachment(self, attachment_id: str) -> None:
        """Take an attachment off a draft answer."""
        with self._sessions.begin() as session:
            attachments.remove(session, self._actor(), attachment_id)

    def send(self, answer_id: str) -> str:
        """Queue the answer for head office (outbox kind "answer", after the letter's proposal)
        and mark the letter resolved with the answer's text; returns the outbox item's id."""
        with self._sessions.begin() as session:
            row = _draft_answer(session, answer_id)
            letter = _letter(session, row.letter_id)
            files = attachments.wire_list(session, answer_id=answer_id)
            if not row.text and not files:
                raise InvalidInput("The answer is empty.", "Write the answer or attach what the client provided.",
                                   zh="答复是空的。", hint_zh="请填写答复，或附上客户提供的材料。")  # fmt: skip
            signatures: list[dict[str, str]] = []
            if letter.kind == "decision":
                signatures = self._decision_signatures(session, letter)
            now = utcnow()
            document = wire.answer_document(
                answer_id=row.id, proposal_id=letter.proposal_id, letter_id=letter.remote_id, kind=letter.kind,
                text=row.text, answered_at=now.isoformat(), decision=letter.decision,
                signatures=signatures, attachments=files,
            )  # fmt: skip
            item = enqueue(session, wire.ANSWER, row.id, canonical_text(document), letter.proposal_id)
            attachments.queue_attached(session, item.id, answer_id=answer_id)  # uploaded ahead of the item
            row.status = "queued"
            row.queued_at = now
            letter.resolved_at = now
            letter.resolution_note = row.text
            record_event(session, actor=self._actor(), action="send", entity="letter_answer", entity_id=row.id,
                         detail={"letter_id": letter.id, "remote_id": letter.remote_id, "outbox_seq": item.seq,
                                 "attachments": len(files)})  # fmt: skip
            record_event(session, actor=self._actor(), action="resolve", entity="hq_letter", entity_id=letter.id,
                         detail={"proposal_id": letter.proposal_id, "remote_id": letter.remote_id,
                                 "answer_id": row.id})  # fmt: skip
            session.flush()
            return item.id

    @staticmethod
    def _decision_signatures(session: Session, letter: models.HeadOfficeLetter) -> list[dict[str, str]]:
        if letter.decision not in ("accepted", "declined"):
            raise InvalidInput("The client has not yet accepted or declined the underwriting decision.",
                               "Record the client's decision, signed by the policyholder and the insured.",
                               zh="客户尚未接受或拒绝核保结论。",
                               hint_zh="请记录客户的决定，并由投保人和被保险人签名。")  # fmt: skip
        rows = session.scalars(select(models.Signature).where(models.Signature.letter_id == letter.id)).all()
        by_role = {sig.signer_role: sig for sig in rows}
        missing = [role for role in DECISION_ROLES if role not in by_role]
        if missing:
            who_zh = "、".join({"policyholder": "投保人", "insured": "被保险人"}[r] for r in missing)
            raise InvalidInput(f"The decision lacks the signature of the {' and the '.join(missing)}.",
                               "Both the policyholder and the insured sign the decision.",
                               zh=f"核保结论缺少{who_zh}的签名。",
                               hint_zh="核保结论须由投保人和被保险人签名。")  # fmt: skip
        return [
            {"role": role, "name": by_role[role].signer_name,
             "png_b64": base64.b64encode(by_role[role].png).decode("ascii"),
             "sha256": hashlib.sha256(by_role[role].png).hexdigest()}
            for role in DECISION_ROLES
        ]  # fmt: skip

    def for_letter(self, letter_id: str) -> tuple[AnswerView, ...]:
        """The letter's answers, newest first, each with head office's reply if any."""
        with self._sessions() as session:
            rows = session.scalars(
                select(models.LetterAnswer)
                .where(models.LetterAnswer.letter_id == letter_id)
                .order_by(models.LetterAnswer.created_at.desc(), models.LetterAnswer.id)
            ).all()
            return tuple(_view(session, row) for row in rows)
