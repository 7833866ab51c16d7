"""AppContext: the one object that builds the services for a profile."""

from __future__ import annotations

from collections.abc import Callable
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
from app.headoffice.answers import AnswerService
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
from app.store import SlowStep, Store, open_store

if TYPE_CHECKING:
    from app.credentials import Credentials
    from app.day.care import CareService
    from app.day.summaries import SummaryService
    from app.headoffice.letters import LetterService
    from app.headoffice.service import SyncService
    from app.proposals.paper import PaperProposalService
    from app.proposals.requests import RequestService
    from app.prospects.service import ProspectService
    from app.reports.printing import PrintService
    from app.rules.product_catalogue import ProductCatalogue
    from app.sales_forms.briefing import BriefingService
    from app.sales_forms.calls import CallRecordService
    from app.sales_forms.closing import ClosingInterviewService
    from app.sales_forms.needs import NeedsInterviewService


@dataclass
class AppContext:
    store: Store
    is_demo: bool = field(default=False)

    @classmethod
    def open(
        cls, data_dir: Path, passphrase: str | None = None, announce: Callable[[SlowStep], None] | None = None
    ) -> AppContext:
        """Open the profile in `data_dir` (app/store.py `open_store`: the same arguments) and set
        up what the process computes with: the CLI, the window and the tests all come here."""
        from app.reference.deadlines import reconcile_deadlines
        from app.reference.held import hold_profile_calendar
        from app.reference.products import hold_profile_catalogue

        ctx = cls(store=open_store(data_dir, passphrase, announce), is_demo=is_demo_dir(data_dir))
        # Working days everywhere (deadlines, carry-over, the week) use the years this profile
        # holds: the shipped ones, and any newer ones imported or published since.
        hold_profile_calendar(ctx.data_dir)
        # The proposal rules, the cooling-off days and the product picker use this profile's
        # product catalogue: the shipped one, or a newer one imported or published since.
        hold_profile_catalogue(ctx.data_dir)
        # Deadlines stored while a year was assumed Monday to Friday move once it is held.
        reconcile_deadlines(ctx)
        return ctx

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def catalogue(self) -> ProductCatalogue:
        """The product catalogue this profile holds (app/reference/products.py)."""
        from app.reference.products import current_catalogue

        return current_catalogue()

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
    def answers(self) -> AnswerService:
        """Answers to head office's letters and problem cases (app/headoffice/answers.py)."""
        return AnswerService(self.store.sessions, self.actor)

    @cached_property
    def letters(self) -> LetterService:
        """Each kind of head-office letter handled as the manual says (app/headoffice/letters.py)."""
        from app.headoffice.letters import LetterService

        return LetterService(self.store.sessions, self.actor, self.planner)

    @cached_property
    def requests(self) -> RequestService:
        """Change and withdrawal requests before issue (app/proposals/requests.py)."""
        from app.proposals.requests import RequestService

        return RequestService(self.store.sessions, self.actor)

    @cached_property
    def paper_proposals(self) -> PaperProposalService:
        """Proposals filled on paper at the counter (app/proposals/paper.py)."""
        from app.proposals.paper import PaperProposalService

        return PaperProposalService(self.store.sessions, self.settings, self.actor)

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
        return TodayService(self.store.sessions, self.settings, self.actor)

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
    def call_records(self) -> CallRecordService:
        """电话邀约记录表 (app/sales_forms/calls.py)."""
        from app.sales_forms.calls import CallRecordService

        return CallRecordService(self.store.sessions, self.actor)

    @cached_property
    def briefing(self) -> BriefingService:
        """早会信息记录表 and 财经要闻摘录表 (app/sales_forms/briefing.py)."""
        from app.sales_forms.briefing import BriefingService

        return BriefingService(self.store.sessions, self.actor, self.catalogue)

    @cached_property
    def daily_plans(self) -> DailyPlanService:
        return DailyPlanService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def summaries(self) -> SummaryService:
        """Weekly and monthly summaries, targets by period and product line (app/day/summaries.py)."""
        from app.day.summaries import SummaryService

        return SummaryService(self.store.sessions, self.settings, self.actor)

    @cached_property
    def closing_interviews(self) -> ClosingInterviewService:
        """成交面谈记录表 (app/sales_forms/closing.py)."""
        from app.sales_forms.closing import ClosingInterviewService

        return ClosingInterviewService(
            self.store.sessions, self.worklog, self.proposals, self.proposal_records, self.catalogue, self.actor
        )

    @cached_property
    def needs_interviews(self) -> NeedsInterviewService:
        """需求面谈表 (app/sales_forms/needs.py)."""
        from app.sales_forms.needs import NeedsInterviewService

        return NeedsInterviewService(self.store.sessions, self.worklog, self.actor)

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
        from app.headoffice.references import reconcile_after_calendar
        from app.headoffice.service import SyncService

        return SyncService(
            self.store.sessions,
            self.settings,
            self.credentials,
            self.hq_status,
            data_dir=self.data_dir,
            actor=self.actor,
            on_calendar_installed=lambda: reconcile_after_calendar(self),
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
