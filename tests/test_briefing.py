"""早会信息记录表 and 财经要闻摘录表: quick entry, the day's ones for Today, a search by words."""

from __future__ import annotations

from datetime import date

import pytest

from app.context import AppContext
from app.errors import InvalidInput
from app.sales_forms.briefing import BriefingService, NewsInput

DAY = date(2026, 11, 24)


@pytest.fixture
def briefing(ctx: AppContext) -> BriefingService:
    return ctx.briefing


def a_product(ctx: AppContext) -> tuple[str, str]:
    product = ctx.catalogue().insurance()[0]
    return product.code, product.name_zh


def test_the_days_notes_and_news_with_their_products(ctx: AppContext, briefing: BriefingService) -> None:
    code, name = a_product(ctx)
    note = briefing.save_note(None, DAY, "本周主推年金险\n网点晨会：柜员转介绍")
    news = briefing.save_news(None, NewsInput(DAY, "  央行下调存款利率  ", "定期利率下调 10 个基点", (code.lower(),)))
    assert (news.title, news.product_codes, news.product_names) == ("央行下调存款利率", (code,), (name,))
    briefing.save_note(None, date(2026, 11, 23), "昨天的要点")
    today = briefing.day(DAY)
    assert [n.id for n in today.notes] == [note.id] and [n.id for n in today.news] == [news.id]
    assert not today.empty and briefing.day(date(2026, 11, 25)).empty
    # Edited as typed: the same records, never a second one.
    briefing.save_note(note.id, DAY, "本周主推年金险")
    briefing.save_news(news.id, NewsInput(DAY, "央行下调存款利率", "下调 10 个基点", ()))
    again = briefing.day(DAY)
    assert [n.points for n in again.notes] == ["本周主推年金险"] and again.news[0].product_codes == ()


def test_search_by_words_newest_first(ctx: AppContext, briefing: BriefingService) -> None:
    code, name = a_product(ctx)
    old = briefing.save_news(None, NewsInput(date(2026, 10, 1), "养老金并轨", "养老 规划", (code,)))
    new = briefing.save_note(None, DAY, "养老规划话术：先问退休年龄")
    briefing.save_note(None, date(2026, 11, 1), "基金定投")
    hits = briefing.search("养老")
    assert [(h.kind, h.id) for h in hits] == [("note", new.id), ("news", old.id)]
    assert hits[0].title == "养老规划话术：先问退休年龄"
    assert [h.id for h in briefing.search("养老 并轨")] == [old.id]  # every word must match
    assert [h.id for h in briefing.search(name)] == [old.id]  # a matched product's name finds it
    assert briefing.search("没有这个词") == []
    assert len(briefing.search("")) == 3


@pytest.mark.parametrize(
    ("news", "zh"),
    [
        (NewsInput(DAY, "   "), "标题"),
        (NewsInput(DAY, "标题", "", ("NOPE-1",)), "产品目录中没有"),
        (NewsInput(DAY, "题" * 201), "标题超过"),
    ],
)
def test_bad_news_is_refused_in_both_languages(briefing: BriefingService, news: NewsInput, zh: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        briefing.save_news(None, news)
    assert zh in refused.value.text("zh_CN") and refused.value.message
    assert briefing.day(DAY).empty


def test_an_empty_note_is_not_saved_and_a_deleted_one_is_gone(briefing: BriefingService) -> None:
    with pytest.raises(InvalidInput):
        briefing.save_note(None, DAY, "  ")
    note = briefing.save_note(None, DAY, "要点")
    briefing.delete_note(note.id)
    assert briefing.day(DAY).empty
