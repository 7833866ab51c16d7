"""Head office's status feed: what happened to the manager's records, after a cursor.

The feed is read page by page (`fetch`); the caller applies each page and only then moves
its stored cursor to the page's `next`, so a run cut short re-reads at most one page
(applying an event twice changes nothing on the laptop).

An event this version does not understand (an unknown status or kind, a bad time) is kept
out of `events` and counted in `skipped`, so one odd line cannot block every later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.http import HeadOffice, Retryable

KINDS = ("proposal", "receipt", "answer", "request")
# What each kind's events may say: a proposal or receipt moves along; an answer to a letter and a
# change/withdrawal request get head office's reply (issue 19).
STATUSES_BY_KIND = {
    "proposal": ("received", "accepted", "problem", "issued"),
    "receipt": ("received", "accepted", "problem", "issued"),
    "answer": ("received", "accepted", "question", "closed"),
    "request": ("received", "accepted", "refused"),
}
STATUSES = STATUSES_BY_KIND["proposal"]
FIELDS_MAX = 20
PAGE_SIZE = 500


@dataclass(frozen=True)
class StatusEvent:
    cursor: int
    kind: str  # proposal | receipt
    record_id: str
    status: str  # received | accepted | problem | issued
    at: datetime  # UTC aware
    policy_number: str | None
    problem_id: str | None
    problem_kind: str | None
    reason: str
    fields: dict[str, str] | None = None  # a letter's own fields, as strings


@dataclass(frozen=True)
class StatusPage:
    events: tuple[StatusEvent, ...]
    next: int  # the cursor to ask after next time
    skipped: int  # events left out because this version cannot read them


def fetch(office: HeadOffice, after: int, limit: int = PAGE_SIZE,
          timeout: tuple[float, float] | None = None) -> StatusPage:  # fmt: skip
    """One page after `after`. Raises the errors of sync.http; an answer without the promised
    shape is `Retryable("unexpected")` (a proxy's page, a server mid-upgrade)."""
    body = office.status(after=after, limit=limit, timeout=timeout)
    raw_events, next_cursor = body.get("events"), body.get("next")
    if not isinstance(raw_events, list) or not isinstance(next_cursor, int) or isinstance(next_cursor, bool):
        raise Retryable("unexpected", "The status feed's answer has no events list or next cursor.")
    events = [event for event in map(_event, raw_events) if event is not None]
    # A feed that points backwards would re-read forever; never move the cursor back.
    return StatusPage(tuple(events), max(next_cursor, after), len(raw_events) - len(events))


def _event(raw: Any) -> StatusEvent | None:
    if not isinstance(raw, dict):
        return None
    try:
        at = datetime.fromisoformat(str(raw["at"]).replace("Z", "+00:00"))
        event = StatusEvent(
            cursor=int(raw["cursor"]), kind=str(raw["kind"]), record_id=str(raw["record_id"]),
            status=str(raw["status"]), at=at, policy_number=_text_or_none(raw.get("policy_number")),
            problem_id=_text_or_none(raw.get("problem_id")), problem_kind=_text_or_none(raw.get("problem_kind")),
            reason=str(raw.get("reason") or ""), fields=_fields(raw.get("fields")),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None
    if event.kind not in KINDS or event.status not in STATUSES_BY_KIND[event.kind] or at.utcoffset() is None:
        return None
    return event


def _fields(value: Any) -> dict[str, str] | None:
    """A letter's fields: text keys to text values (numbers written as text); anything else is
    left out rather than costing the event."""
    if not isinstance(value, dict):
        return None
    return {str(k): str(v) for k, v in list(value.items())[:FIELDS_MAX]
            if isinstance(v, (str, int)) and not isinstance(v, bool)}  # fmt: skip


def _text_or_none(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
