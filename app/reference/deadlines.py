"""Deadlines when the holiday calendar changes: recomputed, and the manager told which moved.

A return deadline (3 working days after signing) computed while its year was not in the
calendar held was counted Monday to Friday (`app.rules.working_days.calendar_note` said so).
When that year arrives — published by head office and pulled on sync, imported from a file,
or shipped with a newer app — `reconcile_deadlines` recomputes the stored deadlines whose
computation touched a year whose data changed, moves those that now fall elsewhere (with an
audit event each), and keeps a notice for Today (`moved_notice`) until the manager dismisses
it (`dismiss_moved`).  Planned visits that carry-over put on a day now known as a holiday are
listed in the same notice, not moved: the client may have been told the day.

What changed is found by comparing a fingerprint of every year held with the fingerprints of
the calendar last reconciled, kept in the settings table (`RECONCILED_KEY`; before the first
run, the shipped calendar's, with which every deadline stored so far was computed).  Nothing
changed costs one settings read; running twice moves nothing twice, since a recomputed deadline
equals the stored one.  Only what is still open is looked at: receipts not yet returned,
visits still planned.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from app.common.local_time import local_zone
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.reference.shipped import shipped_calendar
from app.rules import working_days
from app.rules.holiday_calendar import HolidayCalendar
from app.rules.reminders import receipt_return_due
from local_db.models import Proposal, ProposalParty, Receipt, Setting, Visit

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.today import TodayData

RECONCILED_KEY = "reference.calendar_reconciled"  # {"version": n, "years": {"2027": fingerprint, ...}}
NOTICE_KEY = "reference.deadlines_moved"  # {"years": [...], "items": [...]} until dismissed
RECEIPT_RETURN = "receipt_return"  # a receipt's return deadline, moved
VISIT_ON_HOLIDAY = "visit_on_holiday"  # a carried-over visit now on a holiday, not moved


@dataclass(frozen=True)
class MovedDeadline:
    kind: str  # RECEIPT_RETURN | VISIT_ON_HOLIDAY
    subject_id: str  # the receipt or the visit
    client_name: str
    detail: str  # the policy number; a visit's time
    old_on: date
    new_on: date | None  # None: not moved (a visit), only told

    def line(self, language: str) -> str:
        who = self.client_name or ("（未填写投保人）" if language == "zh_CN" else "(no policyholder)")
        if self.kind == VISIT_ON_HOLIDAY:
            if language == "zh_CN":
                return f"{who} 的拜访（{self.old_on.isoformat()} {self.detail}）现为节假日，请在拜访计划中调整"
            when = f"{self.old_on.isoformat()} {self.detail}"
            return f"{who}'s visit on {when} now falls on a holiday: move it in the planner"
        new = self.new_on.isoformat() if self.new_on else ""
        if language == "zh_CN":
            return f"{who} 保单 {self.detail} 回执交回期限 {self.old_on.isoformat()} → {new}"
        return f"{who}'s receipt {self.detail}: return by {new} (was {self.old_on.isoformat()})"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject_id": self.subject_id,
            "client": self.client_name,
            "detail": self.detail,
            "old_on": self.old_on.isoformat(),
            "new_on": self.new_on.isoformat() if self.new_on else None,
        }

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> MovedDeadline:
        new_on = item.get("new_on")
        return cls(str(item["kind"]), str(item["subject_id"]), str(item["client"]), str(item["detail"]),
                   date.fromisoformat(item["old_on"]), date.fromisoformat(new_on) if new_on else None)  # fmt: skip


@dataclass(frozen=True)
class MovedNotice:
    """What Today tells until dismissed: the years that arrived and what they moved."""

    years: tuple[int, ...]
    items: tuple[MovedDeadline, ...]

    def text(self, language: str) -> str:
        moved = [i for i in self.items if i.new_on is not None]
        told = [i for i in self.items if i.new_on is None]
        zh = language == "zh_CN"
        years = ("、" if zh else ", ").join(str(y) for y in self.years)
        parts = []
        if moved:
            lines = ("；" if zh else "; ").join(i.line(language) for i in moved)
            if zh:
                parts.append(f"{years} 年节假日已公布，{len(moved)} 个期限随之调整：{lines}")
            else:
                noun = "deadline" if len(moved) == 1 else "deadlines"
                parts.append(f"{len(moved)} {noun} moved after the {years} holidays arrived: {lines}")
        if told:
            lines = ("；" if zh else "; ").join(i.line(language) for i in told)
            if zh:
                parts.append(f"{years} 年节假日已公布，{len(told)} 个顺延的拜访落在节假日：{lines}")
            else:
                noun = "carried-over visit falls" if len(told) == 1 else "carried-over visits fall"
                parts.append(f"After the {years} holidays arrived, {len(told)} {noun} on a holiday: {lines}")
        return ("。" if zh else ". ").join(parts) + ("。" if zh else ".")

    def to_json(self, language: str) -> dict[str, Any]:
        return {"text": self.text(language), "years": list(self.years), "items": [i.to_json() for i in self.items]}


def today_calendar_dates(data: TodayData) -> list[date]:
    """The dates Today shows (the day and every due date): the calendar warning covers these."""
    return [data.day, *(r.due_on for r in (*data.follow_ups, *data.reminders))]


def fingerprints(calendar: HolidayCalendar) -> dict[str, str]:
    """Each year held and a short hash of its holidays and working weekends."""
    result = {}
    for year, data in calendar.years.items():
        text = json.dumps([sorted(d.isoformat() for d in data.holidays), sorted(d.isoformat() for d in data.workdays)])
        result[str(year)] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return result


def reconcile_deadlines(ctx: AppContext) -> list[MovedDeadline]:
    """Recompute the stored deadlines the calendar held since the last run changes; returns what
    moved (and the carried-over visits now on a holiday), also kept for Today's notice."""
    calendar = working_days.held_calendar()
    held = fingerprints(calendar)
    now = {"version": calendar.version, "years": held}
    last = ctx.settings.get(RECONCILED_KEY)
    if last == now:
        return []
    before: Mapping[str, str] = last["years"] if isinstance(last, dict) else fingerprints(shipped_calendar())
    changed = {int(y) for y in set(before) | set(held) if before.get(y) != held.get(y)}
    moved: list[MovedDeadline] = []
    with ctx.store.sessions.begin() as session:
        if changed:
            moved = _receipts(session, changed, ctx.actor()) + _visits(session, changed)
        if moved:
            _add_to_notice(session, sorted(changed), moved)
        _write(session, RECONCILED_KEY, now)
    return moved


def moved_notice(settings: SettingsService) -> MovedNotice | None:
    stored = settings.get(NOTICE_KEY)
    if not stored:
        return None
    return MovedNotice(tuple(stored["years"]), tuple(MovedDeadline.from_json(i) for i in stored["items"]))


def dismiss_moved(settings: SettingsService) -> None:
    settings.set(NOTICE_KEY, None)


def _touches(first: date, last: date, years: set[int]) -> bool:
    return any(year in years for year in range(first.year, last.year + 1))


def _receipts(session: Session, years: set[int], actor: str) -> list[MovedDeadline]:
    holder = aliased(ProposalParty)
    rows = session.execute(
        select(Receipt, holder.name)
        .join(Proposal, Proposal.id == Receipt.proposal_id)
        .outerjoin(holder, and_(holder.proposal_id == Proposal.id, holder.role == "policyholder"))
        .where(
            Receipt.status == "signed",
            Receipt.returned_on.is_(None),
            Receipt.signed_on <= date(max(years), 12, 31),
            Receipt.return_due_on >= date(min(years), 1, 1),
        )
        .order_by(Receipt.return_due_on, Receipt.id)
    ).all()
    moved = []
    for receipt, name in rows:
        old, signed = receipt.return_due_on, receipt.signed_on
        if old is None or signed is None or not _touches(signed, old, years):
            continue
        new = receipt_return_due(signed)
        if new == old:
            continue
        receipt.return_due_on = new
        detail = {"return_due_on": [old.isoformat(), new.isoformat()], "calendar_years": sorted(years)}
        record_event(session, actor=actor, action="deadline_moved", entity="receipt", entity_id=receipt.id,
                     detail=detail)  # fmt: skip
        moved.append(MovedDeadline(RECEIPT_RETURN, receipt.id, name or "", receipt.policy_number, old, new))
    return moved


def _visits(session: Session, years: set[int]) -> list[MovedDeadline]:
    """Planned visits put where they are by a carry-over (or a reschedule) that now fall on a
    day off: told, not moved."""
    zone = local_zone()
    start = datetime.combine(date(min(years), 1, 1), datetime.min.time(), zone)
    end = datetime.combine(date(max(years), 12, 31), datetime.min.time(), zone) + timedelta(days=1)
    earlier = aliased(Visit)
    carried = select(earlier.id).where(earlier.rescheduled_to_id == Visit.id).exists()
    found = []
    for visit in session.scalars(
        select(Visit)
        .where(Visit.status == "planned", Visit.starts_at >= start, Visit.starts_at < end, carried)
        .order_by(Visit.starts_at, Visit.id)
    ):
        local = visit.starts_at.astimezone(zone)
        if local.year in years and not working_days.is_working_day(local.date()):
            found.append(MovedDeadline(VISIT_ON_HOLIDAY, visit.id, _visit_who(session, visit),
                                       local.strftime("%H:%M"), local.date(), None))  # fmt: skip
    return found


def _visit_who(session: Session, visit: Visit) -> str:
    from local_db.models import Client, Outlet

    if visit.client_id is not None:
        client = session.get(Client, visit.client_id)
        return client.name if client else ""
    outlet = session.get(Outlet, visit.outlet_id) if visit.outlet_id else None
    return outlet.name if outlet else ""


def _add_to_notice(session: Session, years: Iterable[int], moved: list[MovedDeadline]) -> None:
    """Add to the notice not yet dismissed: a later item for the same subject replaces the earlier."""
    row = session.scalar(select(Setting).where(Setting.key == NOTICE_KEY))
    stored = json.loads(row.value_json) if row is not None else None
    items: dict[tuple[str, str], dict[str, Any]] = {}
    known: set[int] = set(years)
    if stored:
        known |= set(stored["years"])
        items = {(i["kind"], i["subject_id"]): i for i in stored["items"]}
    for item in moved:
        key = (item.kind, item.subject_id)
        if key in items and item.new_on is not None:
            first = items[key]["old_on"]  # the date the manager saw before the first move
            items[key] = {**item.to_json(), "old_on": first}
        else:
            items[key] = item.to_json()
    _write(session, NOTICE_KEY, {"years": sorted(known), "items": list(items.values())})


def _write(session: Session, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        session.add(Setting(key=key, value_json=encoded))
    else:
        row.value_json = encoded
