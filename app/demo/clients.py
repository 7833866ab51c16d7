"""Demo client cards (客户档案) with family, products held, important dates and tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.common import (
    SHANGHAI_OFFSET,
    YUAN,
    Batch,
    DemoRandom,
    IdentityMaker,
    NameMaker,
    Person,
    add_years,
    age_on,
    local_time,
    record,
)
from app.demo.outlets import OutletInfo
from local_db.models import Client, ClientTag, FamilyMember, ImportantDate, ProductHolding

TIERS = ("ordinary", "gold", "platinum", "diamond", "private")
TIER_CUM = tuple(accumulate((70, 18, 8, 3, 1)))
VIP_CUM = tuple(accumulate((18, 8, 3, 1)))  # gold and above, for the cards chosen to be at gold+
# Care messages (app/day/care.py) greet a card created, or a tier reached, within the last 30
# days; every other card's history ends before this many days ago, so only the chosen few show.
RECENT_DAYS = 31
# Assets at the bank per tier, in yuan; private banking starts at 8,000,000 by the manuals.
TIER_ASSETS = (
    (100, 100_000),
    (100_000, 500_000),
    (500_000, 2_000_000),
    (2_000_000, 8_000_000),
    (8_000_000, 60_000_000),
)
TIER_INCOME = ((0, 2), (1, 3), (2, 4), (3, 5), (4, 5))  # index range into INCOME_BANDS
# (youngest, oldest): mostly working-age adults, a few children and pensioners.
AGE_BANDS = ((0, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 84))
AGE_CUM = tuple(accumulate((2, 6, 18, 22, 22, 17, 13)))
OWNER_AGES = (25, 60)  # proposal owners sign as policyholder, so they are working-age adults
RISKS = ("conservative", "steady", "balanced", "growth", "aggressive")
RISK_CUM = tuple(accumulate((25, 35, 25, 10, 5)))
SOURCES = ("walk_in", "referral", "outlet_staff", "other")
SOURCE_CUM = tuple(accumulate((50, 25, 20, 5)))
PRODUCT_TYPES = ("deposit", "wealth", "fund", "insurance", "bond", "other")
PRODUCT_CUM = tuple(accumulate((35, 25, 15, 15, 7, 3)))
PRODUCT_COUNT_CUM = tuple(accumulate((25, 40, 25, 10)))  # 0-3 products held
TAG_COUNT_CUM = tuple(accumulate((40, 40, 20)))  # 0-2 tags
PRODUCT_TERMS = {"deposit": (1, 3, 5), "wealth": (1,), "insurance": (5, 10), "bond": (3, 5)}
EARLIEST_BIRTH, LATEST_BIRTH = date(1940, 1, 1), date(2024, 12, 31)


@dataclass
class Profile:
    """A proposal owner's card, kept in memory so proposals can copy it."""

    client_id: str
    outlet: OutletInfo
    person: Person
    mobile: str
    address: str
    occupation: str
    spouse: Person | None = None
    children: list[Person] = field(default_factory=list)


class ClientMaker:
    def __init__(
        self,
        rng: DemoRandom,
        names: NameMaker,
        identities: IdentityMaker,
        outlets: list[OutletInfo],
        today: date,
        *,
        first_seen: dict[int, datetime] | None = None,
        fresh: set[int] | frozenset[int] = frozenset(),
        promoted: set[int] | frozenset[int] = frozenset(),
        vip: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        """`first_seen`: the earliest mention of a card in the diary or log (its card is no newer);
        `fresh`: cards created within the last 30 days (their history must start then);
        `promoted`: cards that reached their tier within the last 30 days; `vip`: cards that are
        adults at gold or above whatever the dice say (the promoted and a few fresh ones)."""
        self._rng = rng
        self._names = names
        self._ids = identities
        self._outlets = outlets
        self._today = today
        self._first_seen = first_seen or {}
        self._fresh = fresh
        self._promoted = promoted
        self._vip = vip | promoted
        self._codes_by_city: dict[str, list[tuple[str, int, str]]] = {}
        for code, first, city, district in vocab.REGIONS:
            self._codes_by_city.setdefault(city, []).append((code, first, district))
        self._all_codes = [(code, first, district) for code, first, _, district in vocab.REGIONS]
        # Date windows that depend only on today, worked out once instead of per card.
        self._birth_windows = [self._birth_window(young, old) for young, old in AGE_BANDS]
        self._owner_window = self._birth_window(*OWNER_AGES)
        self._created_window = (add_years(today, -5), today - timedelta(days=RECENT_DAYS))
        self._fresh_window = (today - timedelta(days=RECENT_DAYS - 2), today - timedelta(days=1))
        self._old_contact_end = local_time(today - timedelta(days=22), 18 * 60)
        self._start_windows = {
            years: (add_years(today, -2 - years), min(today, add_years(today, 3 - years)))
            for terms in PRODUCT_TERMS.values()
            for years in terms
        }
        self._fund_window = (add_years(today, -3), today)
        # Rows of the batch being built.
        self._clients: list[dict[str, Any]] = []
        self._family: list[dict[str, Any]] = []
        self._products: list[dict[str, Any]] = []
        self._dates: list[dict[str, Any]] = []
        self._tags: list[dict[str, Any]] = []

    def _birth_window(self, youngest: int, oldest: int) -> tuple[date, date]:
        first = max(EARLIEST_BIRTH, add_years(self._today, -oldest - 1) + timedelta(days=1))
        last = min(LATEST_BIRTH, add_years(self._today, -youngest), self._today - timedelta(days=1))
        return first, max(first, last)

    def batch(
        self,
        ids: list[str],
        outlet_of: list[int],
        start: int,
        stop: int,
        last_contact: dict[int, datetime],
        owners: set[int],
    ) -> tuple[Batch, dict[int, Profile]]:
        """Rows for clients start..stop-1; `owners` get adult resident-ID cards and a Profile."""
        self._clients, self._family, self._products, self._dates, self._tags = [], [], [], [], []
        profiles: dict[int, Profile] = {}
        for index in range(start, stop):
            profile = self._client(
                index,
                ids[index],
                self._outlets[outlet_of[index]],
                last_contact.get(index),
                index in owners,
            )
            if profile is not None:
                profiles[index] = profile
        batch: Batch = [
            (Client, self._clients),
            (FamilyMember, self._family),
            (ProductHolding, self._products),
            (ImportantDate, self._dates),
            (ClientTag, self._tags),
        ]
        return batch, profiles

    def _client(
        self, index: int, client_id: str, outlet: OutletInfo, contact: datetime | None, owner: bool
    ) -> Profile | None:
        rng, today = self._rng, self._today
        fresh, vip = index in self._fresh, index in self._vip
        gender = "M" if rng.random() < 0.49 else "F"
        adult = owner or vip
        birth = rng.day_between(*(self._owner_window if adult else rng.weighted(self._birth_windows, AGE_CUM)))
        age = age_on(birth, today)
        region, district = self._region(outlet.city, birth)
        surname = self._names.surname()
        name = surname + self._names.given(gender)
        pinyin, initials = self._names.pinyin(name)
        person = Person(name, gender, birth, region)
        passport = not owner and rng.random() < 0.01
        person.id_number = self._ids.passport() if passport else self._ids.resident_id(person)
        mobile = self._ids.mobile()
        street = f"{rng.pick(vocab.ROADS[outlet.city])}{rng.between(1, 999)}号"
        building, unit = rng.between(1, 30), rng.between(1, 6)
        flat = f"{building}栋{unit}单元{rng.between(1, 30)}{rng.between(1, 4):02d}室"
        address = f"{outlet.city}市{district}区{street}{flat}"
        occupation, employer = self._work(age, gender, outlet.city)
        if age < 18:
            tier = 0
        elif vip:
            tier = rng.weighted(range(1, 5), VIP_CUM)
        else:
            tier = rng.weighted(range(5), TIER_CUM)
        low, high = TIER_ASSETS[tier]
        # Squaring skews balances toward the bottom of each band, as real books are.
        assets = (low + int((high - low) * rng.random() ** 2)) // 100 * 100 * YUAN
        seen = self._first_seen.get(index)
        if fresh:
            # Opened in the last 30 days, before the diary or log first mentions the card; its
            # products were all bought since.
            first, last = self._fresh_window
            if seen is not None:
                last = max(first, min(last, (seen + SHANGHAI_OFFSET).date()))
            opened = rng.day_between(first, last)
            plans = self._plan_products(birth, opened)
        else:
            plans = self._plan_products(birth, None)
            # Spread over the years, but no later than the card's first product or first mention.
            opened = min([rng.day_between(*self._created_window), *(start for _, start, _ in plans)])
            opened = max(opened, birth)
        created = local_time(opened, rng.between(9 * 60, 17 * 60))
        if seen is not None and seen < created:
            created = seen
        updated = created
        if rng.random() < 0.4 and created < self._old_contact_end:
            # Edited since (a new address, a tier review), still before the last three weeks.
            seconds = int((self._old_contact_end - created).total_seconds())
            updated = created + timedelta(seconds=rng.between(0, seconds))
        tier_since = None
        if tier and not fresh:
            # The day the card reached its tier; a card opened at it (a fresh one) has none, as
            # the client service leaves it. Only the promoted reached it in the last 30 days.
            reached = rng.day_between(opened, max(opened, today - timedelta(days=RECENT_DAYS)))
            if index in self._promoted:
                reached = rng.day_between(today - timedelta(days=RECENT_DAYS - 2), today)
            tier_since = reached
        if contact is None and rng.random() < 0.75:
            # Older contacts only: the last three weeks are covered by the generated diary and log.
            minutes = int((self._old_contact_end - created).total_seconds()) // 60
            contact = created + timedelta(minutes=rng.between(0, max(0, minutes)))
        blacklisted = not owner and age >= 18 and rng.random() < 0.01
        spouse, children = self._family_of(client_id, person, surname, age, created)
        kinds, next_maturity = self._products_of(client_id, plans, assets, created)
        hobbies = "、".join(rng.sample(vocab.HOBBIES, rng.between(1, 3))) if rng.random() < 0.7 else ""
        tags = rng.sample(vocab.TAGS, rng.weighted((0, 1, 2), TAG_COUNT_CUM))
        self._clients.append(
            record(
                client_id,
                created,
                updated_at=updated,
                status="valid",
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                gender=gender,
                birth_date=birth,
                id_type="passport" if passport else "resident_id",
                id_number=person.id_number,
                mobile=mobile,
                phone_other="",
                address=address,
                occupation=occupation,
                employer=employer,
                tier=TIERS[tier],
                tier_since=tier_since,
                source=rng.weighted(SOURCES, SOURCE_CUM),
                risk_preference=rng.weighted(RISKS, RISK_CUM),
                income_band=vocab.INCOME_BANDS[rng.between(*TIER_INCOME[tier])],
                assets_cents=assets,
                investments="、".join(dict.fromkeys(vocab.INVESTMENT_WORDS[k] for k in kinds)),
                hobbies=hobbies,
                notes="",
                blacklisted=blacklisted,
                blacklist_reason=rng.pick(vocab.BLACKLIST_REASONS) if blacklisted else "",
                outlet_id=outlet.id,
                last_contact_at=contact,
                next_maturity_on=next_maturity,
                merged_into_id=None,
                tags_text=" ".join(tags),
            )
        )
        for tag in tags:
            self._tags.append(record(rng.uuid(), created, client_id=client_id, tag=tag))
        if not owner:
            return None
        return Profile(client_id, outlet, person, mobile, address, occupation, spouse, children)

    def _region(self, city: str, birth: date) -> tuple[str, str]:
        """(ID region code, address district): most clients were born in the city they bank in."""
        rng = self._rng
        pool = [c for c in self._codes_by_city[city] if c[1] <= birth.year]
        if not pool or rng.random() < 0.2:
            pool = [c for c in self._all_codes if c[1] <= birth.year]
        code, _, district = rng.pick(pool)
        if not any(d == district for _, _, d in self._codes_by_city[city]):
            district = rng.pick(self._codes_by_city[city])[2]
        return code, district

    def _work(self, age: int, gender: str, city: str) -> tuple[str, str]:
        rng = self._rng
        if age < 6:
            return "", ""
        if age < 23:
            schools = vocab.SCHOOLS_FOR_STUDENTS[:3] if age >= 18 else vocab.SCHOOLS_FOR_STUDENTS[3:]
            return vocab.STUDENT, rng.pick(schools).format(city=city)
        if age >= (60 if gender == "M" else 55) and rng.random() < 0.85:
            return vocab.RETIRED, ""
        occupation, employers = rng.pick(vocab.OCCUPATIONS)
        return occupation, rng.pick(employers).format(city=city)

    def _family_of(
        self, client_id: str, client: Person, surname: str, age: int, created: datetime
    ) -> tuple[Person | None, list[Person]]:
        rng, today = self._rng, self._today
        spouse = None
        father_surname = surname
        if age >= 22 and rng.random() < 0.6:
            other = "F" if client.gender == "M" else "M"
            spouse_surname = self._names.surname()
            if other == "M":
                father_surname = spouse_surname
            birth = min(client.birth + timedelta(days=rng.between(-5 * 365, 5 * 365)), add_years(today, -20))
            spouse = Person(spouse_surname + self._names.given(other), other, birth, client.region)
            self._member(client_id, created, "spouse", spouse, None, False)
            married_from = add_years(max(client.birth, birth), 22)
            # ~17% of the married 60% gives the ~10% of cards with an anniversary to remember.
            if married_from < today and rng.random() < 0.17:
                wedding = rng.day_between(married_from, min(today, add_years(married_from, 10)))
                self._dates.append(
                    record(
                        rng.uuid(),
                        created,
                        client_id=client_id,
                        kind="anniversary",
                        label="结婚纪念日",
                        on=wedding,
                        yearly=True,
                    )
                )
        children: list[Person] = []
        if age >= 24 and rng.random() < 0.5:
            for _ in range(1 if rng.random() < 0.7 else 2):
                birth = rng.day_between(add_years(client.birth, 22), min(today, add_years(client.birth, 38)))
                child_gender = "M" if rng.random() < 0.5 else "F"
                child = Person(
                    father_surname + self._names.given(child_gender),
                    child_gender,
                    birth,
                    client.region,
                )
                children.append(child)
                self._member(client_id, created, "child", child, _education(age_on(birth, today)), False)
        if 28 <= age <= 60 and rng.random() < 0.2:
            for gender in ("M", "F")[: 1 if rng.random() < 0.7 else 2]:
                birth = client.birth - timedelta(days=rng.between(22 * 365, 35 * 365))
                parent_surname = surname if gender == "M" else self._names.surname()
                parent = Person(parent_surname + self._names.given(gender), gender, birth, client.region)
                self._member(client_id, created, "parent", parent, None, True)
        return spouse, children

    def _member(
        self,
        client_id: str,
        created: datetime,
        relation: str,
        person: Person,
        stage: str | None,
        supported: bool,
    ) -> None:
        self._family.append(
            record(
                self._rng.uuid(),
                created,
                client_id=client_id,
                relation=relation,
                name=person.name,
                birth_date=person.birth,
                education_stage=stage,
                supported=supported,
                notes="",
            )
        )

    def _plan_products(self, birth: date, since: date | None) -> list[tuple[str, date, date | None]]:
        """(kind, start, maturity) of the products held: none started before the holder was born,
        and for a card opened `since` (a fresh one), none started before it."""
        rng, today = self._rng, self._today
        plans = []
        for _ in range(rng.weighted(range(4), PRODUCT_COUNT_CUM)):
            kind = rng.weighted(PRODUCT_TYPES, PRODUCT_CUM)
            terms = PRODUCT_TERMS.get(kind)
            years = rng.pick(terms) if terms is not None else 0
            if since is not None:
                start = rng.day_between(since, today)
            elif terms is None:  # funds and gold have no maturity
                start = rng.day_between(*self._fund_window)
            else:
                # Maturing from two years ago to three years ahead, started no later than today.
                start = rng.day_between(*self._start_windows[years])
            start = max(start, birth)
            plans.append((kind, start, add_years(start, years) if terms is not None else None))
        return plans

    def _products_of(
        self, client_id: str, plans: list[tuple[str, date, date | None]], assets: int, created: datetime
    ) -> tuple[list[str], date | None]:
        rng, today = self._rng, self._today
        kinds = [kind for kind, _, _ in plans]
        next_maturity = None
        for kind, start, maturity in plans:
            if maturity is not None and maturity >= today and (next_maturity is None or maturity < next_maturity):
                next_maturity = maturity
            amount = max(1000, assets // YUAN * rng.between(10, 60) // 100 // 100 * 100) * YUAN
            self._products.append(
                record(
                    rng.uuid(),
                    created,
                    client_id=client_id,
                    product_type=kind,
                    product_name=rng.pick(vocab.PRODUCTS[kind]),
                    amount_cents=amount,
                    start_on=start,
                    maturity_on=maturity,
                )
            )
        return kinds, next_maturity


def _education(age: int) -> str:
    for limit, stage in (
        (6, "preschool"),
        (12, "primary"),
        (15, "middle"),
        (18, "high"),
        (23, "university"),
    ):
        if age < limit:
            return stage
    return "working"
