"""Bulk reads for the printed day: every visit's checklist, and the day's log, in one read each.

The screen reads a visit's detail one at a time (PlannerService.get) and lists the log through
WorkLogService.entries, a row lookup per entry; a busy day's paper needs all of them at
once, and reading them one by one took longer than laying out the pages.  What is read is the
same, handed out in the services' own records (ChecklistEntry, LogEntry).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.day.today import AgendaVisit
from app.day.worklog import LogEntry
from app.planner.records import PHASES, ChecklistEntry
from local_db.models import AuditEvent, Client, Outlet, Visit, VisitChecklistItem, WorkLogEntry

BATCH = 500  # SQLite's limit on bound parameters


@dataclass(frozen=True)
class VisitSheet:
    """One visit as the daily plan prints it: the agenda line, its notes and its “3S” checklist."""

    visit: AgendaVisit
    outcome: str | None
    agenda: str
    checklist: tuple[ChecklistEntry, ...]  # by phase, then position

    def phase(self, phase: str) -> tuple[ChecklistEntry, ...]:
        return tuple(item for item in self.checklist if item.phase == phase)


def visit_sheets(session: Session, visits: Sequence[AgendaVisit]) -> tuple[VisitSheet, ...]:
    ids = [v.visit_id for v in visits]
    details: dict[str, tuple[str | None, str]] = {}
    items: dict[str, list[VisitChecklistItem]] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for visit_id, outcome, agenda in session.execute(
            select(Visit.id, Visit.outcome, Visit.agenda).where(Visit.id.in_(chunk))
        ):
            details[visit_id] = (outcome, agenda)
        for item in session.scalars(select(VisitChecklistItem).where(VisitChecklistItem.visit_id.in_(chunk))):
            items.setdefault(item.visit_id, []).append(item)
    sheets = []
    for visit in visits:
        outcome, agenda = details.get(visit.visit_id, (None, ""))
        ordered = sorted(
            items.get(visit.visit_id, []),
            key=lambda i: (PHASES.index(i.phase) if i.phase in PHASES else len(PHASES), i.position),
        )
        sheets.append(VisitSheet(visit, outcome, agenda or "",
                                 tuple(ChecklistEntry(i.phase, i.label, i.done, i.id) for i in ordered)))  # fmt: skip
    return tuple(sheets)


def day_log(session: Session, day: date, zone: tzinfo) -> tuple[LogEntry, ...]:
    """The day's work log, every version, as WorkLogService.entries lists it."""
    rows = session.execute(
        select(WorkLogEntry, Client.name, Outlet.name)
        .outerjoin(Client, Client.id == WorkLogEntry.client_id)
        .outerjoin(Outlet, Outlet.id == WorkLogEntry.outlet_id)
        .where(WorkLogEntry.day == day)
        .order_by(WorkLogEntry.at, WorkLogEntry.created_at)
    ).all()
    replaced_by = {row.corrects_id: row.id for row, _c, _o in rows if row.corrects_id}
    corrections = [row.id for row, _c, _o in rows if row.corrects_id]
    reasons: dict[str, str] = {}
    for start in range(0, len(corrections), BATCH):
        # A correction's reason is kept in its audit event, the record of the change.
        for entity_id, detail in session.execute(
            select(AuditEvent.entity_id, AuditEvent.detail_json).where(
                AuditEvent.entity == "worklog", AuditEvent.action == "correct",
                AuditEvent.entity_id.in_(corrections[start:start + BATCH]))
        ):  # fmt: skip
            reasons[entity_id] = json.loads(detail).get("reason", "")
    return tuple(
        LogEntry(
            id=r.id, day=r.day, at=r.at.astimezone(zone), kind=r.kind, quantity=r.quantity, client_id=r.client_id,
            client_name=client or "", outlet_id=r.outlet_id, outlet_name=outlet or "", visit_id=r.visit_id,
            sales_step=r.sales_step, effective=r.effective, outcome=r.outcome, notes=r.notes,
            corrects_id=r.corrects_id, corrected_by_id=replaced_by.get(r.id), correction_reason=reasons.get(r.id, ""),
        )
        for r, client, outlet in rows
    )  # fmt: skip
