"""The Today page: the day's agenda, care and paperwork reminders, and progress on the targets.

Built in one read, fast on a 100,000-card book: birthdays go through the month-day index of
migration 0004, maturities and receipts through their date indexes; only the small tables
(important dates, letters) are scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnClause, and_, literal_column, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.worklog import Actuals, is_closed, plan_targets, tally
from app.profile.settings import DailyTargets, SettingsService
from app.rules import reminders as rule
from app.rules.ids import ClientId, VisitId
from local_db.models import (
    Client,
    DailyPlan,
    HeadOfficeLetter,
    ImportantDate,
    Outlet,
    ProductHolding,
    Proposal,
    ProposalParty,
    Receipt,
    Visit,
)

# Kept identical to the expression indexed by migration 0004, or SQLite will not use the index.
BIRTH_MONTH_DAY: ColumnClause[str] = literal_column("substr(clients.birth_date, 6, 5)")
# Dates are stored as 'YYYY-MM-DD'; this table is small enough to scan, so no index backs it.
DATE_MONTH_DAY: ColumnClause[str] = literal_column('substr(client_dates."on", 6, 5)')
# Purchases older than this are no longer chased for their 10-day revisit.
PURCHASE_LOOKBACK_DAYS = 30
REMINDER_KINDS = (
    "birthday",
    "important_date",
    "maturity",
    "purchase_follow_up",
    "receipt_due",
    "letter_due",
    "policy_delivery",
)
# The manuals: a policy is delivered to the client within 3 days of pick-up; head office's
# "issued" is the earliest the manager can know of it, so the days count from there.
POLICY_DELIVERY_DAYS = 3


@dataclass(frozen=True)
class AgendaVisit:
    visit_id: VisitId
    starts_at: datetime  # in the manager's zone
    ends_at: datetime
    kind: str  # client | outlet
    client_id: ClientId | None
    who: str  # client name, or outlet name for an outlet visit
    outlet_name: str
    purpose: str
    status: str
    location: str


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of REMINDER_KINDS
    client_id: ClientId | None
    client_name: str
    due_on: date
    # Product name, policy number, date label or letter kind: never an ID or phone number.
    detail: str
    overdue: bool
    years: int | None = None  # the age turned, or the years an anniversary marks
    subject_id: str | None = None  # the product, receipt or letter the reminder is about
    # For a head-office letter: review | medical_exam | investigation | financial_evidence |
    # health_evidence | decision | problem (a code; the UI shows it in the user's language).
    letter_kind: str | None = None


@dataclass(frozen=True)
class Progress:
    measure: str  # visits | leaflets | prospects | sms | meetings
    target: int
    actual: int

    @property
    def met(self) -> bool:
        return self.actual >= self.target


@dataclass(frozen=True)
class TodayData:
    day: date
    agenda: tuple[AgendaVisit, ...]
    follow_ups: tuple[Reminder, ...]  # purchase revisits due that day, shown beside the visits
    reminders: tuple[Reminder, ...]  # overdue first, then by due date
    progress: tuple[Progress, ...]
    day_closed: bool


def visits_on(session: Session, day: date, zone: tzinfo) -> tuple[AgendaVisit, ...]:
    """The visits starting on the local `day`; recurring ones are materialised as rows."""
    start = datetime.combine(day, time.min, zone)
    rows = (
        session.connection()
        .execute(
            select(
                Visit.id,
                Visit.starts_at,
                Visit.ends_at,
                Visit.kind,
                Visit.client_id,
                Client.name,
                Outlet.name,
                Visit.purpose,
                Visit.status,
                Visit.location,
            )
            .outerjoin(Client, Client.id == Visit.client_id)
            .outerjoin(Outlet, Outlet.id == Visit.outlet_id)
            .where(Visit.starts_at >= start, Visit.starts_at < start + timedelta(days=1))
            .order_by(Visit.starts_at)
        )
        .all()
    )
    return tuple(
        AgendaVisit(
            visit_id=vid,
            starts_at=starts.astimezone(zone),
            ends_at=ends.astimezone(zone),
            kind=kind,
            client_id=client_id,
            who=(client_name if kind == "client" else outlet_name) or "",
            outlet_name=outlet_name or "",
            purpose=purpose,
            status=status,
            location=location,
        )
        for vid, starts, ends, kind, client_id, client_name, outlet_name, purpose, status, location in rows
    )


def progress_lines(targets: DailyTargets, actuals: Actuals) -> tuple[Progress, ...]:
    return tuple(
        Progress(name, getattr(targets, name), getattr(actuals, name))
        for name in ("visits", "leaflets", "prospects", "sms", "meetings")
    )


class TodayService:
    def __init__(self, sessions: sessionmaker[Session], settings: SettingsService) -> None:
        self._sessions = sessions
        self._settings = settings

    def build(self, day: date, zone: tzinfo | None = None, horizon_days: int = 7) -> TodayData:
        zone = zone or local_zone()
        defaults = self._settings.targets()
        with self._sessions() as session:
            agenda = visits_on(session, day, zone)
            reminders = sorted(
                [
                    *_birthdays(session, day, horizon_days),
                    *_important_dates(session, day, horizon_days),
                    *_maturities(session, day),
                    *_purchase_follow_ups(session, day, zone),
                    *_receipts(session, day),
                    *_letters(session, day),
                    *_policy_deliveries(session, zone, day),
                ],
                key=lambda r: (not r.overdue, r.due_on, REMINDER_KINDS.index(r.kind), r.client_name),
            )
            plan = session.scalar(select(DailyPlan).where(DailyPlan.day == day))
            progress = progress_lines(plan_targets(plan, defaults), tally(session, day))
            closed = is_closed(session, day)
        follow_ups = tuple(r for r in reminders if r.kind == "purchase_follow_up" and r.due_on == day)
        return TodayData(day, agenda, follow_ups, tuple(reminders), progress, closed)


def _birthdays(session: Session, day: date, horizon: int) -> list[Reminder]:
    rows = (
        session.connection()
        .execute(
            select(Client.id, Client.name, Client.birth_date).where(
                BIRTH_MONTH_DAY.in_(rule.month_days(day, horizon)), Client.merged_into_id.is_(None)
            )
        )
        .all()
    )
    found = []
    for client_id, name, born in rows:
        due = rule.yearly_due_within(born, day, horizon)
        if due is not None and born < due:
            found.append(Reminder("birthday", client_id, name, due, "", False, due.year - born.year))
    return found


def _important_dates(session: Session, day: date, horizon: int) -> list[Reminder]:
    until = day + timedelta(days=horizon)
    # Filtered before the join: joining every row to its card would cost more than the scan.
    rows = (
        session.connection()
        .execute(
            select(
                ImportantDate.id,
                ImportantDate.on,
                ImportantDate.yearly,
                ImportantDate.label,
                ImportantDate.kind,
                Client.id,
                Client.name,
            )
            .join(Client, Client.id == ImportantDate.client_id)
            .where(
                or_(
                    and_(ImportantDate.yearly.is_(True), DATE_MONTH_DAY.in_(rule.month_days(day, horizon))),
                    and_(ImportantDate.yearly.is_(False), ImportantDate.on >= day, ImportantDate.on <= until),
                ),
                Client.merged_into_id.is_(None),
            )
        )
        .all()
    )
    found = []
    for date_id, on, yearly, label, kind, client_id, name in rows:
        if yearly:
            due = rule.yearly_due_within(on, day, horizon)
            years = due.year - on.year if due is not None else None
        else:
            due = on
            years = None
        if due is not None:
            found.append(Reminder("important_date", client_id, name, due, label or kind, False, years, date_id))
    return found


def _maturities(session: Session, day: date) -> list[Reminder]:
    until = day + timedelta(days=rule.MATURITY_NOTICE_DAYS)
    rows = (
        session.connection()
        .execute(
            select(ProductHolding.id, ProductHolding.product_name, ProductHolding.maturity_on, Client.id, Client.name)
            .join(Client, Client.id == ProductHolding.client_id)
            .where(
                ProductHolding.maturity_on >= day, ProductHolding.maturity_on <= until, Client.merged_into_id.is_(None)
            )
        )
        .all()
    )
    return [
        Reminder("maturity", client_id, name, due, product, False, None, product_id)
        for product_id, product, due, client_id, name in rows
    ]


def _purchase_follow_ups(session: Session, day: date, zone: tzinfo) -> list[Reminder]:
    """Purchases of the last weeks whose client has not been contacted since the purchase day."""
    rows = (
        session.connection()
        .execute(
            select(
                ProductHolding.id,
                ProductHolding.product_name,
                ProductHolding.start_on,
                Client.id,
                Client.name,
                Client.last_contact_at,
            )
            .join(Client, Client.id == ProductHolding.client_id)
            .where(
                ProductHolding.start_on >= day - timedelta(days=PURCHASE_LOOKBACK_DAYS),
                ProductHolding.start_on <= day,
                Client.merged_into_id.is_(None),
            )
        )
        .all()
    )
    found = []
    for product_id, product, bought, client_id, name, last_contact in rows:
        if last_contact is not None and last_contact.astimezone(zone).date() > bought:
            continue
        due = rule.purchase_follow_up_due(bought)
        found.append(
            Reminder("purchase_follow_up", client_id, name, due, product, rule.is_overdue(due, day), None, product_id)
        )
    return found


# Receipts and letters belong to a proposal; the client to call is its policyholder.
POLICYHOLDER = and_(ProposalParty.proposal_id == Proposal.id, ProposalParty.role == "policyholder")


def _receipts(session: Session, day: date) -> list[Reminder]:
    rows = (
        session.connection()
        .execute(
            select(
                Receipt.id,
                Receipt.policy_number,
                Receipt.signed_on,
                Receipt.return_due_on,
                ProposalParty.client_id,
                ProposalParty.name,
            )
            .join(Proposal, Proposal.id == Receipt.proposal_id)
            .outerjoin(ProposalParty, POLICYHOLDER)
            .where(Receipt.status == "signed", Receipt.returned_on.is_(None))
        )
        .all()
    )
    until = rule.receipt_warning_until(day)
    found = []
    for receipt_id, policy, signed, due, client_id, name in rows:
        due = due or (rule.receipt_return_due(signed) if signed else None)
        if due is not None and due <= until:
            found.append(
                Reminder("receipt_due", client_id, name or "", due, policy, rule.is_overdue(due, day), None, receipt_id)
            )
    return found


def _letters(session: Session, day: date) -> list[Reminder]:
    rows = (
        session.connection()
        .execute(
            select(
                HeadOfficeLetter.id,
                HeadOfficeLetter.kind,
                HeadOfficeLetter.issued_on,
                HeadOfficeLetter.due_on,
                Proposal.product_name,
                ProposalParty.client_id,
                ProposalParty.name,
            )
            .join(Proposal, Proposal.id == HeadOfficeLetter.proposal_id)
            .outerjoin(ProposalParty, POLICYHOLDER)
            .where(HeadOfficeLetter.resolved_at.is_(None))
        )
        .all()
    )
    until = day + timedelta(days=rule.LETTER_ANSWER_DAYS)
    found = []
    for letter_id, kind, issued, due, product, client_id, name in rows:
        due = due or rule.letter_due(issued)
        if due <= until:
            found.append(
                Reminder(
                    "letter_due",
                    client_id,
                    name or "",
                    due,
                    product or "",
                    rule.is_overdue(due, day),
                    None,
                    letter_id,
                    letter_kind=kind,
                )
            )
    return found


def _policy_deliveries(session: Session, zone: tzinfo, day: date) -> list[Reminder]:
    """Policies head office has issued whose receipt the client has not signed yet."""
    signed = select(Receipt.id).where(Receipt.proposal_id == Proposal.id, Receipt.status == "signed").exists()
    rows = (
        session.connection()
        .execute(
            select(
                Proposal.id,
                Proposal.hq_status_at,
                Proposal.hq_policy_number,
                Proposal.product_name,
                ProposalParty.client_id,
                ProposalParty.name,
            )
            .outerjoin(ProposalParty, POLICYHOLDER)
            .where(Proposal.hq_status == "issued", Proposal.hq_status_at.is_not(None), ~signed)
        )
        .all()
    )
    found = []
    for proposal_id, issued_at, policy, product, client_id, name in rows:
        due = issued_at.astimezone(zone).date() + timedelta(days=POLICY_DELIVERY_DAYS)
        found.append(
            Reminder(
                "policy_delivery",
                client_id,
                name or "",
                due,
                policy or product or "",
                rule.is_overdue(due, day),
                None,
                proposal_id,
            )
        )
    return found


def today_json(data: TodayData) -> dict[str, Any]:
    """The `branchdesk today --json` document: names and dates only, never an ID or phone."""
    return {
        "day": data.day.isoformat(),
        "day_closed": data.day_closed,
        "agenda": [
            {
                "start": v.starts_at.strftime("%H:%M"),
                "end": v.ends_at.strftime("%H:%M"),
                "kind": v.kind,
                "who": v.who,
                "outlet": v.outlet_name,
                "purpose": v.purpose,
                "status": v.status,
                "location": v.location,
            }
            for v in data.agenda
        ],
        "follow_ups": [_reminder_json(r) for r in data.follow_ups],
        "reminders": [_reminder_json(r) for r in data.reminders],
        "progress": [
            {"measure": p.measure, "target": p.target, "actual": p.actual, "met": p.met} for p in data.progress
        ],
    }


def _reminder_json(r: Reminder) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "client": r.client_name,
        "due_on": r.due_on.isoformat(),
        "detail": r.detail,
        "letter_kind": r.letter_kind,
        "years": r.years,
        "overdue": r.overdue,
    }
