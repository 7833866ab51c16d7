"""成交面谈记录表: saved as typed, counted once in the work log, the follow-up planned, the
proposal a closed interview leads to pre-filled — on a real profile."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from app.common.local_time import local_zone
from app.context import AppContext
from app.day.worklog import tally
from app.errors import InvalidInput
from app.planner.records import VisitInput
from app.rules.ids import ClientId, ProspectId, VisitId
from app.rules.money import cents_from_amount
from app.sales_forms.closing import ClosingInput, Objection
from local_db.models import Client, Prospect, Visit, WorkLogEntry


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    with ctx.store.sessions.begin() as session:
        client = Client(name="张三", gender="M", birth_date=date(1980, 5, 6), mobile="13812345678")
        session.add(client)
        session.flush()
        return ClientId(client.id)


def plan_visit(ctx: AppContext, client_id: ClientId, hour: int = 14) -> VisitId:
    start = datetime.combine(today(), time(hour), local_zone())
    view = ctx.planner.create(
        VisitInput(kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1),
                   client_id=client_id, location="网点贵宾室")
    )  # fmt: skip
    return view.id


def filled(base: ClosingInput, **changes: object) -> ClosingInput:
    values: dict[str, object] = {
        "product_code": "GS-XXNJ",
        "premium_cents": cents_from_amount("20万"),
        "fab_presented": True,
        "three_attempts": True,
        "objections": (Objection("收益太低", "对比定期存款的长期复利"), Objection("", "")),
        "improve": "开场太快",
        "outcome": "closed",
    }
    values.update(changes)
    return ClosingInput(**{**base.__dict__, **values})


def entries(ctx: AppContext) -> list[WorkLogEntry]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(WorkLogEntry)))


def test_a_draft_keeps_what_was_typed_and_counts_nothing(ctx: AppContext, client_id: ClientId) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    assert (form.status, form.data.held_on, form.client_name) == ("draft", today(), "张三")
    saved = service.save(form.id, filled(form.data, outcome=None, other="客户配偶在场"))
    again = service.get(form.id)
    assert again == saved
    assert (again.product_name, again.data.premium_cents) == ("国寿鑫享年金保险", 20_000_000)
    # The empty objection row is not kept; the typed one is, in order.
    assert again.data.objections == (Objection("收益太低", "对比定期存款的长期复利"),)
    assert (again.data.fab_presented, again.data.three_attempts, again.data.other) == (True, True, "客户配偶在场")
    assert entries(ctx) == [] and again.worklog_id is None


def test_done_on_a_visit_reuses_the_visits_entry(ctx: AppContext, client_id: ClientId) -> None:
    visit_id = plan_visit(ctx, client_id)
    ctx.planner.set_status(visit_id, "done", outcome="follow_up", sales_step="present")
    [visit_entry] = entries(ctx)
    service = ctx.closing_interviews
    form = service.start(visit_id=visit_id)
    assert (form.data.client_id, form.data.visit_id, form.visit_location) == (client_id, visit_id, "网点贵宾室")
    assert service.start(visit_id=visit_id).id == form.id  # one form a visit
    done = service.mark_done(form.id, filled(form.data))
    [entry] = entries(ctx)
    assert entry.id == visit_entry.id == done.worklog_id
    assert (entry.sales_step, entry.effective, entry.kind) == ("close", True, "visit")
    service.mark_done(form.id)
    service.save(form.id, replace(done.data, improve="多倾听"))
    assert [e.id for e in entries(ctx)] == [entry.id]
    with ctx.store.sessions() as session:
        assert tally(session, today()).visits == 1


def test_done_on_a_planned_visit_marks_it_done_and_reopen_leaves_the_visit(
    ctx: AppContext, client_id: ClientId
) -> None:
    visit_id = plan_visit(ctx, client_id)
    service = ctx.closing_interviews
    form = service.start(visit_id=visit_id)
    done = service.mark_done(form.id, filled(form.data, outcome="declined"))
    detail = ctx.planner.get(visit_id)
    assert (detail.view.status, detail.view.outcome, detail.sales_step) == ("done", "not_closed", "close")
    [entry] = entries(ctx)
    assert entry.visit_id == visit_id and done.worklog_id == entry.id
    back = service.reopen(form.id)
    # The form no longer counts; the visit took place all the same and keeps its entry.
    assert (back.status, back.worklog_id) == ("draft", None)
    assert [e.id for e in entries(ctx)] == [entry.id] and ctx.planner.get(visit_id).view.status == "done"
    again = service.mark_done(form.id)
    assert again.worklog_id == entry.id and len(entries(ctx)) == 1


def test_done_without_a_visit_writes_one_visit_entry_that_follows_the_form(
    ctx: AppContext, client_id: ClientId
) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    done = service.mark_done(form.id, filled(form.data))
    [entry] = entries(ctx)
    assert (entry.id, entry.kind, entry.client_id, entry.sales_step, entry.day) == (
        done.worklog_id, "visit", client_id, "close", today(),
    )  # fmt: skip
    yesterday = today() - timedelta(days=1)
    moved = service.save(form.id, replace(done.data, held_on=yesterday))
    [entry] = entries(ctx)
    assert (entry.id, entry.day) == (moved.worklog_id, yesterday)
    service.reopen(form.id)
    assert entries(ctx) == []


def test_a_prospects_interview_counts_on_the_prospect(ctx: AppContext) -> None:
    with ctx.store.sessions.begin() as session:
        prospect = Prospect(name="李四", mobile="13900001111", captured_on=today())
        session.add(prospect)
        session.flush()
        prospect_id = ProspectId(prospect.id)
    service = ctx.closing_interviews
    form = service.start(prospect_id=prospect_id)
    done = service.mark_done(form.id, filled(form.data, outcome="follow_up", follow_up_on=today() + timedelta(days=3)))
    [entry] = entries(ctx)
    assert (entry.prospect_id, entry.client_id, done.prospect_name) == (prospect_id, None, "李四")
    # No card to visit: the follow-up stays the date on the form.
    assert (done.follow_up_visit_id, done.data.follow_up_on) == (None, today() + timedelta(days=3))
    with pytest.raises(InvalidInput) as refused:
        service.new_proposal(service.save(form.id, replace(done.data, outcome="closed")).id)
    assert "准客户" in refused.value.message_zh


def test_the_follow_up_becomes_one_planned_visit_kept_in_step(ctx: AppContext, client_id: ClientId) -> None:
    service = ctx.closing_interviews
    form = service.start(visit_id=plan_visit(ctx, client_id))
    later = today() + timedelta(days=7)
    done = service.mark_done(form.id, filled(form.data, outcome="follow_up", follow_up_on=later))
    assert done.follow_up_visit_id is not None
    follow_up = ctx.planner.get(done.follow_up_visit_id).view
    assert (follow_up.status, follow_up.purpose, follow_up.client_id) == ("planned", "closing", client_id)
    assert follow_up.starts_at.date() == later and follow_up.starts_at.time() == time(10)
    assert follow_up.location == "网点贵宾室"
    service.mark_done(form.id)
    moved = service.save(form.id, replace(done.data, follow_up_on=later + timedelta(days=1)))
    assert moved.follow_up_visit_id == done.follow_up_visit_id
    assert ctx.planner.get(done.follow_up_visit_id).view.starts_at.date() == later + timedelta(days=1)
    with ctx.store.sessions() as session:
        planned = session.scalar(select(func.count()).select_from(Visit).where(Visit.status == "planned"))
    assert planned == 1  # the follow-up; the interview's own visit is done
    # Closed after all: the follow-up visit is not needed any more.
    closed = service.save(form.id, replace(done.data, outcome="closed"))
    assert closed.follow_up_visit_id is None
    assert ctx.planner.get(done.follow_up_visit_id).view.status == "cancelled"
    # A draft plans nothing.
    draft = service.start(client_id=client_id)
    assert (
        service.save(draft.id, filled(draft.data, outcome="follow_up", follow_up_on=later)).follow_up_visit_id is None
    )


def test_closed_offers_a_proposal_prefilled_with_client_product_and_premium(
    ctx: AppContext, client_id: ClientId
) -> None:
    service = ctx.closing_interviews
    form = service.start(visit_id=plan_visit(ctx, client_id))
    service.mark_done(form.id, filled(form.data))
    proposal_id = service.new_proposal(form.id)
    doc = ctx.proposals.doc(proposal_id)
    assert (doc.product_code, doc.product_name, doc.premium_cents) == ("GS-XXNJ", "国寿鑫享年金保险", 20_000_000)
    assert (doc.policyholder.name, doc.insured.name, doc.relation) == ("张三", "张三", "self")
    assert doc.policyholder.birth_date == date(1980, 5, 6)
    links = ctx.proposal_records.linked_clients(proposal_id)
    assert {role: link.client_id for role, link in links.items()} == {"policyholder": client_id, "insured": client_id}
    assert service.get(form.id).proposal_id == proposal_id
    assert service.new_proposal(form.id) == proposal_id  # asked again: the same draft


def test_a_minor_client_is_the_insured_never_the_policyholder(ctx: AppContext) -> None:
    with ctx.store.sessions.begin() as session:
        child = Client(name="张小明", gender="M", birth_date=today().replace(year=today().year - 8, day=1))
        session.add(child)
        session.flush()
        child_id = ClientId(child.id)
    service = ctx.closing_interviews
    form = service.start(client_id=child_id)
    service.save(form.id, filled(form.data, product_code="ZX-EDU-2026", premium_cents=1_200_000))
    doc = ctx.proposals.doc(service.new_proposal(form.id))
    assert (doc.policyholder.name, doc.insured.name, doc.relation) == ("", "张小明", None)
    assert doc.product_code == "ZX-EDU-2026"


@pytest.mark.parametrize(
    ("changes", "zh"),
    [
        ({"product_code": "NO-SUCH"}, "产品目录中没有"),
        ({"premium_cents": -1}, "保费不能为负数"),
        ({"outcome": "maybe"}, "未知的面谈结果"),
        ({"outcome": "follow_up", "follow_up_on": today() - timedelta(days=1)}, "不能早于面谈日期"),
        ({"objections": (Objection("太贵" * 1001, ""),)}, "异议超过"),
        ({"improve": "x" * 2001}, "需改进之处超过"),
        ({"prospect_id": "not-a-prospect"}, "不能同时对应两者"),
    ],
)
def test_bad_input_is_refused_in_both_languages(
    ctx: AppContext, client_id: ClientId, changes: dict[str, object], zh: str
) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    with pytest.raises(InvalidInput) as refused:
        service.save(form.id, filled(form.data, **changes))
    assert zh in refused.value.message_zh and refused.value.message
    assert service.get(form.id) == form  # nothing was saved


@pytest.mark.parametrize(
    ("changes", "zh"),
    [
        ({"outcome": None}, "请选择面谈结果"),
        ({"product_code": ""}, "需要填写所呈现的产品"),
        ({"outcome": "follow_up", "follow_up_on": None}, "请选择后续跟进的日期"),
    ],
)
def test_done_needs_the_outcome_and_what_it_depends_on(
    ctx: AppContext, client_id: ClientId, changes: dict[str, object], zh: str
) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    with pytest.raises(InvalidInput) as refused:
        service.mark_done(form.id, filled(form.data, **changes))
    assert zh in refused.value.message_zh
    assert entries(ctx) == [] and service.get(form.id).status == "draft"


def test_only_a_closed_interview_leads_to_a_proposal(ctx: AppContext, client_id: ClientId) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    service.save(form.id, filled(form.data, outcome="declined"))
    with pytest.raises(InvalidInput, match="Only a closed interview"):
        service.new_proposal(form.id)


def test_on_a_closed_day_the_entry_is_not_changed_in_place(ctx: AppContext, client_id: ClientId) -> None:
    service = ctx.closing_interviews
    form = service.start(client_id=client_id)
    done = service.mark_done(form.id, filled(form.data))
    ctx.worklog.close_day(today())
    assert service.get(form.id).logged_on_closed_day
    # What the entry does not show may still be written down …
    assert service.save(form.id, replace(done.data, improve="下次先确认预算")).data.improve == "下次先确认预算"
    # … but not a move of the counted interview to another day, nor taking it back.
    with pytest.raises(InvalidInput) as refused:
        service.save(form.id, replace(done.data, held_on=today() - timedelta(days=1)))
    assert "已关闭" in refused.value.message_zh
    with pytest.raises(InvalidInput):
        service.reopen(form.id)
    assert [e.id for e in entries(ctx)] == [done.worklog_id]


def test_an_outlet_visit_or_a_cancelled_one_holds_no_interview(ctx: AppContext, client_id: ClientId) -> None:
    visit_id = plan_visit(ctx, client_id)
    service = ctx.closing_interviews
    form = service.start(visit_id=visit_id)
    ctx.planner.set_status(visit_id, "cancelled")
    with pytest.raises(InvalidInput, match="cancelled"):
        service.mark_done(form.id, filled(form.data))
    assert entries(ctx) == []


@pytest.mark.parametrize(
    ("text", "cents"),
    [("20万", 20_000_000), ("1.5 万元", 1_500_000), ("¥3,000", 300_000), ("３千", 300_000), ("", None),
     ("0.01", 1), ("0.000001万", 1), ("1亿", 10_000_000_000)],
)  # fmt: skip
def test_amounts_as_managers_write_them(text: str, cents: int | None) -> None:
    assert cents_from_amount(text) == cents


@pytest.mark.parametrize("text", ["万", "abc", "1.234", "0.0000001万", "1e400", "nan", "20万万"])
def test_amounts_that_are_not_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        cents_from_amount(text)
