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

Batches (issue 20): against a head office that takes them, due items go several to a request
(`POST /v1/batch`, gzip-compressed, at most 100 items and about `BATCH_MAX_COMPRESSED` bytes),
over the run's one kept-alive connection. A batch is the single push made wholesale: its items
are marked "sending" in one transaction, the request goes, and every item's result is recorded
in one more, judged exactly as a single push's answer (`sync.http.item_reply`): sent, rejected
with its reason, or tried again. The first batch of a run holds one item and each batch that
comes back doubles the next (a failed one starts again at one), so a run on a bad link never
stakes much on one request, and a kill loses at most the batch in flight (sent again, and
answered as a replay). An item whose dependency is not yet sent waits for a later round of
the same run; an item too large for a batch goes alone, compressed once a batch has come back
(before that, uncompressed: the head office may predate gzip). A head office without batches
(404/405) gets single, uncompressed pushes for the rest of the run.

Files ahead (issue 20): an item whose scan or attachments wait in `outbox_files` goes only once
each of them is at head office (sync.uploads: resumable pieces, tried like a request, a drop
resumed from head office's offset); an item whose upload fails waits like one whose push failed,
and a stored copy that no longer matches its SHA-256 fails the item for good. Head office's
`upload_missing` answer to an item (it does not hold a file the item refers to) marks its files
not uploaded and tries the item again: the next round uploads them first. `on_bytes` moves as
each piece's body is read onto the connection, not only when a request ends.

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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, LargeBinary, bindparam, cast, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from local_db.base import utcnow
from local_db.models import OutboxFile, OutboxItem
from sync.http import (
    Batch,
    BatchEntry,
    NoBatches,
    Rejected,
    Retryable,
    SyncError,
    Unauthorized,
    item_reply,
)
from sync.uploads import SHA256_MISMATCH, UPLOAD_MISSING, DamagedCopy, FileUploads, QueuedFile
from sync.uploads import Cancelled as UploadCancelled
from sync.wire import BATCH_MAX_ITEMS

Progress = Callable[[int, int], None]  # items done, items due
ByteProgress = Callable[[int, int], None]  # bytes done, bytes due: payloads and the files uploaded ahead


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
        compress: bool = False,
    ) -> dict[str, Any]: ...


class BatchOffice(Office, Protocol):
    """An Office that also sends batches (sync.http.HeadOffice)."""

    def push_batch(self, batch: Batch, *, timeout: tuple[float, float] | None = None) -> list[tuple[int, Any]]: ...


OPEN = ("pending", "sending")  # "sending" here means an attempt that never finished
BATCH = 100  # items chosen per round
# A batch's size on the wire: about 4 s at 2 Mbit/s, 30 s at 256 kbit/s; the body before
# compression stays well inside head office's 16 MiB limit.
BATCH_MAX_COMPRESSED = 1024 * 1024
BATCH_MAX_PLAIN = 8 * 1024 * 1024
ALONE_OVER = BATCH_MAX_COMPRESSED  # a payload larger than this goes by itself (gzip-compressed)
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
    give_up_after: int = 2  # consecutive deferred items (or batches) before the run stops
    batch_items: int = BATCH_MAX_ITEMS  # items per batch at most


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
        batches: bool = True,
    ) -> None:
        self._sessions = sessions
        with sessions() as session:
            bind = session.get_bind()
        self._engine = bind if isinstance(bind, Engine) else bind.engine
        self._office = head_office
        self._policy = policy
        self._clock = clock
        self._rng = rng or random.Random()
        self._use_batches = batches  # and the office can: see `_batches`
        # Files go ahead of their items over tus, when the office speaks it (a test's fake may not).
        self._uploads = FileUploads(self._engine, head_office) if hasattr(head_office, "tus_create") else None  # type: ignore[arg-type]

    def run(self, cancel: threading.Event | None = None, progress: Progress | None = None,
            deadline: float | None = None, on_bytes: ByteProgress | None = None) -> DrainReport:  # fmt: skip
        """Deliver what is due. `deadline` is a time.monotonic() instant after which no new
        request starts and a request in flight is given only the time left. `progress` hears
        (items done, items due) after each item; `on_bytes` (bytes done, bytes due: payloads and
        the files uploaded ahead of them) after each request and as each piece of a file goes."""
        cancel = cancel or threading.Event()
        held = self._mark_held()
        total, total_bytes = self._count_due()
        tally = _Tally(self._policy, progress, on_bytes, total, total_bytes)
        batches = self._batches
        # A batch came back: head office takes gzip, so an item going alone goes compressed. Before
        # that it might be a head office from before issue 20, which would refuse a gzip body.
        takes_gzip = False
        size = 1  # the next batch's number of items: doubles as batches come back
        skip: set[str] = set()  # deferred in this run: left for a later run
        tries: Counter[str] = Counter()  # an item's results this run that said "try again"
        cancelled = False
        try:
            while tally.stopped is None:
                rows = self._next_batch(skip)
                if not rows:
                    break
                at = 0
                while at < len(rows) and tally.stopped is None:
                    if cancel.is_set() or time_left(deadline) == 0.0:
                        raise Cancelled
                    alone = not batches or len(rows[at][3].encode("utf-8")) > ALONE_OVER
                    rows = self._upload_ahead(rows, at, 1 if alone else size, cancel, deadline, tally, skip)
                    if at >= len(rows) or tally.stopped is not None:
                        continue
                    if not batches or len(rows[at][3].encode("utf-8")) > ALONE_OVER:
                        item_id, kind, record_id, payload = rows[at]
                        at += 1
                        compress = batches and takes_gzip
                        outcome, error = self._deliver(item_id, kind, record_id, payload, cancel, deadline, compress)
                        if outcome == "again":  # head office lacks its files: uploaded again next round
                            tries[item_id] += 1
                            if tries[item_id] < self._policy.attempts:
                                continue
                            self._defer(item_id)
                            outcome = "deferred"
                        if outcome == "deferred":
                            skip.add(item_id)
                        if outcome != "gone":
                            tally.count([(outcome, len(payload.encode("utf-8")))], error)
                        continue
                    batch = _fitting(_group(rows, at, size))
                    try:
                        outcomes, error = self._deliver_batch(batch, cancel, deadline, tries)
                    except NoBatches:
                        batches = False  # the same items again, one by one
                        continue
                    at += len(batch.entries)
                    skip.update(entry.key for entry, outcome in outcomes if outcome == "deferred")
                    came_back = error is None or outcomes_sent(outcomes)
                    takes_gzip = takes_gzip or came_back
                    size = min(self._policy.batch_items, size * 2) if came_back else 1
                    tally.count([(o, len(e.payload.encode("utf-8"))) for e, o in outcomes if o != "again"], error)
        except Cancelled:
            cancelled = True
        c = tally.counts
        return DrainReport(tally.total, c["sent"], c["rejected"], c["deferred"], held, cancelled, tally.stopped)

    @property
    def _batches(self) -> bool:
        return self._use_batches and hasattr(self._office, "push_batch")

    # ---- choosing ----------------------------------------------------------------------

    def _next_batch(self, skip: set[str] | None = None) -> list[tuple[str, str, str, str]]:
        query = (
            select(OutboxItem.id, OutboxItem.kind, OutboxItem.record_id, OutboxItem.payload_json)
            .outerjoin(Dependency, Dependency.id == OutboxItem.depends_on_id)
            .where(
                OutboxItem.status.in_(OPEN),
                _due(self._clock()),
                or_(OutboxItem.depends_on_id.is_(None), Dependency.status == "sent"),
            )
            .order_by(OutboxItem.seq)
            .limit(BATCH)
        )
        if skip:
            query = query.where(OutboxItem.id.notin_(skip))
        with self._sessions() as session:
            rows = session.execute(query).all()
        return [tuple(row) for row in rows]

    def _count_due(self) -> tuple[int, int]:
        """(items, bytes: payloads and files still to upload) due and not held."""
        due = (
            OutboxItem.status.in_(OPEN), _due(self._clock()),
            or_(OutboxItem.depends_on_id.is_(None), Dependency.status.notin_(tuple(HELD_CODES))),
        )  # fmt: skip
        with self._sessions() as session:
            row = session.execute(
                select(func.count(), func.sum(func.length(cast(OutboxItem.payload_json, LargeBinary))))
                .select_from(OutboxItem)
                .outerjoin(Dependency, Dependency.id == OutboxItem.depends_on_id)
                .where(*due)
            ).one()  # fmt: skip
            files = session.scalar(
                select(func.sum(OutboxFile.size))
                .join(OutboxItem, OutboxItem.id == OutboxFile.item_id)
                .outerjoin(Dependency, Dependency.id == OutboxItem.depends_on_id)
                .where(OutboxFile.uploaded_at.is_(None), *due)
            )  # fmt: skip
        return int(row[0] or 0), int(row[1] or 0) + int(files or 0)

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
                 deadline: float | None, compress: bool = False) -> tuple[str, SyncError | None]:  # fmt: skip
        """("sent" | "rejected" | "deferred" | "gone" | "again": head office lacks its files, which
        are marked not uploaded; the error if any)."""

        def attempt() -> dict[str, Any] | None:
            if not self._mark_sending(item_id):
                return None
            try:
                timeout = request_timeout(self._office.timeout, deadline)
                if compress:
                    return self._office.push(kind, item_id, payload, record_id=record_id, timeout=timeout,
                                             compress=True)  # fmt: skip
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
            if exc.code == UPLOAD_MISSING:
                self._failed(item_id, "pending", error_json(exc.code, exc.message))
                self._forget_files(item_id)
                return "again", Retryable(exc.code, exc.message, exc.status)
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

    # ---- files ahead of their items ------------------------------------------------------

    def _upload_ahead(self, rows: list[tuple[str, str, str, str]], at: int, count: int, cancel: threading.Event,
                      deadline: float | None, tally: _Tally,
                      skip: set[str]) -> list[tuple[str, str, str, str]]:  # fmt: skip
        """Uploads the waiting files of the next `count` items from `at`; `rows` without the items
        whose upload failed (each recorded, and counted in `tally`, as its push would have been)."""
        span = [row[0] for row in rows[at : at + count]]
        waiting = self._uploads.waiting(span) if self._uploads is not None else {}
        if not waiting:
            return rows
        failed: set[str] = set()
        outcome: str
        error: SyncError | None
        for item_id in (i for i in span if i in waiting):
            files = waiting[item_id]
            try:
                for file in files:
                    self._upload_file(file, cancel, deadline, tally)
                continue
            except UploadCancelled:
                raise Cancelled from None
            except (DamagedCopy, Rejected) as exc:
                code = exc.code if isinstance(exc, Rejected) else DamagedCopy.code
                status = exc.status if isinstance(exc, Rejected) else None
                self._upload_failed(item_id, "rejected", error_json(code, exc.message, status))
                outcome, error = "rejected", None
            except Unauthorized as exc:
                self._upload_failed(item_id, "pending", error_json("unauthorized", exc.message, 401))
                outcome, error = "deferred", exc
            except Retryable as exc:
                self._upload_failed(item_id, "pending", error_json(exc.code, exc.message, exc.status))
                self._defer(item_id)
                skip.add(item_id)
                outcome, error = "deferred", exc
            failed.add(item_id)
            size = len(next(r[3] for r in rows if r[0] == item_id).encode("utf-8"))
            tally.files_given_up(self._uploads.bytes_waiting([item_id]) if self._uploads is not None else 0)
            tally.count([(outcome, size)], error)
            if tally.stopped is not None:
                break
        return rows[:at] + [row for row in rows[at:] if row[0] not in failed]

    def _upload_file(self, file: QueuedFile, cancel: threading.Event, deadline: float | None, tally: _Tally) -> None:
        """One file, tried like a request (`retrying`); each try resumes from head office's offset.
        A file head office found different twice is not tried again in this run."""
        assert self._uploads is not None
        uploads = self._uploads
        policy = self._policy
        base = retrying(policy, cancel, deadline)
        again = base.copy(retry=retry_if_exception(lambda e: isinstance(e, Retryable) and e.code != SHA256_MISMATCH))
        again(uploads.upload, file, cancel, deadline, tally.moving)
        tally.file_done(file.size)

    def _upload_failed(self, item_id: str, status: str, last_error: str) -> None:
        """An upload ahead of the item failed: the item's attempt is counted and its reason kept."""
        with self._engine.begin() as connection:
            connection.execute(
                update(OUTBOX).where(OUTBOX.c.id == item_id, OUTBOX.c.status.in_(OPEN))
                .values(status=status, last_error=last_error, attempts=OUTBOX.c.attempts + 1)
            )  # fmt: skip

    def _forget_files(self, item_id: str) -> None:
        if self._uploads is not None:
            self._uploads.forget(item_id)

    # ---- a batch ------------------------------------------------------------------------

    def _deliver_batch(self, batch: Batch, cancel: threading.Event, deadline: float | None,
                       tries: Counter[str]) -> tuple[list[tuple[BatchEntry, str]], SyncError | None]:  # fmt: skip
        """Each entry's outcome ("sent" | "rejected" | "deferred" | "again": pending, due again in
        this run; entries discarded meanwhile are left out) and the error that should stop the run
        or that failed the batch, if any. NoBatches: every entry is back to pending, untried."""
        office: BatchOffice = self._office  # type: ignore[assignment]  # `_batches` said it can
        marked: list[BatchEntry] = []

        def attempt() -> list[tuple[int, Any]]:
            nonlocal marked, batch
            marked = self._mark_all_sending(batch.entries)
            if not marked:
                return []
            if len(marked) != len(batch.entries):
                batch = Batch.of(marked)
            try:
                return office.push_batch(batch, timeout=request_timeout(self._office.timeout, deadline))
            except Retryable as exc:
                self._failed_all(marked, error_json(exc.code, exc.message, exc.status))
                raise
            except NoBatches:
                self._failed_all(marked, "")
                raise
            except Unauthorized as exc:
                self._failed_all(marked, error_json("unauthorized", exc.message, 401))
                raise

        try:
            results = retrying(self._policy, cancel, deadline)(attempt)
        except Retryable as exc:
            for entry in marked:
                self._defer(entry.key)
            return [(entry, "deferred") for entry in marked], exc
        except Unauthorized as exc:
            return [(entry, "deferred") for entry in marked], exc
        return self._record(list(zip(marked, results, strict=True)), tries)

    def _record(self, answered: list[tuple[BatchEntry, tuple[int, Any]]],
                tries: Counter[str]) -> tuple[list[tuple[BatchEntry, str]], SyncError | None]:  # fmt: skip
        """Every item's result, as a single push's answer would be recorded, in one transaction."""
        outcomes: list[tuple[BatchEntry, str]] = []
        stop: SyncError | None = None
        later: list[str] = []
        missing: list[str] = []  # head office lacks the item's files: uploaded again next round
        now = self._clock()
        with self._engine.begin() as connection:
            for entry, (status, body) in answered:
                try:
                    try:
                        reply = item_reply(status, body, entry)
                    except Rejected as exc:
                        if exc.code != UPLOAD_MISSING:
                            raise
                        missing.append(entry.key)
                        raise Retryable(exc.code, exc.message) from None
                except Rejected as exc:
                    error = error_json(exc.code, exc.message, exc.status, exc.errors)
                    connection.execute(MARK_FAILED, {"item_id": entry.key, "status": "rejected", "error": error})
                    outcomes.append((entry, "rejected"))
                    continue
                except Unauthorized as exc:
                    error = error_json("unauthorized", exc.message, 401)
                    connection.execute(MARK_FAILED, {"item_id": entry.key, "status": "pending", "error": error})
                    outcomes.append((entry, "deferred"))
                    stop = exc
                    continue
                except Retryable as exc:
                    error = error_json(exc.code, exc.message, exc.status)
                    connection.execute(MARK_FAILED, {"item_id": entry.key, "status": "pending", "error": error})
                    tries[entry.key] += 1
                    if exc.code in UNREACHABLE | NOT_HEAD_OFFICE:
                        stop = exc
                    if stop is exc or tries[entry.key] >= self._policy.attempts:
                        later.append(entry.key)
                        outcomes.append((entry, "deferred"))
                    else:
                        outcomes.append((entry, "again"))
                    continue
                reply_text = json.dumps(reply, ensure_ascii=False, sort_keys=True)
                connection.execute(MARK_SENT, {"item_id": entry.key, "sent_at": now, "reply": reply_text})
                outcomes.append((entry, "sent"))
        for item_id in missing:
            self._forget_files(item_id)
        for item_id in later:
            self._defer(item_id)
        return outcomes, stop

    def _mark_all_sending(self, entries: Sequence[BatchEntry]) -> list[BatchEntry]:
        """The entries marked "sending" (an attempt counted), in one transaction; those discarded
        or sent meanwhile are left out."""
        with self._engine.begin() as connection:
            return [e for e in entries if connection.execute(MARK_SENDING, {"item_id": e.key}).rowcount]

    def _failed_all(self, entries: Sequence[BatchEntry], last_error: str) -> None:
        with self._engine.begin() as connection:
            for entry in entries:
                connection.execute(MARK_FAILED, {"item_id": entry.key, "status": "pending", "error": last_error})

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


class _Tally:
    """What a run did so far: counts, progress, and whether to stop."""

    def __init__(self, policy: RetryPolicy, progress: Progress | None, on_bytes: ByteProgress | None, total: int,
                 total_bytes: int) -> None:  # fmt: skip
        self.policy = policy
        self.progress, self.on_bytes = progress, on_bytes
        self.total, self.total_bytes = total, total_bytes
        self.done = self.done_bytes = self.in_a_row = 0
        self.shown_bytes = 0  # the last bytes done reported: never goes back
        self.counts = {"sent": 0, "rejected": 0, "deferred": 0}
        self.stopped: SyncError | None = None

    def moving(self, in_file: int) -> None:
        """A file being uploaded: `in_file` of its bytes are at head office or on their way."""
        self._show(self.done_bytes + in_file)

    def file_done(self, size: int) -> None:
        self.done_bytes += size
        self.total_bytes = max(self.total_bytes, self.done_bytes)
        self._show(self.done_bytes)

    def files_given_up(self, size: int) -> None:
        """Files of an item that does not go in this run: counted as done, like its payload."""
        self.done_bytes += size
        self.total_bytes = max(self.total_bytes, self.done_bytes)

    def _show(self, done: int) -> None:
        done = min(max(done, self.shown_bytes), max(self.total_bytes, done))
        if self.on_bytes is not None and (done != self.shown_bytes or done == self.done_bytes):
            self.on_bytes(done, max(self.total_bytes, done))
        self.shown_bytes = done

    def count(self, outcomes: list[tuple[str, int]], error: SyncError | None) -> None:
        """Items done (outcome, payload bytes) by one request, and the error it ended with."""
        for outcome, size in outcomes:
            self.counts[outcome] += 1
            self.done += 1
            self.done_bytes += size
            self.total = max(self.total, self.done)
            if self.progress is not None:
                self.progress(self.done, self.total)
        self.total_bytes = max(self.total_bytes, self.done_bytes)
        if outcomes:
            self._show(self.done_bytes)
        # A single item deferred, or a whole batch: in a row, they say head office is in trouble.
        failed = bool(outcomes) and all(outcome == "deferred" for outcome, _size in outcomes)
        self.in_a_row = self.in_a_row + 1 if failed else 0
        if isinstance(error, Unauthorized) or (
            isinstance(error, Retryable)
            and (error.code in UNREACHABLE | NOT_HEAD_OFFICE or (failed and self.in_a_row >= self.policy.give_up_after))
        ):
            self.stopped = error


def outcomes_sent(outcomes: list[tuple[BatchEntry, str]]) -> bool:
    return any(outcome in ("sent", "rejected") for _entry, outcome in outcomes)


def _entry(row: tuple[str, str, str, str]) -> BatchEntry:
    item_id, kind, record_id, payload = row
    return BatchEntry(kind, item_id, record_id, payload)


def _group(rows: list[tuple[str, str, str, str]], at: int, size: int) -> list[BatchEntry]:
    """Up to `size` items from `at` on, up to the first one that must go alone, within the
    plain-size cap; at least one."""
    group: list[BatchEntry] = []
    plain = 0
    for row in rows[at : at + size]:
        length = len(row[3].encode("utf-8"))
        if group and (length > ALONE_OVER or plain + length > BATCH_MAX_PLAIN):
            break
        group.append(_entry(row))
        plain += length
    return group


def _fitting(group: list[BatchEntry]) -> Batch:
    """The batch of `group`'s first items whose compressed body fits `BATCH_MAX_COMPRESSED`
    (halving as need be); the caller sends the rest in later batches."""
    batch = Batch.of(group)
    while len(batch.body) > BATCH_MAX_COMPRESSED and len(batch.entries) > 1:
        batch = Batch.of(batch.entries[: len(batch.entries) // 2])
    return batch


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
