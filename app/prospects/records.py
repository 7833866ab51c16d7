"""What the prospect service hands out and takes in: frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.rules.ids import ClientId, OutletId, ProspectId

# new → contacted → interviewed → proposed → converted (a client card now) | lost
STAGES = ("new", "contacted", "interviewed", "proposed", "converted", "lost")
# As a client card's sources, plus an event (a salon, a community talk); `event` becomes `other`
# on the card, whose sources have no event.
SOURCES = ("walk_in", "referral", "outlet_staff", "event", "other")


@dataclass(frozen=True)
class ProspectInput:
    """The capture form: a name and a mobile number; everything else may stay empty."""

    name: str
    mobile: str
    gender: str | None = None  # M | F
    age: int | None = None
    occupation: str = ""
    housing: str = ""
    car: str = ""
    family: str = ""
    interests: str = ""
    source: str = "walk_in"
    referred_by_client_id: ClientId | None = None
    referred_by_prospect_id: ProspectId | None = None
    outlet_id: OutletId | None = None
    notes: str = ""


@dataclass(frozen=True)
class ProspectRow:
    """One line of the prospect list; the mobile is masked already."""

    id: ProspectId
    name: str
    mobile_masked: str
    gender: str | None
    age: int | None
    occupation: str
    interests: str
    source: str
    stage: str
    captured_on: date
    referrer_name: str  # the client or prospect who referred them, "" if none
    converted_client_id: ClientId | None


@dataclass(frozen=True)
class Referral:
    """Someone a client or prospect referred, or who referred them."""

    kind: str  # client | prospect
    id: str
    name: str
    stage: str  # a prospect's stage; "" for a client


@dataclass(frozen=True)
class ProspectDetail:
    row: ProspectRow
    fields: ProspectInput  # as stored (the mobile in full: the form edits it)
    referred_by: Referral | None
    referred: tuple[Referral, ...]  # whom this prospect referred


@dataclass(frozen=True)
class MobileMatch:
    """A client card or prospect that already has the mobile number typed."""

    kind: str  # client | prospect
    id: str
    name: str
    mobile_masked: str


@dataclass(frozen=True)
class CaptureResult:
    """Either the prospect saved, or the card or prospect with the same mobile (nothing saved)."""

    prospect: ProspectRow | None
    match: MobileMatch | None


@dataclass(frozen=True)
class Conversion:
    prospect_id: ProspectId
    client_id: ClientId
    status: str  # the new card's status: draft until its ID number is typed in
    moved_entries: int  # work-log entries now on the client's card
