"""The whole domain as SQLAlchemy 2.0 typed models; importing this registers every table."""

from __future__ import annotations

from local_db.models.audit import AuditEvent
from local_db.models.clients import (
    Client,
    ClientTag,
    FamilyMember,
    ImportantDate,
    ProductHolding,
)
from local_db.models.followups import Prospect, ReminderAction
from local_db.models.outbox import OutboxFile, OutboxItem
from local_db.models.outlets import Competitor, Outlet, OutletStaff, OutletStockItem
from local_db.models.paperwork import (
    Beneficiary,
    HandoverItem,
    HandoverList,
    HeadOfficeLetter,
    Proposal,
    ProposalParty,
    Receipt,
    Signature,
)
from local_db.models.paperwork_loop import Attachment, LetterAnswer, ProposalRequest
from local_db.models.sales_forms import (
    CallRecord,
    ClosingInterview,
    LineTarget,
    MorningNote,
    NeedsInterview,
    NewsExcerpt,
)
from local_db.models.settings import Setting
from local_db.models.work import DailyPlan, Visit, VisitChecklistItem, VisitSeries, WorkLogEntry

__all__ = [
    "Attachment",
    "AuditEvent",
    "Beneficiary",
    "CallRecord",
    "Client",
    "ClientTag",
    "ClosingInterview",
    "Competitor",
    "DailyPlan",
    "FamilyMember",
    "HandoverItem",
    "HandoverList",
    "HeadOfficeLetter",
    "ImportantDate",
    "LetterAnswer",
    "LineTarget",
    "MorningNote",
    "NeedsInterview",
    "NewsExcerpt",
    "OutboxFile",
    "OutboxItem",
    "Outlet",
    "OutletStaff",
    "OutletStockItem",
    "ProductHolding",
    "Proposal",
    "ProposalParty",
    "ProposalRequest",
    "Prospect",
    "Receipt",
    "ReminderAction",
    "Setting",
    "Signature",
    "Visit",
    "VisitChecklistItem",
    "VisitSeries",
    "WorkLogEntry",
]
