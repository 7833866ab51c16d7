"""The day at a glance for the Today page: the day's visits and a few counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from local_db.models import Client, Outlet, Proposal, Visit, WorkLogEntry


@dataclass(frozen=True)
class VisitLine:
    starts_at: datetime  # in the laptop's time zone
    ends_at: datetime
    who: str  # client or outlet name
    kind: str  # client | outlet
    purpose: str
    status: str


@dataclass(frozen=True)
class DayGlance:
    day: date
    visits: tuple[VisitLine, ...]
    worklog_entries: int
    draft_proposals: int
    clients: int


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class DayGlanceService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def for_day(self, day: date, zone: tzinfo | None = None) -> DayGlance:
        zone = zone or local_zone()
        start = datetime.combine(day, time.min, zone)
        end = start + timedelta(days=1)
        with self._sessions() as session:
            rows = session.execute(
                select(Visit, Client.name, Outlet.name)
                .outerjoin(Client, Client.id == Visit.client_id)
                .outerjoin(Outlet, Outlet.id == Visit.outlet_id)
                .where(Visit.starts_at >= start, Visit.starts_at < end)
                .order_by(Visit.starts_at)
            ).all()
            visits = tuple(
                VisitLine(
                    starts_at=visit.starts_at.astimezone(zone),
                    ends_at=visit.ends_at.astimezone(zone),
                    who=(client_name if visit.kind == "client" else outlet_name) or "",
                    kind=visit.kind,
                    purpose=visit.purpose,
                    status=visit.status,
                )
                for visit, client_name, outlet_name in rows
            )
            worklog = session.scalar(select(func.count()).where(WorkLogEntry.day == day)) or 0
            drafts = session.scalar(select(func.count()).where(Proposal.status == "draft")) or 0
            clients = session.scalar(
                select(func.count()).select_from(Client).where(Client.merged_into_id.is_(None))
            ) or 0
        return DayGlance(day, visits, worklog, drafts, clients)
