"""Search as you type: every way a manager looks a client up, on a real index."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.clients.records import ClientDraft
from app.clients.search import ClientQuery, QueryTooShort, SortKey
from app.context import AppContext
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


def add(ctx: AppContext, name: str, mobile: str, birth: date, gender: str, seq: int, **more: Any) -> ClientId:
    draft = ClientDraft(
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=make_resident_id("110105", birth, seq, gender),
        mobile=mobile,
        **more,
    )
    result = ctx.clients.save(draft)
    assert result.status == "valid", result.problems
    return result.client_id


@pytest.fixture
def book(ctx: AppContext) -> dict[str, str]:
    return {
        "zhangsan": add(
            ctx,
            "张三",
            "13812345678",
            date(1980, 5, 1),
            "M",
            1,
            employer="中国石化北京分公司",
            tags=("理财偏好",),
            tier="gold",
        ),
        "zhangsanfeng": add(ctx, "张三丰", "13900001111", date(1950, 1, 2), "M", 2, tier="platinum"),
        "lisi": add(ctx, "李四", "15011112222", date(1995, 3, 3), "F", 3, employer="平安银行", tags=("VIP",)),
        "ouyang": add(ctx, "欧阳娜娜", "18600003333", date(2000, 7, 7), "F", 4),
    }


def names(ctx: AppContext, text: str, **query: Any) -> list[str]:
    return [row.name for row in ctx.clients.search(ClientQuery(text=text, **query))]


@pytest.mark.parametrize("text", ["张三", "zs", "zhangsan", "ZhangSan", "zhang", "z", "张"])
def test_name_pinyin_and_initials_all_find_zhang_san(ctx: AppContext, book: dict[str, ClientId], text: str) -> None:
    assert "张三" in names(ctx, text)


def test_results_are_in_pinyin_order(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "") == ["李四", "欧阳娜娜", "张三", "张三丰"]
    assert names(ctx, "zs") == ["张三", "张三丰"]


def test_phone_digits_anywhere_but_at_least_four(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "5678") == ["张三"]
    assert names(ctx, "1234567") == ["张三"]
    assert sorted(names(ctx, "0000")) == ["张三丰", "欧阳娜娜"]
    with pytest.raises(QueryTooShort):
        ctx.clients.search(ClientQuery(text="138"))


def test_id_number_only_by_its_tail(ctx: AppContext, book: dict[str, ClientId]) -> None:
    number = ctx.clients.reveal(book["lisi"], "id_number")
    assert names(ctx, number[-4:]) == ["李四"]
    assert names(ctx, number[-6:]) == ["李四"]
    # The birth date in the middle of the number finds nobody.
    assert names(ctx, number[6:14]) == []


def test_employer_and_tags(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "中国石化") == ["张三"]
    assert names(ctx, "石化北京") == ["张三"]
    assert names(ctx, "理财偏好") == ["张三"]
    assert names(ctx, "VIP") == ["李四"]


def test_several_words_must_all_match(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "张 0000") == ["张三丰"]
    assert names(ctx, "zs 5678") == ["张三"]


def test_results_mask_id_and_phone(ctx: AppContext, book: dict[str, ClientId]) -> None:
    row = ctx.clients.search(ClientQuery(text="5678"))[0]
    assert row.mobile_masked == "138****5678"
    assert row.id_masked.startswith("110105") and "*" * 8 in row.id_masked


def test_filters(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "", tiers=frozenset({"gold", "platinum"})) == ["张三", "张三丰"]
    assert names(ctx, "", segment="retired") == ["张三丰"]
    assert names(ctx, "", segment="young") == ["李四", "欧阳娜娜"]
    assert names(ctx, "", tag="VIP") == ["李四"]
    assert names(ctx, "", blacklisted=True) == []


def test_other_sorts(ctx: AppContext, book: dict[str, ClientId]) -> None:
    assert names(ctx, "", sort=SortKey.TIER, descending=True)[:2] == ["张三丰", "张三"]


def test_index_follows_edits_and_merges(ctx: AppContext, book: dict[str, ClientId]) -> None:
    card = ctx.clients.get(book["lisi"])
    from dataclasses import replace

    ctx.clients.save(replace(card.draft, name="李思思"))
    assert names(ctx, "lss") == ["李思思"] and names(ctx, "李四") == []
    ctx.clients.merge(book["zhangsan"], book["zhangsanfeng"])
    assert names(ctx, "zs") == ["张三"]


def test_matching_ids_and_rows_page_the_whole_list(ctx: AppContext, book: dict[str, ClientId]) -> None:
    ids = ctx.clients.matching_ids(ClientQuery())
    assert len(ids) == 4
    assert [r.name for r in ctx.clients.rows(ids[1:3])] == ["欧阳娜娜", "张三"]


def test_user_text_never_breaks_the_query(ctx: AppContext, book: dict[str, ClientId]) -> None:
    for text in ['"', "'; DROP TABLE clients; --", "a OR b", "NEAR(", "*", '张"三']:
        ctx.clients.search(ClientQuery(text=text))
    assert len(ctx.clients.matching_ids(ClientQuery())) == 4
