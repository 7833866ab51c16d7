"""The Today page: the day's agenda, care and paperwork reminders, and progress on the targets.

Built in one read, fast on a 100,000-card book: birthdays go through the month-day index of
migration 0004, maturities, purchases and important dates through their date indexes (0006,
0009); only the small tables (receipts, letters) are scanned.

Each query is built once per process with bound parameters (`_statement`) and run with the
day's values: building the 16 statements anew on every build, and computing their cache keys,
cost a quarter of the page's time (`make bench`, Today).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, sessionmaker
from sqlalchemy.sql.elements import BindParameter

from app.common.local_time import local_zone
from app.day.worklog import Actuals, is_closed, plan_targets, tally
from app.profile.audit import record_event
from app.profile.settings import DailyTargets, SettingsService
from app.rules import reminders as rule
from app.rules.ids import ClientId, VisitId
from local_db.base import utcnow
from local_db.models import (
    Client,
    DailyPlan,
    HeadOfficeLetter,
    ImportantDate,
    LetterAnswer,
    OutboxItem,
    Outlet,
    ProductHolding,
    Proposal,
    ProposalParty,
    ProposalRequest,
    Receipt,
    ReminderAction,
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
    "issue_overdue",
    "hq_reply",
)
GROUPS = ("today", "overdue", "coming")
FOLLOW_UP = "purchase_follow_up"
# A purchase follow-up overdue by more than this many days joins the one collapsed line.
OLD_FOLLOW_UP_DAYS = 7
# A 100,000-card book has thousands of reminders a week; what is shown is computed, the rest counted.
REMINDERS_LIMIT = 300
# The manuals: a policy is delivered to the client within 3 days of pick-up (recorded on its
# receipt); until the pick-up is recorded, head office's "issued" is the earliest the manager
# can know of it, so the days count from there.
POLICY_DELIVERY_DAYS = 3
# An application head office has not issued this many calendar days after it was sent warns on
# Today; at WITHDRAWN_AFTER_DAYS head office withdraws it (撤件), and so does the laptop.
ISSUE_WARNING_DAYS = 20
WITHDRAWN_AFTER_DAYS = 30
WITHDRAWN_REASON = "not issued within 30 days"
SYSTEM_ACTOR = "system"


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
    # The row the reminder is about: the client (birthday), the important date, the product
    # (maturity, purchase follow-up), the receipt, the letter or the proposal (policy delivery).
    subject_id: str = ""
    # For a head-office letter: review | medical_exam | investigation | financial_evidence |
    # health_evidence | decision | problem (a code; the UI shows it in the user's language).
    letter_kind: str | None = None
    # The day this occurrence fell on when it differs from `due_on`: a snoozed birthday or
    # maturity that has passed comes back due on its snooze day.
    occurs_on: date | None = None
    group: str = ""  # today | overdue | coming (GROUPS), relative to the day built
    # For a policy delivery: the day the 3 days count from, picked_up (the receipt's pick-up
    # day) or issued (head office's issue date, no pick-up recorded yet); a code for the UI.
    counted_from: str | None = None
    # For head office's reply (hq_reply) to an answer: accepted | question | closed; to a change
    # or withdrawal request: accepted | refused (a code; `detail` holds the reply's own words).
    reply: str | None = None

    @property
    def occurrence(self) -> date:
        """The day that names this occurrence in reminder_actions."""
        return self.occurs_on or self.due_on


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
    # The first `limit` of them: grouped today, overdue, coming days (GROUPS); in a group care
    # and paperwork before purchase follow-ups, then by due date.
    reminders: tuple[Reminder, ...]
    progress: tuple[Progress, ...]
    day_closed: bool
    reminder_count: int = 0  # all due, counted in SQL; old follow-ups not included
    overdue_count: int = 0
    # Purchase follow-ups overdue by more than OLD_FOLLOW_UP_DAYS: one collapsed line with this
    # count, listed on demand (TodayService.old_follow_ups).
    old_follow_up_count: int = 0

    def group(self, name: str) -> tuple[Reminder, ...]:
        return tuple(r for r in self.reminders if r.group == name)


def _statement(build: Callable[[], Select[Any]]) -> Callable[[], Select[Any]]:
    """`build`'s statement, made on first use and kept: its parameters are bound at execution."""
    return cache(build)


# The parameters the statements below take (dates compare as the stored 'YYYY-MM-DD' text).
DAY = bindparam("day", type_=Date)
UNTIL = bindparam("until", type_=Date)
LIMIT: BindParameter[int] = bindparam("limit")


@_statement
def _visits_statement() -> Select[Any]:
    return (
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
        .where(
            Visit.starts_at >= bindparam("start", type_=Visit.starts_at.type),
            Visit.starts_at < bindparam("end", type_=Visit.starts_at.type),
        )
        .order_by(Visit.starts_at)
    )


def visits_on(session: Session, day: date, zone: tzinfo) -> tuple[AgendaVisit, ...]:
    """The visits starting on the local `day`; recurring ones are materialised as rows."""
    start = datetime.combine(day, time.min, zone)
    rows = session.connection().execute(_visits_statement(), {"start": start, "end": start + timedelta(days=1)}).all()
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
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str] = lambda: SYSTEM_ACTOR,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor

    def build(
        self, day: date, zone: tzinfo | None = None, horizon_days: int = 7, limit: int = REMINDERS_LIMIT
    ) -> TodayData:
        zone = zone or local_zone()
        defaults = self._settings.targets()
        self.withdraw_unissued(day, zone)
        with self._sessions() as session:
            agenda = visits_on(session, day, zone)
            follow_ups, old = _purchase_follow_ups(session, day, zone, limit)
            found = [
                _birthdays(session, day, horizon_days, limit),
                _important_dates(session, day, horizon_days),
                _maturities(session, day, limit),
                follow_ups,
                _receipts(session, day),
                _letters(session, day),
                _policy_deliveries(session, zone, day),
                _issue_overdue(session, zone, day),
                _replies(session, zone, day),
                _found(_returning_snoozes(session, day)),
            ]
            candidates = sorted((r for f in found for r in f.rows), key=lambda r: reminder_order(r, day))
            plan = session.scalar(select(DailyPlan).where(DailyPlan.day == day))
            progress = progress_lines(plan_targets(plan, defaults), tally(session, day))
            closed = is_closed(session, day)
        due_today = tuple(_grouped(r, "today") for r in candidates if r.kind == FOLLOW_UP and r.due_on == day)
        shown = tuple(_grouped(r, _group(r, day)) for r in candidates[:limit])
        return TodayData(
            day,
            agenda,
            due_today,
            shown,
            progress,
            closed,
            reminder_count=sum(f.total for f in found),
            overdue_count=sum(f.overdue for f in found),
            old_follow_up_count=old,
        )

    def withdraw_unissued(self, day: date, zone: tzinfo | None = None) -> list[str]:
        """Marks withdrawn (撤件), as head office does, the applications sent WITHDRAWN_AFTER_DAYS or
        more calendar days before `day` and still not issued; idempotent, each one audited.
        Returns the proposals withdrawn now."""
        zone = zone or local_zone()
        with self._sessions() as session:
            due = [pid for pid, sent in _unissued(session, zone) if (day - sent).days >= WITHDRAWN_AFTER_DAYS]
        if not due:
            return []
        withdrawn = []
        with self._sessions.begin() as session:
            now = utcnow()
            for proposal_id in due:
                proposal = session.get(Proposal, proposal_id)
                if proposal is None or proposal.withdrawn_at is not None or proposal.hq_status == "issued":
                    continue  # another process got there first, or head office issued it meanwhile
                proposal.withdrawn_at = now
                proposal.withdrawn_reason = WITHDRAWN_REASON
                withdrawn.append(proposal_id)
                record_event(session, actor=self._actor(), action="withdraw", entity="proposal",
                             entity_id=proposal_id, detail={"reason": WITHDRAWN_REASON,
                                                            "days": WITHDRAWN_AFTER_DAYS})  # fmt: skip
        return withdrawn

    def old_follow_ups(self, day: date, zone: tzinfo | None = None, limit: int = REMINDERS_LIMIT) -> list[Reminder]:
        """The purchase follow-ups collapsed into one line on Today, oldest first."""
        zone = zone or local_zone()
        with self._sessions() as session:
            since, cut = _follow_up_window(day)[0], _old_follow_up_cut(day)
            rows, _first = _follow_up_rows(session, _old_follow_ups_statement(), day, zone, since, cut, limit)
        return [_grouped(r, "overdue") for r in rows]


def _grouped(reminder: Reminder, group: str) -> Reminder:
    """`reminder` with its group set. The reminders are made by this build and handed out only
    after it, so the group is set in place: `dataclasses.replace` on the 300 shown cost ~2 ms, a
    twentieth of the page's budget (`make bench`)."""
    object.__setattr__(reminder, "group", group)
    return reminder


# Head office's replies are news to read, not deadlines: under Today, never overdue, until acted on.
NEWS_KINDS = frozenset({"hq_reply"})


def group_of(due: date, day: date) -> str:
    return "today" if due == day else "overdue" if due < day else "coming"


def _group(r: Reminder, day: date) -> str:
    return "today" if r.kind in NEWS_KINDS else group_of(r.due_on, day)


def reminder_order(r: Reminder, day: date) -> tuple[int, bool, date, int, str]:
    """Today, overdue, coming days; in each, care and paperwork before purchase follow-ups."""
    group = 0 if r.due_on == day or r.kind in NEWS_KINDS else 1 if r.due_on < day else 2
    return (group, r.kind == FOLLOW_UP, r.due_on, REMINDER_KINDS.index(r.kind), r.client_name)


@dataclass(frozen=True)
class _Found:
    rows: list[Reminder]  # at most the limit, in the page's order within the kind
    total: int  # all due of the kind
    overdue: int


def _found(rows: list[Reminder]) -> _Found:
    return _Found(rows, len(rows), sum(r.overdue for r in rows))


def _not_acted(
    kind: str, subject: ColumnElement[str] | InstrumentedAttribute[str], *, within: bool = False
) -> ColumnElement[bool]:
    """No action on the occurrence hides it on the `day` parameter: none, or a snooze that has
    run out.

    Kinds with one occurrence per row (a maturity, a receipt) match on the row; yearly ones
    (birthdays, anniversaries) also on the occurrence's day, which falls `within` [day, until].
    """
    conditions = [
        ReminderAction.kind == kind,
        or_(ReminderAction.action != "snoozed", ReminderAction.snoozed_until > DAY),
    ]
    if within:
        conditions += [ReminderAction.occurs_on >= DAY, ReminderAction.occurs_on <= UNTIL]
    # A set built once per query (NOT IN), not a search per row (NOT EXISTS): subject_id is never null.
    return subject.not_in(select(ReminderAction.subject_id).where(*conditions))


def _live(client_id: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """The card `client_id` points to is not merged into another: not in the short list of merged
    cards (a partial index, migration 0009), instead of a join to the card per row."""
    return client_id.not_in(select(Client.id).where(Client.merged_into_id.is_not(None)).correlate(None))


# The month-days a window covers (`rule.month_days`), and the first of them.
KEYS: BindParameter[str] = bindparam("keys", expanding=True)
FIRST_KEY: BindParameter[str] = bindparam("first_key")


@_statement
def _birthdays_statement() -> Select[Any]:
    # Ordered by the day it falls on: the window's keys from its first day to the year's end, then
    # those after New Year, so the limit keeps the nearest.  The count over all of them rides
    # along (a window function), so the index is walked once.
    return (
        select(Client.id, Client.name, Client.birth_date, func.count().over())
        .where(
            BIRTH_MONTH_DAY.in_(KEYS),
            Client.merged_into_id.is_(None),
            Client.birth_date < DAY,
            _not_acted("birthday", Client.id, within=True),
        )
        .order_by(case((BIRTH_MONTH_DAY >= FIRST_KEY, 0), else_=1), BIRTH_MONTH_DAY, Client.name)
        .limit(LIMIT)
    )


def _birthdays(session: Session, day: date, horizon: int, limit: int) -> _Found:
    keys = rule.month_days(day, horizon)
    until = day + timedelta(days=horizon)
    values = {"keys": keys, "first_key": keys[0], "day": day, "until": until, "limit": limit}
    rows = session.connection().execute(_birthdays_statement(), values).all()
    total = rows[0][3] if rows else 0
    found = []
    for client_id, name, born, _total in rows:
        due = rule.yearly_due_within(born, day, horizon)
        if due is not None and born < due:
            found.append(Reminder("birthday", client_id, name, due, "", False, due.year - born.year, client_id))
    return _Found(found, total, 0)


@_statement
def _important_dates_statement() -> Select[Any]:
    # By index: one-off dates by their day, yearly ones by the month-day expression (migration 0009).
    return (
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
                and_(ImportantDate.yearly.is_(True), DATE_MONTH_DAY.in_(KEYS)),
                and_(ImportantDate.yearly.is_(False), ImportantDate.on >= DAY, ImportantDate.on <= UNTIL),
            ),
            Client.merged_into_id.is_(None),
            _not_acted("important_date", ImportantDate.id, within=True),
        )
    )


def _important_dates(session: Session, day: date, horizon: int) -> _Found:
    until = day + timedelta(days=horizon)
    values = {"keys": rule.month_days(day, horizon), "day": day, "until": until}
    rows = session.connection().execute(_important_dates_statement(), values).all()
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
    return _found(found)


@_statement
def _maturities_statement() -> Select[Any]:
    # The first `limit` by date, with the count of all, from the products alone; only those are
    # joined to their cards for the names.
    first = (
        select(
            ProductHolding.id,
            ProductHolding.product_name,
            ProductHolding.maturity_on,
            ProductHolding.client_id,
            func.count().over().label("total"),
        )
        .where(
            ProductHolding.maturity_on >= DAY,
            ProductHolding.maturity_on <= UNTIL,
            _live(ProductHolding.client_id),
            _not_acted("maturity", ProductHolding.id, within=True),
        )
        .order_by(ProductHolding.maturity_on)
        .limit(LIMIT)
        .subquery()
    )
    return (
        select(first.c.id, first.c.product_name, first.c.maturity_on, Client.id, Client.name, first.c.total)
        .join(Client, Client.id == first.c.client_id)
        .order_by(first.c.maturity_on)
    )


def _maturities(session: Session, day: date, limit: int) -> _Found:
    until = day + timedelta(days=rule.MATURITY_NOTICE_DAYS)
    values = {"day": day, "until": until, "limit": limit}
    rows = session.connection().execute(_maturities_statement(), values).all()
    total = rows[0][5] if rows else 0
    found = [
        Reminder("maturity", client_id, name, due, product, False, None, product_id)
        for product_id, product, due, client_id, name, _total in rows
    ]
    return _Found(found, total, 0)


def _follow_up_window(day: date) -> tuple[date, date]:
    return day - timedelta(days=PURCHASE_LOOKBACK_DAYS), day


def _old_follow_up_cut(day: date) -> date:
    """Purchases before this day are overdue for their revisit by more than OLD_FOLLOW_UP_DAYS."""
    return day - timedelta(days=rule.PURCHASE_FOLLOW_UP_DAYS + OLD_FOLLOW_UP_DAYS)


SINCE = bindparam("since", type_=Date)
BEFORE = bindparam("before", type_=Date)
CUT = bindparam("cut", type_=Date)  # bought before: overdue by more than OLD_FOLLOW_UP_DAYS
BOUGHT_DUE_TODAY = bindparam("bought_due_today", type_=Date)


def _follow_ups_statement(order: tuple[Any, ...]) -> Select[Any]:
    """Purchases bought in [since, before) whose client has not been contacted since the purchase
    day (local), nor the follow-up done, snoozed or dismissed; the first `limit` by `order[0]`,
    with `order[1:]` as extra columns.  Judged on the products alone; only the rows returned
    are joined to their cards for the names."""
    # The end of the purchase day, local, as stored (naive UTC); `utc_shift` is the zone's offset
    # as an SQLite modifier ('-28800 seconds' on Beijing time).
    day_after = func.datetime(ProductHolding.start_on, "+1 day", bindparam("utc_shift"))
    # Cards contacted since the window opened (local midnight of `since`), from an index alone: a
    # purchase of any other card is not followed up yet; only these few are checked row by row.
    since = bindparam("contact_since", type_=Client.last_contact_at.type)
    contacted = select(Client.id).where(Client.last_contact_at >= since).correlate(None)
    not_contacted = or_(
        ProductHolding.client_id.not_in(contacted),
        select(Client.id).where(Client.id == ProductHolding.client_id, Client.last_contact_at < day_after).exists(),
    )
    extra = [column.label(f"extra_{i}") for i, column in enumerate(order[1:])]
    first = (
        select(
            ProductHolding.id,
            ProductHolding.product_name,
            ProductHolding.start_on,
            ProductHolding.client_id,
            order[0].label("rank"),
            *extra,
        )
        .where(
            ProductHolding.start_on >= SINCE,
            ProductHolding.start_on < BEFORE,
            _live(ProductHolding.client_id),
            not_contacted,
            _not_acted(FOLLOW_UP, ProductHolding.id),
        )
        .order_by(order[0], ProductHolding.start_on)
        .limit(LIMIT)
        .subquery()
    )
    return (
        select(
            first.c.id,
            first.c.product_name,
            first.c.start_on,
            Client.id,
            Client.name,
            *(first.c[column.name] for column in extra),
        )
        .join(Client, Client.id == first.c.client_id)
        .order_by(first.c.rank, first.c.start_on)
    )


@_statement
def _grouped_follow_ups_statement() -> Select[Any]:
    # Due today first, then overdue, then coming (the page's group order), the old ones last;
    # the counts of all, of the old and of the overdue ride along as window functions.
    by_group = case(
        (ProductHolding.start_on < CUT, 3),
        (ProductHolding.start_on == BOUGHT_DUE_TODAY, 0),
        (ProductHolding.start_on < BOUGHT_DUE_TODAY, 1),
        else_=2,
    )
    counts = (
        func.count().over(),
        func.sum(case((ProductHolding.start_on < CUT, 1), else_=0)).over(),
        func.sum(case((ProductHolding.start_on < BOUGHT_DUE_TODAY, 1), else_=0)).over(),
    )
    return _follow_ups_statement((by_group, *counts))


@_statement
def _old_follow_ups_statement() -> Select[Any]:
    return _follow_ups_statement((ProductHolding.start_on,))


def _follow_up_rows(
    session: Session, statement: Select[Any], day: date, zone: tzinfo, since: date, before: date, limit: int
) -> tuple[list[Reminder], Any]:
    """The first `limit` follow-ups of purchases in [since, before), and the first row (its
    trailing columns hold the window counts of `_purchase_follow_ups`; none for the old ones)."""
    offset = zone.utcoffset(datetime.combine(day, time.min)) or timedelta(0)
    values = {
        "since": since,
        "before": before,
        "day": day,
        "utc_shift": f"{-int(offset.total_seconds()):+d} seconds",
        "contact_since": datetime.combine(since, time.min, zone),
        "cut": _old_follow_up_cut(day),
        "bought_due_today": day - timedelta(days=rule.PURCHASE_FOLLOW_UP_DAYS),
        "limit": limit,
    }
    rows = session.connection().execute(statement, values).all()
    found = []
    for product_id, product, bought, client_id, name, *_counts in rows:
        due = rule.purchase_follow_up_due(bought)
        found.append(Reminder(FOLLOW_UP, client_id, name, due, product, rule.is_overdue(due, day), None, product_id))
    return found, rows[0] if rows else None


def _purchase_follow_ups(session: Session, day: date, zone: tzinfo, limit: int) -> tuple[_Found, int]:
    """Purchases of the last weeks whose client has not been contacted since the purchase day:
    those overdue by up to a week as reminders, and the count of the older ones — one pass."""
    since, last = _follow_up_window(day)
    cut = _old_follow_up_cut(day)
    statement = _grouped_follow_ups_statement()
    rows, first = _follow_up_rows(session, statement, day, zone, since, last + timedelta(days=1), limit)
    total, old, overdue = first[-3:] if first is not None else (0, 0, 0)
    recent = [r for r in rows if r.due_on >= cut + timedelta(days=rule.PURCHASE_FOLLOW_UP_DAYS)]
    return _Found(recent, total - old, overdue - old), old


# Receipts and letters belong to a proposal; the client to call is its policyholder.
POLICYHOLDER = and_(ProposalParty.proposal_id == Proposal.id, ProposalParty.role == "policyholder")


@_statement
def _receipts_statement() -> Select[Any]:
    return (
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
        .where(Receipt.status == "signed", Receipt.returned_on.is_(None), _not_acted("receipt_due", Receipt.id))
    )


def _receipts(session: Session, day: date) -> _Found:
    rows = session.connection().execute(_receipts_statement(), {"day": day}).all()
    until = rule.receipt_warning_until(day)
    found = []
    for receipt_id, policy, signed, due, client_id, name in rows:
        due = due or (rule.receipt_return_due(signed) if signed else None)
        if due is not None and due <= until:
            found.append(
                Reminder("receipt_due", client_id, name or "", due, policy, rule.is_overdue(due, day), None, receipt_id)
            )
    return _found(found)


@_statement
def _letters_statement() -> Select[Any]:
    return (
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
        # A withdrawn application's letters need no answer any more.
        .where(HeadOfficeLetter.resolved_at.is_(None), Proposal.withdrawn_at.is_(None), _letter_not_acted())
    )


def _letter_not_acted() -> ColumnElement[bool]:
    """No action hides the letter at its current due date: a letter head office re-opens with
    another question (a new due date) comes back even if its earlier reminder was done."""
    return ~(
        select(ReminderAction.id)
        .where(
            ReminderAction.kind == "letter_due",
            ReminderAction.subject_id == HeadOfficeLetter.id,
            ReminderAction.occurs_on == HeadOfficeLetter.due_on,
            or_(ReminderAction.action != "snoozed", ReminderAction.snoozed_until > DAY),
        )
        .exists()
    )


# Head office's replies stay on Today this many days after they arrive, unless acted on first.
REPLY_SHOWN_DAYS = 10


@_statement
def _answer_replies_statement() -> Select[Any]:
    return (
        select(LetterAnswer.id, LetterAnswer.hq_reply, LetterAnswer.hq_reply_text, LetterAnswer.hq_reply_at,
               HeadOfficeLetter.kind, Proposal.product_name, ProposalParty.client_id, ProposalParty.name)
        .join(HeadOfficeLetter, HeadOfficeLetter.id == LetterAnswer.letter_id)
        .join(Proposal, Proposal.id == HeadOfficeLetter.proposal_id)
        .outerjoin(ProposalParty, POLICYHOLDER)
        .where(LetterAnswer.hq_reply_at.is_not(None), LetterAnswer.hq_reply_at >= bindparam("reply_since"),
               _not_acted("hq_reply", LetterAnswer.id))
    )  # fmt: skip


@_statement
def _request_replies_statement() -> Select[Any]:
    return (
        select(ProposalRequest.id, ProposalRequest.hq_reply, ProposalRequest.hq_reply_text,
               ProposalRequest.hq_reply_at, literal_column("NULL"), Proposal.product_name, ProposalParty.client_id,
               ProposalParty.name)
        .join(Proposal, Proposal.id == ProposalRequest.proposal_id)
        .outerjoin(ProposalParty, POLICYHOLDER)
        .where(ProposalRequest.hq_reply_at.is_not(None), ProposalRequest.hq_reply_at >= bindparam("reply_since"),
               _not_acted("hq_reply", ProposalRequest.id))
    )  # fmt: skip


def _replies(session: Session, zone: tzinfo, day: date) -> _Found:
    """Head office's replies to answers and requests (hq_reply), due the day they arrived: the
    reply in words (or the product when it has none) and its code for the UI."""
    since = datetime.combine(day - timedelta(days=REPLY_SHOWN_DAYS), time.min, zone)
    found = []
    for statement in (_answer_replies_statement(), _request_replies_statement()):
        rows = session.connection().execute(statement, {"day": day, "reply_since": since}).all()
        for subject_id, reply, text, at, letter_kind, product, client_id, name in rows:
            due = at.astimezone(zone).date()
            if due > day:
                continue
            found.append(Reminder("hq_reply", client_id, name or "", due, text or product or "", False, None,
                                  subject_id, letter_kind=letter_kind, reply=reply))  # fmt: skip
    return _found(found)


def _letters(session: Session, day: date) -> _Found:
    rows = session.connection().execute(_letters_statement(), {"day": day}).all()
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
    return _found(found)


@_statement
def _policy_deliveries_statement() -> Select[Any]:
    signed = select(Receipt.id).where(Receipt.proposal_id == Proposal.id, Receipt.status == "signed").exists()
    # A proposal has one receipt at most (ReceiptService.new_draft): its draft holds the pick-up.
    picked_up = select(func.max(Receipt.picked_up_on)).where(Receipt.proposal_id == Proposal.id).scalar_subquery()
    return (
        select(
            Proposal.id,
            Proposal.hq_status_at,
            picked_up,
            Proposal.hq_policy_number,
            Proposal.product_name,
            ProposalParty.client_id,
            ProposalParty.name,
        )
        .outerjoin(ProposalParty, POLICYHOLDER)
        .where(
            Proposal.hq_status == "issued",
            Proposal.hq_status_at.is_not(None),
            ~signed,
            _not_acted("policy_delivery", Proposal.id),
        )
    )


def _policy_deliveries(session: Session, zone: tzinfo, day: date) -> _Found:
    """Policies head office has issued whose receipt the client has not signed yet: due 3 days
    after the pick-up recorded on the receipt, or after the issue date until one is recorded."""
    rows = session.connection().execute(_policy_deliveries_statement(), {"day": day}).all()
    found = []
    for proposal_id, issued_at, picked_up, policy, product, client_id, name in rows:
        start = picked_up if picked_up is not None else issued_at.astimezone(zone).date()
        due = start + timedelta(days=POLICY_DELIVERY_DAYS)
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
                counted_from="picked_up" if picked_up is not None else "issued",
            )
        )
    return _found(found)


@_statement
def _unissued_statement() -> Select[Any]:
    newer = aliased(Proposal)  # a corrected proposal is followed in its latest version only
    return (
        select(Proposal.id, func.max(OutboxItem.sent_at))
        .join(OutboxItem, and_(OutboxItem.kind == "proposal", OutboxItem.record_id == Proposal.id))
        .where(
            Proposal.status == "finished",
            Proposal.withdrawn_at.is_(None),
            or_(Proposal.hq_status.is_(None), Proposal.hq_status != "issued"),
            OutboxItem.status == "sent",
            OutboxItem.sent_at.is_not(None),
            ~select(newer.id).where(newer.previous_id == Proposal.id).exists(),
        )
        .group_by(Proposal.id)
    )


def _unissued(session: Session, zone: tzinfo) -> list[tuple[str, date]]:
    """Finished proposals sent to head office, not issued nor withdrawn, with the local day sent."""
    rows = session.connection().execute(_unissued_statement()).all()
    return [(pid, sent.astimezone(zone).date()) for pid, sent in rows]


@_statement
def _issue_overdue_statement() -> Select[Any]:
    return (
        select(Proposal.id, Proposal.product_name, ProposalParty.client_id, ProposalParty.name)
        .outerjoin(ProposalParty, POLICYHOLDER)
        .where(Proposal.id.in_(bindparam("ids", expanding=True)), _not_acted("issue_overdue", Proposal.id))
    )


def _issue_overdue(session: Session, zone: tzinfo, day: date) -> _Found:
    """Applications sent ISSUE_WARNING_DAYS or more days ago and still not issued: due on the
    20th day, until head office issues them or they are withdrawn on the 30th."""
    sent_on = {pid: sent for pid, sent in _unissued(session, zone) if (day - sent).days >= ISSUE_WARNING_DAYS}
    if not sent_on:
        return _found([])
    rows = session.connection().execute(_issue_overdue_statement(), {"ids": list(sent_on), "day": day}).all()
    found = []
    for proposal_id, product, client_id, name in rows:
        due = sent_on[proposal_id] + timedelta(days=ISSUE_WARNING_DAYS)
        found.append(
            Reminder("issue_overdue", client_id, name or "", due, product or "", rule.is_overdue(due, day),
                     None, proposal_id)
        )  # fmt: skip
    return _found(found)


# Snoozed occurrences whose day has passed and whose snooze has run out by the `day` parameter.
_BACK = (
    ReminderAction.action == "snoozed",
    ReminderAction.snoozed_until <= DAY,
    ReminderAction.occurs_on < DAY,
    Client.merged_into_id.is_(None),
)


@_statement
def _returning_birthdays_statement() -> Select[Any]:
    return (
        select(ReminderAction.occurs_on, ReminderAction.snoozed_until, Client.id, Client.name, Client.birth_date)
        .join(Client, Client.id == ReminderAction.subject_id)
        .where(ReminderAction.kind == "birthday", *_BACK)
    )


@_statement
def _returning_dates_statement() -> Select[Any]:
    return (
        select(
            ReminderAction.occurs_on,
            ReminderAction.snoozed_until,
            ImportantDate.id,
            ImportantDate.on,
            ImportantDate.yearly,
            ImportantDate.label,
            ImportantDate.kind,
            Client.id,
            Client.name,
        )
        .join(ImportantDate, ImportantDate.id == ReminderAction.subject_id)
        .join(Client, Client.id == ImportantDate.client_id)
        .where(ReminderAction.kind == "important_date", *_BACK)
    )


@_statement
def _returning_maturities_statement() -> Select[Any]:
    return (
        select(
            ReminderAction.occurs_on,
            ReminderAction.snoozed_until,
            ProductHolding.id,
            ProductHolding.product_name,
            Client.id,
            Client.name,
        )
        .join(ProductHolding, ProductHolding.id == ReminderAction.subject_id)
        .join(Client, Client.id == ProductHolding.client_id)
        .where(ReminderAction.kind == "maturity", *_BACK)
    )


def _returning_snoozes(session: Session, day: date) -> list[Reminder]:
    """Snoozed birthdays, dates and maturities whose day has passed come back on their snooze
    day, due then; the ones still ahead come back through their own queries."""
    conn = session.connection()
    values = {"day": day}
    found = []
    for occurs, until, client_id, name, born in conn.execute(_returning_birthdays_statement(), values):
        years = occurs.year - born.year if born is not None else None
        found.append(Reminder("birthday", client_id, name, until, "", until < day, years, client_id, occurs_on=occurs))
    for occurs, until, date_id, on, yearly, label, kind, client_id, name in conn.execute(
        _returning_dates_statement(), values
    ):
        years = occurs.year - on.year if yearly else None
        found.append(
            Reminder(
                "important_date", client_id, name, until, label or kind, until < day, years, date_id, occurs_on=occurs
            )
        )
    for occurs, until, product_id, product, client_id, name in conn.execute(_returning_maturities_statement(), values):
        found.append(
            Reminder("maturity", client_id, name, until, product, until < day, None, product_id, occurs_on=occurs)
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
