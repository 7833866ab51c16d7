"""What the handover-list service takes and returns: frozen dataclasses, no ORM objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from app.errors import InvalidInput
from app.rules import signature as signature_rules
from app.rules.ids import HandoverId, OutletId, ProposalId, ReceiptId
from app.rules.problem import Problem

APPLICATION_MATERIALS = "application_materials"
POLICY_CONTRACTS = "policy_contracts"
KINDS = (APPLICATION_MATERIALS, POLICY_CONTRACTS)
TITLES = {APPLICATION_MATERIALS: "投保资料交接清单", POLICY_CONTRACTS: "保险合同交接清单"}
SIGNERS = ("manager", "teller")
MAX_COPIES = 9
MAX_DESCRIPTION = 200

SignatureInput = tuple[signature_rules.Signature, bytes]  # the strokes, and the PNG for printing


class InvalidHandover(InvalidInput):
    """Refused input; `problems` carry each reason in both languages for the UI."""

    code = "invalid_handover"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.en for p in self.problems), "Nothing was saved: correct these and try again.",
                         zh="".join(p.zh_CN for p in self.problems),
                         hint_zh="未保存任何内容：请更正后重试。")  # fmt: skip


@dataclass(frozen=True)
class ItemInput:
    """One document on a list: a proposal for application materials, a receipt for contracts."""

    proposal_id: ProposalId | None = None
    receipt_id: ReceiptId | None = None
    copies: int = 1
    description: str = ""  # blank: the document's own description


@dataclass(frozen=True)
class Candidate:
    """A document that may go on a list of `kind`; never carries ID or phone numbers."""

    kind: str
    proposal_id: ProposalId
    receipt_id: ReceiptId | None
    day: date | None  # application date, or the day the client signed the receipt
    product_name: str
    policyholder: str
    policy_number: str
    return_due_on: date | None
    outlet_id: OutletId | None
    description: str

    @property
    def document_id(self) -> str:
        return self.receipt_id or self.proposal_id

    def item(self, copies: int = 1) -> ItemInput:
        if self.kind == POLICY_CONTRACTS:
            return ItemInput(receipt_id=self.receipt_id, copies=copies, description=self.description)
        return ItemInput(proposal_id=self.proposal_id, copies=copies, description=self.description)


@dataclass(frozen=True)
class HandoverSummary:
    id: HandoverId
    kind: str
    day: date
    outlet_id: OutletId | None
    outlet_name: str
    teller_name: str
    manager_name: str
    status: str  # draft | signed
    signed_at: datetime | None
    item_count: int
    total_copies: int
    created_at: datetime  # with `day` and `id`, the keyset for paging

    @property
    def title(self) -> str:
        return TITLES[self.kind]


@dataclass(frozen=True)
class HandoverItemView:
    number: int  # 1-based, as printed
    proposal_id: ProposalId | None
    receipt_id: ReceiptId | None
    description: str
    policyholder: str
    product_name: str
    policy_number: str
    copies: int

    @property
    def document_id(self) -> str | None:
        return self.receipt_id or self.proposal_id


@dataclass(frozen=True)
class SignatureView:
    role: str  # manager | teller
    name: str
    png: bytes
    signed_at: datetime


@dataclass(frozen=True)
class HandoverView:
    id: HandoverId
    kind: str
    day: date
    outlet_id: OutletId | None
    outlet_code: str
    outlet_name: str
    teller_name: str
    manager_name: str
    manager_code: str
    status: str  # draft | signed
    signed_at: datetime | None
    items: tuple[HandoverItemView, ...]
    signatures: tuple[SignatureView, ...]

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def total_copies(self) -> int:
        return sum(item.copies for item in self.items)

    def signature(self, role: str) -> SignatureView | None:
        return next((s for s in self.signatures if s.role == role), None)


@dataclass(frozen=True)
class Signed:
    list_id: HandoverId
    signed_at: datetime


def describe(kind: str, product_name: str, policyholder: str, policy_number: str = "", form_number: str = "") -> str:
    """The default line on the form: what the paper is, for which product and whom (a proposal
    filled on paper at the counter by its printed form number)."""
    whose = "，".join(part for part in (product_name, policyholder) if part)
    if kind == POLICY_CONTRACTS:
        head = f"保单回执 {policy_number}".strip()
    else:
        head = f"纸质投保单 {form_number}" if form_number else "投保单"
    return f"{head}（{whose}）" if whose else head
