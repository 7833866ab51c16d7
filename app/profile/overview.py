"""Counts and state for `doctor`, the status bar and the first-start demo offer (the file's
integrity: Store.integrity_problems)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from local_db import models

# What `doctor` counts, in the order it prints them.
COUNTED = {
    "outlets": models.Outlet,
    "clients": models.Client,
    "visits": models.Visit,
    "worklog": models.WorkLogEntry,
    "daily_plans": models.DailyPlan,
    "proposals": models.Proposal,
    "receipts": models.Receipt,
    "handover_lists": models.HandoverList,
    "outbox": models.OutboxItem,
    "audit_events": models.AuditEvent,
}


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    rejected: int


class OverviewService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def record_counts(self) -> dict[str, int]:
        with self._sessions() as session:
            return {
                name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in COUNTED.items()
            }

    def outbox_summary(self) -> OutboxSummary:
        # Uses ix_outbox_status_seq; cheap even with years of sent items.
        with self._sessions() as session:
            rows = dict(
                session.execute(
                    select(models.OutboxItem.status, func.count())
                    .where(models.OutboxItem.status.in_(("pending", "sending", "rejected")))
                    .group_by(models.OutboxItem.status)
                )
                .tuples()
                .all()
            )
        return OutboxSummary(
            pending=rows.get("pending", 0) + rows.get("sending", 0),
            rejected=rows.get("rejected", 0),
        )

    def is_empty(self) -> bool:
        """True for a brand-new profile: no clients, outlets or visits yet."""
        with self._sessions() as session:
            return not any(
                session.scalar(select(exists().select_from(model)))
                for model in (models.Client, models.Outlet, models.Visit)
            )

    def schema_revision(self) -> str | None:
        with self._sessions() as session:
            return session.scalar(text("SELECT version_num FROM alembic_version"))
