"""Proposals (投保单), receipts (保单回执), signatures, handover lists and head-office letters."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin, UTCDateTime


class Proposal(RecordMixin, Base):
    __tablename__ = "proposals"

    # draft | finished.  A finished proposal is immutable; a correction is a new version.
    status: Mapped[str] = mapped_column(String(10), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    application_date: Mapped[date | None] = mapped_column(Date)
    product_code: Mapped[str] = mapped_column(String(32), default="")
    product_name: Mapped[str] = mapped_column(String(100), default="")
    # The product catalogue version the product was chosen from (migration 0008); NULL before it.
    catalogue_version: Mapped[int | None] = mapped_column(Integer)
    sum_insured_cents: Mapped[int | None] = mapped_column(BigInteger)
    premium_cents: Mapped[int | None] = mapped_column(BigInteger)
    # single (趸交) | regular (期交)
    payment_mode: Mapped[str | None] = mapped_column(String(8))
    payment_years: Mapped[int | None] = mapped_column(Integer)
    payment_bank: Mapped[str] = mapped_column(String(100), default="")
    payment_account: Mapped[str] = mapped_column(String(40), default="")
    payment_account_holder: Mapped[str] = mapped_column(String(50), default="")
    # JSON object of question id -> answer, so new questionnaires need no migration.
    health_answers_json: Mapped[str] = mapped_column(Text, default="{}")
    manager_name: Mapped[str] = mapped_column(String(50), default="")
    manager_code: Mapped[str] = mapped_column(String(32), default="")
    manager_phone: Mapped[str] = mapped_column(String(20), default="")
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    # SHA-256 over the canonical JSON (signatures included), set on finish.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Head office's view, pulled by sync: received | accepted | problem | issued
    hq_status: Mapped[str | None] = mapped_column(String(10))
    hq_status_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hq_policy_number: Mapped[str | None] = mapped_column(String(40))
    hq_message: Mapped[str] = mapped_column(Text, default="")
    # Issue 19 (migration 0011): a form filled on paper at the counter is registered, not typed
    # in full (`source` paper, its form number, the initial-review checklist as JSON); an
    # application head office did not issue in time is withdrawn (撤件).
    source: Mapped[str] = mapped_column(String(8), default="app")  # app | paper
    paper_form_number: Mapped[str] = mapped_column(String(40), default="")
    review_json: Mapped[str] = mapped_column(Text, default="{}")
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_proposals_status", "status"),)


class ProposalParty(RecordMixin, Base):
    """The policyholder (投保人) and insured (被保险人), copied from the card at filling time."""

    __tablename__ = "proposal_parties"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    # policyholder | insured
    role: Mapped[str] = mapped_column(String(12))
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(50), default="")
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_type: Mapped[str] = mapped_column(String(20), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    mobile: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    occupation: Mapped[str] = mapped_column(String(100), default="")
    # For the insured: self | spouse | child | parent | family_support | close_relative | guardian
    relation_to_policyholder: Mapped[str | None] = mapped_column(String(20))
    # Weeks pregnant, or negative for weeks since birth; None when not applicable.
    pregnancy_weeks: Mapped[int | None] = mapped_column(Integer)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("proposal_id", "role"),)


class Beneficiary(RecordMixin, Base):
    """Death beneficiary (身故受益人)."""

    __tablename__ = "proposal_beneficiaries"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    legal_heirs: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(50), default="")
    relation_to_insured: Mapped[str | None] = mapped_column(String(20))
    id_type: Mapped[str] = mapped_column(String(20), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    benefit_order: Mapped[int] = mapped_column(Integer, default=1)
    # Hundredths of a percent (10000 = 100%) so “add up to exactly 100%” is integer arithmetic.
    share_basis_points: Mapped[int] = mapped_column(Integer, default=10000)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Receipt(RecordMixin, Base):
    """Policy receipt (保单回执): its signing date starts the cooling-off period."""

    __tablename__ = "receipts"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    # draft | signed.  A signed receipt is immutable.
    status: Mapped[str] = mapped_column(String(10), default="draft")
    policy_number: Mapped[str] = mapped_column(String(40), default="")
    picked_up_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    cooling_off_days: Mapped[int] = mapped_column(Integer, default=15)
    cooling_off_ends_on: Mapped[date | None] = mapped_column(Date)
    return_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    returned_on: Mapped[date | None] = mapped_column(Date)
    # Issue 19 (migration 0011): where the policy was picked up (insurer | bank), and who took the
    # signed 回执 at the insurer's customer-service counter (not the teller of a handover list).
    picked_up_from: Mapped[str | None] = mapped_column(String(10))
    returned_to: Mapped[str] = mapped_column(String(100), default="")
    # A photo or scan of the signed paper receipt, when the client signed on paper.
    scan: Mapped[bytes | None] = mapped_column(LargeBinary)
    scan_mime: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HandoverList(RecordMixin, Base):
    """交接清单: paper handed between manager and bank teller, signed by both."""

    __tablename__ = "handover_lists"

    # application_materials (投保资料交接清单) | policy_contracts (保险合同交接清单)
    kind: Mapped[str] = mapped_column(String(24))
    day: Mapped[date] = mapped_column(Date)
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    teller_name: Mapped[str] = mapped_column(String(50), default="")
    manager_name: Mapped[str] = mapped_column(String(50), default="")
    # draft | signed
    status: Mapped[str] = mapped_column(String(10), default="draft")
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HandoverItem(RecordMixin, Base):
    __tablename__ = "handover_items"

    handover_list_id: Mapped[str] = mapped_column(ForeignKey("handover_lists.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id"))
    receipt_id: Mapped[str | None] = mapped_column(ForeignKey("receipts.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    copies: Mapped[int] = mapped_column(Integer, default=1)


class Signature(RecordMixin, Base):
    """An on-screen signature: vector strokes (with timestamps, pressure) plus a PNG."""

    __tablename__ = "signatures"

    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    receipt_id: Mapped[str | None] = mapped_column(ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    handover_list_id: Mapped[str | None] = mapped_column(
        ForeignKey("handover_lists.id", ondelete="CASCADE"), index=True
    )
    # An underwriting decision (核保通知函) accepted or declined, signed by policyholder and insured.
    letter_id: Mapped[str | None] = mapped_column(ForeignKey("hq_letters.id", ondelete="CASCADE"), index=True)
    # policyholder | insured | client | manager | teller
    signer_role: Mapped[str] = mapped_column(String(12))
    signer_name: Mapped[str] = mapped_column(String(50), default="")
    strokes_json: Mapped[str] = mapped_column(Text)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HeadOfficeLetter(RecordMixin, Base):
    """Letters and problem cases (问题件) from head office, to be answered within 10 days."""

    __tablename__ = "hq_letters"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    remote_id: Mapped[str] = mapped_column(String(64), unique=True)
    # review | medical_exam | investigation | financial_evidence | health_evidence | decision | problem
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    # Issue 19 (migration 0011): each kind's own fields as JSON (examination hospital and time,
    # investigator, the decision's terms…), the Planner visit booked for a medical examination,
    # and the client's answer to an underwriting decision.
    fields_json: Mapped[str] = mapped_column(Text, default="{}")
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    decision: Mapped[str | None] = mapped_column(String(10))  # accepted | declined
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
