"""Demo data for the new day (issue 15): prospects, card ages spread over the years, tiers reached."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import text

from app.context import AppContext
from app.day.care import CARE_TIERS
from app.day.worklog import tally
from app.demo import DemoSummary, generate
from app.prospects.records import SOURCES

TODAY = date(2025, 6, 18)  # a Wednesday
CLIENTS = 2_000
SHANGHAI = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, DemoSummary]]:
    ctx = AppContext.open(tmp_path_factory.mktemp("demo15") / "data")
    summary = generate(ctx.store, clients=CLIENTS, seed=7, today=TODAY, worklog_days=60)
    yield ctx, summary
    ctx.close()


def _rows(ctx: AppContext, sql: str, **params: Any) -> list[Any]:
    with ctx.store.engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def _local_day(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone(SHANGHAI).date()


def test_prospects_are_about_one_in_fifty_captured_over_three_weeks(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, summary = book
    rows = _rows(ctx, "SELECT * FROM prospects")
    assert len(rows) == summary.prospects == CLIENTS // 50
    captured = Counter(date.fromisoformat(r.captured_on) for r in rows)
    assert min(captured) >= TODAY - timedelta(days=21) and max(captured) == TODAY
    # A few on the day itself: with the log's own count the "10 new prospects" bar is part full.
    assert 2 <= captured[TODAY] <= 4
    assert len(captured) >= 10
    with ctx.store.sessions() as session:
        assert captured[TODAY] <= tally(session, TODAY).prospects < 10
    stages = Counter(r.stage for r in rows)
    assert "converted" not in stages and all(r.converted_client_id is None for r in rows)
    assert stages["new"] + stages["contacted"] > len(rows) / 2
    assert stages["interviewed"] and stages["proposed"] and 0 < stages["lost"] < len(rows) / 4
    assert {r.stage for r in rows if r.captured_on == TODAY.isoformat()} == {"new"}
    for row in rows:
        assert _local_day(row.created_at) == date.fromisoformat(row.captured_on)
        assert row.updated_at >= row.created_at


def test_prospect_mobiles_are_valid_unique_and_no_clients(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    mobiles = [r.mobile for r in _rows(ctx, "SELECT mobile FROM prospects")]
    assert all(re.fullmatch(r"1[3-9]\d{9}", m) for m in mobiles)
    assert len(set(mobiles)) == len(mobiles)
    clients = {r.mobile for r in _rows(ctx, "SELECT mobile FROM clients")}
    assert clients and not clients & set(mobiles)


def test_prospect_details_referrals_and_outlets(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    rows = _rows(ctx, "SELECT * FROM prospects")
    by_id = {r.id: r for r in rows}
    clients = {r.id for r in _rows(ctx, "SELECT id FROM clients")}
    outlets = {r.id for r in _rows(ctx, "SELECT id FROM outlets")}
    by_client = [r for r in rows if r.referred_by_client_id]
    by_prospect = [r for r in rows if r.referred_by_prospect_id]
    assert 0.2 < len(by_client) / len(rows) < 0.45 and by_prospect
    assert {r.referred_by_client_id for r in by_client} <= clients
    for row in by_prospect:
        referrer = by_id[row.referred_by_prospect_id]
        assert referrer.id != row.id and referrer.created_at <= row.created_at and not row.referred_by_client_id
    assert {r.source for r in by_client + by_prospect} == {"referral"}
    assert {r.source for r in rows} == {"walk_in", "referral", "outlet_staff", "event"} <= set(SOURCES)
    assert {r.outlet_id for r in rows if r.outlet_id} <= outlets and sum(1 for r in rows if r.outlet_id) > 30
    for field in ("occupation", "housing", "car", "family", "interests"):
        filled = [getattr(r, field) for r in rows if getattr(r, field)]
        assert 0 < len(filled) < len(rows), field
        # Chinese only: no English word or internal code reaches a zh_CN screen.
        assert not any(re.search(r"[A-Za-z]", value) for value in filled), field
    assert 0 < sum(1 for r in rows if r.age is not None) < len(rows)
    assert {r.gender for r in rows} == {"M", "F", None}
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", r.name) for r in rows)


def test_cards_are_created_over_the_years_only_a_handful_lately(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    cards = _rows(ctx, "SELECT id, created_at, updated_at, birth_date, tier FROM clients")
    opened = [_local_day(c.created_at) for c in cards]
    recent = [day for day in opened if day > TODAY - timedelta(days=31)]
    assert 3 <= len(recent) <= 10 and max(opened) < TODAY
    years = Counter(day.year for day in opened)
    assert len(years) >= 6 and max(years.values()) < len(cards) / 2
    assert all(c.updated_at >= c.created_at for c in cards)
    assert sum(1 for c in cards if c.updated_at > c.created_at) > len(cards) / 5


def test_a_card_is_no_newer_than_its_products_visits_and_log(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    late = _rows(
        ctx,
        """
        SELECT c.id FROM clients c JOIN client_products p ON p.client_id = c.id
        WHERE p.start_on < date(c.created_at, '+8 hours')
        UNION SELECT c.id FROM clients c JOIN visits v ON v.client_id = c.id WHERE v.created_at < c.created_at
        UNION SELECT c.id FROM clients c JOIN worklog w ON w.client_id = c.id WHERE w.at < c.created_at
        UNION SELECT c.id FROM clients c WHERE c.last_contact_at < c.created_at
        """,
    )
    assert late == []


def test_tier_since_for_gold_and_above_a_few_reached_lately(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    cards = _rows(ctx, "SELECT tier, tier_since, created_at FROM clients")
    assert all(c.tier_since is None for c in cards if c.tier == "ordinary")
    vip = [c for c in cards if c.tier in CARE_TIERS]
    dated = [c for c in vip if c.tier_since is not None]
    # Only a card opened at its tier lately has none (as the client service leaves a new card).
    assert len(vip) - len(dated) <= 10
    for card in dated:
        assert _local_day(card.created_at) <= date.fromisoformat(card.tier_since) <= TODAY
    recent = [c for c in dated if date.fromisoformat(c.tier_since) >= TODAY - timedelta(days=30)]
    assert 2 <= len(recent) <= max(2, len(vip) // 100)


def test_the_care_worklist_shows_every_kind_with_data_and_few_new_clients(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    items = ctx.care.worklist(TODAY)
    kinds = Counter(item.kind for item in items)
    assert {"maturity", "birthday", "new_tier", "adoption"} <= set(kinds)
    # A revisit falls due 10-13 days after a purchase: listed whenever the book has such a purchase.
    bought = _rows(
        ctx,
        """SELECT p.id FROM client_products p JOIN clients c ON c.id = p.client_id
           WHERE c.tier IN ('gold', 'platinum', 'diamond', 'private') AND p.start_on BETWEEN :first AND :last""",
        first=(TODAY - timedelta(days=13)).isoformat(),
        last=(TODAY - timedelta(days=10)).isoformat(),
    )
    assert kinds["purchase_follow_up"] == len(bought)
    gold = _rows(ctx, "SELECT COUNT(*) AS n FROM clients WHERE tier IN ('gold', 'platinum', 'diamond', 'private')")
    assert 1 <= kinds["adoption"] <= 10 < gold[0].n
    assert 2 <= kinds["new_tier"] <= 10
    # A month on, the cards created lately are no longer new: none of them is.
    later = Counter(item.kind for item in ctx.care.worklist(TODAY + timedelta(days=31)))
    assert later["adoption"] == 0 and later["new_tier"] == 0
