"""What the manager did about a reminder: done, snoozed to a day, or dismissed with a reason.

A reminder is computed (app/day/today.py), not stored; an action is stored per occurrence —
its kind, the row it is about (`subject_id`) and the day that occurrence falls on — in
`reminder_actions`, so the same occurrence does not come back while next year's birthday does.
A snoozed occurrence comes back on its `snoozed_until` day. Acting again on an occurrence
replaces the earlier action (the table keeps one row per occurrence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput
from local_db.models import ReminderAction

# Kept in step with app.day.today.REMINDER_KINDS (that module imports this one, not back).
ACTED_KINDS = frozenset({
    "birthday", "important_date", "maturity", "purchase_follow_up", "receipt_due", "letter_due", "policy_delivery",
    "issue_overdue", "hq_reply",
})  # fmt: skip
ACTIONS = ("done", "snoozed", "dismissed")
REASON_MAX = 500


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a reminder: what `reminder_actions` is keyed by."""

    kind: str
    subject_id: str
    occurs_on: date


@dataclass(frozen=True)
class ActionRecord:
    occurrence: Occurrence
    action: str  # done | snoozed | dismissed
    snoozed_until: date | None
    reason: str


class ReminderActions:
    def __init__(self, sessions: sessionmaker[Session], actor: Callable[[], str]) -> None:
        self._sessions = sessions
        self._actor = actor

    def done(self, occurrence: Occurrence) -> ActionRecord:
        return self._record(occurrence, "done", None, "")

    def snooze(self, occurrence: Occurrence, until: date, today: date) -> ActionRecord:
        """Hide the occurrence until `until`, which must come after `today` (the day acted on)."""
        if until <= today:
            raise InvalidInput(
                f"A reminder can only be snoozed to a later day than {today.isoformat()}.",
                "Choose tomorrow, next week or a later date.",
                zh=f"提醒只能推迟到 {today.isoformat()} 之后的日期。",
                hint_zh="请选择明天、下周或更晚的日期。",
            )
        return self._record(occurrence, "snoozed", until, "")

    def dismiss(self, occurrence: Occurrence, reason: str) -> ActionRecord:
        reason = reason.strip()
        if not reason:
            raise InvalidInput(
                "Say why this reminder is dismissed.",
                "A short reason is enough, e.g. the client was already called.",
                zh="请填写忽略这条提醒的原因。",
                hint_zh="简短即可，例如已电话联系过客户。",
            )
        if len(reason) > REASON_MAX:
            raise InvalidInput(
                f"The reason is too long (at most {REASON_MAX} characters).",
                zh=f"原因太长（最多 {REASON_MAX} 个字）。",
            )
        return self._record(occurrence, "dismissed", None, reason)

    def action_on(self, occurrence: Occurrence) -> ActionRecord | None:
        with self._sessions() as session:
            row = session.scalar(_find(occurrence))
            return _record_of(row) if row is not None else None

    def _record(self, occurrence: Occurrence, action: str, until: date | None, reason: str) -> ActionRecord:
        _check(occurrence)
        with self._sessions.begin() as session:
            row = session.scalar(_find(occurrence))
            if row is None:
                row = ReminderAction(
                    kind=occurrence.kind, subject_id=occurrence.subject_id, occurs_on=occurrence.occurs_on
                )
                session.add(row)
            row.action, row.snoozed_until, row.reason = action, until, reason
            session.flush()
            return _record_of(row)


def _check(occurrence: Occurrence) -> None:
    if occurrence.kind not in ACTED_KINDS:
        raise InvalidInput(
            f"There is no reminder of the kind {occurrence.kind!r}.",
            zh="没有这种提醒。",
            hint_zh="请刷新“今日”页面后重试。",
            hint="Reload the Today page and try again.",
        )
    if not occurrence.subject_id or len(occurrence.subject_id) > 36:
        raise InvalidInput(
            "This reminder does not say what it is about.",
            "Reload the Today page and try again.",
            zh="这条提醒缺少所涉及的记录。",
            hint_zh="请刷新“今日”页面后重试。",
        )


def _find(occurrence: Occurrence) -> Select[tuple[ReminderAction]]:
    return select(ReminderAction).where(
        ReminderAction.kind == occurrence.kind,
        ReminderAction.subject_id == occurrence.subject_id,
        ReminderAction.occurs_on == occurrence.occurs_on,
    )


def _record_of(row: ReminderAction) -> ActionRecord:
    return ActionRecord(Occurrence(row.kind, row.subject_id, row.occurs_on), row.action, row.snoozed_until, row.reason)
