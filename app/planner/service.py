"""The visit planner (拜访计划): visits by day and week, their “3S” checklists and statuses.

Times are stored in UTC and handed out in the planner's zone (the laptop's by default), so a
visit at 09:30 stays at 09:30 on the manager's calendar. Clashing visits are reported, never
refused: a manager may well book two clients in the same café hour on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.child_rows import replace_children
from app.common.local_time import local_zone
from app.day.worklog import is_closed, record_visit, unrecord_visit, visit_entry
from app.errors import NotFound
from app.planner.records import (
    ACTIVE,
    CARRY_DAYS,
    KINDS,
    MIN_MINUTES,
    OUTCOMES,
    PHASES,
    PURPOSES,
    TRANSITIONS,
    WORK_END,
    WORK_START,
    CarryMove,
    ChecklistEntry,
    InvalidTransition,
    InvalidVisit,
    SeriesInput,
    VisitDetail,
    VisitInput,
    VisitView,
    default_checklist,
)
from app.planner.series import HORIZON, materialise, materialise_lock, weekly_rule
from app.profile.audit import record_event
from app.rules.ids import ClientId, OutletId, VisitId, optional_id
from app.rules.masking import mask_phone
from app.rules.working_days import next_working_day
from local_db.models import Client, Outlet, Visit, VisitChecklistItem, VisitSeries

EDITABLE = (
    "kind",
    "client_id",
    "outlet_id",
    "purpose",
    "starts_at",
    "ends_at",
    "location",
    "agenda",
    "notes",
    "referrals_asked",
    "outcome",
)


class PlannerService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._zone = zone or local_zone()
        self._today = today

    # ---- reading ---------------------------------------------------------------------

    def between(self, start: date, end: date) -> list[VisitView]:
        """Visits starting from `start` to `end` (both days included), by start time."""
        self._materialise(max(end, self._today() + HORIZON))
        with self._sessions() as session:
            return self._views(session, self._local(start), self._local(end + timedelta(days=1)))

    def get(self, visit_id: VisitId) -> VisitDetail:
        with self._sessions() as session:
            visit = self._visit(session, visit_id)
            view = self._view_of(session, visit)
            items = session.scalars(select(VisitChecklistItem).where(VisitChecklistItem.visit_id == visit_id)).all()
            ordered = sorted(items, key=lambda i: (PHASES.index(i.phase) if i.phase in PHASES else 3, i.position))
            phone = session.scalar(select(Client.mobile).where(Client.id == visit.client_id)) if visit.client_id else ""
            entry = visit_entry(session, visit.id)
            return VisitDetail(
                view=view,
                agenda=visit.agenda,
                notes=visit.notes,
                referrals_asked=visit.referrals_asked,
                client_phone_masked=mask_phone(phone),
                checklist=tuple(ChecklistEntry(i.phase, i.label, i.done, i.id) for i in ordered),
                sales_step=entry.sales_step if entry is not None else None,
                logged_on_closed_day=entry is not None and is_closed(session, entry.day),
            )

    def overlaps(self, start: datetime, end: datetime, exclude_id: VisitId | None = None) -> list[VisitView]:
        """Planned or done visits that share some time with `start`–`end`."""
        with self._sessions() as session:
            views = self._views(session, start, end)
        return [
            v for v in views if v.id != exclude_id and v.status in ACTIVE and v.starts_at < end and v.ends_at > start
        ]

    # ---- writing ---------------------------------------------------------------------

    def create(self, data: VisitInput) -> VisitView:
        with self._sessions.begin() as session:
            self._check(session, data)
            visit = Visit(status="planned", **self._values(data))
            session.add(visit)
            session.flush()
            checklist = default_checklist(data.purpose) if data.checklist is None else data.checklist
            self._replace_checklist(session, visit.id, checklist)
            record_event(
                session,
                actor=self._actor(),
                action="create",
                entity="visit",
                entity_id=visit.id,
                detail={"kind": data.kind, "purpose": data.purpose, "starts_at": _iso(data.starts_at)},
            )
            return self._view_of(session, visit)

    def update(self, visit_id: VisitId, data: VisitInput) -> VisitView:
        """Save what the visit dialog edits; the status changes through set_status only."""
        with self._sessions.begin() as session:
            visit = self._visit(session, visit_id)
            self._check(session, data)
            values = self._values(data)
            if visit.status != "done":
                values["outcome"] = None
            changed = [name for name in EDITABLE if getattr(visit, name) != values[name]]
            for name in changed:
                setattr(visit, name, values[name])
            if data.checklist is not None and self._replace_checklist(session, visit_id, data.checklist):
                changed.append("checklist")
            if visit.status == "done":
                # The one work-log entry of the meeting follows what the visit now says.
                record_visit(session, visit, data.sales_step, self._actor(), self._zone)
            if changed:
                record_event(
                    session,
                    actor=self._actor(),
                    action="edit",
                    entity="visit",
                    entity_id=visit_id,
                    detail={"fields": sorted(changed), "starts_at": _iso(visit.starts_at)},
                )
            return self._view_of(session, visit)

    def move(self, visit_id: VisitId, new_start: datetime) -> VisitView:
        """Move the visit to `new_start`, keeping its length."""
        with self._sessions.begin() as session:
            visit = self._visit(session, visit_id)
            length = visit.ends_at - visit.starts_at
            return self._retime(session, visit, new_start, new_start + length)

    def resize(self, visit_id: VisitId, new_end: datetime) -> VisitView:
        with self._sessions.begin() as session:
            visit = self._visit(session, visit_id)
            return self._retime(session, visit, visit.starts_at, new_end)

    def set_status(
        self,
        visit_id: VisitId,
        status: str,
        outcome: str | None = None,
        notes: str = "",
        new_start: datetime | None = None,
        sales_step: str | None = None,
    ) -> VisitView:
        """Finish, cancel, mark a no-show or reschedule a planned visit, or take back a "done".

        Done writes the visit's one work-log entry (kind visit with `sales_step`, effective by
        the same rule as logging a contact) and moves the client's last contact; back to
        planned removes that entry. Rescheduling needs `new_start`: a new planned visit of the
        same length is made there, with the checklist as prepared so far, and the old one points to it."""
        with self._sessions.begin() as session:
            visit = self._visit(session, visit_id)
            self._change_status(session, visit, status, outcome, notes, new_start, sales_step)
            return self._view_of(session, visit)

    def toggle_check(self, item_id: str, done: bool) -> VisitView:
        with self._sessions.begin() as session:
            item = session.get(VisitChecklistItem, item_id)
            if item is None:
                raise NotFound(f"No checklist item {item_id}.", zh="找不到该清单项。")
            item.done = done
            return self._view_of(session, self._visit(session, item.visit_id))

    def carry_over_plan(self, day: date, only: Collection[str] | None = None) -> list[CarryMove]:
        """Where carrying over would put each visit of `day` still planned, without moving any.

        In their order, each at its own time on the next working day if that is free, else the
        first free time after the one carried before it within working hours (WORK_START to
        WORK_END), else the first free time that day; never overlapping a planned or done visit.
        A visit that fits nowhere on the next working day goes to the first free time on a
        following working day (`next_day` False), so the page can say so before moving anything."""
        with self._sessions() as session:
            return self._carry_plan(session, day, only)

    def carry_over(self, day: date, only: Collection[str] | None = None) -> list[VisitView]:
        """Move the visits of `day` still planned (or those of them in `only`) as
        `carry_over_plan` says; each original is marked rescheduled and points to its new visit."""
        moved = []
        with self._sessions.begin() as session:
            for move in self._carry_plan(session, day, only):
                visit = self._visit(session, move.visit.id)
                moved.append(self._change_status(session, visit, "rescheduled", None, "", move.new_start))
            return [self._view_of(session, v) for v in moved]

    def _carry_plan(self, session: Session, day: date, only: Collection[str] | None) -> list[CarryMove]:
        visits = session.scalars(
            select(Visit)
            .where(
                Visit.status == "planned",
                Visit.starts_at >= self._local(day),
                Visit.starts_at < self._local(day + timedelta(days=1)),
            )
            .order_by(Visit.starts_at, Visit.id)
        ).all()
        if only is not None:
            visits = [v for v in visits if v.id in only]
        busy: dict[date, list[tuple[datetime, datetime]]] = {}

        def busy_on(target: date) -> list[tuple[datetime, datetime]]:
            if target not in busy:
                start = self._local(target)
                busy[target] = [
                    (v.starts_at, v.ends_at)
                    for v in session.scalars(
                        select(Visit).where(
                            Visit.status.in_(ACTIVE),
                            Visit.starts_at < start + timedelta(days=1),
                            Visit.ends_at > start,
                        )
                    )
                ]
            return busy[target]

        moves: list[CarryMove] = []
        first = next_working_day(day)
        target, after = first, None  # after: the end of the visit carried before, on `target`
        for visit in visits:
            length = visit.ends_at - visit.starts_at
            own = visit.starts_at.astimezone(self._zone).time()
            for _ in range(CARRY_DAYS):
                wanted = datetime.combine(target, own, self._zone)
                opens = min(datetime.combine(target, WORK_START, self._zone), wanted)
                closes = max(datetime.combine(target, WORK_END, self._zone), wanted + length)
                floor = after or opens
                start = _free_slot(busy_on(target), max(wanted, floor), length, closes)
                if start is None:
                    start = _free_slot(busy_on(target), floor, length, closes)
                if start is not None:
                    break
                target, after = next_working_day(target), None
            else:
                raise InvalidVisit(
                    f"No free time for the visit at {own:%H:%M} in the next {CARRY_DAYS} working days.",
                    "Move it by hand in the planner.",
                    zh=f"{own:%H:%M} 的拜访在之后 {CARRY_DAYS} 个工作日内都没有空闲时间。",
                    hint_zh="请在拜访计划中手动调整。",
                )
            end = start + length
            busy_on(target).append((start, end))
            after = end
            moves.append(
                CarryMove(
                    self._view_of(session, visit),
                    start.astimezone(self._zone),
                    end.astimezone(self._zone),
                    target == first,
                )
            )
        return moves

    def delete(self, visit_id: VisitId) -> None:
        with self._sessions.begin() as session:
            visit = self._visit(session, visit_id)
            if visit.series_id is not None:
                # Deleting the row would let the series write the occurrence again.
                raise InvalidVisit(
                    "A visit of a weekly series cannot be deleted.",
                    "Cancel this occurrence instead.",
                    zh="每周系列中的拜访不能删除。",
                    hint_zh="请改为取消这一次。",
                )
            record_event(
                session,
                actor=self._actor(),
                action="delete",
                entity="visit",
                entity_id=visit_id,
                detail={"kind": visit.kind, "purpose": visit.purpose, "starts_at": _iso(visit.starts_at)},
            )
            for earlier in session.scalars(select(Visit).where(Visit.rescheduled_to_id == visit_id)):
                earlier.rescheduled_to_id = None
            session.flush()
            session.delete(visit)  # its checklist goes with it (ON DELETE CASCADE)

    # ---- series ----------------------------------------------------------------------

    def create_series(self, data: SeriesInput) -> list[VisitView]:
        """Start a weekly visit; returns its occurrences written up to the horizon."""
        if not 1 <= data.weekday <= 7:
            raise InvalidVisit("Choose a weekday for the weekly visit.", zh="请为每周拜访选择星期几。")
        if data.ends_on is not None and data.ends_on < data.starts_on:
            raise InvalidVisit("The series ends before it starts.", zh="系列的结束日期早于开始日期。")
        first = datetime.combine(data.starts_on, data.start_time, self._zone)
        probe = VisitInput(
            kind=data.kind,
            purpose=data.purpose,
            starts_at=first,
            client_id=data.client_id,
            ends_at=first + timedelta(minutes=data.duration_minutes),
            outlet_id=data.outlet_id,
        )
        with materialise_lock, self._sessions.begin() as session:
            self._check(session, probe)
            series = VisitSeries(
                client_id=data.client_id if data.kind == "client" else None,
                outlet_id=data.outlet_id,
                purpose=data.purpose,
                rule=weekly_rule(data.weekday),
                starts_on=data.starts_on,
                ends_on=data.ends_on,
                start_time=data.start_time,
                duration_minutes=data.duration_minutes,
                location=data.location.strip(),
            )
            session.add(series)
            session.flush()
            materialise(session, max(data.starts_on, self._today()) + HORIZON, self._zone, series.id)
            record_event(
                session,
                actor=self._actor(),
                action="create",
                entity="visit_series",
                entity_id=series.id,
                detail={"rule": series.rule, "purpose": data.purpose, "starts_on": data.starts_on.isoformat()},
            )
            rows = session.scalars(select(Visit).where(Visit.series_id == series.id).order_by(Visit.starts_at))
            return [self._view_of(session, v) for v in rows]

    def cancel_occurrence(self, visit_id: VisitId, notes: str = "") -> VisitView:
        """Cancel one occurrence; the row stays, so the series never writes it again."""
        return self.set_status(visit_id, "cancelled", notes=notes)

    def _materialise(self, until: date) -> None:
        with materialise_lock, self._sessions.begin() as session:
            materialise(session, until, self._zone)

    # ---- helpers ---------------------------------------------------------------------

    def _local(self, day: date) -> datetime:
        return datetime.combine(day, time.min, self._zone)

    def _visit(self, session: Session, visit_id: str) -> Visit:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(f"No visit {visit_id}.", zh="找不到该拜访。")
        return visit

    def _check(self, session: Session, data: VisitInput) -> None:
        if data.kind not in KINDS:
            raise InvalidVisit("Choose a client visit or an outlet visit.", zh="请选择客户拜访或网点拜访。")
        if data.purpose not in PURPOSES:
            raise InvalidVisit("Choose the purpose of the visit.", zh="请选择拜访目的。")
        if data.starts_at.tzinfo is None or data.ends_at.tzinfo is None:
            raise InvalidVisit("Visit times need a time zone.", zh="拜访时间必须带时区。")
        _check_times(data.starts_at, data.ends_at)
        if data.kind == "client" and (data.client_id is None or session.get(Client, data.client_id) is None):
            raise InvalidVisit("Choose the client to visit.", zh="请选择要拜访的客户。")
        if data.kind == "outlet" and data.outlet_id is None:
            raise InvalidVisit("Choose the outlet to visit.", zh="请选择要拜访的网点。")
        if data.outlet_id is not None and session.get(Outlet, data.outlet_id) is None:
            raise InvalidVisit("The outlet no longer exists.", zh="该网点已不存在。")
        if data.outcome is not None and data.outcome not in OUTCOMES:
            raise InvalidVisit(
                "Choose closed, not closed or follow-up as the outcome.", zh="请选择成果：已成交、未成交或待跟进。"
            )
        if data.referrals_asked < 0:
            raise InvalidVisit("Referrals asked cannot be negative.", zh="转介绍请求数不能为负数。")
        if any(item.phase not in PHASES or not item.label.strip() for item in data.checklist or ()):
            raise InvalidVisit("Every checklist item needs a phase and a label.", zh="每个清单项都需要阶段和名称。")

    def _values(self, data: VisitInput) -> dict[str, object]:
        return {
            "kind": data.kind,
            "client_id": data.client_id if data.kind == "client" else None,
            "outlet_id": data.outlet_id,
            "purpose": data.purpose,
            "starts_at": _utc(data.starts_at),
            "ends_at": _utc(data.ends_at),
            "location": data.location.strip(),
            "agenda": data.agenda,
            "notes": data.notes,
            "referrals_asked": data.referrals_asked,
            "outcome": data.outcome,
        }

    def _retime(self, session: Session, visit: Visit, starts_at: datetime, ends_at: datetime) -> VisitView:
        _check_times(starts_at, ends_at)
        if visit.status != "planned":
            raise InvalidVisit("Only a planned visit can be moved.", "Its time is kept as it happened.",
                               zh="只有计划中的拜访可以改期。", hint_zh="已发生的拜访保留实际时间。")  # fmt: skip
        before = (visit.starts_at, visit.ends_at)
        visit.starts_at, visit.ends_at = _utc(starts_at), _utc(ends_at)
        if before != (visit.starts_at, visit.ends_at):
            record_event(
                session,
                actor=self._actor(),
                action="edit",
                entity="visit",
                entity_id=visit.id,
                detail={
                    "fields": ["ends_at", "starts_at"],
                    "from": _iso(before[0]),
                    "starts_at": _iso(visit.starts_at),
                    "ends_at": _iso(visit.ends_at),
                },
            )
        return self._view_of(session, visit)

    def _change_status(
        self,
        session: Session,
        visit: Visit,
        status: str,
        outcome: str | None,
        notes: str,
        new_start: datetime | None,
        sales_step: str | None = None,
    ) -> Visit:
        """Apply a status change; returns the rescheduled visit, or `visit` itself."""
        if status not in TRANSITIONS.get(visit.status, ()):
            raise InvalidTransition(visit.status, status)
        if outcome is not None and (status != "done" or outcome not in OUTCOMES):
            raise InvalidVisit("Only a visit that took place has an outcome: closed, not closed or follow-up.",
                               zh="只有已进行的拜访才有成果：已成交、未成交或待跟进。")  # fmt: skip
        result = visit
        if status == "rescheduled":
            if new_start is None:
                raise InvalidVisit("Choose the new date and time for the visit.", zh="请选择拜访的新日期和时间。")
            result = self._copy(session, visit, new_start)
            visit.rescheduled_to_id = result.id
        previous = visit.status
        visit.status = status
        visit.outcome = outcome
        if notes.strip():
            visit.notes = f"{visit.notes}\n{notes.strip()}".strip()
        if status == "done":
            record_visit(session, visit, sales_step, self._actor(), self._zone)
        elif previous == "done":
            unrecord_visit(session, visit.id, self._actor())
        record_event(
            session,
            actor=self._actor(),
            action="status",
            entity="visit",
            entity_id=visit.id,
            detail={"status": status, "outcome": outcome, "rescheduled_to": visit.rescheduled_to_id},
        )
        return result

    def _copy(self, session: Session, visit: Visit, new_start: datetime) -> Visit:
        """A new planned visit like `visit` at `new_start`, outside any series."""
        _check_times(new_start, new_start + (visit.ends_at - visit.starts_at))
        copy = Visit(
            kind=visit.kind,
            client_id=visit.client_id,
            outlet_id=visit.outlet_id,
            purpose=visit.purpose,
            starts_at=_utc(new_start),
            ends_at=_utc(new_start) + (visit.ends_at - visit.starts_at),
            location=visit.location,
            status="planned",
            agenda=visit.agenda,
        )
        session.add(copy)
        session.flush()
        items = session.scalars(select(VisitChecklistItem).where(VisitChecklistItem.visit_id == visit.id))
        for item in items:
            session.add(
                VisitChecklistItem(
                    visit_id=copy.id, phase=item.phase, label=item.label, done=item.done, position=item.position
                )
            )
        record_event(
            session,
            actor=self._actor(),
            action="create",
            entity="visit",
            entity_id=copy.id,
            detail={
                "kind": copy.kind,
                "purpose": copy.purpose,
                "starts_at": _iso(copy.starts_at),
                "rescheduled_from": visit.id,
            },
        )
        return copy

    def _replace_checklist(self, session: Session, visit_id: str, entries: Sequence[ChecklistEntry]) -> bool:
        """Make the visit's checklist exactly `entries`, keeping the ids of surviving items."""
        rows = [
            (entry.id, {"phase": entry.phase, "label": entry.label.strip(), "done": entry.done, "position": position})
            for position, entry in enumerate(entries)
        ]
        return replace_children(session, VisitChecklistItem, "visit_id", visit_id, rows)

    def _views(self, session: Session, start: datetime, end: datetime) -> list[VisitView]:
        """Visits that start before `end` and end after `start`, with clashes among them marked."""
        rows = session.execute(
            select(Visit, Client.name, Outlet.name)
            .outerjoin(Client, Client.id == Visit.client_id)
            .outerjoin(Outlet, Outlet.id == Visit.outlet_id)
            .where(Visit.starts_at < end, Visit.ends_at > start)
            .order_by(Visit.starts_at, Visit.id)
        ).all()
        progress = _progress(session, [v.id for v, _c, _o in rows])
        active = [v for v, _c, _o in rows if v.status in ACTIVE]
        clashing = {
            a.id for a in active for b in active if a.id != b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at
        }
        return [self._make_view(v, c, o, progress.get(v.id, (0, 0)), v.id in clashing) for v, c, o in rows]

    def _view_of(self, session: Session, visit: Visit) -> VisitView:
        session.flush()
        client = session.scalar(select(Client.name).where(Client.id == visit.client_id)) if visit.client_id else None
        outlet = session.scalar(select(Outlet.name).where(Outlet.id == visit.outlet_id)) if visit.outlet_id else None
        clash = (
            visit.status in ACTIVE
            and session.scalar(
                select(Visit.id)
                .where(
                    Visit.id != visit.id,
                    Visit.status.in_(ACTIVE),
                    Visit.starts_at < visit.ends_at,
                    Visit.ends_at > visit.starts_at,
                )
                .limit(1)
            )
            is not None
        )
        return self._make_view(visit, client, outlet, _progress(session, [visit.id]).get(visit.id, (0, 0)), clash)

    def _make_view(
        self, visit: Visit, client: str | None, outlet: str | None, progress: tuple[int, int], clash: bool
    ) -> VisitView:
        return VisitView(
            id=VisitId(visit.id),
            kind=visit.kind,
            client_id=optional_id(ClientId, visit.client_id),
            client_name=client or "",
            outlet_id=optional_id(OutletId, visit.outlet_id),
            outlet_name=outlet or "",
            purpose=visit.purpose,
            starts_at=visit.starts_at.astimezone(self._zone),
            ends_at=visit.ends_at.astimezone(self._zone),
            status=visit.status,
            outcome=visit.outcome,
            location=visit.location,
            checks_done=progress[0],
            checks_total=progress[1],
            series_id=visit.series_id,
            rescheduled_to_id=optional_id(VisitId, visit.rescheduled_to_id),
            overlaps=clash,
        )


def _progress(session: Session, visit_ids: list[str]) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for start in range(0, len(visit_ids), 500):  # SQLite's limit on bound parameters
        rows = session.execute(
            select(VisitChecklistItem.visit_id, VisitChecklistItem.done).where(
                VisitChecklistItem.visit_id.in_(visit_ids[start : start + 500])
            )
        ).tuples()
        for visit_id, done in rows:
            finished, total = counts.get(visit_id, (0, 0))
            counts[visit_id] = (finished + int(done), total + 1)
    return counts


def _free_slot(
    busy: Sequence[tuple[datetime, datetime]], earliest: datetime, length: timedelta, closes: datetime
) -> datetime | None:
    """The first start from `earliest` where `length` fits before `closes` without touching `busy`."""
    start = earliest
    while start + length <= closes:
        clash = max((end for begin, end in busy if begin < start + length and end > start), default=None)
        if clash is None:
            return start
        start = clash
    return None


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidVisit("The visit must end after it starts.", zh="拜访的结束时间必须晚于开始时间。")
    if ends_at - starts_at < timedelta(minutes=MIN_MINUTES):
        raise InvalidVisit(f"A visit lasts at least {MIN_MINUTES} minutes.", zh=f"一次拜访至少 {MIN_MINUTES} 分钟。")


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _iso(moment: datetime) -> str:
    return _utc(moment).isoformat()
