"""The manager's days: visits (拜访) with their checklists, the work log and daily plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.common import Batch, DemoRandom, local_time, record
from app.demo.outlets import OutletInfo
from app.rules.working_days import is_working_day
from local_db.models import DailyPlan, Visit, VisitChecklistItem, VisitSeries

VISITS_BACK, VISITS_AHEAD = 21, 14  # days of diary shown around today
SLOTS = tuple(range(9 * 60, 17 * 60, 30))  # half-hour starts, 09:00-16:30 local
SERIES_START = 9 * 60 + 30  # the Tuesday outlet round, 09:30-10:30
SALES_STEPS = ("identify", "need", "present", "objection", "close")
SALES_STEP_WEIGHTS = (10, 15, 20, 15, 40)
# A fresh card (opened in the last 30 days) appears in the diary or log only from this many days
# back, its visits booked at most 10 days ahead of them.
FRESH_MENTIONED_DAYS = 10
VISIT_OUTCOME_TEXT = {"closed": "成交", "not_closed": "未成交", "follow_up": "需跟进"}


@dataclass
class Schedule:
    diary: Batch  # visit series, visits, checklists, daily plans: inserted before the work log
    worklog: list[dict[str, Any]]
    visits: int
    # Client index -> latest contact, so the cards' last_contact_at agrees with the log.
    last_contact: dict[int, datetime] = field(default_factory=dict)
    # Client index -> the earliest moment the diary or the log mentions the card (a visit booked,
    # a call logged), so no card is created after its own history began.
    first_seen: dict[int, datetime] = field(default_factory=dict)


class ScheduleMaker:
    def __init__(
        self,
        rng: DemoRandom,
        client_ids: list[str],
        outlet_of: list[int],
        outlets: list[OutletInfo],
        today: date,
        fresh: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        """`fresh`: cards opened in the last 30 days, so neither booked nor logged before then."""
        self._rng = rng
        self._fresh = fresh
        self._fresh_from = today - timedelta(days=FRESH_MENTIONED_DAYS)
        self._client_ids = client_ids
        self._outlet_of = outlet_of
        self._outlets = outlets
        self._today = today
        self._visits: list[dict[str, Any]] = []
        self._checklist: list[dict[str, Any]] = []
        self._worklog: list[dict[str, Any]] = []
        self._contacts: dict[int, datetime] = {}
        self._first_seen: dict[int, datetime] = {}
        # Done visits by day, with client index (None for outlet visits) and outlet index.
        self._done: dict[date, list[tuple[dict[str, Any], int | None, int]]] = {}

    def build(self, worklog_days: int) -> Schedule:
        today = self._today
        series = self._series()
        for offset in range(-VISITS_BACK, VISITS_AHEAD + 1):
            day = today + timedelta(days=offset)
            if is_working_day(day):
                self._visit_day(day)
        plans = []
        for offset in range(worklog_days, -1, -1):
            day = today - timedelta(days=offset)
            if is_working_day(day):
                self._log_day(day, full=day < today)
                plans.append(self._plan(day))
        diary: Batch = [
            (VisitSeries, [series]),
            (Visit, self._visits),
            (VisitChecklistItem, self._checklist),
            (DailyPlan, plans),
        ]
        return Schedule(diary, self._worklog, len(self._visits), self._contacts, self._first_seen)

    def _series(self) -> dict[str, Any]:
        """Every Tuesday (周二) at the first outlet; past occurrences are kept as override rows."""
        rng, today = self._rng, self._today
        outlet = self._outlets[0]
        starts_on = today - timedelta(days=(today.weekday() - 1) % 7 + 7 * 12)
        row = record(
            rng.uuid(),
            local_time(starts_on - timedelta(days=3), 17 * 60),
            client_id=None,
            outlet_id=outlet.id,
            purpose="outlet_check",
            rule="weekly:2",
            starts_on=starts_on,
            ends_on=None,
            start_time=time(9, 30),
            duration_minutes=60,
            location=outlet.name,
        )
        for offset in range(-VISITS_BACK, 0):
            day = today + timedelta(days=offset)
            if day.isoweekday() == 2:
                # A Tuesday that fell in a holiday was cancelled rather than visited.
                status = "done" if is_working_day(day) else "cancelled"
                self._visit(day, SERIES_START, 60, None, 0, status, "outlet_check", series_id=row["id"])
        return row

    def _visit_day(self, day: date) -> None:
        rng = self._rng
        # Tuesday mornings belong to the outlet round, so that day's visits start after it.
        slots = [s for s in SLOTS if day.isoweekday() != 2 or s >= SERIES_START + 60]
        starts = sorted(rng.sample(slots, rng.randint(4, 8)))
        for start, following in zip(starts, [*starts[1:], 17 * 60], strict=True):
            duration = min(rng.choice((30, 45, 60, 90)), following - start)
            status = rng.choices(("done", "no_show", "cancelled"), (85, 8, 7))[0] if day < self._today else "planned"
            if rng.random() < 0.15:
                self._visit(
                    day,
                    start,
                    duration,
                    None,
                    rng.randrange(len(self._outlets)),
                    status,
                    "outlet_check",
                )
            else:
                index = self._client_for(day)
                self._visit(
                    day,
                    start,
                    duration,
                    index,
                    self._outlet_of[index],
                    status,
                    rng.choice(vocab.CLIENT_VISIT_PURPOSES),
                )

    def _visit(
        self,
        day: date,
        start: int,
        minutes: int,
        client: int | None,
        outlet: int,
        status: str,
        purpose: str,
        series_id: str | None = None,
    ) -> None:
        rng = self._rng
        starts_at = local_time(day, start)
        ends_at = starts_at + timedelta(minutes=minutes)
        is_client = client is not None
        outcome = None
        notes = ""
        location = self._outlets[outlet].name
        if is_client:
            location = rng.choice(vocab.CLIENT_VISIT_PLACES)
        if status == "done":
            if is_client:
                outcome = rng.choices(("closed", "not_closed", "follow_up"), (25, 35, 40))[0]
            notes = rng.choice(vocab.VISIT_NOTES_DONE if is_client else vocab.OUTLET_NOTES)
        elif status == "no_show":
            notes = vocab.VISIT_NOTES_NO_SHOW
        elif status == "cancelled":
            notes = vocab.VISIT_NOTES_CANCELLED
        row = record(
            rng.uuid(),
            local_time(day - timedelta(days=rng.randint(1, 10)), rng.randint(17 * 60, 19 * 60)),
            kind="client" if is_client else "outlet",
            client_id=self._client_ids[client] if client is not None else None,
            outlet_id=self._outlets[outlet].id,
            purpose=purpose,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            status=status,
            outcome=outcome,
            agenda=rng.choice(vocab.CLIENT_AGENDAS) if is_client else vocab.OUTLET_AGENDA,
            notes=notes,
            referrals_asked=rng.randint(0, 3) if status == "done" and is_client else 0,
            series_id=series_id,
            occurrence_on=day if series_id else None,
            rescheduled_to_id=None,
        )
        if status != "planned":
            row["updated_at"] = ends_at
        self._visits.append(row)
        if client is not None:
            self._seen(client, row["created_at"])
        self._checklist_for(row, is_client, status)
        if status == "done":
            self._done.setdefault(day, []).append((row, client, outlet))
            if client is not None:
                self._contact(client, ends_at)

    def _checklist_for(self, visit: dict[str, Any], is_client: bool, status: str) -> None:
        rng = self._rng
        labels = vocab.CLIENT_CHECKLIST if is_client else vocab.OUTLET_CHECKLIST
        total = rng.randint(3, 6)
        before = min(rng.randint(1, total - 2), len(labels["before"]))
        during = min(rng.randint(1, total - before - 1), len(labels["during"]))
        after = min(total - before - during, len(labels["after"]))
        position = 0
        for phase, count in (("before", before), ("during", during), ("after", after)):
            # A finished visit has everything ticked; one that fell through was still prepared.
            done = status == "done" or (phase == "before" and status != "planned")
            for label in rng.sample(labels[phase], count):
                self._checklist.append(
                    record(
                        rng.uuid(),
                        visit["created_at"],
                        visit_id=visit["id"],
                        phase=phase,
                        label=label,
                        done=done,
                        position=position,
                    )
                )
                position += 1

    def _contact(self, client: int, at: datetime) -> None:
        if client not in self._contacts or self._contacts[client] < at:
            self._contacts[client] = at

    def _client_for(self, day: date) -> int:
        """A card to visit or call on `day`: any but a fresh one before it may be mentioned."""
        for _ in range(50):
            index = self._rng.randrange(len(self._client_ids))
            if day >= self._fresh_from or index not in self._fresh:
                break
        return index

    def _seen(self, client: int, at: datetime) -> None:
        if client not in self._first_seen or at < self._first_seen[client]:
            self._first_seen[client] = at

    def _log_day(self, day: date, full: bool) -> None:
        """A day's work log; `full` is False for today, logged only up to mid-morning."""
        rng = self._rng
        latest = 18 * 60 + 30 if full else 11 * 60
        if rng.random() < 0.85:
            self._log(day, 8 * 60 + 30, "meeting", notes=rng.choice(vocab.MORNING_MEETING_NOTES))
        if full and rng.random() < 0.3:
            self._log(day, 17 * 60 + 30, "meeting", notes=vocab.EVENING_MEETING_NOTE)
        if full:
            self._log_visits(day)
        for _ in range(rng.randint(4, 8) if full else rng.randint(0, 2)):
            index = self._client_for(day)
            minute = rng.randint(9 * 60, latest)
            self._log(day, minute, "call", client=index, outcome=rng.choice(vocab.CALL_OUTCOMES))
            self._contact(index, local_time(day, minute))
        for _ in range(rng.randint(2, 4) if full else 0):
            self._log(
                day,
                rng.randint(17 * 60, latest),
                "sms",
                quantity=rng.randint(5, 15),
                notes=rng.choice(vocab.SMS_NOTES),
            )
        for _ in range(rng.randint(1, 3) if full else rng.randint(0, 1)):
            self._log(
                day,
                rng.randint(9 * 60, latest),
                "leaflets",
                quantity=rng.randint(10, 60),
                notes=rng.choice(vocab.LEAFLET_NOTES),
            )
        for _ in range(rng.randint(2, 5) if full else rng.randint(0, 1)):
            self._log(
                day,
                rng.randint(9 * 60, latest),
                "prospect",
                quantity=rng.randint(1, 3),
                notes=rng.choice(vocab.PROSPECT_NOTES),
            )
        if full and rng.random() < 0.2:
            self._log(day, rng.randint(16 * 60, latest), "other", notes="整理客户档案")

    def _log_visits(self, day: date) -> None:
        """Visits in the diary are logged from the diary; older days get visits of their own."""
        rng = self._rng
        if self._today - day <= timedelta(days=VISITS_BACK):
            for visit, client, outlet in self._done.get(day, []):
                ends_at = visit["ends_at"]
                minute = int((ends_at - local_time(day, 0)).total_seconds()) // 60
                if client is None:
                    self._log(
                        day,
                        minute,
                        "outlet",
                        outlet=outlet,
                        visit_id=visit["id"],
                        notes=visit["notes"],
                    )
                else:
                    step = "close" if visit["outcome"] == "closed" else self._step()
                    self._log(
                        day,
                        minute,
                        "visit",
                        client=client,
                        visit_id=visit["id"],
                        step=step,
                        outcome=VISIT_OUTCOME_TEXT[visit["outcome"]],
                        notes=visit["notes"],
                    )
            return
        for _ in range(rng.randint(4, 7)):
            index = self._client_for(day)
            minute = rng.randint(9 * 60, 17 * 60)
            step = self._step()
            self._log(
                day,
                minute,
                "visit",
                client=index,
                step=step,
                outcome="成交" if step == "close" and rng.random() < 0.4 else "需跟进",
            )
            self._contact(index, local_time(day, minute))
        if rng.random() < 0.4:
            self._log(
                day,
                rng.randint(9 * 60, 17 * 60),
                "outlet",
                outlet=rng.randrange(len(self._outlets)),
                notes=rng.choice(vocab.OUTLET_NOTES),
            )

    def _step(self) -> str:
        return self._rng.choices(SALES_STEPS, SALES_STEP_WEIGHTS)[0]

    def _log(
        self,
        day: date,
        minute: int,
        kind: str,
        *,
        quantity: int = 1,
        client: int | None = None,
        outlet: int | None = None,
        visit_id: str | None = None,
        step: str | None = None,
        outcome: str = "",
        notes: str = "",
    ) -> None:
        at = local_time(day, minute)
        if outlet is None and client is not None:
            outlet = self._outlet_of[client]
        if client is not None:
            self._seen(client, at)
        self._worklog.append(
            record(
                self._rng.uuid(),
                at,
                day=day,
                at=at,
                kind=kind,
                quantity=quantity,
                client_id=self._client_ids[client] if client is not None else None,
                outlet_id=self._outlets[outlet].id if outlet is not None else None,
                visit_id=visit_id,
                sales_step=step,
                # Only a contact that ran the whole sales flow to closing counts toward “5访”.
                effective=step == "close",
                outcome=outcome,
                notes=notes,
                corrects_id=None,
            )
        )

    def _plan(self, day: date) -> dict[str, Any]:
        rng = self._rng
        past = day < self._today
        row = record(
            rng.uuid(),
            local_time(day, 8 * 60 + 20),
            day=day,
            target_visits=rng.choice((5, 5, 5, 6)),
            target_leaflets=rng.choice((50, 50, 60)),
            target_prospects=10,
            target_sms=20,
            target_meetings=rng.choice((0, 5, 6, 8)),
            # The manual's five measures (migration 0010): fixed, so the draws above stay as they were.
            target_calls=10,
            target_needs_interviews=3,
            target_closing_interviews=1,
            target_sales_cents=5_000_000,
            target_after_sales=2,
            step_analysis_json="{}",
            went_well=rng.choice(vocab.WENT_WELL) if past else "",
            went_badly=rng.choice(vocab.WENT_BADLY) if past else "",
            tomorrow_notes=rng.choice(vocab.TOMORROW_NOTES) if past else "",
            closed_at=local_time(day, 18 * 60 + 40) if past else None,
        )
        if past:
            row["updated_at"] = row["closed_at"]
        return row
