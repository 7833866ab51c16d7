"""Shared pieces of the demo generator: the seeded random source, local time, people and IDs."""

from __future__ import annotations

import json
import random
import uuid
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any, TypeVar

from pypinyin import Style, lazy_pinyin

from app.demo import vocabulary as vocab
from app.rules.id_numbers import make_resident_id

T = TypeVar("T")

YUAN = 100  # in cents, the unit every money column is kept in
# Rows for bulk inserts, table by table, in an order that satisfies the foreign keys.
Batch = list[tuple[type[Any], list[dict[str, Any]]]]

UTC = UTC
# Asia/Shanghai has had no daylight saving since 1991, so a fixed offset is exact here.
SHANGHAI_OFFSET = timedelta(hours=8)


class DemoRandom(random.Random):
    """The only source of randomness, so one seed and one `today` give the same database."""

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.getrandbits(128), version=4))

    # The three helpers below do what randint/choice/choices do, about three times faster; the
    # client loop calls them millions of times for a 100,000-card book.
    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        return items[bisect(cum_weights, self.random() * cum_weights[-1])]

    def day_between(self, first: date, last: date) -> date:
        return date.fromordinal(first.toordinal() + int(self.random() * ((last - first).days + 1)))

    def digits(self, count: int) -> str:
        return f"{self.randrange(10**count):0{count}d}"


def local_time(day: date, minutes: int) -> datetime:
    """`minutes` after local midnight on `day`, as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minutes) - SHANGHAI_OFFSET


def record(rid: str, created_at: datetime, **fields: Any) -> dict[str, Any]:
    """A row for a bulk insert: every table carries id and both stamps."""
    return {"id": rid, "created_at": created_at, "updated_at": created_at, **fields}


def canonical_json(payload: Any) -> str:
    """One spelling of a document, so its SHA-256 is the same wherever it is computed."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no canonical JSON form")


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass
class Person:
    """Someone who may appear on a proposal: a client or one of their family."""

    name: str
    gender: str
    birth: date
    region: str
    id_number: str = ""


class NameMaker:
    """Chinese names with their pinyin; pinyin is looked up once per character, not per name."""

    def __init__(self, rng: DemoRandom) -> None:
        self._rng = rng
        self._surnames = [s for s, _ in vocab.SURNAMES]
        self._cum_weights = list(accumulate(w for _, w in vocab.SURNAMES))
        chars = {c for s in self._surnames for c in s} | set(vocab.GIVEN_MALE + vocab.GIVEN_FEMALE)
        self._pinyin = {c: lazy_pinyin(c, style=Style.NORMAL)[0] for c in sorted(chars)}
        self._initial = {c: lazy_pinyin(c, style=Style.FIRST_LETTER)[0] for c in sorted(chars)}

    def surname(self) -> str:
        return self._rng.weighted(self._surnames, self._cum_weights)

    def given(self, gender: str) -> str:
        rng = self._rng
        pool = vocab.GIVEN_MALE if gender == "M" else vocab.GIVEN_FEMALE
        first = rng.pick(pool)
        return first if rng.random() < 0.3 else first + rng.pick(pool)

    def full(self, gender: str, surname: str | None = None) -> str:
        return (surname or self.surname()) + self.given(gender)

    def pinyin(self, name: str) -> tuple[str, str]:
        """(full pinyin, initials), lower case without spaces: 张三 → ("zhangsan", "zs")."""
        return "".join(self._pinyin[c] for c in name), "".join(self._initial[c] for c in name)


class IdentityMaker:
    """Resident IDs and mobiles that are valid and never repeat within one demo database."""

    def __init__(self, rng: DemoRandom) -> None:
        self._rng = rng
        self._ids: set[str] = set()
        self._mobiles: set[str] = set()
        self._passports: set[str] = set()
        self._always_valid = [code for code, first, _, _ in vocab.REGIONS if first == 0]

    def _region_for(self, preferred: str, birth: date) -> str:
        """`preferred` if the code existed in the birth year, else one that always did."""
        if _REGION_FIRST_YEAR[preferred] <= birth.year:
            return preferred
        return self._rng.choice(self._always_valid)

    def resident_id(self, person: Person) -> str:
        region = self._region_for(person.region, person.birth)
        while True:
            number = make_resident_id(region, person.birth, self._rng.between(0, 499), person.gender)
            if number not in self._ids:
                self._ids.add(number)
                return number

    def passport(self) -> str:
        while True:
            number = "E" + self._rng.digits(8)
            if number not in self._passports:
                self._passports.add(number)
                return number

    def mobile(self) -> str:
        while True:
            number = self._rng.pick(vocab.MOBILE_PREFIXES) + self._rng.digits(8)
            if number not in self._mobiles:
                self._mobiles.add(number)
                return number


_REGION_FIRST_YEAR = {code: first for code, first, _, _ in vocab.REGIONS}
