"""Prospects (准客户): capture without an ID, same-mobile matches, referrals, conversion, the count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.day.worklog import LogInput, tally
from app.errors import InvalidInput
from app.prospects.records import ProspectId, ProspectInput
from app.prospects.service import ProspectQuery, ProspectService
from app.rules.ids import ClientId
from local_db.models import AuditEvent, Client, Prospect, WorkLogEntry

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 11, 23)


@pytest.fixture
def prospects(ctx: AppContext) -> ProspectService:
    return ProspectService(ctx.store.sessions, ctx.clients, ctx.actor, today=lambda: DAY)


def add_client(ctx: AppContext, name: str, mobile: str) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name=name, mobile=mobile, tier="gold")
        session.add(client)
        session.flush()
        return ClientId(client.id)


def capture(prospects: ProspectService, name: str, mobile: str, **values: object) -> ProspectId:
    result = prospects.capture(ProspectInput(name=name, mobile=mobile, **values))  # type: ignore[arg-type]
    assert result.prospect is not None, result.match
    return result.prospect.id


def test_a_name_and_a_mobile_are_enough_and_count_toward_the_day(ctx: AppContext, prospects: ProspectService) -> None:
    result = prospects.capture(ProspectInput(name=" 周杰 ", mobile="138 1234 5678", gender="M", age=34,
                                             occupation="教师", interests="理财、羽毛球"))  # fmt: skip
    assert result.match is None and result.prospect is not None
    row = result.prospect
    assert (row.name, row.mobile_masked, row.stage, row.captured_on) == ("周杰", "138****5678", "new", DAY)
    with ctx.store.sessions.begin() as session:
        assert session.get(Prospect, row.id).mobile == "13812345678"  # type: ignore[union-attr]
        # Work-log entries of kind prospect (the one-click count, older days) still count beside them.
        session.add(WorkLogEntry(day=DAY, at=datetime(2026, 11, 23, 10, tzinfo=SHANGHAI), kind="prospect", quantity=2))
    with ctx.store.sessions() as session:
        assert tally(session, DAY).prospects == 3
        assert tally(session, DAY + timedelta(days=1)).prospects == 0
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "prospect")).one()
        assert "1381234" not in event.detail_json  # never the phone number in the audit log


@pytest.mark.parametrize("mobile", ["", "1381234567", "23812345678", "0106234567"])
def test_a_bad_or_missing_mobile_is_refused_with_the_reason(prospects: ProspectService, mobile: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        prospects.capture(ProspectInput(name="周杰", mobile=mobile))
    assert "手机号" in raised.value.text("zh_CN")
    assert prospects.search() == []


def test_the_same_mobile_offers_the_client_or_prospect_instead(ctx: AppContext, prospects: ProspectService) -> None:
    client = add_client(ctx, "王伟", "13900001111")
    result = prospects.capture(ProspectInput(name="王伟", mobile="139-0000-1111"))
    assert result.prospect is None and result.match is not None
    assert (result.match.kind, result.match.id, result.match.mobile_masked) == ("client", client, "139****1111")
    first = capture(prospects, "李娜", "13700002222")
    again = prospects.capture(ProspectInput(name="李娜", mobile="13700002222"))
    assert again.match is not None and (again.match.kind, again.match.id) == ("prospect", first)
    assert [r.id for r in prospects.search()] == [first]
    # Looked at and kept both (a family phone): saved.
    kept = prospects.capture(ProspectInput(name="李娜的母亲", mobile="13700002222"), keep_duplicate=True)
    assert kept.prospect is not None and len(prospects.search()) == 2


def test_referrals_link_both_ways(ctx: AppContext, prospects: ProspectService) -> None:
    client = add_client(ctx, "王伟", "13900001111")
    p1 = capture(prospects, "李娜", "13700002222", referred_by_client_id=client)
    p2 = capture(prospects, "赵敏", "13600003333", referred_by_prospect_id=p1)
    detail = prospects.get(p1)
    assert detail.row.source == "referral" and detail.row.referrer_name == "王伟"
    assert detail.referred_by is not None and (detail.referred_by.kind, detail.referred_by.id) == ("client", client)
    assert [(r.kind, r.id, r.name) for r in detail.referred] == [("prospect", p2, "赵敏")]
    assert [r.name for r in prospects.referred_by_client(client)] == ["李娜"]
    assert prospects.get(p2).row.referrer_name == "李娜"
    with pytest.raises(InvalidInput):
        prospects.update(p1, ProspectInput(name="李娜", mobile="13700002222", referred_by_prospect_id=p1))


def test_convert_makes_the_card_and_keeps_the_history(ctx: AppContext, prospects: ProspectService) -> None:
    referrer = capture(prospects, "李娜", "13700002222", gender="F", age=41, housing="自有住房", family="已婚，一子")
    referred = capture(prospects, "赵敏", "13600003333", referred_by_prospect_id=referrer)
    called = datetime(2026, 11, 23, 15, 30, tzinfo=SHANGHAI)
    ctx.worklog.log(LogInput(kind="call", day=DAY, at=called, prospect_id=referrer, notes="约了周五面谈"))
    assert prospects.get(referrer).row.stage == "contacted"  # the first call moved them on
    with pytest.raises(InvalidInput):  # about a client or a prospect, never both
        ctx.worklog.log(
            LogInput(
                kind="call", day=DAY, at=called, prospect_id=referrer, client_id=add_client(ctx, "王五", "13900009999")
            )
        )
    prospects.set_stage(referrer, "interviewed")

    conversion = prospects.convert(referrer)

    assert conversion.moved_entries == 1 and conversion.status == "draft"  # no ID number yet
    card = ctx.clients.get(conversion.client_id)
    assert (card.draft.name, card.draft.mobile, card.draft.gender) == ("李娜", "13700002222", "F")
    assert "年龄：41" in card.draft.notes and "家庭：已婚，一子" in card.draft.notes
    assert card.last_contact_at == called
    history = ctx.clients.history(conversion.client_id)
    assert [(h.kind, h.title) for h in history] == [("worklog", "call")] and "约了周五面谈" in history[0].detail
    row = prospects.get(referrer).row
    assert (row.stage, row.converted_client_id) == ("converted", conversion.client_id)
    # Whom the prospect referred, the client now referred.
    assert [r.id for r in prospects.referred_by_client(conversion.client_id)] == [referred]
    # The prospect stays for the count and the record; a second conversion is refused.
    with ctx.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Prospect)) == 2
        assert tally(session, DAY).prospects == 2
    with pytest.raises(InvalidInput):
        prospects.convert(referrer)
    with pytest.raises(InvalidInput):
        prospects.set_stage(referrer, "lost")
    # The card now has the mobile: capturing it again offers the card.
    match = prospects.capture(ProspectInput(name="李娜", mobile="13700002222")).match
    assert match is not None and (match.kind, match.id) == ("client", conversion.client_id)


def test_search_by_name_digits_and_stage(prospects: ProspectService) -> None:
    a = capture(prospects, "周杰", "13812345678", occupation="中学教师")
    b = capture(prospects, "周芳", "13987650000")
    prospects.set_stage(b, "lost")
    assert {r.id for r in prospects.search(ProspectQuery(text="周"))} == {a, b}
    assert [r.id for r in prospects.search(ProspectQuery(text="教师"))] == [a]
    assert [r.id for r in prospects.search(ProspectQuery(text="7650"))] == [b]
    assert [r.id for r in prospects.search(ProspectQuery(stage="lost"))] == [b]
    assert prospects.search(ProspectQuery(text="%")) == []
    with pytest.raises(InvalidInput):
        prospects.set_stage(a, "converted")
