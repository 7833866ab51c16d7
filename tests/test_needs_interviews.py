"""Needs interviews (需求面谈表, app/sales_forms/needs.py): drafts as typed, done counted once in
the work log (the visit's own entry, or one of its own), taking it back, the card write-back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.clients.records import ClientDraft, FamilyEntry
from app.common.local_time import local_zone
from app.context import AppContext
from app.day.summaries import read_days
from app.errors import InvalidInput
from app.planner.records import VisitInput
from app.prospects.records import ProspectInput
from app.rules.ids import ClientId, VisitId
from app.sales_forms.needs import NeedsDraft, NeedsInputs, figures
from local_db.models import AuditEvent, WorkLogEntry

WAN = 1_000_000


def _client(ctx: AppContext, tags: tuple[str, ...] = ()) -> ClientId:
    return ctx.clients.save(
        ClientDraft(
            name="李四",
            gender="F",
            birth_date=date(1985, 3, 2),
            mobile="13912345678",
            tags=tags,
            family=(FamilyEntry("child", "李小朵", date(2016, 5, 1), "primary"),),
        )
    ).client_id


def _visit(ctx: AppContext, client_id: ClientId, hour: int = 10) -> VisitId:
    start = datetime.now(local_zone()).replace(hour=hour, minute=0, second=0, microsecond=0)
    return ctx.planner.create(
        VisitInput("client", "needs_interview", start, start + timedelta(hours=1), client_id=client_id)
    ).id


def _needs_count(ctx: AppContext, day: date) -> int:
    with ctx.store.sessions() as session:
        days = read_days(session, day, day, local_zone(), ctx.catalogue())
    return days[day].measures.needs_interviews if day in days else 0


def _entries(ctx: AppContext) -> list[WorkLogEntry]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(WorkLogEntry)))


FILLED = NeedsInputs(
    family="丈夫、一个女儿",
    annual_income_cents=30 * WAN,
    debts_cents=100 * WAN,
    existing_cover_cents=50 * WAN,
    liquid_assets_cents=20 * WAN,
    child_name="李小朵",
    child_age=10,
    university_cost_cents=5 * WAN,
    current_age=41,
    retirement_age=55,
    desired_monthly_cents=800_000,
    social_monthly_cents=300_000,
)


def test_create_from_a_visit_fills_from_the_card(ctx: AppContext) -> None:
    client = _client(ctx)
    visit = _visit(ctx, client)
    view = ctx.needs_interviews.create(visit_id=visit)
    assert (view.client_id, view.visit_id, view.status, view.who) == (client, visit, "draft", "李四")
    assert view.draft.held_on == date.today()
    inputs = view.draft.inputs
    assert inputs.retirement_age == 55  # a woman's default
    assert inputs.current_age is not None and inputs.current_age >= 40
    assert (inputs.child_name, inputs.child_age is not None) == ("李小朵", True)
    assert ctx.needs_interviews.for_visit(visit) == view
    assert _entries(ctx) == []  # a draft is not work done


def test_draft_saves_as_typed_even_with_figures_that_break_a_rule(ctx: AppContext) -> None:
    view = ctx.needs_interviews.create(client_id=_client(ctx))
    bad = NeedsInputs(annual_income_cents=-5, current_age=70, retirement_age=60, desired_monthly_cents=1)
    draft = NeedsDraft(date.today(), preparation="带上保障需求问卷", needs_found="担心女儿教育金", goals=("education",),
                       inputs=bad)  # fmt: skip
    saved = ctx.needs_interviews.save(view.id, draft)
    assert saved.draft == draft
    result = figures(saved.draft.inputs)
    assert result.protection is None and result.pension is None
    assert {p.field for p in result.problems} == {"annual_income", "current_age"}
    with pytest.raises(InvalidInput) as caught:
        ctx.needs_interviews.mark_done(view.id)
    assert "年收入不能为负数" in caught.value.message_zh
    assert ctx.needs_interviews.get(view.id).status == "draft"


def test_done_reuses_the_visits_entry_and_counts_once(ctx: AppContext) -> None:
    client = _client(ctx)
    visit = _visit(ctx, client)
    ctx.planner.set_status(visit, "done", outcome="follow_up", sales_step="identify")
    [entry] = _entries(ctx)
    view = ctx.needs_interviews.create(visit_id=visit)
    ctx.needs_interviews.save(view.id, NeedsDraft(date.today(), goals=("pension",), inputs=FILLED))
    done = ctx.needs_interviews.mark_done(view.id)
    assert done.worklog_id == entry.id
    [after] = _entries(ctx)
    assert (after.id, after.sales_step, after.effective) == (entry.id, "need", False)
    assert _needs_count(ctx, date.today()) == 1
    assert ctx.needs_interviews.mark_done(view.id).worklog_id == entry.id  # done twice: still one
    assert len(_entries(ctx)) == 1 and _needs_count(ctx, date.today()) == 1
    reopened = ctx.needs_interviews.reopen(view.id)
    assert (reopened.status, reopened.worklog_id) == ("draft", None)
    assert len(_entries(ctx)) == 1  # the visit took place: its entry stays
    assert _needs_count(ctx, date.today()) == 0


def test_done_marks_a_planned_visit_done_and_keeps_a_later_step(ctx: AppContext) -> None:
    client = _client(ctx)
    visit = _visit(ctx, client)
    view = ctx.needs_interviews.create(visit_id=visit)
    ctx.needs_interviews.mark_done(view.id)
    [entry] = _entries(ctx)
    assert (entry.visit_id, entry.kind, entry.sales_step) == (visit, "visit", "need")
    assert ctx.planner.get(visit).view.status == "done"
    other = _visit(ctx, client, hour=15)
    ctx.planner.set_status(other, "done", outcome="closed", sales_step="close")
    second = ctx.needs_interviews.create(visit_id=other)
    ctx.needs_interviews.mark_done(second.id)
    closing = next(e for e in _entries(ctx) if e.visit_id == other)
    assert (closing.sales_step, closing.effective) == ("close", True)  # never lowered
    assert _needs_count(ctx, date.today()) == 2


def test_done_without_a_visit_writes_its_own_entry_and_reopen_removes_it(ctx: AppContext) -> None:
    client = _client(ctx)
    view = ctx.needs_interviews.create(client_id=client)
    done = ctx.needs_interviews.mark_done(view.id)
    [entry] = _entries(ctx)
    assert (entry.id, entry.kind, entry.sales_step, entry.client_id, entry.visit_id) == (
        done.worklog_id, "visit", "need", client, None,
    )  # fmt: skip
    assert _needs_count(ctx, date.today()) == 1
    ctx.needs_interviews.reopen(view.id)
    assert _entries(ctx) == []
    assert _needs_count(ctx, date.today()) == 0


def test_done_links_the_clients_planned_visit_of_the_day(ctx: AppContext) -> None:
    client = _client(ctx)
    visit = _visit(ctx, client)
    view = ctx.needs_interviews.create(client_id=client)  # opened from the card, not the visit
    done = ctx.needs_interviews.mark_done(view.id)
    [entry] = _entries(ctx)
    assert (done.visit_id, entry.visit_id) == (visit, visit)


def test_closed_day_refuses_taking_back_and_changing_the_date(ctx: AppContext) -> None:
    view = ctx.needs_interviews.create(client_id=_client(ctx))
    ctx.needs_interviews.mark_done(view.id)
    with pytest.raises(InvalidInput):
        ctx.needs_interviews.save(view.id, NeedsDraft(date.today() - timedelta(days=1)))
    ctx.worklog.close_day(date.today())
    with pytest.raises(InvalidInput) as caught:
        ctx.needs_interviews.reopen(view.id)
    assert "已关闭" in caught.value.message_zh
    assert ctx.needs_interviews.get(view.id).done and len(_entries(ctx)) == 1
    # Text may still be added to a done interview; the count is untouched.
    ctx.needs_interviews.save(view.id, NeedsDraft(date.today(), analysis="需补充重疾保障"))
    assert _needs_count(ctx, date.today()) == 1


def test_done_writes_the_conclusions_back_to_the_card(ctx: AppContext) -> None:
    client = _client(ctx, tags=("老客户",))
    view = ctx.needs_interviews.create(client_id=client)
    inputs = NeedsInputs(**{**FILLED.__dict__, "child_name": "李小米", "child_age": 3})
    ctx.needs_interviews.save(view.id, NeedsDraft(date.today(), goals=("education", "pension"), inputs=inputs))
    ctx.needs_interviews.mark_done(view.id)
    card = ctx.clients.get(client)
    assert set(card.draft.tags) == {"老客户", "子女教育", "养老规划"}
    line = card.draft.notes.splitlines()[-1]
    assert line.startswith(f"需求面谈 {date.today().isoformat()}：保障缺口 3,300,000.00 元；教育金缺口")
    assert "养老缺口" in line and line.endswith("目标：子女教育、养老规划")
    assert card.draft.income_band == "20-50万"
    assert {(f.relation, f.name, f.education_stage) for f in card.draft.family} == {
        ("child", "李小朵", "primary"),
        ("child", "李小米", "preschool"),
    }
    assert card.draft.assets_cents == 0  # the family's assets are not the bank's
    with ctx.store.sessions() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "client", AuditEvent.entity_id == client)
            .order_by(AuditEvent.seq.desc())
        ).first()  # fmt: skip
    assert event is not None
    detail = json.loads(event.detail_json)
    assert (detail["from"], set(detail["fields"])) == ("needs_interview", {"tags", "notes", "income_band", "family"})
    # Again (taken back and done again): nothing doubled, the day's line replaced.
    ctx.needs_interviews.reopen(view.id)
    ctx.needs_interviews.mark_done(view.id)
    again = ctx.clients.get(client)
    assert again.draft.notes.count("需求面谈") == 1 and len(again.draft.family) == 2
    assert sorted(again.draft.tags) == sorted(card.draft.tags)


def test_a_prospects_interview_moves_them_to_interviewed(ctx: AppContext) -> None:
    captured = ctx.prospects.capture(ProspectInput(name="王五", mobile="13712345678", age=33, gender="M")).prospect
    assert captured is not None
    prospect = captured.id
    view = ctx.needs_interviews.create(prospect_id=prospect)
    assert (view.who, view.draft.inputs.current_age, view.draft.inputs.retirement_age) == ("王五", 33, 60)
    done = ctx.needs_interviews.mark_done(view.id)
    [entry] = _entries(ctx)
    assert (entry.prospect_id, entry.id) == (prospect, done.worklog_id)
    assert ctx.prospects.get(prospect).row.stage == "interviewed"


def test_inputs_json_keeps_only_known_typed_values() -> None:
    text = json.dumps({"annual_income_cents": 5, "child_age": "ten", "debts_cents": True, "later": 1, "family": "x"})
    assert NeedsInputs.from_json(text) == NeedsInputs(annual_income_cents=5, family="x")
    assert NeedsInputs.from_json("not json") == NeedsInputs()
    assert NeedsInputs.from_json(FILLED.to_json()) == FILLED
