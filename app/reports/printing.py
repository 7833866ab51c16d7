"""Printing: gathers each document's data from the services and returns the PDF (app/reports).

Every method returns PDF bytes ready to save or print.  Headers name the manager (with code)
and the manager's outlet from settings.  A proposal or receipt whose outbox item is not yet
"sent" — or a handover list carrying one — prints with the “尚未送达总公司” mark.

ID and phone numbers print masked.  `reveal=True` prints them in full and records a `print`
event in the audit log (as `ClientService.reveal` does for the screen), in its own
transaction after the PDF is made, so a failed print records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.clients.service import ClientService
from app.common.local_time import local_zone
from app.day.daily_plans import DailyPlanService
from app.day.summaries import SummaryService
from app.day.today import TodayService
from app.handover.records import SignatureView
from app.handover.service import HandoverService
from app.planner.records import ACTIVE
from app.planner.service import PlannerService
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.proposals.service import ProposalService
from app.receipts.service import ReceiptService
from app.reports.client_card import client_card_pdf
from app.reports.common import Letterhead, named
from app.reports.daily_plan import daily_plan_pdf
from app.reports.daily_summary import daily_summary_pdf
from app.reports.data import day_log, visit_sheets
from app.reports.fonts import FontChoice, configured_font
from app.reports.handover import handover_pdf
from app.reports.proposal import proposal_pdf
from app.reports.receipt import receipt_pdf
from app.reports.summaries import period_summary_pdf, target_progress_pdf
from app.reports.week_plan import week_plan_pdf
from app.rules.ids import ClientId, HandoverId, ProposalId, ReceiptId
from app.rules.working_days import is_working_day
from local_db import models

REVEALED = {"client": ("id_number", "mobile", "phone_other"), "proposal": ("id_number", "mobile", "payment_account"),
            "receipt": ("id_number", "mobile")}  # fmt: skip


def week_of(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


class PrintService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        *,
        today: TodayService,
        daily_plans: DailyPlanService,
        planner: PlannerService,
        proposals: ProposalService,
        receipts: ReceiptService,
        handover: HandoverService,
        clients: ClientService,
        clock: Callable[[], date] = date.today,
        zone: tzinfo | None = None,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._today = today
        self._daily_plans = daily_plans
        self._planner = planner
        self._proposals = proposals
        self._receipts = receipts
        self._handover = handover
        self._clients = clients
        self._clock = clock
        self._zone = zone or local_zone()

    # ---- the day and the week ------------------------------------------------------------

    def daily_plan(self, day: date) -> bytes:
        data = self._today.build(day, self._zone)
        with self._sessions() as session:
            sheets = visit_sheets(session, [v for v in data.agenda if v.status in ACTIVE])
        return daily_plan_pdf(data, sheets, self.letterhead(), self.font())

    def daily_summary(self, day: date) -> bytes:
        summary = self._daily_plans.summary(day)
        with self._sessions() as session:
            entries = day_log(session, day, self._zone)
        return daily_summary_pdf(summary, entries, self.letterhead(), self.font())

    def week_summary(self, day: date) -> bytes:
        """周工作总结表: the ISO week (Monday to Sunday) holding `day` (app/reports/summaries.py)."""
        return period_summary_pdf(self._summaries().week(day), self.letterhead(), self.font())

    def month_summary(self, day: date) -> bytes:
        """月工作总结表: the calendar month holding `day`."""
        return period_summary_pdf(self._summaries().month(day), self.letterhead(), self.font())

    def target_progress(self, day: date) -> bytes:
        """个人指标进度情况表: the targets of the month, quarter and year holding `day`."""
        return target_progress_pdf(self._summaries().target_progress(day), self.letterhead(), self.font())

    def _summaries(self) -> SummaryService:
        return SummaryService(self._sessions, self._settings, self._actor, self._zone)

    def week_plan(self, day: date) -> bytes:
        """The week (Monday to Sunday) holding `day`."""
        monday = week_of(day)
        visits = self._planner.between(monday, monday + timedelta(days=6))
        working = [is_working_day(monday + timedelta(days=n)) for n in range(7)]
        return week_plan_pdf(monday, visits, working, self.letterhead(), self.font())

    # ---- paperwork -----------------------------------------------------------------------

    def proposal(self, proposal_id: ProposalId, reveal: bool = False) -> bytes:
        view = self._proposals.get(proposal_id)
        with self._sessions() as session:
            rows = session.scalars(select(models.Signature).where(models.Signature.proposal_id == proposal_id))
            signatures = [SignatureView(r.signer_role, r.signer_name, r.png, r.signed_at) for r in rows]
            outlet_id = session.scalar(select(models.Proposal.outlet_id).where(models.Proposal.id == proposal_id))
            not_sent = not _sent(session, "proposal", [proposal_id])
            head = self.letterhead(_outlet(session, outlet_id) if outlet_id else None)
        pdf = proposal_pdf(view, signatures, head, self.font(), not_sent=not_sent, reveal=reveal)
        if reveal:
            self._record_reveal("proposal", proposal_id)
        return pdf

    def receipt(self, receipt_id: ReceiptId, reveal: bool = False) -> bytes:
        view = self._receipts.get(receipt_id)
        holder = self._proposals.doc(view.proposal_id).policyholder
        with self._sessions() as session:
            not_sent = not _sent(session, "receipt", [receipt_id])
        pdf = receipt_pdf(view, holder, self.letterhead(), self.font(), not_sent=not_sent, reveal=reveal)
        if reveal:
            self._record_reveal("receipt", receipt_id)
        return pdf

    def handover(self, list_id: HandoverId) -> bytes:
        view = self._handover.get(list_id)
        with self._sessions() as session:
            receipts = [i.receipt_id for i in view.items if i.receipt_id]
            proposals = [i.proposal_id for i in view.items if i.proposal_id and not i.receipt_id]
            not_sent = not (_sent(session, "receipt", receipts) and _sent(session, "proposal", proposals))
        return handover_pdf(view, self.font(), not_sent=not_sent)

    def client_card(self, client_id: ClientId, reveal: bool = False) -> bytes:
        card = self._clients.get(client_id)
        pdf = client_card_pdf(card, self._clients.history(client_id), self.letterhead(), self.font(), reveal=reveal)
        if reveal:
            self._record_reveal("client", client_id)
        return pdf

    # ---- shared --------------------------------------------------------------------------

    def font(self) -> FontChoice:
        return configured_font(self._settings)

    def letterhead(self, outlet: str | None = None) -> Letterhead:
        """The manager from settings; `outlet`, else the manager's own outlet by its code."""
        manager = self._settings.manager()
        if outlet is None:
            outlet = manager.outlet_code
            if manager.outlet_code:
                with self._sessions() as session:
                    name = session.scalar(select(models.Outlet.name).where(models.Outlet.code == manager.outlet_code))
                outlet = named(name or "", manager.outlet_code)
        return Letterhead(named(manager.name, manager.code), outlet, self._clock())

    def _record_reveal(self, entity: str, entity_id: str) -> None:
        with self._sessions.begin() as session:
            record_event(session, actor=self._actor(), action="print", entity=entity, entity_id=entity_id,
                         detail={"reveal": True, "fields": list(REVEALED[entity])})  # fmt: skip


def _outlet(session: Session, outlet_id: str) -> str:
    row = session.execute(select(models.Outlet.name, models.Outlet.code).where(models.Outlet.id == outlet_id)).first()
    return named(row.name, row.code) if row else ""


def _sent(session: Session, kind: str, record_ids: Sequence[str]) -> bool:
    """Whether head office has every record: each one's latest outbox item is "sent"."""
    for record_id in record_ids:
        status = session.scalar(
            select(models.OutboxItem.status)
            .where(models.OutboxItem.kind == kind, models.OutboxItem.record_id == record_id)
            .order_by(models.OutboxItem.seq.desc()).limit(1)
        )  # fmt: skip
        if status != "sent":
            return False
    return True
