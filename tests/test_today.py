"""The Today page's data: agenda, reminders with their windows and order, target progress."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select, update

from app.context import AppContext
from app.day.today import TodayService
from app.day.worklog import LogInput, WorkLogService
from app.profile.audit import events_for
from app.profile.settings import DailyTargets
from app.rules.ids import ClientId
from local_db.cipher import connect
from local_db.models import (
    Client,
    DailyPlan,
    HeadOfficeLetter,
    ImportantDate,
    OutboxItem,
    Outlet,
    ProductHolding,
    Proposal,
    ProposalParty,
    Receipt,
    Visit,
)

SHANGHAI = timezone(timedelta(hours=8))
DAY = date(2026, 9, 30)  # the eve of the National Day week


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def add_client(ctx: AppContext, name: str, **values: object) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name=name, mobile="13812345678", id_number="110101199001011234", **values)
        session.add(client)
        session.flush()
        return ClientId(client.id)


def add_proposal(ctx: AppContext, client_id: ClientId, name: str) -> str:
    with ctx.store.sessions.begin() as session:
        proposal = Proposal(status="finished", product_name="金佑人生终身寿险")
        session.add(proposal)
        session.flush()
        session.add(
            ProposalParty(
                proposal_id=proposal.id,
                role="policyholder",
                client_id=client_id,
                name=name,
                id_number="110101199001011234",
            )
        )
        return proposal.id


@pytest.fixture
def today(ctx: AppContext) -> TodayService:
    return TodayService(ctx.store.sessions, ctx.settings)


def test_agenda_is_the_days_visits_in_order(ctx: AppContext, today: TodayService) -> None:
    client = add_client(ctx, "张三")
    with ctx.store.sessions.begin() as session:
        outlet = Outlet(code="BJ01", name="朝阳支行")
        session.add(outlet)
        session.flush()
        session.add_all(
            [
                Visit(kind="client", client_id=client, purpose="closing", starts_at=at(DAY, 14), ends_at=at(DAY, 15)),
                Visit(
                    kind="outlet",
                    outlet_id=outlet.id,
                    purpose="outlet_check",
                    status="done",
                    starts_at=at(DAY, 9, 30),
                    ends_at=at(DAY, 10, 30),
                ),
                Visit(
                    kind="client",
                    client_id=client,
                    purpose="care",
                    starts_at=at(DAY, 0) - timedelta(minutes=1),
                    ends_at=at(DAY, 0),
                ),
            ]
        )
    data = today.build(DAY, SHANGHAI)
    assert [(v.who, v.purpose, v.status, v.starts_at.hour) for v in data.agenda] == [
        ("朝阳支行", "outlet_check", "done", 9),
        ("张三", "closing", "planned", 14),
    ]


def test_reminders_cover_care_and_paperwork_with_windows(ctx: AppContext, today: TodayService) -> None:
    soon = add_client(ctx, "生日", birth_date=date(1980, 10, 3))
    add_client(ctx, "太远", birth_date=date(1980, 10, 9))
    add_client(ctx, "闰日", birth_date=date(1988, 2, 29))
    merged = add_client(ctx, "已合并", birth_date=date(1980, 10, 1))
    buyer = add_client(ctx, "买家")
    contacted = add_client(ctx, "已回访", last_contact_at=at(DAY - timedelta(days=2), 10))
    with ctx.store.sessions.begin() as session:
        session.get_one(Client, merged).merged_into_id = soon
        session.add_all(
            [
                ImportantDate(client_id=soon, kind="anniversary", label="结婚纪念日", on=date(2001, 10, 6)),
                ImportantDate(client_id=soon, kind="other", label="一次性", on=date(2026, 12, 1), yearly=False),
                ProductHolding(
                    client_id=soon,
                    product_type="deposit",
                    product_name="三年期定期存款",
                    maturity_on=DAY + timedelta(days=30),
                ),
                ProductHolding(
                    client_id=soon,
                    product_type="deposit",
                    product_name="太晚到期",
                    maturity_on=DAY + timedelta(days=31),
                ),
                ProductHolding(
                    client_id=buyer, product_type="fund", product_name="华夏成长混合", start_on=DAY - timedelta(days=12)
                ),
                ProductHolding(
                    client_id=contacted,
                    product_type="fund",
                    product_name="已跟进基金",
                    start_on=DAY - timedelta(days=5),
                ),
            ]
        )
    due_receipt = add_proposal(ctx, buyer, "买家")
    with ctx.store.sessions.begin() as session:
        session.add_all(
            [
                Receipt(proposal_id=due_receipt, status="signed", policy_number="P2026001", signed_on=DAY),
                Receipt(
                    proposal_id=due_receipt,
                    status="signed",
                    policy_number="P2026002",
                    signed_on=DAY - timedelta(days=9),
                    return_due_on=DAY - timedelta(days=6),
                ),
                Receipt(
                    proposal_id=due_receipt,
                    status="signed",
                    policy_number="P2026003",
                    signed_on=DAY - timedelta(days=9),
                    return_due_on=DAY - timedelta(days=6),
                    returned_on=DAY - timedelta(days=7),
                ),
                HeadOfficeLetter(
                    proposal_id=due_receipt,
                    remote_id="L1",
                    kind="medical_exam",
                    issued_on=DAY - timedelta(days=2),
                    due_on=DAY + timedelta(days=8),
                ),
                HeadOfficeLetter(
                    proposal_id=due_receipt,
                    remote_id="L2",
                    kind="review",
                    issued_on=DAY - timedelta(days=12),
                    due_on=DAY - timedelta(days=2),
                    resolved_at=at(DAY, 9),
                ),
            ]
        )
    data = today.build(DAY, SHANGHAI)
    found = [(r.kind, r.client_name, r.due_on.isoformat(), r.detail, r.overdue) for r in data.reminders]
    assert found == [
        ("receipt_due", "买家", "2026-09-24", "P2026002", True),
        ("purchase_follow_up", "买家", "2026-09-28", "华夏成长混合", True),
        ("birthday", "生日", "2026-10-03", "", False),
        ("important_date", "生日", "2026-10-06", "结婚纪念日", False),
        ("letter_due", "买家", "2026-10-08", "金佑人生终身寿险", False),
        # Signed today: due back 10 October, after the National Day week.
        ("receipt_due", "买家", "2026-10-10", "P2026001", False),
        ("maturity", "生日", "2026-10-30", "三年期定期存款", False),
    ]
    assert next(r for r in data.reminders if r.kind == "letter_due").letter_kind == "medical_exam"
    names = {r[1] for r in found}
    assert {"太远", "已合并", "已回访", "闰日"} & names == set()
    assert next(r for r in data.reminders if r.kind == "birthday").years == 46
    assert all("13812345678" not in str(r) and "110101" not in str(r) for r in data.reminders)


def test_follow_ups_and_maturities_judge_contact_and_merged_cards(ctx: AppContext, today: TodayService) -> None:
    """The purchase follow-ups and maturities are judged as sets (migration 0009): a merged card's
    products never show; a card contacted after its purchase day needs no revisit, while one last
    contacted before it — long ago, earlier in the window, or on the purchase day itself — does."""
    bought_on = DAY - timedelta(days=5)
    cards = {
        "从未联系": add_client(ctx, "从未联系"),
        "早已联系": add_client(ctx, "早已联系", last_contact_at=at(DAY - timedelta(days=60), 9)),
        "购买前联系": add_client(ctx, "购买前联系", last_contact_at=at(bought_on - timedelta(days=3), 9)),
        "购买当天联系": add_client(ctx, "购买当天联系", last_contact_at=at(bought_on, 23, 59)),
        "次日已回访": add_client(ctx, "次日已回访", last_contact_at=at(bought_on + timedelta(days=1), 0, 1)),
    }
    keeper = add_client(ctx, "保留卡")
    merged = add_client(ctx, "已并卡")
    with ctx.store.sessions.begin() as session:
        session.get_one(Client, merged).merged_into_id = keeper
        for name, client in [*cards.items(), ("已并卡", merged)]:
            session.add(ProductHolding(client_id=client, product_type="fund", product_name=name, start_on=bought_on))
        session.add(ProductHolding(client_id=merged, product_type="deposit", product_name="并卡存单", maturity_on=DAY))
        session.add(ProductHolding(client_id=keeper, product_type="deposit", product_name="存单", maturity_on=DAY))
    data = today.build(DAY, SHANGHAI)
    follow_ups = sorted(r.client_name for r in data.reminders if r.kind == "purchase_follow_up")
    # Contacted at 23:59 on the purchase day (Beijing time) still counts as before the revisit.
    assert follow_ups == sorted(["从未联系", "早已联系", "购买前联系", "购买当天联系"])
    assert [(r.client_name, r.detail) for r in data.reminders if r.kind == "maturity"] == [("保留卡", "存单")]
    assert data.reminder_count == 5


def test_grouped_today_overdue_coming_with_care_before_follow_ups(ctx: AppContext, today: TodayService) -> None:
    buyer = add_client(ctx, "买家")
    add_client(ctx, "寿星", birth_date=date(1970, DAY.month, DAY.day))
    bought = {"今日回访": 10, "逾期三天": 13, "逾期十天": 20, "下周回访": 8}
    with ctx.store.sessions.begin() as session:
        session.add_all(
            [
                ProductHolding(
                    client_id=buyer, product_type="fund", product_name=name, start_on=DAY - timedelta(days=days)
                )
                for name, days in bought.items()
            ]
        )
        session.add(
            ProductHolding(
                client_id=buyer, product_type="deposit", product_name="定期", maturity_on=DAY + timedelta(days=5)
            )
        )
    proposal = add_proposal(ctx, buyer, "买家")
    with ctx.store.sessions.begin() as session:
        session.add(
            Receipt(
                proposal_id=proposal,
                status="signed",
                policy_number="P1",
                signed_on=DAY - timedelta(days=6),
                return_due_on=DAY - timedelta(days=2),
            )
        )
    data = today.build(DAY, SHANGHAI)
    assert [(r.group, r.kind, r.detail) for r in data.reminders] == [
        ("today", "birthday", ""),
        ("today", "purchase_follow_up", "今日回访"),
        ("overdue", "receipt_due", "P1"),  # paperwork before a follow-up, though due later
        ("overdue", "purchase_follow_up", "逾期三天"),
        ("coming", "maturity", "定期"),
        ("coming", "purchase_follow_up", "下周回访"),
    ]
    assert [r.detail for r in data.group("overdue")] == ["P1", "逾期三天"]
    # Overdue by more than a week: one collapsed line with its count, listed on demand.
    assert data.old_follow_up_count == 1 and "逾期十天" not in {r.detail for r in data.reminders}
    assert [(r.detail, r.overdue, r.group) for r in today.old_follow_ups(DAY, SHANGHAI)] == [
        ("逾期十天", True, "overdue")
    ]
    assert (data.reminder_count, data.overdue_count) == (6, 2)
    assert all(r.subject_id for r in data.reminders)
    assert next(r for r in data.reminders if r.kind == "birthday").subject_id == data.reminders[0].client_id


def test_only_the_limit_is_built_and_the_rest_counted(ctx: AppContext, today: TodayService) -> None:
    for n in range(5):
        add_client(ctx, f"寿星{n}", birth_date=date(1970 + n, 10, 1 + n))
    data = today.build(DAY, SHANGHAI, limit=3)
    assert [r.client_name for r in data.reminders] == ["寿星0", "寿星1", "寿星2"]
    assert data.reminder_count == 5


def test_leap_day_birthday_reminds_on_28_february(ctx: AppContext, today: TodayService) -> None:
    add_client(ctx, "闰日", birth_date=date(1988, 2, 29))
    data = today.build(date(2026, 2, 25), SHANGHAI)
    assert [(r.client_name, r.due_on) for r in data.reminders] == [("闰日", date(2026, 2, 28))]


def test_follow_ups_due_today_join_the_agenda(ctx: AppContext, today: TodayService) -> None:
    buyer = add_client(ctx, "买家")
    with ctx.store.sessions.begin() as session:
        session.add(
            ProductHolding(client_id=buyer, product_type="fund", product_name="基金", start_on=DAY - timedelta(days=10))
        )
    assert [r.client_name for r in today.build(DAY, SHANGHAI).follow_ups] == ["买家"]


def test_progress_uses_the_days_targets_and_latest_entries(ctx: AppContext, today: TodayService) -> None:
    ctx.settings.set_targets(DailyTargets(visits=6, leaflets=40))
    worklog = WorkLogService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)
    client = add_client(ctx, "张三")
    worklog.log(LogInput(kind="visit", day=DAY, at=at(DAY, 10), client_id=client, sales_step="close", effective=True))
    worklog.log(LogInput(kind="visit", day=DAY, at=at(DAY, 11), client_id=client, sales_step="need"))
    leaflets = worklog.log(LogInput(kind="leaflets", day=DAY, at=at(DAY, 12), quantity=30))
    worklog.close_day(DAY)
    worklog.correct(leaflets.id, "counted twice", quantity=15)
    data = today.build(DAY, SHANGHAI)
    progress = {p.measure: (p.actual, p.target) for p in data.progress}
    assert progress["visits"] == (1, 6) and progress["leaflets"] == (15, 40)
    assert data.day_closed
    other = today.build(DAY + timedelta(days=1), SHANGHAI)
    assert not other.day_closed and {p.measure: p.actual for p in other.progress}["visits"] == 0
    with ctx.store.sessions.begin() as session:
        session.add(DailyPlan(day=DAY + timedelta(days=1), target_visits=9))
    assert today.build(DAY + timedelta(days=1), SHANGHAI).progress[0].target == 9


def test_reminder_queries_read_indexes_only(ctx: AppContext, today: TodayService) -> None:
    """Every query behind the Today page searches an index, and the reminder joins of cards and
    products are answered from covering indexes (migrations 0006, 0009): on an encrypted
    100,000-card profile each table page read would cost a decryption."""
    statements: list[tuple[str, object]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: object, _context: object,
               _many: bool) -> None:  # fmt: skip
        statements.append((statement, parameters))

    event.listen(ctx.store.engine, "before_cursor_execute", record)
    try:
        today.build(DAY, SHANGHAI)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", record)
    conn = connect(ctx.store.db_path, ctx.store.key)
    try:
        plans = {sql: [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
                 for sql, params in statements if sql.lstrip().upper().startswith("SELECT")}  # fmt: skip
    finally:
        conn.close()
    steps = [step for plan in plans.values() for step in plan]
    assert not [s for s in steps if s.startswith("SCAN") and ("clients" in s or "client_products" in s)], plans
    for index in ("ix_clients_birth_month_day", "ix_client_products_start_on", "ix_client_products_maturity_on",
                  "ix_clients_reminder_cover", "ix_clients_merged", "ix_clients_contact_cover"):  # fmt: skip
        assert any(f"COVERING INDEX {index}" in s for s in steps), (index, plans)
    # The important dates of the week by index, not a scan of every card's dates (migration 0009).
    for index in ("ix_client_dates_month_day", "ix_client_dates_on"):
        assert any(f"USING INDEX {index}" in s for s in steps), (index, plans)
    assert not [s for s in steps if s.startswith("SCAN client_dates")], plans


def issued_proposal(ctx: AppContext, name: str, issued_at: datetime, picked_up_on: date | None = None) -> str:
    """A proposal head office has issued; with `picked_up_on`, its draft receipt records the pick-up."""
    proposal_id = add_proposal(ctx, add_client(ctx, name), name)
    with ctx.store.sessions.begin() as session:
        proposal = session.get_one(Proposal, proposal_id)
        proposal.hq_status, proposal.hq_status_at, proposal.hq_policy_number = "issued", issued_at, "P2026" + name
        if picked_up_on is not None:
            session.add(Receipt(proposal_id=proposal_id, picked_up_on=picked_up_on, picked_up_from="insurer"))
    return proposal_id


def test_policy_delivery_counts_from_the_pick_up_when_recorded(ctx: AppContext, today: TodayService) -> None:
    # Issued on 24 September (23:00 Beijing time): due on the 27th until a pick-up is recorded.
    issued_proposal(ctx, "未领取", at(DAY - timedelta(days=6), 23))
    picked = issued_proposal(ctx, "已领取", at(DAY - timedelta(days=6), 9), picked_up_on=DAY - timedelta(days=1))
    delivery = [r for r in today.build(DAY, SHANGHAI).reminders if r.kind == "policy_delivery"]
    assert [(r.client_name, r.due_on, r.overdue, r.counted_from, r.detail) for r in delivery] == [
        ("未领取", date(2026, 9, 27), True, "issued", "P2026未领取"),
        ("已领取", date(2026, 10, 2), False, "picked_up", "P2026已领取"),
    ]
    # Signing the receipt ends it.
    with ctx.store.sessions.begin() as session:
        session.execute(update(Receipt).where(Receipt.proposal_id == picked).values(status="signed", signed_on=DAY))
    assert [r.client_name for r in today.build(DAY, SHANGHAI).reminders if r.kind == "policy_delivery"] == ["未领取"]


def sent_proposal(ctx: AppContext, name: str, sent_on: date, seq: int) -> str:
    """A finished proposal whose outbox item head office acknowledged at 08:30 on `sent_on`."""
    proposal_id = add_proposal(ctx, add_client(ctx, name), name)
    with ctx.store.sessions.begin() as session:
        session.add(
            OutboxItem(
                seq=seq,
                kind="proposal",
                record_id=proposal_id,
                payload_json="{}",
                status="sent",
                sent_at=at(sent_on, 8, 30),
            )
        )
    return proposal_id


def test_not_issued_warns_from_day_20_and_is_withdrawn_at_day_30(ctx: AppContext, today: TodayService) -> None:
    sent = {
        days: sent_proposal(ctx, f"第{days}天", DAY - timedelta(days=days), seq)
        for seq, days in enumerate((19, 20, 29, 30), 1)
    }
    # Sent 40 days ago but issued: neither warned nor withdrawn.
    issued = sent_proposal(ctx, "已出单", DAY - timedelta(days=40), 9)
    with ctx.store.sessions.begin() as session:
        session.get_one(Proposal, issued).hq_status = "issued"
    data = today.build(DAY, SHANGHAI)
    warned = [(r.client_name, r.due_on, r.overdue, r.subject_id) for r in data.reminders if r.kind == "issue_overdue"]
    assert warned == [  # due on the 20th day: today, then overdue
        ("第20天", DAY, False, sent[20]),
        ("第29天", DAY - timedelta(days=9), True, sent[29]),
    ]
    with ctx.store.sessions() as session:
        withdrawn = {p.id: (p.withdrawn_at is not None, p.withdrawn_reason) for p in session.scalars(select(Proposal))}
        assert withdrawn[sent[30]] == (True, "not issued within 30 days")
        assert {pid for pid, (yes, _reason) in withdrawn.items() if yes} == {sent[30]}
        assert [e.action for e in events_for(session, "proposal", sent[30])] == ["withdraw"]
    # Idempotent: building again withdraws nothing more and audits nothing more.
    assert today.withdraw_unissued(DAY, SHANGHAI) == []
    today.build(DAY, SHANGHAI)
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "proposal", sent[30])] == ["withdraw"]
    # The next day the 29th-day one is withdrawn in turn, and the 19th-day one warns.
    data = today.build(DAY + timedelta(days=1), SHANGHAI)
    assert [r.client_name for r in data.reminders if r.kind == "issue_overdue"] == ["第19天", "第20天"]
    with ctx.store.sessions() as session:
        assert session.get_one(Proposal, sent[29]).withdrawn_at is not None
    # The Proposals list says so.
    rows = {r.id: r.withdrawn for r in ctx.proposal_records.page().rows}
    assert {pid for pid, withdrawn in rows.items() if withdrawn} == {sent[29], sent[30]}
    # A withdrawn application's open letter is no longer a task; another's still is.
    with ctx.store.sessions.begin() as session:
        for remote, proposal_id in (("L-W", sent[30]), ("L-O", sent[20])):
            session.add(HeadOfficeLetter(proposal_id=proposal_id, remote_id=remote, kind="health_evidence",
                                         issued_on=DAY, due_on=DAY + timedelta(days=10)))  # fmt: skip
    letters = [r.subject_id for r in today.build(DAY + timedelta(days=1), SHANGHAI).reminders if r.kind == "letter_due"]
    with ctx.store.sessions() as session:
        owners = [session.get_one(HeadOfficeLetter, letter_id).proposal_id for letter_id in letters]
    assert owners == [sent[20]]
