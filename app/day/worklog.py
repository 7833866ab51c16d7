"""The work log (工作日志): what was done each day, closed in the evening, corrected by new entries.

A closed day is locked: a change is a new entry pointing at the one it corrects (the old one
stays, so the supervisor sees both), and every count uses only the latest version of each.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.profile.settings import DailyTargets, SettingsService
from app.rules.ids import ClientId, OutletId, ProspectId, VisitId, optional_id
from local_db.base import utcnow
from local_db.models import AuditEvent, Client, DailyPlan, Outlet, Prospect, Visit, WorkLogEntry

KINDS = ("visit", "call", "sms", "leaflets", "prospect", "meeting", "outlet", "other")
# The five steps of an effective contact, in order: 识别接触 → 需求激发 → 产品推介 → 拒绝处理 → 销售促成
SALES_STEPS = ("identify", "need", "present", "objection", "close")
# Kinds that are a contact with the client, so they move the card's last-contact date.
CONTACT_KINDS = ("visit", "call", "sms", "meeting")
MAX_TEXT = {"outcome": 200}
WHAT_ZH = {"client card": "客户档案", "outlet": "网点", "visit": "拜访", "prospect": "准客户"}
# What an entry of an open day may be changed in place (a closed day takes a correction instead).
EDITABLE = ("at", "quantity", "client_id", "sales_step", "effective", "outcome", "notes")


def effective_contact(kind: str, sales_step: str | None) -> bool:
    """The one rule for “5访”: a visit counts when it ran the whole sales flow, up to the close.
    Used for a visit marked done in the planner and for the quick “effective visit”."""
    return kind == "visit" and sales_step == "close"


@dataclass(frozen=True)
class LogInput:
    kind: str
    day: date  # the manager's local day the entry belongs to
    at: datetime  # aware; must fall on `day` in its own zone
    quantity: int = 1
    client_id: ClientId | None = None
    outlet_id: OutletId | None = None
    visit_id: VisitId | None = None
    sales_step: str | None = None  # the furthest step of the sales flow reached
    effective: bool = False  # ran the whole flow: counts toward “5访”
    outcome: str = ""
    notes: str = ""
    # A contact with someone not yet a client (准客户); converting them moves it onto the card.
    prospect_id: ProspectId | None = None


@dataclass(frozen=True)
class LogEntry:
    id: str
    day: date
    at: datetime  # in the manager's zone
    kind: str
    quantity: int
    client_id: ClientId | None
    client_name: str
    outlet_id: OutletId | None
    outlet_name: str
    visit_id: VisitId | None
    sales_step: str | None
    effective: bool
    outcome: str
    notes: str
    corrects_id: str | None  # the entry this one corrects
    corrected_by_id: str | None  # set once a correction replaced this entry: it no longer counts
    correction_reason: str  # why this entry corrects another ("" for an original entry)

    @property
    def counts(self) -> bool:
        return self.corrected_by_id is None


@dataclass(frozen=True)
class DayClosed:
    day: date
    closed_at: datetime


@dataclass(frozen=True)
class Actuals:
    """What the day's log adds up to, latest versions only."""

    visits: int  # effective visits (“5访”)
    leaflets: int
    prospects: int
    sms: int
    meetings: int  # booked client meetings: meeting entries with a client (晨会 has none)
    reached: tuple[int, ...]  # per SALES_STEPS: contacts that got at least that far


def plan_row(session: Session, day: date, defaults: DailyTargets) -> DailyPlan:
    """The day's plan row, created with the manager's default targets when missing."""
    plan = session.scalar(select(DailyPlan).where(DailyPlan.day == day))
    if plan is None:
        plan = DailyPlan(day=day)
        apply_targets(plan, defaults)
        session.add(plan)
        session.flush()
    return plan


def apply_targets(plan: DailyPlan, targets: DailyTargets) -> None:
    plan.target_visits, plan.target_leaflets = targets.visits, targets.leaflets
    plan.target_prospects, plan.target_sms = targets.prospects, targets.sms
    plan.target_meetings = targets.meetings


def plan_targets(plan: DailyPlan | None, defaults: DailyTargets) -> DailyTargets:
    if plan is None:
        return defaults
    return DailyTargets(
        plan.target_visits, plan.target_leaflets, plan.target_prospects, plan.target_sms, plan.target_meetings
    )


def tally(session: Session, day: date) -> Actuals:
    rows = session.execute(
        select(
            WorkLogEntry.id,
            WorkLogEntry.corrects_id,
            WorkLogEntry.kind,
            WorkLogEntry.quantity,
            WorkLogEntry.client_id,
            WorkLogEntry.sales_step,
            WorkLogEntry.effective,
        ).where(WorkLogEntry.day == day)
    ).all()
    replaced = {r.corrects_id for r in rows if r.corrects_id}
    sums = dict.fromkeys(KINDS, 0)
    visits = meetings = 0
    reached = [0] * len(SALES_STEPS)
    for r in rows:
        if r.id in replaced:
            continue
        sums[r.kind] = sums.get(r.kind, 0) + r.quantity
        visits += r.quantity if r.kind == "visit" and r.effective else 0
        meetings += r.quantity if r.kind == "meeting" and r.client_id else 0
        if r.sales_step in SALES_STEPS:
            for step in range(SALES_STEPS.index(r.sales_step) + 1):
                reached[step] += 1
    # "10 new prospects": the prospects captured that day (准客户, app/prospects), plus work-log
    # entries of kind "prospect" (the one-click count, and every day logged before capture existed).
    from sqlalchemy import func

    from local_db.models import Prospect

    captured = session.scalar(select(func.count()).select_from(Prospect).where(Prospect.captured_on == day)) or 0
    return Actuals(visits, sums["leaflets"], sums["prospect"] + captured, sums["sms"], meetings, tuple(reached))


def is_closed(session: Session, day: date) -> bool:
    return session.scalar(select(DailyPlan.closed_at).where(DailyPlan.day == day)) is not None


# ---- one meeting, one entry: the work-log entry of a visit -----------------------------


def visit_entry(session: Session, visit_id: str) -> WorkLogEntry | None:
    """The entry that records `visit_id` (its latest version, if a closed day was corrected)."""
    rows = session.scalars(select(WorkLogEntry).where(WorkLogEntry.visit_id == visit_id)).all()
    replaced = {r.corrects_id for r in rows if r.corrects_id}
    live = [r for r in rows if r.id not in replaced]
    return max(live, key=lambda r: (r.created_at, r.id)) if live else None


# The hint of a closed-day refusal about an entry the daily summary can correct (hint, hint_zh).
CORRECT_IN_SUMMARY = (
    "Correct the entry in the daily summary (the correction is kept beside it).",
    "请在每日总结中更正该记录（更正会与原记录一并保留）。",
)


def refuse_closed(
    session: Session,
    day: date,
    what: str,
    what_zh: str,
    hint: str = "Correct the visit's entry in the daily summary (the correction is kept beside it).",
    hint_zh: str = "请在每日总结中更正该拜访的记录（更正会与原记录一并保留）。",
) -> None:
    """The closed-day refusal: raise InvalidInput when the work log of `day` is closed, saying
    "The work log of <day> is closed: <what>." (`what_zh` in Chinese) and the hint how to go on
    (by default: correct the visit's entry in the daily summary)."""
    if is_closed(session, day):
        raise InvalidInput(
            f"The work log of {day.isoformat()} is closed: {what}.",
            hint,
            zh=f"{day.isoformat()} 的工作日志已关闭：{what_zh}。",
            hint_zh=hint_zh,
        )


def record_visit(session: Session, visit: Visit, sales_step: str | None, actor: str, zone: tzinfo) -> WorkLogEntry:
    """Write or update the one work-log entry of a visit that took place.

    Kind `visit` for a client visit (effective by `effective_contact`), `outlet` for an outlet
    visit; stamped at the visit's start on its local day. An existing entry is changed in place,
    never doubled; on a closed day a change is refused (the correction rule applies)."""
    if sales_step is not None and sales_step not in SALES_STEPS:
        raise InvalidInput(f"Unknown sales-flow step {sales_step!r}.", zh="未知的销售流程步骤。")
    kind = "visit" if visit.kind == "client" else "outlet"
    at = visit.starts_at.astimezone(zone)
    wanted: dict[str, Any] = {
        "day": at.date(),
        "at": at,
        "kind": kind,
        "client_id": visit.client_id if kind == "visit" else None,
        "outlet_id": visit.outlet_id,
        "sales_step": sales_step if kind == "visit" else None,
        "effective": effective_contact(kind, sales_step),
    }
    row = visit_entry(session, visit.id)
    if row is None:
        refuse_closed(session, wanted["day"], "a visit on it can no longer be recorded",
                       "不能再登记当天的拜访")  # fmt: skip
        row = WorkLogEntry(visit_id=visit.id, quantity=1, outcome="", notes="", **wanted)
        session.add(row)
        session.flush()
        record_event(
            session, actor=actor, action="create", entity="worklog", entity_id=row.id, detail=entry_summary(row)
        )
    else:
        changed = sorted(k for k, v in wanted.items() if getattr(row, k) != v)
        if not changed:
            return row
        for day in {row.day, wanted["day"]}:
            refuse_closed(session, day, "the visit's entry cannot change", "该拜访的记录不能再修改")
        for name in changed:
            setattr(row, name, wanted[name])
        session.flush()
        record_event(session, actor=actor, action="edit", entity="worklog", entity_id=row.id,
                     detail={"changed": changed, **entry_summary(row)})  # fmt: skip
    if row.client_id:
        _touch_contact(session, row.client_id, row.at)
    return row


def unrecord_visit(session: Session, visit_id: str, actor: str) -> None:
    """A visit no longer done: its entry goes (open day only), and the last contact follows."""
    row = visit_entry(session, visit_id)
    if row is None:
        return
    refuse_closed(session, row.day, "the visit's entry cannot be removed", "该拜访的记录不能再删除")
    drop_entry(session, row, actor, reason="")


def _touch_contact(session: Session, client_id: str, at: datetime) -> None:
    client = session.get(Client, client_id)
    # The card list sorts on this; the purchase follow-up reminder is cleared by it.
    if client is not None and (client.last_contact_at is None or client.last_contact_at < at):
        client.last_contact_at = at


def contact_made(session: Session, row: WorkLogEntry) -> None:
    """An entry of a contact kind (CONTACT_KINDS) was written: the client's last contact moves
    up to it, and a new prospect becomes contacted. Other kinds change nothing."""
    if row.kind not in CONTACT_KINDS:
        return
    if row.client_id:
        _touch_contact(session, row.client_id, row.at)
    if row.prospect_id:
        prospect = session.get(Prospect, row.prospect_id)
        if prospect is not None and prospect.stage == "new":
            prospect.stage = "contacted"  # the first call or meeting moves them on


def drop_entry(
    session: Session, row: WorkLogEntry, actor: str, reason: str = "", more: dict[str, Any] | None = None
) -> None:
    """Delete an entry of an open day (the caller has refused a closed one, `refuse_closed`):
    audited with its `entry_summary`, the reason and what `more` adds (e.g. the form it came
    from); the client's last contact falls back to the one before."""
    detail = {**entry_summary(row), "visit_id": row.visit_id, "at": row.at.isoformat(), "reason": reason}
    detail.update(more or {})
    client_id, at = row.client_id, row.at
    session.delete(row)
    session.flush()
    record_event(session, actor=actor, action="delete", entity="worklog", entity_id=row.id, detail=detail)
    client = session.get(Client, client_id) if client_id else None
    if client is not None and client.last_contact_at is not None and client.last_contact_at <= at:
        client.last_contact_at = session.scalar(
            select(WorkLogEntry.at)
            .where(WorkLogEntry.client_id == client.id, WorkLogEntry.kind.in_(CONTACT_KINDS))
            .order_by(WorkLogEntry.at.desc())
            .limit(1)
        )


def _linkable_visit(session: Session, entry: LogInput, zone: tzinfo) -> Visit | None:
    """The client's visit of that day this contact is: planned, or done without an entry yet;
    the one nearest in time to the contact."""
    if entry.kind != "visit" or entry.client_id is None:
        return None
    start = datetime.combine(entry.day, time.min, zone)
    candidates = [
        v
        for v in session.scalars(
            select(Visit).where(
                Visit.client_id == entry.client_id,
                Visit.kind == "client",
                Visit.status.in_(("planned", "done")),
                Visit.starts_at >= start,
                Visit.starts_at < start + timedelta(days=1),
            )
        )
        if v.status == "planned" or visit_entry(session, v.id) is None
    ]
    return min(candidates, key=lambda v: abs(v.starts_at - entry.at), default=None)


def _mark_done(session: Session, visit: Visit, actor: str) -> None:
    if visit.status == "done":
        return
    visit.status = "done"
    record_event(session, actor=actor, action="status", entity="visit", entity_id=visit.id,
                 detail={"status": "done", "outcome": visit.outcome, "from": "worklog"})  # fmt: skip


class WorkLogService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._zone = zone or local_zone()
        self._now = now

    def log(self, entry: LogInput) -> LogEntry:
        """Record a piece of work. A visit to a client who has a visit planned that day is that
        visit: the entry is linked to it (visit_id) and the visit marked done, never two records
        for one meeting. Naming a visit that already has its entry is refused."""
        with self._sessions.begin() as session:
            self._refuse_if_closed(session, entry.day)
            visit = (
                session.get(Visit, entry.visit_id) if entry.visit_id else _linkable_visit(session, entry, self._zone)
            )
            if visit is not None and entry.kind == "visit":
                if visit_entry(session, visit.id) is not None:
                    raise InvalidInput(
                        "This visit is already in the work log.",
                        "Change its entry (or the visit in the planner) instead of logging it again.",
                        zh="这次拜访已记入工作日志。",
                        hint_zh="请修改原记录（或在拜访计划中修改该拜访），不要重复登记。",
                    )
                if visit.status in ("planned", "done"):
                    entry = replace(entry, visit_id=VisitId(visit.id))
                    _mark_done(session, visit, self._actor())
            row = self.record(session, entry)
            return self._entry(session, row, corrected_by=None, reason="")

    def record(self, session: Session, entry: LogInput, detail: dict[str, Any] | None = None) -> WorkLogEntry:
        """Write `entry` inside the caller's transaction: checked, the client's last contact moved,
        the audit event (with `detail` added) written. For work recorded together with something
        else, e.g. a care message and its occurrence (app/day/care.py)."""
        self._refuse_if_closed(session, entry.day)
        row = self._add(session, entry, corrects=None)
        record_event(session, actor=self._actor(), action="create", entity="worklog", entity_id=row.id,
                     detail={**entry_summary(row), **(detail or {})})  # fmt: skip
        return row

    def quick(
        self,
        kind: str,
        day: date,
        quantity: int = 1,
        client_id: ClientId | None = None,
        prospect_id: ProspectId | None = None,
    ) -> LogEntry:
        """The one-click buttons (+1 call, +10 leaflets…, a call to a prospect): stamped now, or
        now's time on `day`."""
        now = self._now().astimezone(self._zone)
        at = now if now.date() == day else datetime.combine(day, now.time(), self._zone)
        return self.log(
            LogInput(kind=kind, day=day, at=at, quantity=quantity, client_id=client_id, prospect_id=prospect_id)
        )

    def planned_visit_for(self, client_id: ClientId, day: date, at: datetime) -> VisitId | None:
        """The planned visit a visit logged now for `client_id` would be recorded as, if any."""
        probe = LogInput(kind="visit", day=day, at=at, client_id=client_id)
        with self._sessions() as session:
            visit = _linkable_visit(session, probe, self._zone)
            return VisitId(visit.id) if visit is not None else None

    def delete(self, entry_id: str, reason: str = "") -> None:
        """Remove an entry of an open day (a mistake); recorded in the audit log. The visit it
        recorded goes back to planned. A closed day's entries are corrected, never deleted."""
        with self._sessions.begin() as session:
            row = self._open_entry(session, entry_id, "deleted", "删除")
            visit = session.get(Visit, row.visit_id) if row.visit_id else None
            drop_entry(session, row, self._actor(), reason.strip())
            if visit is not None and visit.status == "done":
                visit.status, visit.outcome = "planned", None
                record_event(session, actor=self._actor(), action="status", entity="visit", entity_id=visit.id,
                             detail={"status": "planned", "from": "worklog"})  # fmt: skip

    def edit(self, entry_id: str, **changes: Any) -> LogEntry:
        """Change an entry of an open day in place (fields in EDITABLE); recorded in the audit
        log. A closed day's entries take `correct` instead."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(f"These cannot be changed: {', '.join(sorted(unknown))}.",
                               zh=f"有 {len(unknown)} 个栏目不能修改。")  # fmt: skip
        with self._sessions.begin() as session:
            row = self._open_entry(session, entry_id, "changed", "修改")
            base = _as_input(row)
            wanted = replace(base, **changes)
            _check(session, wanted)
            changed = sorted(name for name in changes if getattr(base, name) != getattr(wanted, name))
            for name in changed:
                value = getattr(wanted, name)
                setattr(row, name, value.strip() if isinstance(value, str) and name in ("outcome", "notes") else value)
            if changed:
                session.flush()
                record_event(session, actor=self._actor(), action="edit", entity="worklog", entity_id=row.id,
                             detail={"changed": changed, **entry_summary(row)})  # fmt: skip
                if row.client_id and row.kind in CONTACT_KINDS:
                    _touch_contact(session, row.client_id, row.at)
            return self._entry(session, row, corrected_by=None, reason="")

    def entries(self, day: date) -> list[LogEntry]:
        with self._sessions() as session:
            rows = list(
                session.scalars(
                    select(WorkLogEntry)
                    .where(WorkLogEntry.day == day)
                    .order_by(WorkLogEntry.at, WorkLogEntry.created_at)
                )
            )
            replaced_by = {r.corrects_id: r.id for r in rows if r.corrects_id}
            reasons = _reasons(session, [r.id for r in rows if r.corrects_id])
            return [self._entry(session, r, replaced_by.get(r.id), reasons.get(r.id, "")) for r in rows]

    def is_closed(self, day: date) -> bool:
        with self._sessions() as session:
            return is_closed(session, day)

    def close_day(self, day: date) -> DayClosed:
        """Lock the day's log. Closing a closed day changes nothing."""
        with self._sessions.begin() as session:
            plan = plan_row(session, day, self._settings.targets())
            if plan.closed_at is None:
                plan.closed_at = self._now()
                record_event(
                    session,
                    actor=self._actor(),
                    action="close",
                    entity="daily_plan",
                    entity_id=plan.id,
                    detail={"day": day.isoformat(), **_counts(tally(session, day))},
                )
            return DayClosed(day, plan.closed_at)

    def correct(self, entry_id: str, reason: str, **changes: Any) -> LogEntry:
        """A new entry replacing `entry_id` on a closed day; the old one stays, uncounted.

        `changes` are LogInput fields other than `day` (an entry stays on its day)."""
        correctable = {f.name for f in fields(LogInput)} - {"day"}
        unknown = set(changes) - correctable
        if unknown:
            raise InvalidInput(f"These cannot be corrected: {', '.join(sorted(unknown))}.",
                               zh=f"有 {len(unknown)} 个栏目不能更正。")  # fmt: skip
        if not reason.strip():
            raise InvalidInput("A correction needs a reason, for the supervisor reading the log.",
                               zh="更正需要填写原因，供主管查阅日志。")  # fmt: skip
        with self._sessions.begin() as session:
            old = session.get(WorkLogEntry, entry_id)
            if old is None:
                raise NotFound(f"No work-log entry {entry_id}.", zh="找不到该工作日志记录。")
            if not is_closed(session, old.day):
                raise InvalidInput(
                    f"{old.day.isoformat()} is still open: change or delete the entry itself "
                    "before the day is closed; corrections are for closed days.",
                    zh=f"{old.day.isoformat()} 尚未关闭：请在当天关闭前直接修改或删除该记录；更正只用于已关闭的日子。",
                )
            newer = session.scalar(select(WorkLogEntry.id).where(WorkLogEntry.corrects_id == entry_id))
            if newer is not None:
                raise InvalidInput(
                    "This entry was already corrected.",
                    f"Correct the latest version ({newer}).",
                    zh="此记录已经更正过。",
                    hint_zh="请更正其最新版本。",
                )
            row = self._add(session, replace(_as_input(old), **changes), corrects=old.id)
            record_event(
                session,
                actor=self._actor(),
                action="correct",
                entity="worklog",
                entity_id=row.id,
                detail={"corrects": old.id, "reason": reason.strip(), "changed": sorted(changes), **entry_summary(row)},
            )
            return self._entry(session, row, corrected_by=None, reason=reason.strip())

    # ---- helpers ---------------------------------------------------------------------

    def _open_entry(self, session: Session, entry_id: str, done: str, done_zh: str) -> WorkLogEntry:
        row = session.get(WorkLogEntry, entry_id)
        if row is None:
            raise NotFound(f"No work-log entry {entry_id}.", zh="找不到该工作日志记录。")
        refuse_closed(session, row.day, f"its entries cannot be {done}", f"当天的记录不能{done_zh}",
                      "Correct the entry instead (the correction is kept beside it).",
                      "请改为更正该记录（更正会与原记录一并保留）。")  # fmt: skip
        return row

    def _refuse_if_closed(self, session: Session, day: date) -> None:
        if is_closed(session, day):
            raise InvalidInput(
                f"The work log of {day.isoformat()} is closed.",
                "To change it, correct an entry of that day (the correction is kept beside it).",
                zh=f"{day.isoformat()} 的工作日志已关闭。",
                hint_zh="如需修改，请更正当天的记录（更正会与原记录一并保留）。",
            )

    def _add(self, session: Session, entry: LogInput, corrects: str | None) -> WorkLogEntry:
        _check(session, entry)
        row = WorkLogEntry(
            day=entry.day,
            at=entry.at,
            kind=entry.kind,
            quantity=entry.quantity,
            client_id=entry.client_id,
            outlet_id=entry.outlet_id,
            visit_id=entry.visit_id,
            prospect_id=entry.prospect_id,
            sales_step=entry.sales_step,
            # One rule wherever the work is recorded (log, quick, the planner): a visit that
            # reached the close counts toward “5访”; the flag a caller passes can only agree.
            effective=effective_contact(entry.kind, entry.sales_step),
            outcome=entry.outcome.strip(),
            notes=entry.notes.strip(),
            corrects_id=corrects,
        )
        session.add(row)
        contact_made(session, row)
        session.flush()
        return row

    def _entry(self, session: Session, row: WorkLogEntry, corrected_by: str | None, reason: str) -> LogEntry:
        client = session.get(Client, row.client_id) if row.client_id else None
        outlet = session.get(Outlet, row.outlet_id) if row.outlet_id else None
        return LogEntry(
            id=row.id,
            day=row.day,
            at=row.at.astimezone(self._zone),
            kind=row.kind,
            quantity=row.quantity,
            client_id=optional_id(ClientId, row.client_id),
            client_name=client.name if client else "",
            outlet_id=optional_id(OutletId, row.outlet_id),
            outlet_name=outlet.name if outlet else "",
            visit_id=optional_id(VisitId, row.visit_id),
            sales_step=row.sales_step,
            effective=row.effective,
            outcome=row.outcome,
            notes=row.notes,
            corrects_id=row.corrects_id,
            corrected_by_id=corrected_by,
            correction_reason=reason,
        )


def _check(session: Session, entry: LogInput) -> None:
    if entry.kind not in KINDS:
        raise InvalidInput(f"Unknown kind of work {entry.kind!r}.", f"Use one of: {', '.join(KINDS)}.",
                           zh="未知的工作类型。", hint_zh="请从列出的工作类型中选择。")  # fmt: skip
    if entry.at.tzinfo is None or entry.at.utcoffset() is None:
        raise InvalidInput("The time of an entry needs its time zone.", zh="工作记录的时间必须带时区。")
    if entry.at.date() != entry.day:
        raise InvalidInput(
            f"The time {entry.at.isoformat(timespec='minutes')} is not on {entry.day.isoformat()}.",
            zh=f"时间 {entry.at.isoformat(timespec='minutes')} 不在 {entry.day.isoformat()} 当天。",
        )
    if isinstance(entry.quantity, bool) or not isinstance(entry.quantity, int) or entry.quantity < 1:
        raise InvalidInput(f"The quantity must be a whole number of at least 1 (got {entry.quantity!r}).",
                           zh=f"数量必须是不小于 1 的整数（现为 {entry.quantity!r}）。")  # fmt: skip
    if entry.sales_step is not None and entry.sales_step not in SALES_STEPS:
        raise InvalidInput(
            f"Unknown sales-flow step {entry.sales_step!r}.",
            f"Use one of: {', '.join(SALES_STEPS)}.",
            zh="未知的销售流程步骤。",
            hint_zh="请从列出的步骤中选择。",
        )
    if entry.effective and (entry.kind != "visit" or entry.sales_step != "close"):
        raise InvalidInput(
            "Only a visit that ran the whole sales flow, up to closing (销售促成), is effective.",
            "Set kind 'visit' and sales step 'close', or leave it not effective.",
            zh="只有走完整个销售流程、直到销售促成的拜访才算有效。",
            hint_zh="请把类型设为拜访、步骤设为销售促成，或不标记为有效。",
        )
    if entry.client_id is not None and entry.prospect_id is not None:
        raise InvalidInput("An entry is about a client or a prospect, not both.",
                           zh="一条记录只能对应一位客户或一位准客户，不能同时对应两者。")  # fmt: skip
    if len(entry.outcome) > MAX_TEXT["outcome"]:
        raise InvalidInput(f"The outcome is longer than {MAX_TEXT['outcome']} characters; put the rest in the notes.",
                           zh=f"成果超过 {MAX_TEXT['outcome']} 个字；其余内容请写在备注里。")  # fmt: skip
    for model, key, what in (
        (Client, entry.client_id, "client card"),
        (Outlet, entry.outlet_id, "outlet"),
        (Visit, entry.visit_id, "visit"),
        (Prospect, entry.prospect_id, "prospect"),
    ):
        if key is not None and session.get(model, key) is None:
            raise InvalidInput(f"No {what} {key}.", zh=f"找不到该{WHAT_ZH[what]}。")


def _as_input(row: WorkLogEntry) -> LogInput:
    return LogInput(
        kind=row.kind,
        day=row.day,
        at=row.at,
        quantity=row.quantity,
        client_id=optional_id(ClientId, row.client_id),
        outlet_id=optional_id(OutletId, row.outlet_id),
        visit_id=optional_id(VisitId, row.visit_id),
        sales_step=row.sales_step,
        effective=row.effective,
        outcome=row.outcome,
        notes=row.notes,
        prospect_id=optional_id(ProspectId, row.prospect_id),
    )


def entry_summary(row: WorkLogEntry) -> dict[str, Any]:
    """What the audit event keeps of an entry: never the client's ID or phone, nor free text."""
    return {
        "day": row.day.isoformat(),
        "kind": row.kind,
        "quantity": row.quantity,
        "client_id": row.client_id,
        "sales_step": row.sales_step,
        "effective": row.effective,
    }


def _counts(actuals: Actuals) -> dict[str, int]:
    return {
        "visits": actuals.visits,
        "leaflets": actuals.leaflets,
        "prospects": actuals.prospects,
        "sms": actuals.sms,
        "meetings": actuals.meetings,
    }


def _reasons(session: Session, correction_ids: Sequence[str]) -> dict[str, str]:
    """Why each correction was made: kept in its audit event, the record of the change."""
    if not correction_ids:
        return {}
    events = session.execute(
        select(AuditEvent.entity_id, AuditEvent.detail_json).where(
            AuditEvent.entity == "worklog", AuditEvent.action == "correct", AuditEvent.entity_id.in_(correction_ids)
        )
    ).all()
    return {e.entity_id: json.loads(e.detail_json).get("reason", "") for e in events}
