"""What the outlet service hands out and takes in: frozen dataclasses, never ORM rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from app.errors import InvalidInput
from app.rules.ids import OutletId

ROLES = ("head", "lobby_manager", "wealth_manager", "teller", "other")
STOCK_KINDS = ("form", "brochure")
MONEY_FIELDS = (
    "deposit_personal_cents",
    "deposit_corporate_cents",
    "deposit_target_cents",
    "premium_target_cents",
)


@dataclass(frozen=True)
class StaffEntry:
    name: str
    role: str = "teller"  # one of ROLES
    phone: str = ""
    birthday: date | None = None
    hobbies: str = ""
    notes: str = ""
    id: str | None = None  # None for a row not saved yet


@dataclass(frozen=True)
class CompetitorEntry:
    company: str
    yearly_premium_cents: int | None = None
    last_three_months_premium_cents: int | None = None
    sales_model: str = ""
    strengths: str = ""
    id: str | None = None


@dataclass(frozen=True)
class StockEntry:
    kind: str  # one of STOCK_KINDS
    item: str
    quantity: int = 0
    reorder_level: int = 0
    id: str | None = None

    @property
    def is_low(self) -> bool:
        return self.quantity <= self.reorder_level


@dataclass(frozen=True)
class OutletDraft:
    """Everything the outlet editor edits. `id` is None for an outlet not saved yet."""

    code: str
    name: str
    id: OutletId | None = None
    bank: str = ""
    address: str = ""
    phone: str = ""
    deposit_personal_cents: int | None = None
    deposit_corporate_cents: int | None = None
    deposit_target_cents: int | None = None
    premium_target_cents: int | None = None
    notes: str = ""
    staff: tuple[StaffEntry, ...] = ()
    competitors: tuple[CompetitorEntry, ...] = ()
    stock: tuple[StockEntry, ...] = ()


@dataclass(frozen=True)
class OutletFile:
    id: OutletId
    code: str
    name: str
    bank: str
    address: str
    phone: str
    deposit_personal_cents: int | None
    deposit_corporate_cents: int | None
    deposit_target_cents: int | None
    premium_target_cents: int | None
    notes: str
    staff: tuple[StaffEntry, ...]
    competitors: tuple[CompetitorEntry, ...]
    stock: tuple[StockEntry, ...]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class OutletSummary:
    id: OutletId
    code: str
    name: str
    bank: str
    staff_count: int
    low_stock_count: int


@dataclass(frozen=True)
class StaffBirthday:
    outlet_id: OutletId
    outlet_name: str
    staff_id: str
    name: str
    role: str
    phone_masked: str
    birthday: date
    next_on: date  # the coming birthday (28 February for 29 February in other years)
    days_away: int
    turning: int


@dataclass(frozen=True)
class OutletProblem:
    """One reason a draft was refused. `row` is the 0-based row of its section's table, and
    `code` is stable so the UI can show its own translated text beside the field."""

    section: str  # outlet | staff | competitors | stock
    field: str
    code: str
    message: str
    row: int | None = None


class InvalidOutlet(InvalidInput):
    code = "invalid_outlet"

    def __init__(self, problems: Iterable[OutletProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            " ".join(p.message for p in self.problems),
            "Nothing was saved: correct these and save again.",
            zh=f"网点档案有 {len(self.problems)} 处需要更正。",
            hint_zh="未保存任何内容：请更正后再保存。",
        )


class OutletInUse(InvalidInput):
    code = "outlet_in_use"

    def __init__(self, clients: int) -> None:
        super().__init__(
            f"{clients} client cards still belong to this outlet.",
            "Move them to another outlet first; the outlet was not deleted.",
            zh=f"仍有 {clients} 份客户档案属于此网点。",
            hint_zh="请先把它们移到其他网点；此网点未删除。",
        )
        self.clients = clients
