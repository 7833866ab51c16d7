"""Head office's letters (函件) handled as the manual says, each kind in its own way (issue 19).

- every letter is read with its own fields (app/rules/letters.py): `view`;
- a medical examination (体检通知函) is booked as a Planner visit on the insured's card (or the
  policyholder's, when the insured has none), so it shows on the Planner and on Today's agenda;
  booking again moves that same visit (`book_exam`);
- an underwriting decision (核保通知函) is accepted or declined by the client, and the policyholder
  and the insured each sign (`decide`); once decided it does not change.  The answer itself — with
  the signatures in its payload — goes through AnswerService.send (app/headoffice/answers.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.errors import InvalidInput, NotFound
from app.planner.records import MIN_MINUTES, VisitInput, default_checklist
from app.planner.service import PlannerService
from app.profile.audit import record_event
from app.rules import letters as rules
from app.rules import signature as signature_rules
from app.rules.ids import ClientId, ProposalId, VisitId
from app.rules.reminders import is_overdue
from local_db import models
from local_db.base import new_uuid, utcnow

SignatureInput = tuple[signature_rules.Signature, bytes]  # the strokes, and the PNG for printing
SIGNER_ROLES = ("policyholder", "insured")
EXAM_PURPOSE = "medical_exam"
MAX_EXAM_MINUTES = 8 * 60
# The examination's “3S” checklist, kept with the Planner's own lists.
EXAM_CHECKLIST = default_checklist(EXAM_PURPOSE)


@dataclass(frozen=True)
class LetterView:
    id: str
    proposal_id: ProposalId
    remote_id: str
    kind: str  # one of app.rules.letters.KINDS
    reason: str
    issued_on: date
    due_on: date
    overdue: bool
    resolved_at: datetime | None
    resolution_note: str
    fields: dict[str, str]  # the kind's own fields, cleaned (app.rules.letters.FIELDS)
    policyholder_name: str
    insured_name: str
    product_name: str
    visit_id: VisitId | None  # a medical examination's Planner visit
    visit_starts_at: datetime | None  # in the local zone
    visit_minutes: int | None
    decision: str | None  # accepted | declined (an underwriting decision)
    decided_at: datetime | None
    signatures: tuple[str, ...]  # the roles that signed the decision: policyholder, insured


def _letter(session: Session, letter_id: str) -> models.HeadOfficeLetter:
    letter = session.get(models.HeadOfficeLetter, letter_id)
    if letter is None:
        raise NotFound(f"No letter {letter_id}.", zh="找不到该函件。")
    return letter


def _fields(letter: models.HeadOfficeLetter) -> dict[str, str]:
    """The stored fields, read leniently: what the feed stored was already checked on arrival."""
    try:
        data = json.loads(letter.fields_json or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]) for key in rules.FIELDS.get(letter.kind, ()) if data.get(key) not in (None, "")}


def _parties(session: Session, proposal_id: str) -> dict[str, models.ProposalParty]:
    rows = session.scalars(select(models.ProposalParty).where(models.ProposalParty.proposal_id == proposal_id))
    return {row.role: row for row in rows}


def _only(letter: models.HeadOfficeLetter, kind: str, en: str, zh: str) -> None:
    if letter.kind != kind:
        raise InvalidInput(f"Only {en} letter can do this; this one is of another kind.",
                           zh=f"只有{zh}才能这样处理；此函件是其他类型。")  # fmt: skip


class LetterService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        planner: PlannerService,
        zone: Callable[[], tzinfo] = local_zone,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._planner = planner
        self._zone = zone
        self._today = today

    # ---- reading ---------------------------------------------------------------------

    def view(self, letter_id: str) -> LetterView:
        with self._sessions() as session:
            letter = _letter(session, letter_id)
            parties = _parties(session, letter.proposal_id)
            proposal = session.get(models.Proposal, letter.proposal_id)
            visit = session.get(models.Visit, letter.visit_id) if letter.visit_id else None
            roles = session.scalars(
                select(models.Signature.signer_role).where(models.Signature.letter_id == letter_id)
            ).all()
            return LetterView(
                id=letter.id, proposal_id=ProposalId(letter.proposal_id), remote_id=letter.remote_id,
                kind=letter.kind, reason=letter.reason, issued_on=letter.issued_on, due_on=letter.due_on,
                overdue=letter.resolved_at is None and is_overdue(letter.due_on, self._today()),
                resolved_at=letter.resolved_at, resolution_note=letter.resolution_note, fields=_fields(letter),
                policyholder_name=parties["policyholder"].name if "policyholder" in parties else "",
                insured_name=parties["insured"].name if "insured" in parties else "",
                product_name=proposal.product_name if proposal is not None else "",
                visit_id=VisitId(visit.id) if visit is not None else None,
                visit_starts_at=visit.starts_at.astimezone(self._zone()) if visit is not None else None,
                visit_minutes=int((visit.ends_at - visit.starts_at).total_seconds() // 60) if visit else None,
                decision=letter.decision, decided_at=letter.decided_at,
                signatures=tuple(role for role in SIGNER_ROLES if role in roles),
            )  # fmt: skip

    # ---- a medical examination ---------------------------------------------------------

    def book_exam(self, letter_id: str, starts_at: datetime, minutes: int = 60) -> str:
        """The examination as a Planner visit (a care visit whose agenda says 体检 and the
        hospital, at the hospital) on the insured's card, else the policyholder's; booking again
        moves the same visit while it is planned. Returns the visit's id."""
        if starts_at.tzinfo is None or starts_at.utcoffset() is None:
            raise InvalidInput("The examination time needs a time zone.", zh="体检时间必须带时区。")
        if not MIN_MINUTES <= minutes <= MAX_EXAM_MINUTES:
            raise InvalidInput(f"An examination takes {MIN_MINUTES} to {MAX_EXAM_MINUTES} minutes.",
                               zh=f"体检时长须在 {MIN_MINUTES} 到 {MAX_EXAM_MINUTES} 分钟之间。")  # fmt: skip
        ends_at = starts_at + timedelta(minutes=minutes)
        with self._sessions() as session:
            letter = _letter(session, letter_id)
            _only(letter, "medical_exam", "a medical examination", "体检通知函")
            fields = _fields(letter)
            parties = _parties(session, letter.proposal_id)
            client_id = next((parties[r].client_id for r in ("insured", "policyholder")
                              if r in parties and parties[r].client_id), None)  # fmt: skip
            visit = session.get(models.Visit, letter.visit_id) if letter.visit_id else None
            movable = visit is not None and visit.status == "planned"
            remote_id = letter.remote_id
        if movable and visit is not None:
            self._planner.move(VisitId(visit.id), starts_at)
            self._planner.resize(VisitId(visit.id), ends_at)
            return visit.id
        if client_id is None:
            raise InvalidInput("Neither the insured nor the policyholder has a client card to book the visit on.",
                               "Link the proposal's insured or policyholder to a client card first.",
                               zh="被保险人和投保人都没有客户档案，无法安排拜访。",
                               hint_zh="请先为投保单的被保险人或投保人关联客户档案。")  # fmt: skip
        hospital = fields.get("hospital", "")
        agenda = f"体检：{hospital or '体检医院见函件'}"
        if fields.get("items"):
            agenda += f"\n体检项目：{fields['items']}"
        agenda += f"\n体检通知函 {remote_id}：请客户携带身份证和照片。"
        view = self._planner.create(VisitInput(
            kind="client", purpose=EXAM_PURPOSE, starts_at=starts_at, ends_at=ends_at, client_id=ClientId(client_id),
            location=hospital[:200], agenda=agenda, checklist=EXAM_CHECKLIST,
        ))  # fmt: skip
        with self._sessions.begin() as session:
            letter = _letter(session, letter_id)
            letter.visit_id = view.id
            record_event(session, actor=self._actor(), action="book_exam", entity="hq_letter", entity_id=letter_id,
                         detail={"visit_id": view.id, "starts_at": starts_at.isoformat()})  # fmt: skip
        return view.id

    # ---- an underwriting decision ----------------------------------------------------

    def decide(self, letter_id: str, decision: str, policyholder: SignatureInput, insured: SignatureInput) -> None:
        """The client accepts or declines the underwriting decision; the policyholder and the
        insured each sign (two Signature rows on the letter). Once decided it does not change."""
        if decision not in rules.DECISIONS:
            raise InvalidInput("Choose whether the client accepts or declines the decision.",
                               zh="请选择客户接受还是不接受核保结论。")  # fmt: skip
        signed = {"policyholder": policyholder, "insured": insured}
        problems = [(role, p) for role, (sig, _png) in signed.items() for p in signature_rules.check_signature(sig)]
        if problems:
            who_zh = {"policyholder": "投保人", "insured": "被保险人"}
            role, first = problems[0]
            raise InvalidInput(f"The {role}'s signature cannot be used: {first.en}",
                               "Sign again on the pad.",
                               zh=f"{who_zh[role]}的签名不可用：{first.zh_CN}",
                               hint_zh="请在签名板上重新签名。")  # fmt: skip
        with self._sessions.begin() as session:
            letter = _letter(session, letter_id)
            _only(letter, "decision", "an underwriting decision", "核保通知函")
            if letter.decision is not None:
                raise InvalidInput("The client's decision is already recorded and cannot change.",
                                   zh="客户的决定已经记录，不能更改。")  # fmt: skip
            parties = _parties(session, letter.proposal_id)
            now = utcnow()
            for role, (sig, png) in signed.items():
                session.add(models.Signature(
                    id=new_uuid(), letter_id=letter_id, signer_role=role,
                    signer_name=parties[role].name if role in parties else "",
                    strokes_json=signature_rules.to_json(sig), png=png, signed_at=now,
                ))  # fmt: skip
            letter.decision = decision
            letter.decided_at = now
            record_event(session, actor=self._actor(), action="decide", entity="hq_letter", entity_id=letter_id,
                         detail={"decision": decision, "proposal_id": letter.proposal_id})  # fmt: skip
