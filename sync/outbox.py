"""Delivering the outbox to head office: in order, at least once, safe to cut at any moment.

Each attempt runs in three short transactions: mark the item "sending" (and count the
attempt) and commit; make the request; record the outcome and commit. A crash or kill
between the first and the last leaves the item "sending", which the next run treats as
pending and sends again; head office answers a resend under the same Idempotency-Key with
its first answer, so the effect is exactly once.

Which item goes next: the lowest `seq` among pending (or interrupted "sending") items whose
`next_attempt_at` has come and whose dependency (a receipt's proposal) has been sent. A
receipt whose proposal was rejected or discarded is held, with a reason saying why.

Outcomes: an item is sent only on head office's acknowledgement of that very item (sync.http
`acknowledgement`). Head office's own 4xx marks the item rejected with its reason and the run
goes on; a network or server failure, or an answer that is not head office's, is retried a
few times within the run (exponential backoff with jitter, by tenacity), then the item is left
pending with a later `next_attempt_at` and the run goes on to the next item, or stops when
head office is plainly unreachable or something else answers in its place. A 401 stops the
run: no other item would get through either.

One run at a time per profile: app.headoffice.service holds the profile's sync lock around a run,
so two processes never send the same item side by side.

`last_error` holds a small JSON object, `{"code", "message", "status"?, "errors"?}`, so the
app can say what happened in the manager's language (see `parse_error`).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from local_db.base import utcnow
from local_db.models import OutboxItem
from sync.http import Rejected, Retryable, SyncError, Unauthorized

Progress = Callable[[int, int], None]


class Office(Protocol):
    """What the drain uses of sync.http.HeadOffice (a test hands it a fake)."""

    @property
    def timeout(self) -> tuple[float, float]: ...

    def push(
        self,
        kind: str,
        idempotency_key: str,
        body: str,
        /,
        *,
        record_id: str,
        timeout: tuple[float, float] | None = None,
    ) -> dict[str, Any]: ...


OPEN = ("pending", "sending")  # "sending" here means an attempt that never finished
BATCH = 100
# Errors that say head office cannot be reached at all: trying the next item would only wait again.
UNREACHABLE = frozenset({"offline", "certificate"})
# Something else answers in head office's place (a proxy's own 4xx, a success that acknowledges
# nothing we sent): it would answer every item the same.
NOT_HEAD_OFFICE = frozenset({"not_head_office", "not_confirmed"})
HELD_CODES = {"rejected": "held_proposal_rejected", "discarded": "held_proposal_discarded"}
HELD_MESSAGES = {
    "rejected": "Waits for its proposal, which head office rejected: fix and retry or discard the proposal.",
    # A receipt, an answer or a request: each goes after its proposal (app.headoffice.queue).
    "discarded": "Waits for its proposal, which was discarded: head office cannot take what depends on it.",
}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3  # tries within one run
    initial_s: float = 0.5  # first wait between tries, doubling up to max_s
    max_s: float = 4.0
    jitter_s: float = 0.5
    later_initial_s: float = 30.0  # how long a deferred item waits before a later run tries it
    later_max_s: float = 10 * 60.0
    give_up_after: int = 2  # consecutive deferred items before the run stops


@dataclass(frozen=True)
class DrainReport:
    total: int  # items that were due at the start (or became due during the run)
    sent: int
    rejected: int
    deferred: int  # tried and failed; left pending for a later run
    held: int  # receipts waiting on a rejected or discarded proposal
    cancelled: bool
    stopped: SyncError | None = field(default=None)  # why the run ended early, if it did


class Cancelled(Exception):
    """`cancel` was set, or the deadline came, while waiting to try again."""


def retrying(policy: RetryPolicy, cancel: threading.Event, deadline: float | None) -> Retrying:
    """Tries a call up to `policy.attempts` times while it raises `Retryable`, waiting with
    exponential backoff and jitter; a wait ends early with `Cancelled` on cancel or deadline."""

    def sleep(seconds: float) -> None:
        left = time_left(deadline)
        if (left is not None and seconds >= left) or cancel.wait(seconds):
            raise Cancelled

    return Retrying(
        stop=stop_after_attempt(policy.attempts), wait=_Wait(policy),
        retry=retry_if_exception_type(Retryable), sleep=sleep, reraise=True,
    )  # fmt: skip


def error_json(code: str, message: str, status: int | None = None,
               errors: tuple[dict[str, Any], ...] = ()) -> str:  # fmt: skip
    data: dict[str, Any] = {"code": code, "message": message}
    if status is not None:
        data["status"] = status
    if errors:
        data["errors"] = list(errors)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def parse_error(text: str) -> dict[str, Any] | None:
    """`last_error` as written by `error_json`; None when empty, a plain text becomes its message."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and "code" in data:
        return data
    return {"code": "other", "message": text}


def _due(now: datetime) -> Any:
    return or_(OutboxItem.next_attempt_at.is_(None), OutboxItem.next_attempt_at <= now)


Dependency = aliased(OutboxItem)
OUTBOX = OutboxItem.metadata.tables[OutboxItem.__tablename__]  # the Table (__table__ is typed FromClause)
MARK_SENDING = (
    update(OUTBOX).where(OUTBOX.c.id == bindparam("item_id"), OUTBOX.c.status.in_(OPEN))
    .values(status="sending", attempts=OUTBOX.c.attempts + 1)
)  # fmt: skip
# Only an item this run marked "sending": one discarded in the meantime stays discarded.
_SENDING = update(OUTBOX).where(OUTBOX.c.id == bindparam("item_id"), OUTBOX.c.status == "sending")
MARK_SENT = _SENDING.values(
    status="sent",
    sent_at=bindparam("sent_at"),
    next_attempt_at=None,
    last_error="",
    server_reply_json=bindparam("reply"),
)
MARK_FAILED = _SENDING.values(status=bindparam("status"), last_error=bindparam("error"))


class OutboxDrain:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        head_office: Office,
        policy: RetryPolicy = RetryPolicy(),
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self._sessions = sessions
        with sessions() as session:
            bind = session.get_bind()
        self._engine = bind if isinstance(bind, Engine) else bind.engine
        self._office = head_office
        self._policy = policy
        self._clock = clock
        self._rng = rng or random.Random()

    def run(self, cancel: threading.Event | None = None, progress: Progress | None = None,
            deadline: float | None = None) -> DrainReport:  # fmt: skip
        """Deliver what is due. `deadline` is a time.monotonic() instant after which no new
        request starts and a request in flight is given only the time left."""
        cancel = cancel or threading.Event()
        counts = {"sent": 0, "rejected": 0, "deferred": 0}
        held = self._mark_held()
        total = self._count_due()
        done, in_a_row = 0, 0
        stopped: SyncError | None = None
        cancelled = False
        try:
            while not stopped:
                batch = self._next_batch()
                if not batch:
                    break
                for item_id, kind, record_id, payload in batch:
                    if cancel.is_set() or time_left(deadline) == 0.0:
                        raise Cancelled
                    outcome, error = self._deliver(item_id, kind, record_id, payload, cancel, deadline)
                    if outcome == "gone":
                        continue
                    counts[outcome] += 1
                    done += 1
                    total = max(total, done)
                    if progress is not None:
                        progress(done, total)
                    in_a_row = in_a_row + 1 if outcome == "deferred" else 0
                    if isinstance(error, Unauthorized) or (
                        isinstance(error, Retryable)
                        and (error.code in UNREACHABLE | NOT_HEAD_OFFICE or in_a_row >= self._policy.give_up_after)
                    ):
                        stopped = error
                        break
        except Cancelled:
            cancelled = True
        return DrainReport(total, counts["sent"], counts["rejected"], counts["deferred"], held, cancelled, stopped)

    # ---- choosing ----------------------------------------------------------------------

    def _next_batch(self) -> list[tuple[str, str, str, str]]:
        with self._sessions() as session:
            rows = session.execute(
                select(OutboxItem.id, OutboxItem.kind, OutboxItem.record_id, OutboxItem.payload_json)
                .outerjoin(Dependency, Dependency.id == OutboxItem.depends_on_id)
                .where(
                    OutboxItem.status.in_(OPEN),
                    _due(self._clock()),
                    or_(OutboxItem.depends_on_id.is_(None), Dependency.status == "sent"),
                )
                .order_by(OutboxItem.seq)
                .limit(BATCH)
            ).all()
        return [tuple(row) for row in rows]

    def _count_due(self) -> int:
        with self._sessions() as session:
            return session.scalar(
                select(func.count()).select_from(OutboxItem)
                .outerjoin(Dependency, Dependency.id == OutboxItem.depends_on_id)
                .where(
                    OutboxItem.status.in_(OPEN), _due(self._clock()),
                    or_(OutboxItem.depends_on_id.is_(None), Dependency.status.notin_(tuple(HELD_CODES))),
                )
            ) or 0  # fmt: skip

    def _mark_held(self) -> int:
        """Say why held receipts wait, and drop that reason from those no longer held."""
        held = 0
        with self._sessions.begin() as session:
            rows = session.execute(
                select(OutboxItem.id, OutboxItem.last_error, Dependency.status)
                .join(Dependency, Dependency.id == OutboxItem.depends_on_id)
                .where(OutboxItem.status.in_(OPEN))
            ).all()
            for item_id, last_error, dependency_status in rows:
                code = (parse_error(last_error) or {}).get("code")
                if dependency_status in HELD_CODES:
                    held += 1
                    if code != HELD_CODES[dependency_status]:
                        text = error_json(HELD_CODES[dependency_status], HELD_MESSAGES[dependency_status])
                        session.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(last_error=text))
                elif code in HELD_CODES.values():
                    session.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(last_error=""))
        return held

    # ---- one item ----------------------------------------------------------------------

    def _deliver(self, item_id: str, kind: str, record_id: str, payload: str, cancel: threading.Event,
                 deadline: float | None) -> tuple[str, SyncError | None]:  # fmt: skip
        """("sent" | "rejected" | "deferred" | "gone", the error if any)."""

        def attempt() -> dict[str, Any] | None:
            if not self._mark_sending(item_id):
                return None
            try:
                timeout = request_timeout(self._office.timeout, deadline)
                return self._office.push(kind, item_id, payload, record_id=record_id, timeout=timeout)
            except Retryable as exc:
                self._failed(item_id, "pending", error_json(exc.code, exc.message, exc.status))
                raise

        try:
            reply = retrying(self._policy, cancel, deadline)(attempt)
        except Retryable as exc:
            self._defer(item_id)
            return "deferred", exc
        except Rejected as exc:
            self._failed(item_id, "rejected", error_json(exc.code, exc.message, exc.status, exc.errors))
            return "rejected", exc
        except Unauthorized as exc:
            self._failed(item_id, "pending", error_json("unauthorized", exc.message, 401))
            return "deferred", exc
        if reply is None:
            return "gone", None  # discarded or sent by someone else meanwhile
        reply_text = json.dumps(reply, ensure_ascii=False, sort_keys=True)
        with self._engine.begin() as connection:
            connection.execute(MARK_SENT, {"item_id": item_id, "sent_at": self._clock(), "reply": reply_text})
        return "sent", None

    # The per-item writes are plain Core statements built once, on the engine: the ORM session's
    # bookkeeping would cost more than the request itself on a local network.

    def _mark_sending(self, item_id: str) -> bool:
        with self._engine.begin() as connection:
            return bool(connection.execute(MARK_SENDING, {"item_id": item_id}).rowcount)

    def _failed(self, item_id: str, status: str, last_error: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(MARK_FAILED, {"item_id": item_id, "status": status, "error": last_error})

    def _defer(self, item_id: str) -> None:
        """Back off across runs: 30 s, 1 min, 2 min … up to 10 min, with ±20 % jitter."""
        policy = self._policy
        with self._sessions.begin() as session:
            attempts = session.scalar(select(OutboxItem.attempts).where(OutboxItem.id == item_id)) or 1
            rounds = max(0, (attempts - 1) // max(1, policy.attempts))
            delay = min(policy.later_max_s, policy.later_initial_s * 2 ** min(rounds, 20))
            delay *= self._rng.uniform(0.8, 1.2)
            session.execute(
                update(OutboxItem).where(OutboxItem.id == item_id, OutboxItem.status == "pending")
                .values(next_attempt_at=self._clock() + timedelta(seconds=delay))
            )  # fmt: skip


class _Wait:
    """Exponential backoff with jitter, stretched to what a 429/503 Retry-After asks (capped)."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._base = wait_exponential(multiplier=policy.initial_s, max=policy.max_s) + wait_random(0, policy.jitter_s)

    def __call__(self, state: RetryCallState) -> float:
        wait = self._base(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, Retryable) and error.retry_after is not None:
            wait = max(wait, min(error.retry_after, self._policy.max_s))
        return wait


def time_left(deadline: float | None) -> float | None:
    """Seconds until the `time.monotonic()` deadline (never below 0); None when there is none."""
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


def request_timeout(default: tuple[float, float], deadline: float | None) -> tuple[float, float]:
    """The (connect, read) timeout, cut down to the time left before the deadline."""
    left = time_left(deadline)
    if left is None:
        return default
    left = max(left, 0.05)
    return (min(default[0], left), min(default[1], left))
