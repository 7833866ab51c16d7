"""The work log (工作日志): what was done each day, closed in the evening, corrected by new entries.

A closed day is locked: a change is a new entry pointing at the one it corrects (the old one
stays, so the supervisor sees both), and every count uses only the latest version of each.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.profile.settings import DailyTargets, SettingsService
from app.rules.ids import ClientId, OutletId, VisitId, optional_id
from local_db.base import utcnow
from local_db.models import AuditEvent, Client, DailyPlan, Outlet, Visit, WorkLogEntry

KINDS = ("visit", "call", "sms", "leaflets", "prospect", "meeting", "outlet", "other")
# The five steps of an effective contact, in order: 识别接触 → 需求激发 → 产品推介 → 拒绝处理 → 销售促成
SALES_STEPS = ("identify", "need", "present", "objection", "close")
# Kinds that are a contact with the client, so they move the card's last-contact date.
CONTACT_KINDS = ("visit", "call", "sms", "meeting")
MAX_TEXT = {"outcome": 200}
WHAT_ZH = {"client card": "客户档案", "outlet": "网点", "visit": "拜访"}


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
    return Actuals(visits, sums["leaflets"], sums["prospect"], sums["sms"], meetings, tuple(reached))


def is_closed(session: Session, day: date) -> bool:
    return session.scalar(select(DailyPlan.closed_at).where(DailyPlan.day == day)) is not None


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
        with self._sessions.begin() as session:
            self._refuse_if_closed(session, entry.day)
            row = self._add(session, entry, corrects=None)
            record_event(
                session, actor=self._actor(), action="create", entity="worklog", entity_id=row.id, detail=_summary(row)
            )
            return self._entry(session, row, corrected_by=None, reason="")

    def quick(self, kind: str, day: date, quantity: int = 1, client_id: ClientId | None = None) -> LogEntry:
        """The one-click buttons (+1 call, +10 leaflets…): stamped now, or now's time on `day`."""
        now = self._now().astimezone(self._zone)
        at = now if now.date() == day else datetime.combine(day, now.time(), self._zone)
        return self.log(LogInput(kind=kind, day=day, at=at, quantity=quantity, client_id=client_id))

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
                    f"{old.day.isoformat()} is still open: change the entry by logging it again "
                    "before the day is closed; corrections are for closed days.",
                    zh=f"{old.day.isoformat()} 尚未关闭：请在当天关闭前重新登记来修改；更正只用于已关闭的日子。",
                )
            newer = session.scalar(select(WorkLogEntry.id).where(WorkLogEntry.corrects_id == entry_id))
            if newer is not None:
                raise InvalidInput(
                    "This entry was already corrected.",
                    f"Correct the latest version ({newer}).",
                    zh="此记录已经更正过。",
                    hint_zh="请更正其最新版本。",
                )
            base = LogInput(
                kind=old.kind,
                day=old.day,
                at=old.at,
                quantity=old.quantity,
                client_id=optional_id(ClientId, old.client_id),
                outlet_id=optional_id(OutletId, old.outlet_id),
                visit_id=optional_id(VisitId, old.visit_id),
                sales_step=old.sales_step,
                effective=old.effective,
                outcome=old.outcome,
                notes=old.notes,
            )
            row = self._add(session, replace(base, **changes), corrects=old.id)
            record_event(
                session,
                actor=self._actor(),
                action="correct",
                entity="worklog",
                entity_id=row.id,
                detail={"corrects": old.id, "reason": reason.strip(), "changed": sorted(changes), **_summary(row)},
            )
            return self._entry(session, row, corrected_by=None, reason=reason.strip())

    # ---- helpers ---------------------------------------------------------------------

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
            sales_step=entry.sales_step,
            effective=entry.effective,
            outcome=entry.outcome.strip(),
            notes=entry.notes.strip(),
            corrects_id=corrects,
        )
        session.add(row)
        if entry.client_id and entry.kind in CONTACT_KINDS:
            client = session.get(Client, entry.client_id)
            assert client is not None  # checked above
            # The card list sorts on this; the purchase follow-up reminder is cleared by it.
            if client.last_contact_at is None or client.last_contact_at < entry.at:
                client.last_contact_at = entry.at
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
    if len(entry.outcome) > MAX_TEXT["outcome"]:
        raise InvalidInput(f"The outcome is longer than {MAX_TEXT['outcome']} characters; put the rest in the notes.",
                           zh=f"成果超过 {MAX_TEXT['outcome']} 个字；其余内容请写在备注里。")  # fmt: skip
    for model, key, what in (
        (Client, entry.client_id, "client card"),
        (Outlet, entry.outlet_id, "outlet"),
        (Visit, entry.visit_id, "visit"),
    ):
        if key is not None and session.get(model, key) is None:
            raise InvalidInput(f"No {what} {key}.", zh=f"找不到该{WHAT_ZH[what]}。")


def _summary(row: WorkLogEntry) -> dict[str, Any]:
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
