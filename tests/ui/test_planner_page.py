"""The planner page as a user meets it: double-click to plan, drag to move and resize, the
keyboard to nudge, an overlap warning, and closing a visit with its outcome."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.common.local_time import local_zone
from app.context import AppContext
from app.planner.records import VisitInput, VisitView
from app.rules.ids import ClientId
from tests.ui.conftest import some
from ui.common.task_runner import TaskRunner
from ui.planner.page import PlannerPage
from ui.planner.timeline import TimelineView

MONDAY = date(2026, 11, 23)
WEDNESDAY = MONDAY + timedelta(days=2)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    return ctx.clients.save(ClientDraft(name="张伟", mobile="13812345678")).client_id


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> PlannerPage:
    created = PlannerPage(runner)
    qtbot.addWidget(created)
    created.resize(1300, 740)
    created.show()
    created.attach(ctx)
    created.day = MONDAY  # a fixed week, whatever the date the tests run on
    created.refresh()
    return created


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), local_zone())


def plan(ctx: AppContext, client_id: ClientId, day: date, hour: int, minutes: int = 60) -> VisitView:
    start = at(day, hour)
    return ctx.planner.create(
        VisitInput(
            kind="client",
            purpose="closing",
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            client_id=client_id,
        )
    )


def shown(qtbot: QtBot, page: PlannerPage, visit_id: str) -> VisitView:
    page.refresh()
    qtbot.waitUntil(lambda: any(v.id == visit_id for v in page.timeline.visits))
    return next(v for v in page.timeline.visits if v.id == visit_id)


def block_rect(view: TimelineView, visit_id: str) -> QRectF:
    return view.rect_of(next(b for b in view.blocks if b.visit.id == visit_id))


def drag(qtbot: QtBot, view: TimelineView, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    for point in (start + QPoint(0, 8), middle, end):
        qtbot.mouseMove(view, point)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def test_double_click_an_empty_slot_plans_a_visit_there(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    view = page.week_view
    qtbot.waitUntil(lambda: view.first == MONDAY)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.slot_point(2, 14 * 60))
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.day.date().toPython(), dialog.start.time().toString("HH:mm")) == (WEDNESDAY, "14:00")
    assert dialog.checklist.lists["before"].count() > 0  # the purpose's defaults are there at once
    qtbot.keyClicks(dialog.client_search, "zhangw")
    qtbot.waitUntil(lambda: dialog.client_results.count() == 1)
    assert "138****5678" in some(dialog.client_results.item(0)).text()
    qtbot.keyClick(dialog.client_search, Qt.Key.Key_Return)
    assert dialog.client_chosen.text() == "张伟  138****5678"
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    visits = ctx.planner.between(WEDNESDAY, WEDNESDAY)
    assert [(v.client_name, v.starts_at, v.minutes) for v in visits] == [("张伟", at(WEDNESDAY, 14), 60)]
    assert visits[0].purpose == "needs_interview" and visits[0].checks_total > 0
    qtbot.waitUntil(lambda: [v.id for v in view.visits] == [visits[0].id])


def test_drag_a_block_to_another_day_and_time(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    visit = plan(ctx, client_id, MONDAY, 10)
    shown(qtbot, page, visit.id)
    view = page.week_view
    start = block_rect(view, visit.id).center().toPoint()
    # Grabbed by the middle (half an hour in), dropped just below Wednesday's 15:00 line: 14:30.
    drop = QPoint(view.slot_point(2, 15 * 60).x(), int(view.y_of(15 * 60)) + 2)
    drag(qtbot, view, start, drop)
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.starts_at == at(WEDNESDAY, 14, 30))
    assert ctx.planner.get(visit.id).view.minutes == 60


def test_drag_the_bottom_edge_to_resize(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    visit = plan(ctx, client_id, MONDAY, 10)
    shown(qtbot, page, visit.id)
    view = page.week_view
    rect = block_rect(view, visit.id)
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    drag(qtbot, view, edge, QPoint(edge.x(), int(view.y_of(12 * 60 + 30))))
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.ends_at == at(MONDAY, 12, 30))
    assert ctx.planner.get(visit.id).view.starts_at == at(MONDAY, 10)


def test_keyboard_moves_and_resizes_the_selected_visit(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    visit = plan(ctx, client_id, MONDAY, 10)
    shown(qtbot, page, visit.id)
    view = page.week_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # selects the first visit
    assert view.selected_id == visit.id
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.starts_at == at(MONDAY, 10, 15))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.starts_at == at(MONDAY + timedelta(days=1), 10, 15))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.minutes == 45)
    assert view.selected_id == visit.id


def test_a_clash_is_saved_and_warned_about(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    first = plan(ctx, client_id, MONDAY, 10)
    second = plan(ctx, client_id, MONDAY, 14)
    shown(qtbot, page, second.id)
    view = page.week_view
    assert not page.banner.isVisible()
    drag(qtbot, view, block_rect(view, second.id).center().toPoint(), view.slot_point(0, 10 * 60 + 30))
    qtbot.waitUntil(page.banner.isVisible)
    assert "Overlap" in page.banner.text() and "10:00–11:00" in page.banner.text()
    qtbot.waitUntil(lambda: all(v.overlaps for v in view.visits))
    blocks = {b.visit.id: b for b in view.blocks}
    assert blocks[first.id].lanes == blocks[second.id].lanes == 2  # side by side


def test_close_a_visit_as_done_with_its_outcome(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
) -> None:
    visit = plan(ctx, client_id, MONDAY, 10)
    shown(qtbot, page, visit.id)
    view = page.week_view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=block_rect(view, visit.id).center().toPoint())
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None and dialog.client_chosen.text() == "张伟  138****5678"
    assert not dialog.outcome.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert dialog.outcome.isEnabled()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("follow_up"))
    before = dialog.checklist.lists["before"]
    some(before.item(0)).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = ctx.planner.get(visit.id)
    assert (saved.view.status, saved.view.outcome, saved.view.checks_done) == ("done", "follow_up", 1)
    qtbot.waitUntil(lambda: view.visits[0].status == "done")
    # A finished visit keeps its time: the keyboard nudge is refused and said so.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert "Only a planned visit" in page.notice.text()


def test_carry_over_asks_then_moves_the_days_planned_visits(
    qtbot: QtBot,
    page: PlannerPage,
    ctx: AppContext,
    client_id: ClientId,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    visit = plan(ctx, client_id, MONDAY, 16)
    shown(qtbot, page, visit.id)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    page.carry_button.click()
    qtbot.waitUntil(lambda: bool(asked))  # after the core said where each visit would go
    assert "1 visits" in asked[0] and "16:00–17:00" in asked[0]
    qtbot.waitUntil(lambda: ctx.planner.get(visit.id).view.status == "rescheduled")
    moved = ctx.planner.get(some(ctx.planner.get(visit.id).view.rescheduled_to_id))
    assert moved.view.starts_at == at(MONDAY + timedelta(days=1), 16)
