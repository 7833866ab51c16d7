"""AppContext: the one object that builds the services for a profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.changes import ChangeFeed
from app.clients.service import ClientService
from app.day.daily_plans import DailyPlanService
from app.day.reminders import ReminderActions
from app.day.today import TodayService
from app.day.worklog import WorkLogService
from app.handover.service import HandoverService
from app.headoffice.connection import ConnectionService
from app.headoffice.status import HqStatusService
from app.outlets.service import OutletService
from app.paths import is_demo_dir
from app.planner.service import PlannerService
from app.profile.overview import OverviewService
from app.profile.settings import SettingsService
from app.proposals.records import ProposalRecords
from app.proposals.service import ProposalService
from app.receipts.service import ReceiptService
from app.store import Store, open_store

if TYPE_CHECKING:
    from app.credentials import Credentials
    from app.day.care import CareService
    from app.headoffice.service import SyncService
    from app.prospects.service import ProspectService
    from app.reports.printing import PrintService


@dataclass
class AppContext:
    store: Store
    is_demo: bool = field(default=False)

    @classmethod
    def open(cls, data_dir: Path) -> AppContext:
        from app.reference.held import hold_profile_calendar

        ctx = cls(store=open_store(data_dir), is_demo=is_demo_dir(data_dir))
        # Working days everywhere (deadlines, carry-over, the week) use the years this profile
        # holds: the shipped ones, and any newer ones imported or published since.
        hold_profile_calendar(ctx.data_dir)
        return ctx

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @cached_property
    def changes(self) -> ChangeFeed:
        """What each committed transaction wrote, for whoever shows the data (app/changes.py)."""
        return ChangeFeed(self.store.engine)

    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.store.sessions)

    @cached_property
    def overview(self) -> OverviewService:
        return OverviewService(self.store.sessions)

    @cached_property
    def clients(self) -> ClientService:
        return ClientService(self.store.engine, self.store.sessions, self.actor)

    @cached_property
    def outlets(self) -> OutletService:
        return OutletService(self.store.sessions, self.actor)

    def actor(self) -> str:
        """Who the audit log names: the manager's code once set up, else "local"."""
        return self.settings.manager().code or "local"

    @cached_property
    def planner(self) -> PlannerService:
        return PlannerService(self.store.sessions, self.actor)

    @cached_property
    def proposals(self) -> ProposalService:
        return ProposalService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def proposal_records(self) -> ProposalRecords:
        return ProposalRecords(self.store.sessions, self.clients, self.actor)

    @cached_property
    def hq_status(self) -> HqStatusService:
        return HqStatusService(self.store.sessions, self.actor)

    @cached_property
    def handover(self) -> HandoverService:
        return HandoverService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def receipts(self) -> ReceiptService:
        return ReceiptService(self.store.sessions, self.actor)

    @cached_property
    def worklog(self) -> WorkLogService:
        return WorkLogService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def today(self) -> TodayService:
        return TodayService(self.store.sessions, self.settings)

    @cached_property
    def reminder_actions(self) -> ReminderActions:
        """Done, snoozed or dismissed reminders on Today (app/day/reminders.py)."""
        return ReminderActions(self.store.sessions, self.actor)

    @cached_property
    def prospects(self) -> ProspectService:
        from app.prospects.service import ProspectService

        return ProspectService(self.store.sessions, self.clients, self.actor)

    @cached_property
    def care(self) -> CareService:
        from app.day.care import CareService

        return CareService(self.store.sessions, self.settings, self.worklog, self.actor)

    @cached_property
    def daily_plans(self) -> DailyPlanService:
        return DailyPlanService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def connection(self) -> ConnectionService:
        return ConnectionService(self.settings)

    @cached_property
    def credentials(self) -> Credentials:
        from app.credentials import Credentials  # keyring is loaded only when sync needs it

        return Credentials()

    @cached_property
    def sync(self) -> SyncService:
        # Imported on use: requests and tenacity add start-up time and wait for the first sync.
        from app.headoffice.service import SyncService

        return SyncService(
            self.store.sessions,
            self.settings,
            self.credentials,
            self.hq_status,
            data_dir=self.data_dir,
            actor=self.actor,
        )

    @cached_property
    def printing(self) -> PrintService:
        # Imported on use: reportlab costs start-up time and is needed only when printing.
        from app.reports.printing import PrintService

        return PrintService(
            self.store.sessions,
            self.settings,
            self.actor,
            today=self.today,
            daily_plans=self.daily_plans,
            planner=self.planner,
            proposals=self.proposals,
            receipts=self.receipts,
            handover=self.handover,
            clients=self.clients,
        )

    def close(self) -> None:
        self.store.engine.dispose()
