"""成交面谈记录表: the closing interview — the plan presented, FAB, three closing attempts,
objections and how each was handled, what to improve, the outcome and the follow-up.

The form saves as typed (a draft keeps whatever was entered). Marked done, it is work done and
counts once, through one work-log entry (`worklog_id`): the visit's own entry when it was held on
a visit (the visit is then done, its furthest step the close), else a new visit entry. A
follow-up date on a client's form becomes one planned visit in the planner, kept in step with
the date while it is still planned; a closed outcome offers a new proposal pre-filled with the
client, the product and the premium.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.worklog import (
    CORRECT_IN_SUMMARY,
    LogInput,
    WorkLogService,
    drop_entry,
    is_closed,
    record_visit,
    refuse_closed,
)
from app.errors import InvalidInput, NotFound
from app.planner.records import default_checklist
from app.profile.audit import record_event
from app.proposals.records import ProposalRecords
from app.proposals.service import ProposalService
from app.rules.client_card import age_on
from app.rules.ids import ClientId, ProposalId, ProspectId, VisitId, optional_id
from app.rules.product_catalogue import ProductCatalogue
from local_db.models import Client, ClosingInterview, Proposal, Prospect, Visit, VisitChecklistItem
from local_db.models import WorkLogEntry as _Entry

OUTCOMES = ("closed", "follow_up", "declined")
# What the visit the interview was held on records as its outcome (app/planner/records.OUTCOMES).
VISIT_OUTCOMES = {"closed": "closed", "follow_up": "follow_up", "declined": "not_closed"}
MAX_OBJECTIONS = 20
MAX_TEXT = 2000
# A follow-up visit the form plans: at this time on the follow-up day, this long.
FOLLOW_UP_AT = time(10)
FOLLOW_UP_MINUTES = 60
ADULT = 18


@dataclass(frozen=True)
class Objection:
    objection: str  # what the client said (异议)
    handling: str  # how it was handled (处理)


@dataclass(frozen=True)
class ClosingInput:
    """The form as typed. Amounts in whole fen; the product by its catalogue code."""

    held_on: date
    client_id: ClientId | None = None
    prospect_id: ProspectId | None = None
    visit_id: VisitId | None = None
    product_code: str = ""
    premium_cents: int | None = None
    fab_presented: bool = False
    three_attempts: bool = False
    objections: tuple[Objection, ...] = ()
    other: str = ""
    improve: str = ""
    outcome: str | None = None  # closed | follow_up | declined
    follow_up_on: date | None = None


@dataclass(frozen=True)
class ClosingView:
    id: str
    status: str  # draft | done
    data: ClosingInput
    product_name: str
    client_name: str
    prospect_name: str
    client_phone: str  # as stored; prints and screens mask it
    visit_starts_at: datetime | None  # in the manager's zone
    visit_location: str
    follow_up_visit_id: VisitId | None
    proposal_id: ProposalId | None
    worklog_id: str | None
    logged_on_closed_day: bool  # its entry is on a closed day: what the entry says cannot change

    @property
    def who(self) -> str:
        return self.client_name or self.prospect_name


def _text(value: str, what: str, what_zh: str) -> str:
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"The {what} is longer than {MAX_TEXT} characters.",
                           zh=f"{what_zh}超过 {MAX_TEXT} 个字。")  # fmt: skip
    return value


def _objections(items: tuple[Objection, ...]) -> str:
    """The objections as stored: rows with neither part typed are dropped."""
    kept = [
        {"objection": _text(o.objection.strip(), "objection", "异议"),
         "handling": _text(o.handling.strip(), "handling of an objection", "异议处理")}
        for o in items
        if o.objection.strip() or o.handling.strip()
    ]  # fmt: skip
    if len(kept) > MAX_OBJECTIONS:
        raise InvalidInput(f"At most {MAX_OBJECTIONS} objections fit on one form.",
                           zh=f"一张表最多记录 {MAX_OBJECTIONS} 条异议。")  # fmt: skip
    return json.dumps(kept, ensure_ascii=False)


def _read_objections(text: str) -> tuple[Objection, ...]:
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(rows, list):
        return ()
    return tuple(
        Objection(str(r.get("objection", "")), str(r.get("handling", ""))) for r in rows if isinstance(r, dict)
    )


class ClosingInterviewService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        worklog: WorkLogService,
        proposals: ProposalService,
        proposal_records: ProposalRecords,
        catalogue: Callable[[], ProductCatalogue],
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._worklog = worklog
        self._proposals = proposals
        self._records = proposal_records
        self._catalogue = catalogue
        self._actor = actor
        self._zone = zone or local_zone()
        self._today = today

    # ---- reading ---------------------------------------------------------------------

    def get(self, interview_id: str) -> ClosingView:
        with self._sessions() as session:
            return self._view(session, self._row(session, interview_id))

    def for_visit(self, visit_id: VisitId) -> ClosingView | None:
        with self._sessions() as session:
            row = session.scalar(select(ClosingInterview).where(ClosingInterview.visit_id == visit_id).limit(1))
            return self._view(session, row) if row is not None else None

    def of_client(self, client_id: ClientId) -> list[ClosingView]:
        """The client's closing interviews, latest first (the card's history, the print list)."""
        with self._sessions() as session:
            rows = session.scalars(
                select(ClosingInterview)
                .where(ClosingInterview.client_id == client_id)
                .order_by(ClosingInterview.held_on.desc(), ClosingInterview.created_at.desc())
            ).all()
            return [self._view(session, r) for r in rows]

    # ---- writing ---------------------------------------------------------------------

    def start(
        self,
        *,
        visit_id: VisitId | None = None,
        client_id: ClientId | None = None,
        prospect_id: ProspectId | None = None,
    ) -> ClosingView:
        """The form to fill: a visit's own (one form a visit: the one it has, or a new draft with
        the visit's client and day), or a new draft for a client or a prospect, held today."""
        with self._sessions.begin() as session:
            held_on = self._today()
            if visit_id is not None:
                existing = session.scalar(
                    select(ClosingInterview).where(ClosingInterview.visit_id == visit_id).limit(1)
                )
                if existing is not None:
                    return self._view(session, existing)
                visit = session.get(Visit, visit_id)
                if visit is None:
                    raise NotFound(f"No visit {visit_id}.", zh="找不到该拜访。")
                if visit.kind != "client" or visit.client_id is None:
                    raise InvalidInput("A closing interview is held with a client, not on an outlet visit.",
                                       zh="成交面谈是与客户进行的，不能记在网点拜访上。")  # fmt: skip
                client_id, prospect_id = ClientId(visit.client_id), None
                held_on = visit.starts_at.astimezone(self._zone).date()
            data = ClosingInput(held_on=held_on, client_id=client_id, prospect_id=prospect_id, visit_id=visit_id)
            self._check_people(session, data)
            row = ClosingInterview(status="draft", held_on=held_on, client_id=client_id, prospect_id=prospect_id,
                                   visit_id=visit_id)  # fmt: skip
            session.add(row)
            session.flush()
            record_event(session, actor=self._actor(), action="create", entity="closing_interview",
                         entity_id=row.id, detail={"visit_id": visit_id, "client_id": client_id})  # fmt: skip
            return self._view(session, row)

    def save(self, interview_id: str, data: ClosingInput) -> ClosingView:
        """Keep the form as typed. On a done form the work-log entry and the follow-up visit
        follow what it now says (on a closed day the entry cannot change: refused)."""
        with self._sessions.begin() as session:
            row = self._row(session, interview_id)
            self._write(session, row, data)
            if row.status == "done":
                self._count(session, row)
                self._plan_follow_up(session, row)
            session.flush()
            record_event(session, actor=self._actor(), action="edit", entity="closing_interview",
                         entity_id=row.id, detail={"status": row.status, "outcome": row.outcome})  # fmt: skip
            return self._view(session, row)

    def mark_done(self, interview_id: str, data: ClosingInput | None = None) -> ClosingView:
        """The interview was held: saved, then counted once in the work log (sales step close),
        the follow-up date planned as a visit. Marking a done form done again changes nothing more."""
        with self._sessions.begin() as session:
            row = self._row(session, interview_id)
            if data is not None:
                self._write(session, row, data)
            self._refuse_incomplete(row)
            row.status = "done"
            self._count(session, row)
            self._plan_follow_up(session, row)
            session.flush()
            record_event(session, actor=self._actor(), action="status", entity="closing_interview",
                         entity_id=row.id, detail={"status": "done", "outcome": row.outcome,
                                                   "worklog_id": row.worklog_id})  # fmt: skip
            return self._view(session, row)

    def reopen(self, interview_id: str) -> ClosingView:
        """Marked done by mistake: back to a draft, no longer counted. An entry it wrote itself is
        removed (open day only); a visit's entry stays the visit's (change the visit in the planner)."""
        with self._sessions.begin() as session:
            row = self._row(session, interview_id)
            if row.status != "done":
                return self._view(session, row)
            self._uncount(session, row)
            row.status = "draft"
            session.flush()
            record_event(session, actor=self._actor(), action="status", entity="closing_interview",
                         entity_id=row.id, detail={"status": "draft"})  # fmt: skip
            return self._view(session, row)

    def new_proposal(self, interview_id: str) -> ProposalId:
        """The proposal a closed interview leads to: the one already made from it while it
        exists, else a new draft with the client as policyholder and insured where the rules
        allow (an adult; within the product's insured ages), the product and the premium."""
        with self._sessions() as session:
            row = self._row(session, interview_id)
            if row.outcome != "closed":
                raise InvalidInput("Only a closed interview leads to a proposal.",
                                   "Set the outcome to closed first.",
                                   zh="只有已成交的面谈才能新建投保单。",
                                   hint_zh="请先把面谈结果设为已成交。")  # fmt: skip
            if row.proposal_id is not None and session.get(Proposal, row.proposal_id) is not None:
                return ProposalId(row.proposal_id)
            if row.client_id is None:
                raise InvalidInput("A proposal is made for a client card; this interview is with a prospect.",
                                   "Convert the prospect to a client first (Clients ▸ Prospects).",
                                   zh="投保单要对应客户档案；这次面谈的对象是准客户。",
                                   hint_zh="请先把准客户转为客户（客户 ▸ 准客户）。")  # fmt: skip
            client_id = ClientId(row.client_id)
            client = session.get(Client, client_id)
            birth = client.birth_date if client is not None else None
            code, premium = row.product_code, row.premium_cents
        product = self._catalogue().find(code) if code else None
        party = self._records.party_from_client(client_id)
        day = self._today()
        adult = birth is None or age_on(birth, day) >= ADULT
        fits = product is None or birth is None or product.insured_age_fits(birth, day)
        # A minor cannot be the policyholder: that is a parent's or guardian's line to fill.
        proposal_id = self._proposals.new_draft_for(client_id, party) if adult else self._proposals.new_draft()
        doc = self._proposals.doc(proposal_id)
        if product is not None and product.is_insurance:
            doc = replace(doc, product_code=product.code, product_name=product.name_zh, premium_cents=premium)
            if product.payment_modes == ("single",):
                doc = replace(doc, payment_mode="single")
        if fits:
            doc = replace(doc, insured=party, relation="self" if adult else None)
        self._proposals.save_draft(proposal_id, doc)
        if fits:
            self._proposals.link_party(proposal_id, "insured", client_id)
        with self._sessions.begin() as session:
            row = self._row(session, interview_id)
            row.proposal_id = proposal_id
            record_event(session, actor=self._actor(), action="edit", entity="closing_interview",
                         entity_id=row.id, detail={"proposal_id": proposal_id})  # fmt: skip
        return proposal_id

    def delete(self, interview_id: str) -> None:
        """A form started by mistake: a draft goes; a done form is reopened first."""
        with self._sessions.begin() as session:
            row = self._row(session, interview_id)
            if row.status == "done":
                raise InvalidInput("A done interview cannot be deleted.", "Mark it not done first.",
                                   zh="已完成的面谈不能删除。", hint_zh="请先取消“已完成”。")  # fmt: skip
            session.delete(row)
            record_event(session, actor=self._actor(), action="delete", entity="closing_interview",
                         entity_id=interview_id, detail={"client_id": row.client_id})  # fmt: skip

    # ---- helpers ---------------------------------------------------------------------

    def _row(self, session: Session, interview_id: str) -> ClosingInterview:
        row = session.get(ClosingInterview, interview_id)
        if row is None:
            raise NotFound(f"No closing interview {interview_id}.", zh="找不到该成交面谈记录。")
        return row

    def _check_people(self, session: Session, data: ClosingInput) -> None:
        if data.client_id is not None and data.prospect_id is not None:
            raise InvalidInput("A closing interview is with a client or a prospect, not both.",
                               zh="一次成交面谈只能对应一位客户或一位准客户，不能同时对应两者。")  # fmt: skip
        if data.client_id is not None and session.get(Client, data.client_id) is None:
            raise InvalidInput("The client card no longer exists.", zh="该客户档案已不存在。")
        if data.prospect_id is not None and session.get(Prospect, data.prospect_id) is None:
            raise InvalidInput("The prospect no longer exists.", zh="该准客户已不存在。")
        if data.visit_id is not None:
            visit = session.get(Visit, data.visit_id)
            if visit is None:
                raise InvalidInput("The visit no longer exists.", zh="该拜访已不存在。")
            if visit.client_id != data.client_id:
                raise InvalidInput("The interview's client is not the visit's client.",
                                   zh="面谈的客户与拜访的客户不一致。")  # fmt: skip

    def _write(self, session: Session, row: ClosingInterview, data: ClosingInput) -> None:
        self._check_people(session, data)
        if data.outcome is not None and data.outcome not in OUTCOMES:
            raise InvalidInput(f"Unknown outcome {data.outcome!r}.", "Choose closed, follow-up or declined.",
                               zh="未知的面谈结果。", hint_zh="请选择已成交、待跟进或未成交。")  # fmt: skip
        if data.premium_cents is not None and data.premium_cents < 0:
            raise InvalidInput("The premium cannot be negative.", zh="保费不能为负数。")
        code = data.product_code.strip().upper()
        name = ""
        if code:
            product = self._catalogue().find(code)
            if product is None:
                raise InvalidInput(f"No product {code} in the product catalogue.",
                                   "Pick the product from the list.",
                                   zh=f"产品目录中没有产品 {code}。", hint_zh="请从列表中选择产品。")  # fmt: skip
            name = product.name_zh
        if data.follow_up_on is not None and data.follow_up_on < data.held_on:
            raise InvalidInput("The follow-up comes after the interview.",
                               zh="后续跟进日期不能早于面谈日期。")  # fmt: skip
        row.held_on = data.held_on
        row.client_id, row.prospect_id, row.visit_id = data.client_id, data.prospect_id, data.visit_id
        row.product_code, row.product_name, row.premium_cents = code, name, data.premium_cents
        row.fab_presented, row.three_attempts = data.fab_presented, data.three_attempts
        row.objections_json = _objections(data.objections)
        row.other = _text(data.other, "other notes", "其他")
        row.improve = _text(data.improve, "what to improve", "需改进之处")
        row.outcome = data.outcome
        row.follow_up_on = data.follow_up_on if data.outcome == "follow_up" else None

    def _refuse_incomplete(self, row: ClosingInterview) -> None:
        if row.client_id is None and row.prospect_id is None:
            raise InvalidInput("Say who the interview was with.", zh="请填写面谈对象。")
        if row.outcome is None:
            raise InvalidInput("Choose the outcome: closed, follow-up or declined.",
                               zh="请选择面谈结果：已成交、待跟进或未成交。")  # fmt: skip
        if row.outcome == "closed" and not row.product_code:
            raise InvalidInput("A closed interview names the product presented.",
                               zh="已成交的面谈需要填写所呈现的产品。")  # fmt: skip
        if row.outcome == "follow_up" and row.follow_up_on is None:
            raise InvalidInput("Choose the day of the follow-up.", zh="请选择后续跟进的日期。")

    def _count(self, session: Session, row: ClosingInterview) -> None:
        """The interview's one work-log entry, as the form now says (the counting-once contract)."""
        actor = self._actor()
        visit = session.get(Visit, row.visit_id) if row.visit_id else None
        if visit is not None and visit.status not in ("planned", "done"):
            raise InvalidInput("The visit was cancelled, missed or moved: the interview was not held on it.",
                               "Open the form from the visit that took place, or from the client.",
                               zh="该拜访已取消、爽约或改期：面谈不是在这次拜访中进行的。",
                               hint_zh="请从实际进行的拜访或从客户处打开本表。")  # fmt: skip
        if visit is not None:
            own = session.get(_Entry, row.worklog_id) if row.worklog_id else None
            if own is not None and own.visit_id != visit.id:
                self._drop_own(session, row)  # moved onto a visit: the visit's entry counts it now
            if visit.status == "planned":
                visit.status, visit.outcome = "done", VISIT_OUTCOMES.get(row.outcome or "")
                record_event(session, actor=actor, action="status", entity="visit", entity_id=visit.id,
                             detail={"status": "done", "outcome": visit.outcome,
                                     "from": "closing_interview"})  # fmt: skip
            entry = record_visit(session, visit, "close", actor, self._zone)
            row.worklog_id = entry.id
            return
        wanted = self._entry_input(row)
        current = session.get(_Entry, row.worklog_id) if row.worklog_id else None
        if current is not None and current.visit_id is None:
            if (current.day, current.client_id, current.prospect_id) == (
                wanted.day, wanted.client_id, wanted.prospect_id,
            ):  # fmt: skip
                return
            self._drop_own(session, row)
        row.worklog_id = self._worklog.record(session, wanted, {"closing_interview": row.id}).id

    def _entry_input(self, row: ClosingInterview) -> LogInput:
        now = datetime.now(self._zone)
        at = now if now.date() == row.held_on else datetime.combine(row.held_on, now.time(), self._zone)
        return LogInput(
            kind="visit", day=row.held_on, at=at, sales_step="close",
            client_id=optional_id(ClientId, row.client_id), prospect_id=optional_id(ProspectId, row.prospect_id),
        )  # fmt: skip

    def _drop_own(self, session: Session, row: ClosingInterview) -> None:
        """Remove the entry this form wrote itself (not a visit's): on an open day only."""
        entry = session.get(_Entry, row.worklog_id) if row.worklog_id else None
        row.worklog_id = None
        if entry is None:
            return
        refuse_closed(session, entry.day, "the interview's entry cannot change", "该面谈的记录不能再修改",
                      *CORRECT_IN_SUMMARY)  # fmt: skip
        drop_entry(session, entry, self._actor(), more={"from": "closing_interview"})

    def _uncount(self, session: Session, row: ClosingInterview) -> None:
        """Taken back: the entry the form wrote itself goes; a visit's own entry stays with the
        visit, which took place whatever became of the form (as 需求面谈表 does)."""
        entry = session.get(_Entry, row.worklog_id) if row.worklog_id else None
        if entry is not None and entry.visit_id is not None:
            row.worklog_id = None
            return
        self._drop_own(session, row)

    def _plan_follow_up(self, session: Session, row: ClosingInterview) -> None:
        """One planned visit for the follow-up day of a client's form; a prospect has no card to
        visit, so their follow-up stays the date on the form."""
        planned = session.get(Visit, row.follow_up_visit_id) if row.follow_up_visit_id else None
        wanted = row.follow_up_on if row.outcome == "follow_up" and row.client_id else None
        if planned is not None and planned.status != "planned":
            return  # it took place, or was moved on in the planner: it is the planner's now
        if wanted is None:
            if planned is not None:
                planned.status = "cancelled"
                record_event(session, actor=self._actor(), action="status", entity="visit", entity_id=planned.id,
                             detail={"status": "cancelled", "from": "closing_interview"})  # fmt: skip
                row.follow_up_visit_id = None
            return
        if planned is not None:
            if planned.starts_at.astimezone(self._zone).date() != wanted:
                at = planned.starts_at.astimezone(self._zone).timetz().replace(tzinfo=None)
                starts = datetime.combine(wanted, at, self._zone).astimezone(UTC)
                planned.ends_at = starts + (planned.ends_at - planned.starts_at)
                planned.starts_at = starts
                record_event(session, actor=self._actor(), action="edit", entity="visit", entity_id=planned.id,
                             detail={"fields": ["ends_at", "starts_at"], "from": "closing_interview"})  # fmt: skip
            return
        held = session.get(Visit, row.visit_id) if row.visit_id else None
        starts = datetime.combine(wanted, FOLLOW_UP_AT, self._zone).astimezone(UTC)
        visit = Visit(
            kind="client", client_id=row.client_id, outlet_id=held.outlet_id if held else None, purpose="closing",
            starts_at=starts, ends_at=starts + timedelta(minutes=FOLLOW_UP_MINUTES), status="planned",
            location=held.location if held else "",
            agenda=f"成交面谈跟进：{row.product_name}".rstrip("："),
        )  # fmt: skip
        session.add(visit)
        session.flush()
        for position, item in enumerate(default_checklist("closing")):
            session.add(VisitChecklistItem(visit_id=visit.id, phase=item.phase, label=item.label, position=position))
        row.follow_up_visit_id = visit.id
        record_event(session, actor=self._actor(), action="create", entity="visit", entity_id=visit.id,
                     detail={"kind": "client", "purpose": "closing", "starts_at": starts.isoformat(),
                             "from": "closing_interview"})  # fmt: skip

    def _view(self, session: Session, row: ClosingInterview) -> ClosingView:
        client = session.get(Client, row.client_id) if row.client_id else None
        prospect = session.get(Prospect, row.prospect_id) if row.prospect_id else None
        visit = session.get(Visit, row.visit_id) if row.visit_id else None
        entry = session.get(_Entry, row.worklog_id) if row.worklog_id else None
        data = ClosingInput(
            held_on=row.held_on,
            client_id=optional_id(ClientId, row.client_id),
            prospect_id=optional_id(ProspectId, row.prospect_id),
            visit_id=optional_id(VisitId, row.visit_id),
            product_code=row.product_code,
            premium_cents=row.premium_cents,
            fab_presented=row.fab_presented,
            three_attempts=row.three_attempts,
            objections=_read_objections(row.objections_json),
            other=row.other,
            improve=row.improve,
            outcome=row.outcome,
            follow_up_on=row.follow_up_on,
        )
        return ClosingView(
            id=row.id,
            status=row.status,
            data=data,
            product_name=row.product_name,
            client_name=client.name if client else "",
            prospect_name=prospect.name if prospect else "",
            client_phone=(client.mobile if client else prospect.mobile if prospect else "") or "",
            visit_starts_at=visit.starts_at.astimezone(self._zone) if visit else None,
            visit_location=visit.location if visit else "",
            follow_up_visit_id=optional_id(VisitId, row.follow_up_visit_id),
            proposal_id=optional_id(ProposalId, row.proposal_id),
            worklog_id=row.worklog_id,
            logged_on_closed_day=entry is not None and is_closed(session, entry.day),
        )
