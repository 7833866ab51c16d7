"""The outbox as the Sync page shows it: rows, retry, discard with a local copy, CSV export.

Rows name the product and the policyholder (names only: never an ID or phone number) and
say in plain words, in both languages, why an item has not gone (sync_texts).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.csv_files import replacing, write_rows
from app.errors import InvalidInput, NotFound
from app.headoffice.texts import error_problem
from app.profile.audit import record_event
from app.rules.problem import Problem
from local_db import models
from local_db.cipher import DatabaseError
from sync.outbox import parse_error

STATUSES = ("pending", "sending", "sent", "rejected", "discarded")
# How "this item is …" ends in Chinese, per status.
ITEM_STATUS_ZH = {"pending": "等待发送", "sending": "正在发送", "sent": "已发送", "rejected": "已被退回",
                  "discarded": "已丢弃"}  # fmt: skip
OPEN = ("pending", "sending", "rejected")
DISCARDED_DIR = "discarded"
CSV_HEADERS = ("seq", "kind", "record_id", "product", "policyholder", "status", "created_at",
               "age_hours", "attempts", "sent_at", "last_error")  # fmt: skip


@dataclass(frozen=True)
class SyncItem:
    id: str
    seq: int
    kind: str  # proposal | receipt | answer | request
    record_id: str
    product_name: str
    policyholder_name: str
    status: str  # pending | sending | sent | rejected | discarded
    created_at: datetime
    age: timedelta  # since the item was queued
    attempts: int
    sent_at: datetime | None
    next_attempt_at: datetime | None  # a failed item is not tried again before this
    error: Problem | None  # the last error (or why it waits) in plain words
    # An answer's letter kind (app.rules.letters.KINDS); a request's kind (change | withdraw).
    subkind: str | None = None

    @property
    def what(self) -> str:
        return " · ".join(filter(None, (self.product_name, self.policyholder_name)))

    def text_in(self, language: str) -> str:
        """The row's text in `language` (zh_CN, else English): for an answer or a request, what it
        is ("答复 问题件 · <product> · <holder>"); otherwise the product and policyholder."""
        names = FOLLOW_UP_NAMES.get(self.kind)
        if names is None or self.subkind is None:
            return self.what
        en, zh = names.get(self.subkind, (self.subkind, self.subkind))
        head = f"答复 {zh}" if self.kind == "answer" and language == "zh_CN" else (
            f"Answer to {en}" if self.kind == "answer" else (zh if language == "zh_CN" else en))  # fmt: skip
        return " · ".join(filter(None, (head, self.product_name, self.policyholder_name)))


# What an answer answers and what a request asks, in English and Chinese (the Sync page's rows).
FOLLOW_UP_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "answer": {
        "review": ("contract review letter", "合同审核函"),
        "medical_exam": ("medical examination letter", "体检通知函"),
        "investigation": ("investigation letter", "调查通知函"),
        "financial_evidence": ("financial evidence letter", "财务资料函"),
        "health_evidence": ("health evidence letter", "健康资料函"),
        "decision": ("underwriting decision", "核保通知函"),
        "problem": ("problem case", "问题件"),
    },
    "request": {
        "change": ("Change request", "投保单变更申请"),
        "withdraw": ("Withdrawal request", "撤销投保申请"),
    },
}


@dataclass(frozen=True)
class SyncSummary:
    pending: int  # pending and sending
    rejected: int
    oldest_pending_at: datetime | None
    oldest_pending_age: timedelta | None
    last_success_at: datetime | None


class SyncItems:
    def __init__(self, sessions: sessionmaker[Session], data_dir: Path, actor: Callable[[], str],
                 clock: Callable[[], datetime]) -> None:  # fmt: skip
        self._sessions = sessions
        self._data_dir = Path(data_dir)
        self._actor = actor
        self._clock = clock

    def rows(self, status: str | None = None, item_id: str | None = None) -> tuple[SyncItem, ...]:
        if status not in (None, "all", "open", *STATUSES):
            raise InvalidInput(f"Unknown outbox status {status!r} (use {', '.join(STATUSES)}, open or all).",
                               zh=f"未知的待发状态：{status}。")  # fmt: skip
        item = models.OutboxItem
        # A receipt's, an answer's (its letter's) and a request's product and policyholder are
        # their proposal's.
        proposal_id = func.coalesce(models.Receipt.proposal_id, models.HeadOfficeLetter.proposal_id,
                                    models.ProposalRequest.proposal_id, item.record_id)  # fmt: skip
        subkind = func.coalesce(models.HeadOfficeLetter.kind, models.ProposalRequest.kind)
        query = (
            select(item.id, item.seq, item.kind, item.record_id, models.Proposal.product_name,
                   models.ProposalParty.name, item.status, item.created_at, item.attempts, item.sent_at,
                   item.next_attempt_at, item.last_error, subkind)
            .outerjoin(models.Receipt, and_(item.kind == "receipt", models.Receipt.id == item.record_id))
            .outerjoin(models.LetterAnswer, and_(item.kind == "answer", models.LetterAnswer.id == item.record_id))
            .outerjoin(models.HeadOfficeLetter, models.HeadOfficeLetter.id == models.LetterAnswer.letter_id)
            .outerjoin(models.ProposalRequest,
                       and_(item.kind == "request", models.ProposalRequest.id == item.record_id))
            .outerjoin(models.Proposal, models.Proposal.id == proposal_id)
            .outerjoin(models.ProposalParty, and_(models.ProposalParty.proposal_id == models.Proposal.id,
                                                  models.ProposalParty.role == "policyholder"))
            .order_by(item.seq)
        )  # fmt: skip
        if status == "open":
            query = query.where(item.status.in_(OPEN))
        elif status in STATUSES:
            query = query.where(item.status == status)
        if item_id is not None:
            query = query.where(item.id == item_id)
        now = self._clock()
        with self._sessions() as session:
            found = session.execute(query).all()
        return tuple(
            SyncItem(
                id=r[0], seq=r[1], kind=r[2], record_id=r[3], product_name=r[4] or "",
                policyholder_name=r[5] or "", status=r[6], created_at=r[7], age=now - r[7],
                attempts=r[8], sent_at=r[9], next_attempt_at=r[10], error=error_problem(parse_error(r[11])),
                subkind=r[12],
            )
            for r in found
        )  # fmt: skip

    def _one(self, item_id: str) -> SyncItem:
        found = self.rows(item_id=item_id)
        if not found:
            raise NotFound(f"No outbox item {item_id}.", zh="找不到该待发项目。")
        return found[0]

    def retry(self, item_id: str) -> SyncItem:
        with self._sessions.begin() as session:
            row = _load(session, item_id)
            if row.status not in ("rejected", "pending"):
                raise InvalidInput(f"Only a rejected or waiting item can be retried; this one is {row.status}.",
                                   zh="只有被退回或等待中的项目可以重试；"
                                      f"此项目{ITEM_STATUS_ZH[row.status]}。")  # fmt: skip
            before = row.status
            row.status, row.next_attempt_at, row.last_error = "pending", None, ""
            detail = {"seq": row.seq, "kind": row.kind, "record_id": row.record_id, "was": before}
            record_event(session, actor=self._actor(), action="retry", entity="outbox", entity_id=row.id,
                         detail=detail)  # fmt: skip
        return self._one(item_id)

    def discard(self, item_id: str) -> Path:
        with self._sessions() as session:
            row = _load(session, item_id)
            if row.status not in ("pending", "rejected"):
                hint = "It is being sent right now; wait for the sync to end." if row.status == "sending" else ""
                hint_zh = "此项目正在发送，请等同步结束。" if row.status == "sending" else ""
                raise InvalidInput(f"Only a waiting or rejected item can be discarded; this one is {row.status}.", hint,
                                   zh=f"只有等待中或被退回的项目可以丢弃；此项目{ITEM_STATUS_ZH[row.status]}。",
                                   hint_zh=hint_zh)  # fmt: skip
            seq, kind, record_id, payload = row.seq, row.kind, row.record_id, row.payload_json
        # The copy first: an item is never marked discarded without its payload kept somewhere.
        copy = self._write_copy(f"{seq}-{kind}-{item_id}.sqlite3", payload)
        try:
            with self._sessions.begin() as session:
                row = _load(session, item_id)
                if row.status not in ("pending", "rejected"):
                    raise InvalidInput(f"The item changed meanwhile (now {row.status}); nothing was discarded.",
                                       zh=f"此项目刚刚有了变化（现在{ITEM_STATUS_ZH[row.status]}）；"
                                          "未丢弃任何项目。")  # fmt: skip
                row.status, row.next_attempt_at = "discarded", None
                record_event(session, actor=self._actor(), action="discard", entity="outbox", entity_id=row.id,
                             detail={"seq": seq, "kind": kind, "record_id": record_id, "copy": str(copy)})  # fmt: skip
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        return copy

    def _write_copy(self, name: str, payload: str) -> Path:
        """An SQLite file encrypted with the database's own key (ATTACH without KEY takes the main
        database's key), owner-only in a 0700 folder: the payload holds ID and account numbers.
        Open it with that key, e.g. `ATTACH '<file>' AS copy` on the profile's database."""
        folder = self._data_dir / DISCARDED_DIR
        path = folder / name
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.unlink(missing_ok=True)  # a leftover from an earlier try
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            if hasattr(os, "chmod"):
                os.chmod(path, 0o600)
            with self._sessions.kw["bind"].connect() as connection:
                raw = connection.connection.dbapi_connection
                raw.execute("ATTACH DATABASE ? AS discarded_copy", (str(path),))
                try:
                    raw.execute("CREATE TABLE discarded_copy.payload (name TEXT NOT NULL, payload_json TEXT NOT NULL)")
                    raw.execute("INSERT INTO discarded_copy.payload VALUES (?, ?)", (name, payload))
                    raw.commit()
                finally:
                    raw.execute("DETACH DATABASE discarded_copy")
        except (OSError, DatabaseError) as exc:
            path.unlink(missing_ok=True)
            raise InvalidInput(f"The local copy could not be written to {folder} ({exc}); "
                               "nothing was discarded.",
                               zh=f"无法把本地副本写入 {folder}；未丢弃任何项目。") from None  # fmt: skip
        return path

    def export(self, path: Path) -> int:
        rows = self.rows()
        with replacing(Path(path)) as temp:
            written = write_rows(temp, _csv_lines(rows), "utf-8-sig")
        return written - 1

    def summary(self, last_success_at: datetime | None) -> SyncSummary:
        item = models.OutboxItem
        with self._sessions() as session:
            counts = dict(session.execute(
                select(item.status, func.count()).where(item.status.in_(OPEN)).group_by(item.status)
            ).tuples().all())  # fmt: skip
            oldest = session.scalar(select(func.min(item.created_at)).where(item.status.in_(("pending", "sending"))))
        pending = counts.get("pending", 0) + counts.get("sending", 0)
        age = self._clock() - oldest if oldest is not None else None
        return SyncSummary(pending, counts.get("rejected", 0), oldest, age, last_success_at)


def _load(session: Session, item_id: str) -> models.OutboxItem:
    row = session.get(models.OutboxItem, item_id)
    if row is None:
        raise NotFound(f"No outbox item {item_id}.", zh="找不到该待发项目。")
    return row


def _csv_lines(rows: tuple[SyncItem, ...]) -> Iterator[tuple[Any, ...]]:
    yield CSV_HEADERS
    for r in rows:
        yield (r.seq, r.kind, r.record_id, r.product_name, r.policyholder_name, r.status,
               r.created_at.isoformat(timespec="seconds"), round(r.age.total_seconds() / 3600, 1), r.attempts,
               r.sent_at.isoformat(timespec="seconds") if r.sent_at else "", r.error.en if r.error else "")  # fmt: skip
