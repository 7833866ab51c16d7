"""Outlet files: saving with staff, competitors and stock; the rules; delete; reminders; audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.outlets.service import (
    CompetitorEntry,
    InvalidOutlet,
    OutletDraft,
    OutletInUse,
    OutletService,
    StaffEntry,
    StockEntry,
)
from app.profile.audit import AuditEntry, broken_links, events_for
from local_db import models

TODAY = date(2026, 11, 23)
YUAN = 100


@pytest.fixture
def outlets(ctx: AppContext) -> OutletService:
    return OutletService(ctx.store.sessions, ctx.actor, today=lambda: TODAY)


def chaoyang(**changes: Any) -> OutletDraft:
    draft = OutletDraft(
        code=" bj001 ",
        name="工商银行北京朝阳支行",
        bank="工商银行",
        phone="010-65012345",
        deposit_personal_cents=1_200_000_000 * YUAN,
        deposit_corporate_cents=3_400_000_000 * YUAN,
        deposit_target_cents=5_000_000_000 * YUAN,
        premium_target_cents=12_000_000 * YUAN,
        staff=(
            StaffEntry("王芳", "head", "138 1234 5678", date(1978, 5, 4), "书法"),
            StaffEntry("李强", "teller", "010-65012345-801"),
        ),
        competitors=(CompetitorEntry("平安人寿", 5_000_000 * YUAN, 1_200_000 * YUAN, "驻点专员", "产品线全"),),
        stock=(StockEntry("form", "投保单", 12, 30), StockEntry("brochure", "年金保险折页", 80, 30)),
    )
    return replace(draft, **changes)


def count(ctx: AppContext, table: type) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def events_for_outlet(ctx: AppContext, outlet_id: str) -> list[AuditEntry]:
    with ctx.store.sessions() as session:
        return events_for(session, "outlet", outlet_id)


def test_an_outlet_file_is_saved_and_read_back(outlets: OutletService) -> None:
    outlet_id = outlets.save(chaoyang())
    file = outlets.get(outlet_id)
    assert (file.code, file.name, file.bank) == ("BJ001", "工商银行北京朝阳支行", "工商银行")
    assert file.deposit_corporate_cents == 340_000_000_000
    # Staff in rank order; the mobile kept as bare digits, the landline with its extension.
    assert [(s.name, s.role, s.phone, s.birthday) for s in file.staff] == [
        ("王芳", "head", "13812345678", date(1978, 5, 4)),
        ("李强", "teller", "010-65012345-801", None),
    ]
    assert file.competitors[0].last_three_months_premium_cents == 120_000_000
    assert [(i.item, i.quantity, i.is_low) for i in file.stock] == [("投保单", 12, True), ("年金保险折页", 80, False)]
    [summary] = outlets.list()
    assert (summary.id, summary.code, summary.staff_count, summary.low_stock_count) == (outlet_id, "BJ001", 2, 1)


def test_an_edit_keeps_surviving_rows_and_their_ids(outlets: OutletService, ctx: AppContext) -> None:
    file = outlets.get(outlets.save(chaoyang()))
    head, _teller = file.staff
    edited = chaoyang(
        id=file.id,
        staff=(replace(head, hobbies="书法、太极"), StaffEntry("赵敏", "lobby_manager")),
        stock=file.stock,
        competitors=(),
    )
    assert outlets.save(edited) == file.id
    again = outlets.get(file.id)
    assert [(s.id == head.id, s.name, s.hobbies) for s in again.staff] == [
        (True, "王芳", "书法、太极"),
        (False, "赵敏", ""),
    ]
    assert [i.id for i in again.stock] == [i.id for i in file.stock]
    assert again.competitors == ()
    assert count(ctx, models.OutletStaff) == 2 and count(ctx, models.Competitor) == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"code": "  "}, ("outlet", "code", "code_required", None)),
        ({"code": "X" * 33}, ("outlet", "code", "code_too_long", None)),
        ({"name": ""}, ("outlet", "name", "name_required", None)),
        ({"phone": "12345"}, ("outlet", "phone", "phone_invalid", None)),
        ({"deposit_target_cents": -1}, ("outlet", "deposit_target_cents", "amount_negative", None)),
        ({"staff": (StaffEntry("王芳", "boss"),)}, ("staff", "role", "role_invalid", 0)),
        ({"staff": (StaffEntry("王芳"), StaffEntry(" ", "teller"))}, ("staff", "name", "name_required", 1)),
        ({"staff": (StaffEntry("王芳", phone="1381234567"),)}, ("staff", "phone", "phone_invalid", 0)),
        ({"staff": (StaffEntry("王芳", birthday=date(2027, 1, 1)),)}, ("staff", "birthday", "birthday_in_future", 0)),
        ({"competitors": (CompetitorEntry("", 1),)}, ("competitors", "company", "company_required", 0)),
        (
            {"competitors": (CompetitorEntry("平安", -5),)},
            ("competitors", "yearly_premium_cents", "amount_negative", 0),
        ),
        ({"stock": (StockEntry("poster", "海报"),)}, ("stock", "kind", "kind_invalid", 0)),
        ({"stock": (StockEntry("form", "投保单", -1, 10),)}, ("stock", "quantity", "count_negative", 0)),
        ({"stock": (StockEntry("form", "投保单", 1, -10),)}, ("stock", "reorder_level", "count_negative", 0)),
    ],
)
def test_a_broken_rule_writes_nothing(outlets: OutletService, ctx: AppContext, changes: dict, expected: tuple) -> None:
    with pytest.raises(InvalidOutlet) as raised:
        outlets.save(chaoyang(**changes))
    assert [(p.section, p.field, p.code, p.row) for p in raised.value.problems] == [expected]
    assert raised.value.message  # English for the CLI and logs
    for table in (models.Outlet, models.OutletStaff, models.Competitor, models.OutletStockItem, models.AuditEvent):
        assert count(ctx, table) == 0


def test_a_refused_edit_leaves_the_saved_file_as_it_was(outlets: OutletService) -> None:
    file = outlets.get(outlets.save(chaoyang()))
    broken = chaoyang(id=file.id, name="改过的名字", staff=(*file.staff, StaffEntry("新人", phone="not a phone")))
    with pytest.raises(InvalidOutlet):
        outlets.save(broken)
    assert outlets.get(file.id) == file


def test_every_problem_is_reported_at_once(outlets: OutletService) -> None:
    with pytest.raises(InvalidOutlet) as raised:
        outlets.save(chaoyang(code="", name="", stock=(StockEntry("form", "", -1),)))
    assert [p.code for p in raised.value.problems] == [
        "code_required",
        "name_required",
        "item_required",
        "count_negative",
    ]


def test_codes_are_unique_whatever_their_case(outlets: OutletService, ctx: AppContext) -> None:
    first = outlets.save(chaoyang())
    with pytest.raises(InvalidOutlet) as raised:
        outlets.save(chaoyang(code="Bj001", name="另一个网点", staff=(), competitors=(), stock=()))
    [problem] = raised.value.problems
    assert (problem.field, problem.code) == ("code", "code_taken")
    assert "BJ001" in problem.message
    assert count(ctx, models.Outlet) == 1
    # Saving an outlet under its own code is not a clash.
    assert outlets.save(chaoyang(id=first, name="朝阳支行")) == first


def test_delete_is_refused_while_client_cards_name_the_outlet(outlets: OutletService, ctx: AppContext) -> None:
    outlet_id = outlets.save(chaoyang())
    with ctx.store.sessions.begin() as session:
        session.add_all(
            [models.Client(name="张三", outlet_id=outlet_id), models.Client(name="李四", outlet_id=outlet_id)]
        )
    with pytest.raises(OutletInUse) as raised:
        outlets.delete(outlet_id)
    assert raised.value.clients == 2
    assert outlets.get(outlet_id).code == "BJ001"
    assert [e.action for e in events_for_outlet(ctx, outlet_id)] == ["create"]

    with ctx.store.sessions.begin() as session:
        for client in session.scalars(select(models.Client)):
            client.outlet_id = None
    outlets.delete(outlet_id)
    assert outlets.list() == []
    for table in (models.Outlet, models.OutletStaff, models.Competitor, models.OutletStockItem):
        assert count(ctx, table) == 0


def test_low_stock_is_at_or_below_the_reorder_level(outlets: OutletService) -> None:
    outlet_id = outlets.save(
        chaoyang(
            stock=(
                StockEntry("form", "投保单", 29, 30),
                StockEntry("form", "保单回执", 30, 30),
                StockEntry("form", "客户告知书", 31, 30),
                StockEntry("brochure", "产品宣传册", 0, 0),
            )
        )
    )
    assert [(i.item, i.quantity) for i in outlets.low_stock(outlet_id)] == [
        ("产品宣传册", 0),
        ("保单回执", 30),
        ("投保单", 29),
    ]
    assert outlets.list()[0].low_stock_count == 3


def test_birthdays_coming_up_across_the_year_end(outlets: OutletService) -> None:
    outlets.save(
        chaoyang(
            staff=(
                StaffEntry("今天", birthday=date(1985, 12, 28), phone="13812345678"),
                StaffEntry("元旦后", birthday=date(1990, 1, 2)),
                StaffEntry("刚过", birthday=date(1980, 12, 27)),
                StaffEntry("一周后", birthday=date(1991, 1, 4)),
                StaffEntry("八天后", birthday=date(1991, 1, 5)),
                StaffEntry("没填", birthday=None),
            )
        )
    )
    found = outlets.upcoming_staff_birthdays(date(2025, 12, 28), days=7)
    assert [(b.name, b.next_on, b.days_away, b.turning) for b in found] == [
        ("今天", date(2025, 12, 28), 0, 40),
        ("元旦后", date(2026, 1, 2), 5, 36),
        ("一周后", date(2026, 1, 4), 7, 35),
    ]
    # A listing across outlets: the phone is masked.
    assert found[0].phone_masked == "138****5678" and found[0].outlet_name == "工商银行北京朝阳支行"


def test_a_29_february_birthday_is_kept_on_the_28th_in_other_years(outlets: OutletService) -> None:
    outlets.save(chaoyang(staff=(StaffEntry("闰日", birthday=date(1992, 2, 29)),)))
    [found] = outlets.upcoming_staff_birthdays(date(2025, 2, 25), days=7)
    assert (found.next_on, found.days_away) == (date(2025, 2, 28), 3)
    [leap] = outlets.upcoming_staff_birthdays(date(2028, 2, 25), days=7)
    assert leap.next_on == date(2028, 2, 29)


def test_create_edit_and_delete_are_audited_without_phone_numbers(outlets: OutletService, ctx: AppContext) -> None:
    outlet_id = outlets.save(chaoyang())
    file = outlets.get(outlet_id)
    outlets.save(chaoyang(id=outlet_id, staff=file.staff, competitors=file.competitors, stock=file.stock))
    # Saved again unchanged: nothing to record.
    assert [e.action for e in events_for_outlet(ctx, outlet_id)] == ["create"]
    moved = replace(file.staff[0], phone="13987654321")
    outlets.save(
        chaoyang(
            id=outlet_id, name="朝阳支行", staff=(moved, file.staff[1]), competitors=file.competitors, stock=file.stock
        )
    )
    outlets.delete(outlet_id)
    events = events_for_outlet(ctx, outlet_id)
    assert [e.action for e in events] == ["create", "edit", "delete"]
    assert events[1].detail["fields"] == ["name", "staff"]
    assert events[2].detail == {"code": "BJ001", "name": "朝阳支行"}
    for event in events:
        text = str(event.detail)
        assert "1381234" not in text and "1398765" not in text and "65012345" not in text
    with ctx.store.sessions() as session:
        assert broken_links(session) == []
