"""Care messages (关怀短信): who is due today, in what words, marked sent once, exported for the SMS platform."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clients.records import ClientDraft
from app.clients.service import ClientService
from app.context import AppContext
from app.day.care import DEFAULT_TEMPLATES, CareItem, CareService, salutation
from app.day.worklog import tally
from app.errors import InvalidInput
from app.rules.ids import ClientId
from local_db.models import AuditEvent, Client, DailyPlan, ImportantDate, ProductHolding, ReminderAction

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 11, 23)
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def care(ctx: AppContext) -> CareService:
    now = datetime(2026, 11, 23, 9, 30, tzinfo=SHANGHAI)
    return CareService(ctx.store.sessions, ctx.settings, ctx.worklog, ctx.actor, zone=SHANGHAI, now=lambda: now)


def add_client(ctx: AppContext, name: str, tier: str, mobile: str, **values: object) -> ClientId:
    values.setdefault("created_at", LONG_AGO)
    with ctx.store.sessions.begin() as session:
        client = Client(name=name, tier=tier, mobile=mobile, **values)
        session.add(client)
        session.flush()
        return ClientId(client.id)


@pytest.fixture
def book(ctx: AppContext) -> dict[str, ClientId]:
    """One gold-and-above client for each kind, and ordinary clients who get no care message."""
    ids = {
        "birthday": add_client(ctx, "王伟", "gold", "13900001111", gender="M", birth_date=date(1980, 11, 24)),
        "maturity": add_client(ctx, "李娜", "platinum", "13700002222", gender="F"),
        "follow_up": add_client(ctx, "欧阳娜娜", "diamond", "13600003333", gender="F"),
        "new_tier": add_client(ctx, "赵敏", "gold", "13500004444", tier_since=DAY - timedelta(days=5)),
        "adoption": add_client(
            ctx, "孙强", "private", "13400005555", gender="M", created_at=datetime(2026, 11, 20, 2, tzinfo=UTC)
        ),
        "anniversary": add_client(ctx, "周芳", "gold", "13300006666", gender="F"),
        "ordinary": add_client(ctx, "张三", "ordinary", "13200007777", birth_date=date(1990, 11, 23)),
        "no_mobile": add_client(ctx, "钱七", "gold", "", birth_date=date(1990, 11, 23)),
    }
    with ctx.store.sessions.begin() as session:
        session.add_all([
            ProductHolding(client_id=ids["maturity"], product_type="deposit", product_name="大额存单（三年期）",
                           maturity_on=DAY + timedelta(days=10)),
            ProductHolding(client_id=ids["maturity"], product_type="fund", product_name="远期基金",
                           maturity_on=DAY + timedelta(days=31)),
            ProductHolding(client_id=ids["follow_up"], product_type="wealth", product_name="稳健理财 90 天",
                           start_on=DAY - timedelta(days=10)),
            ProductHolding(client_id=ids["ordinary"], product_type="deposit", product_name="定期存款",
                           maturity_on=DAY + timedelta(days=3)),
            ImportantDate(client_id=ids["anniversary"], kind="anniversary", label="结婚纪念日", on=date(2001, 11, 25)),
        ])  # fmt: skip
    return ids


def test_the_worklist_has_gold_and_above_clients_by_kind(care: CareService, book: dict[str, ClientId]) -> None:
    items = care.worklist(DAY)
    assert [(i.kind, i.client_name, i.occurs_on, i.detail) for i in items] == [
        ("maturity", "李娜", DAY + timedelta(days=10), "大额存单（三年期）"),
        ("birthday", "王伟", DAY + timedelta(days=1), ""),
        ("important_date", "周芳", DAY + timedelta(days=2), "结婚纪念日"),
        ("new_tier", "赵敏", DAY - timedelta(days=5), "金卡"),
        ("purchase_follow_up", "欧阳娜娜", DAY, "稳健理财 90 天"),
        ("adoption", "孙强", date(2026, 11, 20), ""),
    ]
    texts = {i.kind: i.text for i in items}
    assert texts["maturity"].startswith("李女士您好，您持有的大额存单（三年期）将于12月3日到期")
    assert texts["birthday"].startswith("王先生您好，11月24日是您的生日")
    assert texts["purchase_follow_up"].startswith("欧阳女士您好")
    assert texts["new_tier"].startswith("赵敏您好，恭喜您成为我行金卡客户")  # no gender: the full name
    assert all(i.mobile_masked.count("*") == 4 for i in items)  # masked as lists are
    # The weekend's birthday is on Friday's list, but not a week ahead.
    assert "王伟" not in [i.client_name for i in care.worklist(DAY - timedelta(days=3))]


def test_mark_sent_counts_lands_in_the_history_and_does_not_come_back(
    ctx: AppContext, care: CareService, book: dict[str, ClientId]
) -> None:
    items = care.worklist(DAY)
    chosen = [i for i in items if i.kind in ("birthday", "maturity")]
    assert care.mark_sent(chosen, DAY) == 2
    assert {i.kind for i in care.worklist(DAY)} == {"important_date", "new_tier", "purchase_follow_up", "adoption"}
    with ctx.store.sessions() as session:
        assert tally(session, DAY).sms == 2
        action = session.scalars(select(ReminderAction).where(ReminderAction.kind == "care:birthday")).one()
        assert (action.subject_id, action.occurs_on, action.action) == (
            book["birthday"],
            DAY + timedelta(days=1),
            "sent",
        )
        assert action.worklog_id is not None
    history = ctx.clients.history(book["birthday"])
    birthday = next(i for i in chosen if i.kind == "birthday")
    assert [(h.kind, h.title, h.detail) for h in history] == [("worklog", "sms", birthday.text)]
    assert ctx.clients.get(book["birthday"]).last_contact_at == datetime(2026, 11, 23, 9, 30, tzinfo=SHANGHAI)
    # Sent again from a second window: nothing more is written.
    assert care.mark_sent(chosen, DAY) == 0
    with ctx.store.sessions() as session:
        assert tally(session, DAY).sms == 2


def test_a_closed_day_takes_no_messages(ctx: AppContext, care: CareService, book: dict[str, ClientId]) -> None:
    with ctx.store.sessions.begin() as session:
        session.add(DailyPlan(day=DAY, closed_at=datetime(2026, 11, 23, 18, tzinfo=UTC)))
    with pytest.raises(InvalidInput) as raised:
        care.mark_sent(care.worklist(DAY), DAY)
    assert "已关闭" in raised.value.text("zh_CN")
    assert len(care.worklist(DAY)) == 6


def test_templates_are_editable_and_filled(ctx: AppContext, care: CareService, book: dict[str, ClientId]) -> None:
    ctx.settings.set_manager(replace(ctx.settings.manager(), name="陈静"))
    care.set_template("birthday", "{称呼}，{日期}生日快乐！{经理}")
    birthday = next(i for i in care.worklist(DAY) if i.kind == "birthday")
    assert birthday.text == "王先生，11月24日生日快乐！（客户经理陈静）"
    assert care.templates()["maturity"] == DEFAULT_TEMPLATES["maturity"]
    care.set_template("birthday", "")  # empty: the built-in one again
    assert care.templates()["birthday"] == DEFAULT_TEMPLATES["birthday"]
    with pytest.raises(InvalidInput):
        care.set_template("birthday", "长" * 301)
    with pytest.raises(InvalidInput):
        care.set_template("notice", "重要通知")  # important notices: no data source, no kind


def test_salutation() -> None:
    assert salutation("欧阳娜娜", "F") == "欧阳女士"
    assert salutation("王伟", "M") == "王先生"
    assert salutation("王伟", None) == "王伟"


def test_export_has_the_real_mobiles_and_is_audited(
    ctx: AppContext, care: CareService, book: dict[str, ClientId], tmp_path: Path
) -> None:
    items: list[CareItem] = care.worklist(DAY)[:2]
    path = tmp_path / "关怀短信.csv"
    result = care.export_csv(items, path)
    assert result.count == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "姓名,手机号,短信内容,关怀类型,日期"
    assert lines[1].startswith("李娜,13700002222,李女士您好") and lines[1].endswith(",到期提醒,2026-12-03")
    with ctx.store.sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "care_sms")).one()
    assert event.action == "export" and '"revealed": true' in event.detail_json and '"count": 2' in event.detail_json
    assert "13700002222" not in event.detail_json


def test_the_card_records_when_its_tier_rose(ctx: AppContext) -> None:
    clients = ClientService(ctx.store.engine, ctx.store.sessions, ctx.actor, today=lambda: DAY)
    saved = clients.save(ClientDraft(name="吴磊", mobile="13812345678"))

    def tier_since() -> date | None:
        with ctx.store.sessions() as session:
            return session.scalar(select(Client.tier_since).where(Client.id == saved.client_id))

    assert tier_since() is None
    clients.save(ClientDraft(name="吴磊", id=saved.client_id, mobile="13812345678", tier="gold"))
    assert tier_since() == DAY
    clients.save(ClientDraft(name="吴磊", id=saved.client_id, mobile="13812345678", tier="gold", notes="改备注"))
    assert tier_since() == DAY  # unchanged when the tier is
    clients.save(ClientDraft(name="吴磊", id=saved.client_id, mobile="13812345678", tier="ordinary"))
    assert tier_since() is None
