"""Demo outlets (网点): the branches themselves, their staff, competitors and stock of paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.common import (
    YUAN,
    Batch,
    DemoRandom,
    IdentityMaker,
    NameMaker,
    add_years,
    local_time,
    record,
)
from local_db.models import Competitor, Outlet, OutletStaff, OutletStockItem


@dataclass(frozen=True)
class OutletInfo:
    """What later steps need to know about an outlet without reading it back."""

    id: str
    code: str
    name: str
    bank: str
    city: str
    district: str
    tellers: tuple[str, ...]


def outlet_count(clients: int) -> int:
    """About one outlet per 5,000 clients: a manager covers a handful up to a whole district."""
    return max(3, min(40, round(clients / 5000)))


def build_outlets(
    rng: DemoRandom, names: NameMaker, identities: IdentityMaker, today: date, count: int
) -> tuple[list[OutletInfo], Batch]:
    # A small book stays in one city; bigger ones spread four outlets to a city.
    cities = vocab.CITIES[: max(1, min(len(vocab.CITIES), count // 4))]
    outlets: list[OutletInfo] = []
    outlet_rows, staff_rows, competitor_rows, stock_rows = [], [], [], []
    used_names: set[str] = set()
    per_city: dict[str, int] = {}
    for i in range(count):
        city, prefix, area = cities[i % len(cities)]
        per_city[city] = per_city.get(city, 0) + 1
        districts = [d for _, _, c, d in vocab.REGIONS if c == city]
        district = rng.choice(districts)
        road = rng.choice(vocab.ROADS[city])
        bank = rng.choice(vocab.BANKS)
        # Two branches of one bank in one district are told apart by their street.
        name = next(
            n
            for n in (
                f"{bank}{city}{district}支行",
                f"{bank}{city}{road}支行",
                f"{bank}{city}{road}第{i}支行",
            )
            if n not in used_names
        )
        used_names.add(name)
        code = f"{prefix}{per_city[city]:03d}"
        phone = f"{area}-{rng.choice('5678')}{rng.digits(7)}"
        info, tellers, staff = _outlet(rng, names, identities, today, name, bank, city, district, road)
        info.update(code=code, phone=phone)
        outlets.append(OutletInfo(info["id"], code, name, bank, city, district, tellers))
        outlet_rows.append(info)
        staff_rows.extend(staff)
        competitor_rows.extend(_competitors(rng, info["id"], info["created_at"]))
        stock_rows.extend(_stock(rng, info["id"], info["created_at"]))
    batch: Batch = [
        (Outlet, outlet_rows),
        (OutletStaff, staff_rows),
        (Competitor, competitor_rows),
        (OutletStockItem, stock_rows),
    ]
    return outlets, batch


def _outlet(
    rng: DemoRandom,
    names: NameMaker,
    identities: IdentityMaker,
    today: date,
    name: str,
    bank: str,
    city: str,
    district: str,
    road: str,
) -> tuple[dict[str, Any], tuple[str, ...], list[dict[str, Any]]]:
    created = local_time(rng.day_between(add_years(today, -5), add_years(today, -3)), 9 * 60)
    personal = rng.randrange(200_000_000, 3_000_000_000, 1_000_000) * YUAN
    corporate = rng.randrange(100_000_000, 5_000_000_000, 1_000_000) * YUAN
    row = record(
        rng.uuid(),
        created,
        name=name,
        bank=bank,
        address=f"{city}市{district}区{road}{rng.randint(1, 400)}号",
        deposit_personal_cents=personal,
        deposit_corporate_cents=corporate,
        # Targets are set a tenth or so above the current scale, as the branches do.
        deposit_target_cents=(personal + corporate) * rng.randint(105, 120) // 100,
        premium_target_cents=rng.randrange(5_000_000, 30_000_000, 100_000) * YUAN,
        notes="",
    )
    roles = list(vocab.STAFF_ROLES_FIXED)
    roles += ["wealth_manager"] * rng.randint(1, 3) + ["teller"] * rng.randint(1, 3)
    staff = []
    tellers = []
    for role in roles:
        gender = "F" if rng.random() < 0.6 else "M"
        person = names.full(gender)
        if role == "teller":
            tellers.append(person)
        birthday = rng.day_between(add_years(today, -55), add_years(today, -22))
        hobbies = "、".join(rng.sample(vocab.HOBBIES, rng.randint(1, 2)))
        staff.append(
            record(
                rng.uuid(),
                created,
                outlet_id=row["id"],
                name=person,
                role=role,
                phone=identities.mobile(),
                birthday=birthday,
                hobbies=hobbies,
                notes="",
            )
        )
    return row, tuple(tellers), staff


def _competitors(rng: DemoRandom, outlet_id: str, created: datetime) -> list[dict[str, Any]]:
    rows = []
    for company, model, strengths in rng.sample(vocab.COMPETITORS, rng.randint(1, 3)):
        yearly = rng.randrange(500_000, 10_000_000, 100) * YUAN
        rows.append(
            record(
                rng.uuid(),
                created,
                outlet_id=outlet_id,
                company=company,
                yearly_premium_cents=yearly,
                last_three_months_premium_cents=yearly * rng.randint(15, 35) // 100,
                sales_model=model,
                strengths=strengths,
            )
        )
    return rows


def _stock(rng: DemoRandom, outlet_id: str, created: datetime) -> list[dict[str, Any]]:
    rows = []
    for kind, item in vocab.STOCK_ITEMS:
        reorder = rng.choice((20, 30, 50))
        # About one item in six is below its reorder level, so the restock reminder shows.
        quantity = rng.randint(0, reorder - 1) if rng.random() < 0.17 else rng.randint(reorder, 200)
        rows.append(
            record(
                rng.uuid(),
                created + timedelta(days=rng.randint(0, 30)),
                outlet_id=outlet_id,
                kind=kind,
                item=item,
                quantity=quantity,
                reorder_level=reorder,
            )
        )
    return rows
