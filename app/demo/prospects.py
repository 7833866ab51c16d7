"""Demo prospects (准客户): people met over the last three weeks but not yet clients."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.common import DemoRandom, IdentityMaker, NameMaker, local_time, record
from app.demo.outlets import OutletInfo
from app.rules.working_days import is_working_day

MIN_PROSPECTS, MAX_PROSPECTS = 20, 2_000
CAPTURE_DAYS = 20  # captured from three weeks ago up to the demo's today
TODAY_RANGE = (2, 4)  # captured on the day itself: the "10 new prospects" bar is part full
# Converted is missing on purpose: a conversion makes a client card, which the demo does not.
STAGES = ("new", "contacted", "interviewed", "proposed", "lost")
STAGE_CUM = tuple(accumulate((35, 33, 12, 8, 12)))
FRESH_STAGE_CUM = tuple(accumulate((70, 30)))  # captured in the last two days: new or contacted
# Not referred by anyone: how they were met.
SOURCES = ("walk_in", "outlet_staff", "event")
SOURCE_CUM = tuple(accumulate((45, 30, 25)))
CLIENT_REFERRAL = 0.33
PROSPECT_REFERRAL = 0.05


def prospect_count(clients: int) -> int:
    """About one prospect per 50 clients, at least 20 and at most 2,000."""
    return max(MIN_PROSPECTS, min(MAX_PROSPECTS, clients // 50))


def build_prospects(
    rng: DemoRandom,
    names: NameMaker,
    identities: IdentityMaker,
    today: date,
    client_ids: list[str],
    outlets: list[OutletInfo],
    count: int,
) -> list[dict[str, Any]]:
    """`count` prospect rows in the order they were captured, so a referring prospect comes first.

    Mobiles come from `identities`, which also made every client's: none repeats a card's or
    another prospect's (the prospect service refuses such a duplicate)."""
    on_today = min(count, rng.between(*TODAY_RANGE))
    days = [today - timedelta(days=offset) for offset in range(1, CAPTURE_DAYS + 1)]
    # Mostly captured on working days; a weekend event or walk-in now and then.
    weights = [5 if is_working_day(day) else 1 for day in days]
    captured = [today] * on_today + rng.choices(days, weights, k=count - on_today)
    stamps = sorted(local_time(day, rng.between(9 * 60, 11 * 60 if day == today else 18 * 60)) for day in captured)
    now = local_time(today, 11 * 60)
    rows: list[dict[str, Any]] = []
    for created in stamps:
        day = (created + timedelta(hours=8)).date()
        gender = "M" if rng.random() < 0.5 else "F"
        age = rng.between(22, 68) if rng.random() < 0.6 else None
        occupation = ""
        if rng.random() < 0.5:
            retired = age is not None and age >= (60 if gender == "M" else 55)
            occupation = vocab.RETIRED if retired else rng.pick(vocab.OCCUPATIONS)[0]
        referred_by_client = referred_by_prospect = None
        roll = rng.random()
        if roll < CLIENT_REFERRAL:
            referred_by_client = rng.pick(client_ids)
        elif roll < CLIENT_REFERRAL + PROSPECT_REFERRAL and rows:
            referred_by_prospect = rng.pick(rows)["id"]
        referred = referred_by_client is not None or referred_by_prospect is not None
        source = "referral" if referred else rng.weighted(SOURCES, SOURCE_CUM)
        if day == today:
            stage = "new"
        elif (today - day).days <= 2:
            stage = rng.weighted(STAGES[:2], FRESH_STAGE_CUM)
        else:
            stage = rng.weighted(STAGES, STAGE_CUM)
        row = record(
            rng.uuid(),
            created,
            name=names.full(gender),
            mobile=identities.mobile(),
            gender=gender if rng.random() < 0.8 else None,
            age=age,
            occupation=occupation,
            housing=rng.pick(vocab.PROSPECT_HOUSING) if rng.random() < 0.4 else "",
            car=rng.pick(vocab.PROSPECT_CARS) if rng.random() < 0.35 else "",
            family=rng.pick(vocab.PROSPECT_FAMILY) if rng.random() < 0.4 else "",
            interests="、".join(rng.sample(vocab.PROSPECT_INTERESTS, rng.between(1, 3))) if rng.random() < 0.5 else "",
            source=source,
            referred_by_client_id=referred_by_client,
            referred_by_prospect_id=referred_by_prospect,
            outlet_id=rng.pick(outlets).id if source != "event" or rng.random() < 0.5 else None,
            stage=stage,
            captured_on=day,
            notes=rng.pick(vocab.PROSPECT_NOTES_BY_SOURCE[source]) if rng.random() < 0.4 else "",
            converted_client_id=None,
        )
        if stage != "new":
            # Moved on since capture: the stage was changed later, by this morning at the latest.
            seconds = int((now - created).total_seconds())
            row["updated_at"] = created + timedelta(seconds=rng.between(0, max(0, seconds)))
        rows.append(row)
    return rows
