"""What each committed transaction wrote, measured from the database and published after commit.

Nobody declares a change by hand, so nobody forgets one (Anki's OpChanges, but measured). The
feed listens on the engine, below the ORM, because the core writes three ways: ORM flushes,
bulk statements through a Session (`session.execute(update(...))`) and plain Core statements
on a Connection (the outbox's per-item marks). All three pass through `Connection.execute`.

- Every INSERT, UPDATE or DELETE adds its table's name to the connection's pending set (read
  from the statement object, or from the first words of a text statement: no query is run).
- A commit moves the pending set aside; once the connection goes back to the pool (or starts
  its next transaction) the commit has happened, and subscribers get one frozen `Changes`.
- A rollback, or a failed commit, drops what was pending: nothing is published.

Subscribers are called on the thread that committed (a worker); the UI relays to its own
thread. With no subscriber no listener is attached, so the feed costs nothing; with one, a
statement costs an isinstance check and a set insert.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, TextClause, event
from sqlalchemy.sql.dml import UpdateBase

log = logging.getLogger(__name__)

PENDING = "changes_pending"  # written in the open transaction
COMMITTING = "changes_committing"  # committed, not yet published

# A write in a text statement: INSERT [OR x] INTO t, REPLACE INTO t, UPDATE [OR x] t, DELETE FROM t.
_TEXT_WRITE = re.compile(
    r"\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Changes:
    """The tables one or more committed transactions wrote."""

    tables: frozenset[str]

    def touches(self, tables: Iterable[str]) -> bool:
        return not self.tables.isdisjoint(tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables)


Subscriber = Callable[[Changes], None]


def written_table(statement: object) -> str | None:
    """The table `statement` writes, or None for a read (or anything we cannot tell)."""
    if isinstance(statement, UpdateBase):
        return getattr(getattr(statement, "table", None), "name", None)
    if isinstance(statement, TextClause):
        statement = statement.text
    if isinstance(statement, str):
        found = _TEXT_WRITE.match(statement)
        return found.group(1).lower() if found else None
    return None


class ChangeFeed:
    """One per engine (a profile). `subscribe(fn)` returns the call that unsubscribes `fn`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._subscribers: tuple[Subscriber, ...] = ()  # replaced, never mutated: read without the lock

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        with self._lock:
            if not self._subscribers:
                self._listen(True)
            self._subscribers = (*self._subscribers, subscriber)
        return lambda: self.unsubscribe(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            if subscriber not in self._subscribers:
                return
            self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)
            if not self._subscribers:
                self._listen(False)

    def _listen(self, on: bool) -> None:
        hook = event.listen if on else event.remove
        hook(self._engine, "before_execute", self._noted)
        hook(self._engine, "commit", self._committing)
        hook(self._engine, "rollback", self._rolled_back)
        hook(self._engine, "begin", self._began)
        hook(self._engine, "handle_error", self._failed)
        hook(self._engine.pool, "checkin", self._checked_in)

    # ---- engine and pool events (any thread; a connection is used by one thread at a time) ----

    def _noted(self, conn: Any, clauseelement: object, *_args: Any) -> None:
        table = written_table(clauseelement)
        if table is not None:
            conn.info.setdefault(PENDING, set()).add(table)

    def _committing(self, conn: Any) -> None:
        pending = conn.info.pop(PENDING, None)
        if pending:
            conn.info.setdefault(COMMITTING, set()).update(pending)

    def _rolled_back(self, conn: Any) -> None:
        conn.info.pop(PENDING, None)

    def _began(self, conn: Any) -> None:
        # A connection used again after a commit without going back to the pool.
        self._publish(conn.info.pop(COMMITTING, None))

    def _failed(self, context: Any) -> None:
        connection = context.connection
        if connection is not None and not connection.invalidated and not connection.closed:
            connection.info.pop(COMMITTING, None)  # only a commit can fail between commit and checkin

    def _checked_in(self, _dbapi_connection: Any, record: Any) -> None:
        record.info.pop(PENDING, None)  # not committed: the pool's reset rolls it back
        self._publish(record.info.pop(COMMITTING, None))

    def _publish(self, tables: set[str] | None) -> None:
        if not tables:
            return
        changes = Changes(frozenset(tables))
        for subscriber in self._subscribers:
            try:
                subscriber(changes)
            except Exception:  # a subscriber's fault must not look like the commit's
                log.exception("change subscriber failed")
