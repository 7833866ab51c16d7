"""Client cards: drafts, validation, duplicates, merge, reveal and history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from app.clients.records import ClientDraft, FamilyEntry, ProductEntry
from app.clients.search import ClientQuery
from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.profile.audit import broken_links, events_for
from app.rules.id_numbers import make_resident_id
from local_db.models import AuditEvent, Client, Visit, WorkLogEntry

BIRTH = date(1985, 6, 15)
ID = make_resident_id("310104", BIRTH, 12, "F")


def good(**changes: Any) -> ClientDraft:
    return replace(
        ClientDraft(name="王芳", gender="F", birth_date=BIRTH, id_number=ID, mobile="13912345678"),
        **changes,
    )


def test_a_valid_card_is_saved_valid_with_pinyin(ctx: AppContext) -> None:
    result = ctx.clients.save(good())
    assert result.status == "valid" and result.problems == () and result.created
    card = ctx.clients.get(result.client_id)
    assert card.status == "valid" and card.draft.name == "王芳"
    assert card.id_masked == "310104********" + ID[-4:] and card.mobile_masked == "139****5678"
    assert card.age == date.today().year - 1985 - ((date.today().month, date.today().day) < (6, 15))
    with ctx.store.sessions() as session:
        client = session.get_one(Client, result.client_id)
        assert (client.name_pinyin, client.name_initials) == ("wangfang", "wf")


def test_an_invalid_card_is_kept_as_a_draft_never_as_valid(ctx: AppContext) -> None:
    result = ctx.clients.save(good(id_number=ID[:-1] + ("0" if ID[-1] != "0" else "1")))
    assert result.status == "draft"
    assert [p.code for p in result.problems] == ["id_checksum"]
    card = ctx.clients.get(result.client_id)
    assert card.status == "draft" and card.problems
    # Fixing it makes it valid.
    fixed = ctx.clients.save(replace(card.draft, id_number=ID))
    assert fixed.status == "valid" and not fixed.created


def test_birth_date_and_gender_must_agree_with_the_id(ctx: AppContext) -> None:
    problems = ctx.clients.check(good(birth_date=date(1985, 6, 16), gender="M"))
    assert {p.code for p in problems} == {"birth_date_mismatch", "gender_mismatch"}
    assert any("1985-06-15" in p.en and "1985-06-15" in p.zh_CN for p in problems)


def test_a_card_needs_a_name_even_as_draft(ctx: AppContext) -> None:
    with pytest.raises(InvalidInput, match="name"):
        ctx.clients.save(ClientDraft(name="  "))
    with ctx.store.sessions() as session:
        assert session.scalars(select(Client)).all() == []


def test_family_products_and_next_maturity(ctx: AppContext) -> None:
    soon = date.today() + timedelta(days=20)
    result = ctx.clients.save(
        good(
            family=(FamilyEntry(relation="child", name="王小明", education_stage="primary"),),
            products=(
                ProductEntry("wealth", "稳享理财", 5_000_000, maturity_on=soon),
                ProductEntry("deposit", "定期存款", 100_000, maturity_on=date.today() - timedelta(days=3)),
            ),
            tags=("理财偏好", "理财偏好", " "),
        )
    )
    card = ctx.clients.get(result.client_id)
    assert card.next_maturity_on == soon
    assert card.draft.family[0].name == "王小明" and len(card.draft.products) == 2
    assert card.draft.tags == ("理财偏好",)


def test_duplicates_by_id_or_by_name_and_mobile(ctx: AppContext) -> None:
    first = ctx.clients.save(good()).client_id
    same_id = ctx.clients.find_duplicates(ClientDraft(name="王 芳", id_number=ID.lower()))
    same_name_phone = ctx.clients.find_duplicates(ClientDraft(name="王芳", mobile="139 1234 5678"))
    assert [r.id for r in same_id] == [first] and [r.id for r in same_name_phone] == [first]
    assert ctx.clients.find_duplicates(ClientDraft(name="王芳", mobile="13900000000")) == []
    # A card is not its own duplicate.
    assert ctx.clients.find_duplicates(replace(good(), id=first)) == []


def test_merge_keeps_all_history(ctx: AppContext) -> None:
    keep = ctx.clients.save(good(tags=("VIP",))).client_id
    drop = ctx.clients.save(
        ClientDraft(
            name="王芳",
            mobile="13912345678",
            tags=("VIP", "基金客户"),
            products=(ProductEntry("fund", "成长基金", 1000),),
        )
    ).client_id
    now = datetime.now(UTC)
    with ctx.store.sessions.begin() as session:
        session.add(Visit(client_id=drop, purpose="care", starts_at=now, ends_at=now))
        session.add(WorkLogEntry(client_id=drop, day=date.today(), at=now, kind="call"))
    ctx.clients.merge(keep, drop)
    card = ctx.clients.get(keep)
    assert set(card.draft.tags) == {"VIP", "基金客户"}
    assert [p.product_name for p in card.draft.products] == ["成长基金"]
    assert {h.kind for h in ctx.clients.history(keep)} == {"visit", "worklog"}
    assert ctx.clients.matching_ids(ClientQuery()) == [keep]
    with pytest.raises(NotFound, match="not be merged already"):
        ctx.clients.merge(keep, drop)


def test_reveal_is_audited_and_the_chain_holds(ctx: AppContext) -> None:
    client_id = ctx.clients.save(good()).client_id
    assert ctx.clients.reveal(client_id, "id_number") == ID
    assert ctx.clients.reveal(client_id, "mobile") == "13912345678"
    with ctx.store.sessions() as session:
        actions = [(e.action, e.detail.get("field")) for e in events_for(session, "client", client_id)]
        assert actions == [("create", None), ("reveal", "id_number"), ("reveal", "mobile")]
        assert broken_links(session) == []
        details = " ".join(e.detail_json for e in session.scalars(select(AuditEvent)))
    assert ID not in details and "13912345678" not in details
    with pytest.raises(InvalidInput):
        ctx.clients.reveal(client_id, "address")


def test_tampering_with_the_audit_log_is_detected(ctx: AppContext) -> None:
    client_id = ctx.clients.save(good()).client_id
    ctx.clients.reveal(client_id, "mobile")
    with ctx.store.sessions.begin() as session:
        # As an attacker with the file would: the append-only trigger refuses the UPDATE otherwise.
        session.execute(text("DROP TRIGGER audit_events_no_update"))
        event = session.scalars(select(AuditEvent).where(AuditEvent.seq == 1)).one()
        event.actor = "someone-else"
    with ctx.store.sessions() as session:
        assert broken_links(session) == [1]
