"""Every piece of work recorded once (issue 15, items 3, 7 and 8), through the real widgets:
a visit marked done in the Planner's dialog shows once on Today's bar and in the daily summary;
the one-click "effective visit" asks for the client and step and counts; the review is saved as
typed; closing the day settles the visits still planned."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.common.local_time import local_zone
from app.context import AppContext
from app.planner.records import VisitInput
from app.rules.ids import ClientId, VisitId
from app.rules.working_days import next_working_day
from tests.ui.conftest import some
from ui.common.task_runner import TaskRunner
from ui.planner.page import PlannerPage
from ui.today.daily_summary_dialog import CloseDayDialog, DailySummaryDialog
from ui.today.page import TodayPage
from ui.today.quick_log_dialog import QuickVisitDialog


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def client_id(ctx: AppContext) -> ClientId:
    return ctx.clients.save(ClientDraft(name="张伟", mobile="13812345678")).client_id


def plan(ctx: AppContext, client_id: ClientId, hour: int) -> VisitId:
    start = datetime.combine(today(), time(hour), local_zone())
    data = VisitInput(
        kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1), client_id=client_id
    )
    return ctx.planner.create(data).id


@pytest.fixture
def today_page(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> TodayPage:
    page = TodayPage(runner)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    page.attach(ctx, offer_demo=False)
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def visits_bar(qtbot: QtBot, page: TodayPage, actual: int) -> None:
    page.reload()  # standalone, the page is not on the change relay
    qtbot.waitUntil(
        lambda: "visits" in page.progress.bars and page.progress.bars["visits"].format().startswith(f"{actual} /")
    )


def test_done_in_the_planner_shows_once_on_today_and_in_the_summary(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, client_id: ClientId, today_page: TodayPage
) -> None:
    visit_id = plan(ctx, client_id, 10)
    planner = PlannerPage(runner)
    qtbot.addWidget(planner)
    planner.show()
    planner.attach(ctx)
    planner.open_visit(visit_id)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog.isVisible())
    dialog = planner.dialog
    assert dialog is not None
    assert not dialog.step.isEnabled()  # a planned visit has no step yet
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert dialog.step.isEnabled()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("closed"))
    dialog.step.setCurrentIndex(dialog.step.findData("close"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ctx.planner.get(visit_id).view.status == "done"

    visits_bar(qtbot, today_page, 1)

    summary = DailySummaryDialog(ctx, runner, today())
    qtbot.addWidget(summary)
    qtbot.waitUntil(lambda: summary.summary is not None)
    rows = [some(summary.results.topLevelItem(i)) for i in range(summary.results.topLevelItemCount())]
    done = {row.text(0): row.text(2) for row in rows}
    assert done["Effective visits"] == "1"
    assert summary.log.topLevelItemCount() == 1
    logged = some(summary.log.topLevelItem(0))
    assert (logged.text(1), logged.text(4)) == ("Visit", "Close")
    [entry] = ctx.worklog.entries(today())
    assert entry.visit_id == visit_id

    # Opened again: the step is there, and saving it unchanged writes nothing new.
    planner.open_visit(visit_id)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog is not dialog and planner.dialog.isVisible())
    again = planner.dialog
    assert again is not None and again.step.currentData() == "close"
    again.save_button.click()
    qtbot.waitUntil(lambda: not again.isVisible())
    assert [e.id for e in ctx.worklog.entries(today())] == [entry.id]


def test_the_effective_visit_button_asks_client_and_step_and_counts(
    qtbot: QtBot, ctx: AppContext, client_id: ClientId, today_page: TodayPage
) -> None:
    visit_id = plan(ctx, client_id, 15)
    today_page.day = today()
    today_page.quick.visit.click()
    dialog = today_page.quick_visit_dialog
    assert isinstance(dialog, QuickVisitDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.client.search, "13812345678")  # keyClicks types ASCII only
    qtbot.waitUntil(lambda: dialog.client.results.count() == 1)
    qtbot.keyClick(dialog.client.search, Qt.Key.Key_Return)
    assert dialog.client.chosen is not None and dialog.step.hasFocus()
    qtbot.waitUntil(lambda: dialog.linked.text() != "")  # "this is the visit planned today"
    assert dialog.step.currentData() == "close"
    dialog.log_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    visits_bar(qtbot, today_page, 1)
    assert ctx.planner.get(visit_id).view.status == "done"  # linked, not a second record
    [entry] = ctx.worklog.entries(today())
    assert (entry.visit_id, entry.effective) == (visit_id, True)


def test_the_review_is_saved_as_typed_and_survives_close(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> None:
    summary = DailySummaryDialog(ctx, runner, today())
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitUntil(lambda: summary.summary is not None)
    summary.went_well.insertPlainText("开场白自然")  # as typed (keyClicks types ASCII only)
    qtbot.waitUntil(lambda: ctx.daily_plans.summary(today()).went_well == "开场白自然")
    summary.went_badly.insertPlainText("异议处理太急")
    summary.reject()  # at once, before the pause: Close still keeps it
    qtbot.waitUntil(lambda: ctx.daily_plans.summary(today()).went_badly == "异议处理太急")


def test_a_mistaken_entry_of_an_open_day_is_deleted_after_asking(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    ctx.worklog.quick("leaflets", today(), quantity=500)
    summary = DailySummaryDialog(ctx, runner, today())
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitUntil(lambda: summary.log.topLevelItemCount() == 1)
    asked: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    summary.tabs.setCurrentIndex(2)  # Work log
    summary.log.setCurrentItem(some(summary.log.topLevelItem(0)))
    summary.log.setFocus()
    qtbot.keyClick(summary.log, Qt.Key.Key_Delete)
    assert asked and "Leaflets" in asked[0]
    qtbot.waitUntil(lambda: ctx.worklog.entries(today()) == [])
    qtbot.waitUntil(lambda: summary.log.topLevelItemCount() == 0)


def test_closing_the_day_settles_each_visit_still_planned(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, client_id: ClientId
) -> None:
    met, later = plan(ctx, client_id, 10), plan(ctx, client_id, 16)
    summary = DailySummaryDialog(ctx, runner, today())
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitUntil(lambda: summary.summary is not None)
    summary.close_day_button.click()
    closing = summary.close_dialog
    assert isinstance(closing, CloseDayDialog)
    qtbot.waitUntil(lambda: len(closing.choices) == 2)
    assert "2 visit(s) still planned" in closing.intro.text()
    closing.choices[met].setCurrentIndex(closing.choices[met].findData("done_close"))
    assert closing.choices[later].currentData() == "carry"  # the default
    closing.close_button.click()
    qtbot.waitUntil(lambda: ctx.worklog.is_closed(today()))
    assert ctx.planner.get(met).view.status == "done"
    moved = ctx.planner.get(later).view
    assert moved.status == "rescheduled" and moved.rescheduled_to_id is not None
    assert ctx.planner.get(moved.rescheduled_to_id).view.starts_at.date() == next_working_day(today())
    assert [e.visit_id for e in ctx.worklog.entries(today())] == [met]
    qtbot.waitUntil(lambda: not summary.close_day_button.isEnabled())
