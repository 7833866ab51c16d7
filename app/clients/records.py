"""What the client services hand out and take in: frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.rules.ids import ClientId, OutletId
from app.rules.problem import Problem


@dataclass(frozen=True)
class ClientRow:
    """One line of a list or search result; ID and phone are masked already."""

    id: ClientId
    name: str
    gender: str | None
    age: int | None
    segment: str | None
    tier: str
    mobile_masked: str
    id_masked: str
    outlet_name: str
    last_contact_at: datetime | None
    next_maturity_on: date | None
    blacklisted: bool
    is_draft: bool
    tags: tuple[str, ...]


@dataclass(frozen=True)
class FamilyEntry:
    relation: str  # spouse | child | parent | other
    name: str = ""
    birth_date: date | None = None
    education_stage: str | None = None
    supported: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ProductEntry:
    product_type: str  # deposit | wealth | fund | insurance | bond | other
    product_name: str
    amount_cents: int = 0
    start_on: date | None = None
    maturity_on: date | None = None


@dataclass(frozen=True)
class DateEntry:
    kind: str  # anniversary | child_birthday | other
    on: date
    label: str = ""
    yearly: bool = True


@dataclass(frozen=True)
class ClientDraft:
    """Everything the card form edits. `id` is None for a card not saved yet."""

    name: str
    id: ClientId | None = None
    gender: str | None = None
    birth_date: date | None = None
    id_type: str = "resident_id"
    id_number: str = ""
    mobile: str = ""
    phone_other: str = ""
    address: str = ""
    occupation: str = ""
    employer: str = ""
    tier: str = "ordinary"
    source: str = "walk_in"
    risk_preference: str | None = None
    income_band: str | None = None
    assets_cents: int = 0
    investments: str = ""
    hobbies: str = ""
    notes: str = ""
    blacklisted: bool = False
    blacklist_reason: str = ""
    outlet_id: OutletId | None = None
    tags: tuple[str, ...] = ()
    family: tuple[FamilyEntry, ...] = ()
    products: tuple[ProductEntry, ...] = ()
    dates: tuple[DateEntry, ...] = ()


@dataclass(frozen=True)
class ClientCard:
    """A saved card: the draft fields plus what the app derives and keeps."""

    draft: ClientDraft
    status: str  # valid | draft
    age: int | None
    segment: str | None
    id_masked: str
    mobile_masked: str
    phone_other_masked: str
    outlet_name: str
    last_contact_at: datetime | None
    next_maturity_on: date | None
    created_at: datetime
    updated_at: datetime
    problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class SaveResult:
    client_id: ClientId
    status: str  # valid | draft
    problems: tuple[Problem, ...]
    created: bool


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # visit | worklog | proposal | receipt | call_record | needs_interview | closing_interview
    title: str
    detail: str
    record_id: str
