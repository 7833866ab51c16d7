"""Done, snoozed and dismissed reminders: the occurrence stays away, a snooze returns on its day,
next year's occurrence comes back, and bad input is refused in English and Chinese."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest

from app.context import AppContext
from app.day.reminders import Occurrence
from app.day.today import TodayService
from app.errors import InvalidInput
from app.rules.ids import ClientId
from local_db.models import Client, ProductHolding, ReminderAction

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 9, 30)


def add_client(ctx: AppContext, name: str, **values: object) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name=name, mobile="13812345678", id_number="110101199001011234", **values)
        session.add(client)
        session.flush()
        return ClientId(client.id)


def add_product(ctx: AppContext, client: ClientId, name: str, **values: object) -> str:
    with ctx.store.sessions.begin() as session:
        product = ProductHolding(client_id=client, product_type="fund", product_name=name, **values)
        session.add(product)
        session.flush()
        return product.id


@pytest.fixture
def today(ctx: AppContext) -> TodayService:
    return TodayService(ctx.store.sessions, ctx.settings)


def kinds(today: TodayService, day: date) -> list[tuple[str, str, date]]:
    return [(r.kind, r.client_name, r.due_on) for r in today.build(day, SHANGHAI).reminders]


def test_a_done_birthday_stays_away_and_next_years_comes_back(ctx: AppContext, today: TodayService) -> None:
    client = add_client(ctx, "寿星", birth_date=date(1980, 10, 1))
    (birthday,) = today.build(DAY, SHANGHAI).reminders
    assert birthday.subject_id == client and birthday.occurrence == date(2026, 10, 1)
    ctx.reminder_actions.done(Occurrence(birthday.kind, birthday.subject_id, birthday.occurrence))
    assert kinds(today, DAY) == [] and kinds(today, date(2026, 10, 1)) == []
    assert today.build(DAY, SHANGHAI).reminder_count == 0
    assert kinds(today, date(2027, 9, 30)) == [("birthday", "寿星", date(2027, 10, 1))]


def test_a_snoozed_maturity_returns_on_its_day(ctx: AppContext, today: TodayService) -> None:
    client = add_client(ctx, "张三")
    product = add_product(ctx, client, "三年期定期", maturity_on=DAY + timedelta(days=5))
    ctx.reminder_actions.snooze(Occurrence("maturity", product, DAY + timedelta(days=5)), DAY + timedelta(days=2), DAY)
    assert kinds(today, DAY) == [] and kinds(today, DAY + timedelta(days=1)) == []
    assert kinds(today, DAY + timedelta(days=2)) == [("maturity", "张三", DAY + timedelta(days=5))]


def test_a_birthday_snoozed_past_its_day_comes_back_due_on_the_snooze_day(ctx: AppContext, today: TodayService) -> None:
    add_client(ctx, "寿星", birth_date=date(1980, 10, 1))
    (birthday,) = today.build(DAY, SHANGHAI).reminders
    occurrence = Occurrence("birthday", birthday.subject_id, birthday.occurrence)
    ctx.reminder_actions.snooze(occurrence, date(2026, 10, 3), DAY)
    assert kinds(today, date(2026, 10, 1)) == [] and kinds(today, date(2026, 10, 2)) == []
    (back,) = today.build(date(2026, 10, 3), SHANGHAI).reminders
    assert (back.group, back.due_on, back.occurrence, back.years) == ("today", date(2026, 10, 3), date(2026, 10, 1), 46)
    (still,) = today.build(date(2026, 10, 5), SHANGHAI).reminders
    assert still.group == "overdue" and still.overdue
    # Acting again on the same occurrence replaces the snooze: one row, and it is gone.
    ctx.reminder_actions.done(Occurrence(back.kind, back.subject_id, back.occurrence))
    assert kinds(today, date(2026, 10, 5)) == []
    with ctx.store.sessions() as session:
        assert [(a.action, a.snoozed_until) for a in session.query(ReminderAction)] == [("done", None)]


def test_dismissed_follow_ups_leave_the_list_and_the_collapsed_count(ctx: AppContext, today: TodayService) -> None:
    client = add_client(ctx, "买家")
    recent = add_product(ctx, client, "近期基金", start_on=DAY - timedelta(days=12))
    old = add_product(ctx, client, "旧基金", start_on=DAY - timedelta(days=25))
    data = today.build(DAY, SHANGHAI)
    assert [r.detail for r in data.reminders] == ["近期基金"] and data.old_follow_up_count == 1
    actions = ctx.reminder_actions
    actions.dismiss(Occurrence("purchase_follow_up", recent, DAY - timedelta(days=2)), " 客户已电话回访 ")
    (old_one,) = today.old_follow_ups(DAY, SHANGHAI)
    actions.done(Occurrence(old_one.kind, old_one.subject_id, old_one.occurrence))
    data = today.build(DAY, SHANGHAI)
    assert data.reminders == () and data.old_follow_up_count == 0 and today.old_follow_ups(DAY, SHANGHAI) == []
    saved = actions.action_on(Occurrence("purchase_follow_up", recent, DAY - timedelta(days=2)))
    assert saved is not None and (saved.action, saved.reason) == ("dismissed", "客户已电话回访")
    assert old_one.subject_id == old


@pytest.mark.parametrize(
    ("act", "zh"),
    [
        (lambda a, o: a.snooze(o, DAY, DAY), "推迟"),
        (lambda a, o: a.snooze(o, DAY - timedelta(days=1), DAY), "推迟"),
        (lambda a, o: a.dismiss(o, "  "), "原因"),
        (lambda a, o: a.done(Occurrence("coffee", o.subject_id, o.occurs_on)), "提醒"),
        (lambda a, o: a.done(Occurrence("birthday", "", o.occurs_on)), "提醒"),
    ],
)
def test_bad_input_is_refused_in_both_languages(ctx: AppContext, act: object, zh: str) -> None:
    client = add_client(ctx, "寿星", birth_date=date(1980, 10, 1))
    occurrence = Occurrence("birthday", client, date(2026, 10, 1))
    with pytest.raises(InvalidInput) as refused:
        act(ctx.reminder_actions, occurrence)  # type: ignore[operator]
    assert zh in refused.value.message_in("zh_CN") and refused.value.message_in("en").isascii()
    assert ctx.reminder_actions.action_on(occurrence) is None
