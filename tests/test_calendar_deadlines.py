"""Deadlines across New Year before and after the next year's holidays arrive (issue 16 items 2
and 5): without 2027 the return deadline is counted Monday to Friday and every place showing it
says so; once a 2027 calendar is held, the stored deadline moves, the manager is told which moved,
and a second reconcile moves nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import event

from app.common.local_time import local_zone
from app.context import AppContext
from app.planner.records import VisitInput
from app.planner.service import PlannerService
from app.profile.audit import events_for
from app.receipts.service import ReceiptFields, ReceiptService
from app.reference.deadlines import (
    RECEIPT_RETURN,
    VISIT_ON_HOLIDAY,
    MovedDeadline,
    dismiss_moved,
    moved_notice,
    reconcile_deadlines,
)
from app.reference.held import import_calendar
from app.rules import working_days
from app.rules.ids import ClientId, ReceiptId
from local_db import models
from tests.handover_data import finished_proposal, set_up_manager, signed, zigzag
from tests.test_cli import branchdesk

SIGNED = date(2026, 12, 29)  # a Tuesday: 30 Dec, 31 Dec, then 1 January under Monday to Friday
ASSUMED_DUE, KNOWN_DUE = date(2027, 1, 1), date(2027, 1, 4)
NEW_YEARS_EVE = date(2026, 12, 31)
WARNING_EN = "2027 holidays not known yet: Monday–Friday assumed"
WARNING_ZH = "2027 年节假日尚未公布：暂按周一至周五计算"
# The 2027 holidays assumed here (no package knows them yet): New Year's Day, and a Spring
# Festival week with an adjusted working Sunday, enough to make a calendar file head office
# could publish.
CALENDAR_2027 = json.dumps({
    "kind": "holiday-calendar", "version": 2,
    "years": {"2027": {"holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
                                    "2027-02-11"],
                       "workdays": ["2027-02-14"]}},
}).encode()  # fmt: skip


@pytest.fixture(autouse=True)
def shipped_again() -> Iterator[None]:
    yield
    working_days.hold(None)


def texts(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def sign_receipt(ctx: AppContext) -> ReceiptId:
    set_up_manager(ctx)
    receipts = ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: SIGNED)
    receipt_id = receipts.new_draft(finished_proposal(ctx))
    receipts.save_draft(receipt_id, ReceiptFields("P2026001229", SIGNED, None, 15))
    receipts.sign(receipt_id, SIGNED, signature=signed(zigzag()))
    return receipt_id


def return_due(ctx: AppContext, receipt_id: ReceiptId) -> date | None:
    with ctx.store.sessions() as session:
        receipt = session.get(models.Receipt, receipt_id)
        assert receipt is not None
        return receipt.return_due_on


def carried_visit(ctx: AppContext) -> str:
    """A visit planned on New Year's Eve, carried over: onto 1 January while 2027 is assumed."""
    with ctx.store.sessions.begin() as session:
        client = models.Client(name="李娜", mobile="13912345678")
        session.add(client)
        session.flush()
        client_id = ClientId(client.id)
    planner = PlannerService(ctx.store.sessions, ctx.actor, today=lambda: NEW_YEARS_EVE)
    start = datetime.combine(NEW_YEARS_EVE, time(15), local_zone())
    planner.create(VisitInput(kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1),
                              client_id=client_id))  # fmt: skip
    (carried,) = planner.carry_over(NEW_YEARS_EVE)
    assert carried.starts_at.astimezone(local_zone()).date() == ASSUMED_DUE
    return carried.id


def test_without_2027_the_return_deadline_is_monday_to_friday_and_says_so(ctx: AppContext) -> None:
    receipt_id = sign_receipt(ctx)
    assert return_due(ctx, receipt_id) == ASSUMED_DUE  # New Year's Day, counted as a working day
    assert working_days.calendar_note([ASSUMED_DUE], "en") == WARNING_EN
    assert working_days.calendar_note([ASSUMED_DUE], "zh_CN") == WARNING_ZH
    assert working_days.calendar_note([SIGNED], "en") is None
    page = texts(ctx.printing.receipt(receipt_id))
    assert "2027-01-01" in page and f"注：{WARNING_ZH}。" in page


def test_the_2027_calendar_moves_the_deadline_once_and_tells_which_moved(ctx: AppContext, data_dir: Path) -> None:
    receipt_id = sign_receipt(ctx)
    visit_id = carried_visit(ctx)
    assert reconcile_deadlines(ctx) == []  # the calendar has not changed: nothing to do
    import_calendar(ctx.data_dir, CALENDAR_2027)
    moved = reconcile_deadlines(ctx)
    assert moved == [
        MovedDeadline(RECEIPT_RETURN, receipt_id, "张伟", "P2026001229", ASSUMED_DUE, KNOWN_DUE),
        MovedDeadline(VISIT_ON_HOLIDAY, visit_id, "李娜", "15:00", ASSUMED_DUE, None),  # told, not moved
    ]
    assert return_due(ctx, receipt_id) == KNOWN_DUE
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "receipt", receipt_id)][-1] == "deadline_moved"
        visit = session.get(models.Visit, visit_id)
        assert visit is not None and visit.status == "planned"

    notice = moved_notice(ctx.settings)
    assert notice is not None and notice.years == (2027,)
    assert notice.text("en") == (
        "1 deadline moved after the 2027 holidays arrived: 张伟's receipt P2026001229: return by 2027-01-04 "
        "(was 2027-01-01). After the 2027 holidays arrived, 1 carried-over visit falls on a holiday: 李娜's visit "
        "on 2027-01-01 15:00 now falls on a holiday: move it in the planner."
    )
    assert notice.text("zh_CN").startswith(
        "2027 年节假日已公布，1 个期限随之调整：张伟 保单 P2026001229 回执交回期限 2027-01-01 → 2027-01-04。"
    )
    # Idempotent: again, and a new process opening the profile, move nothing twice.
    assert reconcile_deadlines(ctx) == []
    AppContext.open(data_dir).close()
    assert return_due(ctx, receipt_id) == KNOWN_DUE and moved_notice(ctx.settings) == notice

    page = texts(ctx.printing.receipt(receipt_id))
    assert "2027-01-04" in page and WARNING_ZH not in page

    report = json.loads(branchdesk("--data-dir", str(data_dir), "today", "--date", "2027-01-04", "--json").stdout)
    assert report["calendar_warning"] is None
    assert report["deadlines_moved"]["text"] == notice.text("en")
    assert [i["new_on"] for i in report["deadlines_moved"]["items"]] == ["2027-01-04", None]

    dismiss_moved(ctx.settings)
    assert moved_notice(ctx.settings) is None
    report = json.loads(branchdesk("--data-dir", str(data_dir), "today", "--date", "2027-01-04", "--json").stdout)
    assert report["deadlines_moved"] is None


def test_a_returned_receipt_is_left_alone(ctx: AppContext) -> None:
    receipt_id = sign_receipt(ctx)
    service = ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: NEW_YEARS_EVE)
    service.mark_returned(receipt_id, NEW_YEARS_EVE, "周客服")
    import_calendar(ctx.data_dir, CALENDAR_2027)
    assert reconcile_deadlines(ctx) == [] and return_due(ctx, receipt_id) == ASSUMED_DUE
    assert moved_notice(ctx.settings) is None


def test_nothing_changed_costs_one_settings_read(ctx: AppContext) -> None:
    sign_receipt(ctx)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(ctx.store.engine, "before_cursor_execute", count)
    try:
        assert reconcile_deadlines(ctx) == []
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", count)
    assert len(statements) == 1 and "settings" in statements[0]


def test_the_daily_summary_on_new_years_eve_plans_a_day_it_cannot_know(ctx: AppContext) -> None:
    set_up_manager(ctx)
    assert ctx.daily_plans.summary(NEW_YEARS_EVE).tomorrow.day == ASSUMED_DUE
    page = texts(ctx.printing.daily_summary(NEW_YEARS_EVE))
    assert "2027年1月1日" in page and f"注：{WARNING_ZH}。" in page
    import_calendar(ctx.data_dir, CALENDAR_2027)
    assert ctx.daily_plans.summary(NEW_YEARS_EVE).tomorrow.day == KNOWN_DUE
    page = texts(ctx.printing.daily_summary(NEW_YEARS_EVE))
    assert "2027年1月4日" in page and WARNING_ZH not in page


def test_the_day_and_week_plans_say_so_for_a_day_in_2027(ctx: AppContext) -> None:
    set_up_manager(ctx)
    for pdf in (ctx.printing.daily_plan(KNOWN_DUE), ctx.printing.week_plan(KNOWN_DUE)):
        assert f"注：{WARNING_ZH}。" in texts(pdf)
    assert WARNING_ZH not in texts(ctx.printing.week_plan(date(2026, 12, 21)))


def test_reference_import_moves_the_deadline_and_keeps_the_notice(
    ctx: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    receipt_id = sign_receipt(ctx)
    published = tmp_path / "calendar-2027.json"
    published.write_bytes(CALENDAR_2027)
    result = branchdesk("--data-dir", str(data_dir), "reference", "import", str(published))
    assert result.returncode == 0, result.stderr
    assert return_due(ctx, receipt_id) == KNOWN_DUE
    notice = moved_notice(ctx.settings)
    assert notice is not None and notice.text("en").startswith(
        "1 deadline moved after the 2027 holidays arrived: 张伟's receipt P2026001229"
    )
