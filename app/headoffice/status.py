"""What head office sends back about finished paperwork, applied to the laptop's records.

The sync engine hands over `StatusUpdate`s in whatever order and as often as the network
makes it; `apply` makes that safe:
- idempotent: an update already applied changes nothing (a problem case is known by head
  office's id, `remote_id`, which is unique);
- ordered by head office's clock, not by arrival: an update older than the proposal's
  `hq_status_at` is stale and does not change the status (a problem case it carries is
  still kept).  Two updates stamped the same instant are settled
  by how far along the process each is (received < problem < accepted < issued), so the
  result never depends on which arrived first;
- a "problem" opens a problem case (问题件, a `HeadOfficeLetter`) to answer within 10 days,
  which Today lists as a task until `resolve` closes it;
- an id this laptop does not know (another laptop's paperwork, or one since deleted) is
  counted and skipped.

Receipts carry no head-office status column, so for a receipt only a problem case is kept,
on the receipt's proposal, where the manager works on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.rules import letters
from app.rules.ids import ProposalId
from app.rules.reminders import is_overdue, letter_due
from local_db import models
from local_db.base import new_uuid, utcnow

KINDS = ("proposal", "receipt", "answer", "request")
# In the order head office moves a proposal along; the rank breaks ties between same-instant updates.
STATUSES = ("received", "problem", "accepted", "issued")
# Head office's replies (issue 19): to an answer to a letter, and to a change/withdrawal request;
# "received" is the acknowledgement of the push, which changes nothing here.
ANSWER_REPLIES = ("accepted", "question", "closed")
REQUEST_REPLIES = ("accepted", "refused")
REPLY_STATUSES = {"answer": ("received", *ANSWER_REPLIES), "request": ("received", *REQUEST_REPLIES)}
WITHDRAWN_ON_REQUEST = "withdrawn at the client's request"
STALE = "stale"  # `_reply`'s answer for a reply older than the one held
LETTER_KINDS = ("review", "medical_exam", "investigation", "financial_evidence", "health_evidence",
                "decision", "problem")  # fmt: skip


@dataclass(frozen=True)
class StatusUpdate:
    kind: str  # proposal | receipt
    record_id: str
    status: str  # received | accepted | problem | issued
    at: datetime  # head office's time of the change, UTC aware
    policy_number: str | None = None
    problem_id: str | None = None  # head office's id of the problem case
    problem_kind: str | None = None  # one of LETTER_KINDS; "problem" when not given
    reason: str = ""
    fields: dict[str, str] | None = None  # a letter's own fields (app.rules.letters.FIELDS)


@dataclass(frozen=True)
class AppliedStatus:
    changed: int  # updates that changed a status or opened a problem case
    unchanged: int  # already known: applied before
    stale: int  # older than what the record already holds
    unknown: int  # for ids this laptop does not have
    letters_created: int
    proposal_ids: tuple[str, ...] = field(default=())  # proposals whose page lines changed


@dataclass(frozen=True)
class LetterRow:
    id: str
    proposal_id: ProposalId
    remote_id: str
    kind: str  # one of LETTER_KINDS
    reason: str
    issued_on: date
    due_on: date
    overdue: bool
    resolved_at: datetime | None
    resolution_note: str


def _clean_fields(kind: str, fields: dict[str, str]) -> dict[str, str]:
    """The letter's fields its kind has, cleaned (app.rules.letters); a value that does not pass
    is left out, so one bad field never costs the letter."""
    if kind not in letters.KINDS:
        return {}
    cleaned: dict[str, str] = {}
    for key, value in fields.items():
        try:
            cleaned.update(letters.check_fields(kind, {key: str(value)}))
        except InvalidInput:
            continue
    return cleaned


def _check(update: StatusUpdate) -> None:
    """A malformed update is the caller's bug: refuse the batch before anything is written."""
    if update.kind not in KINDS:
        raise InvalidInput(f"Unknown record kind {update.kind!r} (use {', '.join(KINDS)}).",
                           zh=f"未知的记录类型：{update.kind}。")  # fmt: skip
    if update.kind in REPLY_STATUSES:
        if update.status not in REPLY_STATUSES[update.kind]:
            raise InvalidInput(f"Unknown reply {update.status!r} to an {update.kind}.",
                               zh=f"未知的总公司回复：{update.status}。")  # fmt: skip
    elif update.status not in STATUSES:
        raise InvalidInput(f"Unknown head-office status {update.status!r} (use {', '.join(STATUSES)}).",
                           zh=f"未知的总公司状态：{update.status}。")  # fmt: skip
    if update.at.tzinfo is None or update.at.utcoffset() is None:
        raise InvalidInput(f"The time of the update for {update.record_id} must carry its time zone.",
                           zh=f"{update.record_id} 的更新时间必须带时区。")  # fmt: skip
    if update.status == "problem" and not (update.problem_id or "").strip():
        raise InvalidInput(f"A problem case for {update.record_id} needs head office's problem id.",
                           zh=f"{update.record_id} 的问题件缺少总公司的问题编号。")  # fmt: skip
    if update.problem_kind is not None and update.problem_kind not in LETTER_KINDS:
        raise InvalidInput(f"Unknown problem kind {update.problem_kind!r} (use {', '.join(LETTER_KINDS)}).",
                           zh=f"未知的问题件类型：{update.problem_kind}。")  # fmt: skip


class HqStatusService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        zone: Callable[[], tzinfo] = local_zone,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._zone = zone
        self._today = today

    # ---- applying what head office sent ------------------------------------------------

    def apply(self, updates: Sequence[StatusUpdate]) -> AppliedStatus:
        """All the updates in one transaction; see the module's docstring for the rules."""
        for update in updates:
            _check(update)
        counts = {"changed": 0, "unchanged": 0, "stale": 0, "unknown": 0, "letters": 0}
        touched: dict[str, None] = {}
        actor = self._actor()
        with self._sessions.begin() as session:
            for update in updates:
                if update.kind in REPLY_STATUSES:
                    replied = self._reply(session, update, actor)
                    if replied is None or replied is False or replied == STALE:
                        counts[{None: "unknown", False: "unchanged", STALE: "stale"}[replied]] += 1
                    else:
                        counts["changed"] += 1
                        touched[str(replied)] = None
                    continue
                proposal = self._proposal_of(session, update)
                if proposal is None:
                    counts["unknown"] += 1
                    continue
                moved = update.kind == "proposal" and self._move(session, proposal, update, actor)
                # A problem case is opened even from a stale update: a newer status does not
                # mean head office closed the case, and a lost case is worse than an old one.
                opened = update.status == "problem" and self._open_letter(session, proposal.id, update, actor)
                counts["letters"] += int(opened)
                if moved or opened:
                    counts["changed"] += 1
                    touched[proposal.id] = None
                else:
                    counts["stale" if moved is None else "unchanged"] += 1
        return AppliedStatus(counts["changed"], counts["unchanged"], counts["stale"], counts["unknown"],
                             counts["letters"], tuple(touched))  # fmt: skip

    def _reply(self, session: Session, update: StatusUpdate, actor: str) -> str | bool | None:
        """Head office's reply onto the answer or request: the proposal's id when it changed
        something, False when already known (or only "received"), "stale" when older than the
        reply held, None when this laptop has no such answer or request."""
        row: models.LetterAnswer | models.ProposalRequest | None
        if update.kind == "answer":
            row = session.get(models.LetterAnswer, update.record_id)
            letter = session.get(models.HeadOfficeLetter, row.letter_id) if row is not None else None
            proposal_id = letter.proposal_id if letter is not None else None
        else:
            row = session.get(models.ProposalRequest, update.record_id)
            letter, proposal_id = None, row.proposal_id if row is not None else None
        if row is None or proposal_id is None:
            return None
        if update.status == "received":
            return False
        if row.hq_reply_at is not None:
            if update.at < row.hq_reply_at:
                return STALE
            if update.at == row.hq_reply_at and row.hq_reply == update.status:
                return False
        row.hq_reply, row.hq_reply_text, row.hq_reply_at = update.status, update.reason, update.at
        entity = "letter_answer" if update.kind == "answer" else "proposal_request"
        record_event(session, actor=actor, action="hq_reply", entity=entity, entity_id=row.id,
                     detail={"reply": update.status, "at": update.at.isoformat()})  # fmt: skip
        if letter is not None and update.status == "question":
            # Another question re-opens the letter: answered again within the letter's days.
            reply_day = update.at.astimezone(self._zone()).date()
            letter.resolved_at = None
            letter.due_on = letters.due_on(letter.kind if letter.kind in letters.KINDS else "problem", reply_day)
            if update.reason:
                letter.reason = f"{letter.reason}\n{update.reason}" if letter.reason else update.reason
            record_event(session, actor=actor, action="reopen", entity="hq_letter", entity_id=letter.id,
                         detail={"answer_id": row.id, "due_on": letter.due_on.isoformat()})  # fmt: skip
        if update.kind == "request" and update.status == "accepted":
            request = session.get(models.ProposalRequest, row.id)
            proposal = session.get(models.Proposal, proposal_id)
            if request is not None and request.kind == "withdraw" and proposal is not None \
                    and proposal.withdrawn_at is None:  # fmt: skip
                proposal.withdrawn_at = update.at
                proposal.withdrawn_reason = WITHDRAWN_ON_REQUEST
                record_event(session, actor=actor, action="withdrawn", entity="proposal", entity_id=proposal.id,
                             detail={"request_id": row.id, "at": update.at.isoformat()})  # fmt: skip
        return proposal_id

    def _proposal_of(self, session: Session, update: StatusUpdate) -> models.Proposal | None:
        if update.kind == "proposal":
            return session.get(models.Proposal, update.record_id)
        receipt = session.get(models.Receipt, update.record_id)
        return session.get(models.Proposal, receipt.proposal_id) if receipt is not None else None

    def _move(self, session: Session, proposal: models.Proposal, update: StatusUpdate, actor: str) -> bool | None:
        """True when the status moved, False when it already said this, None when stale."""
        known_at = proposal.hq_status_at
        if known_at is not None:
            if update.at < known_at:
                return None
            if update.at == known_at:
                if proposal.hq_status == update.status:
                    return False
                if STATUSES.index(update.status) < STATUSES.index(proposal.hq_status or STATUSES[0]):
                    return None
        proposal.hq_status = update.status
        proposal.hq_status_at = update.at
        proposal.hq_message = update.reason
        if update.status == "issued" and update.policy_number:
            proposal.hq_policy_number = update.policy_number
        record_event(session, actor=actor, action="hq_status", entity="proposal", entity_id=proposal.id,
                     detail={"status": update.status, "at": update.at.isoformat()})  # fmt: skip
        return True

    def _open_letter(self, session: Session, proposal_id: str, update: StatusUpdate, actor: str) -> bool:
        remote_id = (update.problem_id or "").strip()
        known = session.scalar(select(models.HeadOfficeLetter.id).where(models.HeadOfficeLetter.remote_id == remote_id))
        if known is not None:
            return False
        issued_on = update.at.astimezone(self._zone()).date()
        kind = update.problem_kind or "problem"
        due_on = letters.due_on(kind, issued_on) if kind in letters.KINDS else letter_due(issued_on)
        letter = models.HeadOfficeLetter(
            id=new_uuid(), proposal_id=proposal_id, remote_id=remote_id, kind=kind, reason=update.reason,
            issued_on=issued_on, due_on=due_on,
            fields_json=json.dumps(_clean_fields(kind, update.fields or {}), ensure_ascii=False, sort_keys=True),
        )  # fmt: skip
        session.add(letter)
        # Flushed now, so a second update naming the same problem id in this batch finds it.
        session.flush()
        record_event(session, actor=actor, action="create", entity="hq_letter", entity_id=letter.id,
                     detail={"proposal_id": proposal_id, "remote_id": remote_id, "kind": letter.kind})  # fmt: skip
        return True

    # ---- problem cases -----------------------------------------------------------------

    def letters_for(self, proposal_id: ProposalId) -> tuple[LetterRow, ...]:
        """The proposal's problem cases: open ones first (soonest due first), then resolved ones."""
        today = self._today()
        with self._sessions() as session:
            letters = session.scalars(
                select(models.HeadOfficeLetter).where(models.HeadOfficeLetter.proposal_id == proposal_id)
            ).all()
            rows = [
                LetterRow(
                    id=x.id, proposal_id=ProposalId(x.proposal_id), remote_id=x.remote_id, kind=x.kind,
                    reason=x.reason, issued_on=x.issued_on, due_on=x.due_on,
                    overdue=x.resolved_at is None and is_overdue(x.due_on, today),
                    resolved_at=x.resolved_at, resolution_note=x.resolution_note,
                )
                for x in letters
            ]  # fmt: skip
        rows.sort(key=lambda r: (r.resolved_at is not None, r.due_on, r.issued_on, r.remote_id))
        return tuple(rows)

    def resolve(self, letter_id: str, note: str) -> LetterRow:
        """Close a problem case with what was done about it; Today stops listing it."""
        note = note.strip()
        if not note:
            raise InvalidInput("Say how the problem case was resolved.", "Write a short note, then resolve.",
                               zh="请说明问题件是如何解决的。",
                               hint_zh="请写一句简短说明，再标记为已解决。")  # fmt: skip
        with self._sessions.begin() as session:
            letter = session.get(models.HeadOfficeLetter, letter_id)
            if letter is None:
                raise NotFound(f"No problem case {letter_id}.", zh="找不到该问题件。")
            if letter.resolved_at is not None:
                raise InvalidInput("This problem case is already resolved.", zh="该问题件已经解决。")
            letter.resolved_at = utcnow()
            letter.resolution_note = note
            record_event(session, actor=self._actor(), action="resolve", entity="hq_letter", entity_id=letter.id,
                         detail={"proposal_id": letter.proposal_id, "remote_id": letter.remote_id})  # fmt: skip
            return LetterRow(
                id=letter.id, proposal_id=ProposalId(letter.proposal_id), remote_id=letter.remote_id,
                kind=letter.kind, reason=letter.reason, issued_on=letter.issued_on,
                due_on=letter.due_on, overdue=False, resolved_at=letter.resolved_at,
                resolution_note=letter.resolution_note,
            )  # fmt: skip
