"""电话邀约记录表 (call records): prepared, often the evening before, then made and reviewed.

A call record is the paper form on screen: who (a client card or a prospect, whose basics are
read from their record, never copied), the day, the invitation script; after the call the
outcome, the agreed time and place and the self-review ticks. A call marked done is work done:
it writes exactly one work-log entry (kind "call", `effective` when it reached an appointment or
a clear answer: the manual's 有效电话) and keeps its id in `worklog_id`. An agreed time and place
books one planner visit (a needs interview) and links it. Editing changes that entry and that
visit in place, never a second of either; on a closed day the work log's correction rule applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.worklog import contact_made, drop_entry, entry_summary, is_closed, refuse_closed
from app.errors import InvalidInput, NotFound
from app.planner.records import default_checklist
from app.profile.audit import record_event
from app.rules.client_card import age_on
from app.rules.ids import ClientId, ProspectId, VisitId, optional_id
from app.rules.masking import mask_phone
from local_db.base import utcnow
from local_db.models import CallRecord, Client, ProductHolding, Prospect, Visit, VisitChecklistItem, WorkLogEntry

OUTCOMES = ("appointment", "clear_answer", "call_back", "no_answer", "refused")
# The manual's 有效电话: a call that reached an appointment or a clear answer.
EFFECTIVE_OUTCOMES = frozenset({"appointment", "clear_answer"})
# What the work-log entry of a call says as its outcome: the manager's own words, kept as data.
OUTCOME_ZH = {
    "appointment": "约定面谈",
    "clear_answer": "明确答复",
    "call_back": "约定回电",
    "no_answer": "无人接听",
    "refused": "拒绝",
}
MAX_CHARS = {"agreed_place": 200, "script": 4000, "review_other": 2000, "notes": 4000}
FIELD_ZH = {"agreed_place": "地点", "script": "邀约话术", "review_other": "其他自评", "notes": "备注"}
# The visit an agreed time books: the next step after an invitation is the needs interview.
VISIT_PURPOSE = "needs_interview"
VISIT_MINUTES = 60


def is_effective(outcome: str | None) -> bool:
    """有效电话: the one rule, for the entry, the form and the counts."""
    return outcome in EFFECTIVE_OUTCOMES


@dataclass(frozen=True)
class CallInput:
    """The form as typed. Times are aware datetimes, in any zone."""

    call_on: date
    client_id: ClientId | None = None
    prospect_id: ProspectId | None = None
    script: str = ""
    done: bool = False  # the call was made: the outcome is needed, and it counts
    called_at: datetime | None = None  # when made; None: now's time on `call_on`
    outcome: str | None = None  # one of OUTCOMES
    agreed_at: datetime | None = None  # the meeting agreed on the phone
    agreed_place: str = ""
    review_prepared: bool = False  # 准备充分
    review_warm: bool = False  # 微笑、热情
    review_opening: bool = False  # 开场白
    review_other: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CallSubject:
    """Whom the call is to, as their card or prospect record says it today."""

    kind: str  # client | prospect
    id: str
    name: str
    gender: str | None  # M | F
    age: int | None
    products: tuple[str, ...]  # products held (a card's holdings; a prospect has none on record)
    mobile_masked: str


@dataclass(frozen=True)
class CallRecordView:
    id: str
    call_on: date
    status: str  # prepared | done
    subject: CallSubject
    script: str
    called_at: datetime | None  # in the manager's zone
    outcome: str | None
    agreed_at: datetime | None  # in the manager's zone
    agreed_place: str
    visit_id: VisitId | None
    review_prepared: bool
    review_warm: bool
    review_opening: bool
    review_other: str
    notes: str
    worklog_id: str | None
    day_closed: bool  # the call's day is closed: counted parts change by a correction only

    @property
    def effective(self) -> bool:
        return self.status == "done" and is_effective(self.outcome)

    @property
    def client_id(self) -> ClientId | None:
        return ClientId(self.subject.id) if self.subject.kind == "client" else None

    @property
    def prospect_id(self) -> ProspectId | None:
        return ProspectId(self.subject.id) if self.subject.kind == "prospect" else None

    def as_input(self) -> CallInput:
        return CallInput(
            call_on=self.call_on,
            client_id=self.client_id,
            prospect_id=self.prospect_id,
            script=self.script,
            done=self.status == "done",
            called_at=self.called_at,
            outcome=self.outcome,
            agreed_at=self.agreed_at,
            agreed_place=self.agreed_place,
            review_prepared=self.review_prepared,
            review_warm=self.review_warm,
            review_opening=self.review_opening,
            review_other=self.review_other,
            notes=self.notes,
        )


class CallRecordService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._zone = zone or local_zone()
        self._now = now

    # ---- reading ---------------------------------------------------------------------

    def get(self, record_id: str) -> CallRecordView:
        with self._sessions() as session:
            return self._view(session, _record(session, record_id))

    def day(self, day: date) -> list[CallRecordView]:
        """The calls of `day`, prepared and done: those still to make first, by when prepared."""
        with self._sessions() as session:
            rows = session.scalars(select(CallRecord).where(CallRecord.call_on == day)).all()
            ordered = sorted(rows, key=lambda r: (r.status != "prepared", r.called_at or r.created_at, r.id))
            return [self._view(session, r) for r in ordered]

    def for_subject(self, client_id: str | None = None, prospect_id: str | None = None) -> list[CallRecordView]:
        """A client's or prospect's calls, newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(CallRecord)
                .where(or_(CallRecord.client_id == client_id, CallRecord.prospect_id == prospect_id))
                .order_by(CallRecord.call_on.desc(), CallRecord.created_at.desc())
            ).all()
            return [self._view(session, r) for r in rows]

    def subject(self, client_id: str | None = None, prospect_id: str | None = None) -> CallSubject:
        """The basics the form shows for whom it will call, before anything is saved."""
        with self._sessions() as session:
            return self._subject(session, client_id, prospect_id)

    # ---- writing ---------------------------------------------------------------------

    def prepare(self, data: CallInput) -> CallRecordView:
        """A call to make on `data.call_on` (the evening before is the manual's time for it)."""
        return self.save(None, data)

    def save(self, record_id: str | None, data: CallInput, reason: str = "") -> CallRecordView:
        """Create (`record_id` None) or update the record as typed; the dialog saves as you type.

        Marked done, it writes or updates its one work-log entry and, with an appointment at an
        agreed time, its one planner visit; back to prepared, the entry goes (open day only) and
        a visit still planned with it goes too. On a closed day a change to what is counted
        needs `reason` and becomes a correction of the entry (the old one stays, uncounted)."""
        with self._sessions.begin() as session:
            _check(session, data, self._zone)
            if record_id is None:
                row = CallRecord(status="prepared")
                if data.done:
                    refuse_closed(session, data.call_on, *_CALL_ON_CLOSED_DAY)
                self._write_fields(row, data)
                session.add(row)
                session.flush()
                action = "create"
            else:
                row = _record(session, record_id)
                self._write_fields(row, data)
                action = "edit"
            self._follow(session, row, data, reason)
            record_event(session, actor=self._actor(), action=action, entity="call_record", entity_id=row.id,
                         detail=_summary(row))  # fmt: skip
            return self._view(session, row)

    def mark_done(
        self,
        record_id: str,
        outcome: str,
        agreed_at: datetime | None = None,
        agreed_place: str = "",
        called_at: datetime | None = None,
    ) -> CallRecordView:
        """After the call: the outcome (and the meeting agreed), the rest of the form kept."""
        data = self.get(record_id).as_input()
        return self.save(
            record_id,
            replace(
                data,
                done=True,
                outcome=outcome,
                agreed_at=agreed_at if agreed_at is not None else data.agreed_at,
                agreed_place=agreed_place or data.agreed_place,
                called_at=called_at if called_at is not None else data.called_at,
            ),
        )

    def delete(self, record_id: str) -> None:
        """Remove a record typed by mistake: its work-log entry goes (open day only), and a visit
        it booked that is still planned goes too."""
        with self._sessions.begin() as session:
            row = _record(session, record_id)
            if row.worklog_id is not None:
                self._drop_entry(session, row)
            self._drop_visit(session, row)
            record_event(session, actor=self._actor(), action="delete", entity="call_record", entity_id=row.id,
                         detail=_summary(row))  # fmt: skip
            session.delete(row)

    # ---- the entry and the visit -----------------------------------------------------

    def _write_fields(self, row: CallRecord, data: CallInput) -> None:
        row.client_id, row.prospect_id = data.client_id, data.prospect_id
        row.call_on = data.call_on
        row.script, row.notes = data.script, data.notes
        row.outcome = data.outcome
        row.agreed_at = data.agreed_at.astimezone(self._zone) if data.agreed_at else None
        row.agreed_place = data.agreed_place.strip()
        row.review_prepared, row.review_warm, row.review_opening = (
            data.review_prepared,
            data.review_warm,
            data.review_opening,
        )
        row.review_other = data.review_other
        if data.called_at is not None:
            row.called_at = data.called_at
        elif data.done and row.called_at is None:
            now = self._now().astimezone(self._zone)
            row.called_at = (
                now if now.date() == data.call_on else datetime.combine(data.call_on, now.time(), self._zone)
            )
        if not data.done and data.called_at is None:
            row.called_at = None

    def _follow(self, session: Session, row: CallRecord, data: CallInput, reason: str) -> None:
        """Bring the work-log entry and the booked visit in line with what the form now says."""
        if data.done:
            if data.outcome is None:
                raise InvalidInput(
                    "Choose the outcome of the call before marking it done.",
                    "Appointment, clear answer, call back, no answer or refused.",
                    zh="标记为已拨打前，请选择通话结果。",
                    hint_zh="约定面谈、明确答复、约定回电、无人接听或拒绝。",
                )
            row.status = "done"
            self._write_entry(session, row, reason)
            if row.outcome == "appointment" and row.agreed_at is not None:
                self._book_visit(session, row)
            else:
                self._drop_visit(session, row)
        else:
            if row.worklog_id is not None:
                self._drop_entry(session, row)
            row.status = "prepared"
            self._drop_visit(session, row)

    def _wanted_entry(self, row: CallRecord) -> dict[str, Any]:
        assert row.called_at is not None and row.outcome is not None
        at = row.called_at.astimezone(self._zone)
        return {
            "day": row.call_on,
            "at": at,
            "kind": "call",
            "quantity": 1,
            "client_id": row.client_id,
            "prospect_id": row.prospect_id,
            "effective": is_effective(row.outcome),
            "outcome": OUTCOME_ZH[row.outcome],
        }

    def _write_entry(self, session: Session, row: CallRecord, reason: str) -> None:
        wanted = self._wanted_entry(row)
        entry = session.get(WorkLogEntry, row.worklog_id) if row.worklog_id else None
        if entry is None:
            refuse_closed(session, row.call_on, *_CALL_ON_CLOSED_DAY)
            entry = WorkLogEntry(notes="", **wanted)
            session.add(entry)
            session.flush()
            row.worklog_id = entry.id
            record_event(session, actor=self._actor(), action="create", entity="worklog", entity_id=entry.id,
                         detail={**entry_summary(entry), "call_record_id": row.id})  # fmt: skip
        else:
            changed = sorted(k for k, v in wanted.items() if getattr(entry, k) != v)
            if not changed:
                return
            if is_closed(session, entry.day) or is_closed(session, row.call_on):
                entry = self._correct(session, row, entry, wanted, changed, reason)
            else:
                for name in changed:
                    setattr(entry, name, wanted[name])
                session.flush()
                record_event(session, actor=self._actor(), action="edit", entity="worklog", entity_id=entry.id,
                             detail={"changed": changed, **entry_summary(entry)})  # fmt: skip
        contact_made(session, entry)

    def _correct(
        self, session: Session, row: CallRecord, old: WorkLogEntry, wanted: dict[str, Any], changed: list[str],
        reason: str,
    ) -> WorkLogEntry:  # fmt: skip
        """A closed day: a new entry replaces the old one, which stays beside it, uncounted."""
        if wanted["day"] != old.day:
            raise InvalidInput(
                f"The work log of {old.day.isoformat()} is closed: the call cannot move to another day.",
                "Prepare a new call for the other day instead.",
                zh=f"{old.day.isoformat()} 的工作日志已关闭：该通话不能改到其他日期。",
                hint_zh="请为另一天另建一条电话邀约记录。",
            )
        if not reason.strip():
            raise InvalidInput(
                f"The work log of {old.day.isoformat()} is closed: changing the call's result is a correction.",
                "Give the reason for the correction, for the supervisor reading the log.",
                zh=f"{old.day.isoformat()} 的工作日志已关闭：修改通话结果属于更正。",
                hint_zh="请填写更正原因，供主管查阅日志。",
            )
        newer = session.scalar(select(WorkLogEntry.id).where(WorkLogEntry.corrects_id == old.id))
        if newer is not None:
            raise InvalidInput("The call's work-log entry was already corrected elsewhere.",
                               zh="该通话的工作日志记录已在别处更正。")  # fmt: skip
        entry = WorkLogEntry(notes=old.notes, corrects_id=old.id, **wanted)
        session.add(entry)
        session.flush()
        row.worklog_id = entry.id
        record_event(session, actor=self._actor(), action="correct", entity="worklog", entity_id=entry.id,
                     detail={"corrects": old.id, "reason": reason.strip(), "changed": changed,
                             **entry_summary(entry)})  # fmt: skip
        return entry

    def _drop_entry(self, session: Session, row: CallRecord) -> None:
        entry = session.get(WorkLogEntry, row.worklog_id) if row.worklog_id else None
        row.worklog_id = None
        if entry is None:
            return
        refuse_closed(session, entry.day, "a call made that day cannot be undone", "当天已拨打的电话不能撤销",
                      "Correct its result instead (the correction is kept beside it).",
                      "请改为更正通话结果（更正会与原记录一并保留）。")  # fmt: skip
        drop_entry(session, entry, self._actor(), more={"call_record_id": row.id})

    def _book_visit(self, session: Session, row: CallRecord) -> None:
        """The meeting agreed on the phone, in the planner: booked once, then kept in step."""
        assert row.agreed_at is not None
        client_id = _visit_client(session, row)
        if client_id is None:
            return  # a prospect not yet a client: the time and place stay on the form
        starts = row.agreed_at.astimezone(self._zone)
        visit = session.get(Visit, row.visit_id) if row.visit_id else None
        if visit is not None:
            wanted = {"starts_at": starts, "ends_at": starts + timedelta(minutes=VISIT_MINUTES),
                      "location": row.agreed_place, "client_id": client_id}  # fmt: skip
            if visit.status != "planned":
                return  # held, cancelled or moved: the planner owns it now
            changed = sorted(k for k, v in wanted.items() if getattr(visit, k) != v)
            for name in changed:
                setattr(visit, name, wanted[name])
            if changed:
                record_event(session, actor=self._actor(), action="edit", entity="visit", entity_id=visit.id,
                             detail={"fields": changed, "call_record_id": row.id})  # fmt: skip
            return
        visit = Visit(
            kind="client",
            client_id=client_id,
            purpose=VISIT_PURPOSE,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=VISIT_MINUTES),
            location=row.agreed_place,
            status="planned",
            agenda="电话邀约约定的面谈",
            notes="",
        )
        session.add(visit)
        session.flush()
        for position, item in enumerate(default_checklist(VISIT_PURPOSE)):
            session.add(VisitChecklistItem(visit_id=visit.id, phase=item.phase, label=item.label, position=position))
        row.visit_id = visit.id
        record_event(session, actor=self._actor(), action="create", entity="visit", entity_id=visit.id,
                     detail={"kind": "client", "purpose": VISIT_PURPOSE, "starts_at": starts.isoformat(),
                             "call_record_id": row.id})  # fmt: skip

    def _drop_visit(self, session: Session, row: CallRecord) -> None:
        """No appointment any more: the visit it booked goes if nothing happened to it yet."""
        visit = session.get(Visit, row.visit_id) if row.visit_id else None
        if visit is None:
            row.visit_id = None
            return
        if visit.status != "planned" or visit.series_id is not None:
            return  # held, cancelled or moved in the planner: it is the planner's record now
        row.visit_id = None
        session.flush()
        record_event(session, actor=self._actor(), action="delete", entity="visit", entity_id=visit.id,
                     detail={"kind": visit.kind, "purpose": visit.purpose, "call_record_id": row.id})  # fmt: skip
        session.delete(visit)

    # ---- views -----------------------------------------------------------------------

    def _subject(self, session: Session, client_id: str | None, prospect_id: str | None) -> CallSubject:
        today = self._now().astimezone(self._zone).date()
        if client_id is not None:
            client = session.get(Client, client_id)
            if client is None:
                raise NotFound("The client card no longer exists.", zh="该客户档案已不存在。")
            products = tuple(
                session.scalars(
                    select(ProductHolding.product_name)
                    .where(ProductHolding.client_id == client_id)
                    .order_by(ProductHolding.created_at)
                )
            )
            age = age_on(client.birth_date, today) if client.birth_date else None
            return CallSubject("client", client.id, client.name, client.gender, age, products,
                               mask_phone(client.mobile))  # fmt: skip
        prospect = session.get(Prospect, prospect_id) if prospect_id else None
        if prospect is None:
            raise NotFound("The prospect no longer exists.", zh="该准客户已不存在。")
        return CallSubject("prospect", prospect.id, prospect.name, prospect.gender, prospect.age, (),
                           mask_phone(prospect.mobile))  # fmt: skip

    def _view(self, session: Session, row: CallRecord) -> CallRecordView:
        session.flush()
        return CallRecordView(
            id=row.id,
            call_on=row.call_on,
            status=row.status,
            subject=self._subject(session, row.client_id, row.prospect_id),
            script=row.script,
            called_at=row.called_at.astimezone(self._zone) if row.called_at else None,
            outcome=row.outcome,
            agreed_at=row.agreed_at.astimezone(self._zone) if row.agreed_at else None,
            agreed_place=row.agreed_place,
            visit_id=optional_id(VisitId, row.visit_id),
            review_prepared=row.review_prepared,
            review_warm=row.review_warm,
            review_opening=row.review_opening,
            review_other=row.review_other,
            notes=row.notes,
            worklog_id=row.worklog_id,
            day_closed=is_closed(session, row.call_on),
        )


# ---- checks and helpers --------------------------------------------------------------


def _check(session: Session, data: CallInput, zone: tzinfo) -> None:
    if (data.client_id is None) == (data.prospect_id is None):
        raise InvalidInput("A call record is for one client or one prospect.", "Choose whom the call is to.",
                           zh="一条电话邀约记录只对应一位客户或一位准客户。", hint_zh="请选择通话对象。")  # fmt: skip
    if data.client_id is not None and session.get(Client, data.client_id) is None:
        raise InvalidInput("The client card no longer exists.", zh="该客户档案已不存在。")
    if data.prospect_id is not None and session.get(Prospect, data.prospect_id) is None:
        raise InvalidInput("The prospect no longer exists.", zh="该准客户已不存在。")
    if data.outcome is not None and data.outcome not in OUTCOMES:
        raise InvalidInput(
            f"Unknown outcome of a call {data.outcome!r}.",
            "Appointment, clear answer, call back, no answer or refused.",
            zh="未知的通话结果。",
            hint_zh="请选择约定面谈、明确答复、约定回电、无人接听或拒绝。",
        )
    for name, most in MAX_CHARS.items():
        if len(getattr(data, name)) > most:
            raise InvalidInput(f"The {name.replace('_', ' ')} is longer than {most} characters.",
                               zh=f"{FIELD_ZH[name]}超过 {most} 个字。")  # fmt: skip
    for when in (data.called_at, data.agreed_at):
        if when is not None and when.utcoffset() is None:
            raise InvalidInput("The times of a call need their time zone.", zh="通话时间必须带时区。")
    if data.called_at is not None and data.called_at.astimezone(zone).date() != data.call_on:
        raise InvalidInput(
            f"The call time {data.called_at.astimezone(zone):%H:%M %Y-%m-%d} is not on {data.call_on.isoformat()}.",
            zh=f"通话时间 {data.called_at.astimezone(zone):%Y-%m-%d %H:%M} 不在 {data.call_on.isoformat()} 当天。",
        )
    if data.done and data.outcome == "appointment":
        if data.agreed_at is None:
            raise InvalidInput(
                "An appointment needs the agreed time.",
                "Enter the date and time agreed on the phone, and the place.",
                zh="约定面谈需要填写约定的时间。",
                hint_zh="请填写电话中约定的日期、时间和地点。",
            )
        if data.agreed_at.astimezone(zone).date() < data.call_on:
            raise InvalidInput(
                "The agreed meeting is before the call.",
                "Check the date of the meeting.",
                zh="约定的面谈时间早于通话日期。",
                hint_zh="请检查面谈日期。",
            )


def _record(session: Session, record_id: str) -> CallRecord:
    row = session.get(CallRecord, record_id)
    if row is None:
        raise NotFound(f"No call record {record_id}.", zh="找不到该电话邀约记录。")
    return row


# The closed-day refusal of a new call (what, what_zh, hint, hint_zh for `refuse_closed`).
_CALL_ON_CLOSED_DAY = (
    "a call made that day can no longer be recorded",
    "不能再登记当天拨打的电话",
    "Record it on an open day, or ask for the day's log to be corrected.",
    "请在未关闭的日期登记，或通过更正修改当天的日志。",
)


def _visit_client(session: Session, row: CallRecord) -> str | None:
    """The card a booked meeting is with: the client, or the card a prospect became."""
    if row.client_id is not None:
        return row.client_id
    prospect = session.get(Prospect, row.prospect_id) if row.prospect_id else None
    return prospect.converted_client_id if prospect is not None else None


def _summary(row: CallRecord) -> dict[str, Any]:
    """What the audit keeps of a call record: never the phone nor the free text."""
    return {
        "call_on": row.call_on.isoformat(),
        "status": row.status,
        "outcome": row.outcome,
        "client_id": row.client_id,
        "prospect_id": row.prospect_id,
        "visit_id": row.visit_id,
        "worklog_id": row.worklog_id,
    }
