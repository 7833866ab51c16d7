"""The five measures on screen: the daily summary dialog (plan beside actual, the analysis per
step, the next day's plan numbers) and the Summaries page (week, month, targets by line)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDoubleSpinBox
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.common.local_time import local_zone
from app.context import AppContext
from app.day.worklog import LogInput
from app.rules.sales_measures import Measures
from app.rules.working_days import next_working_day
from local_db.models import CallRecord
from tests.ui.conftest import some
from ui.common.task_runner import TaskRunner
from ui.summaries.page import SummariesPage
from ui.today.daily_summary_dialog import DailySummaryDialog


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def effective_call(ctx: AppContext) -> None:
    client_id = ctx.clients.save(ClientDraft(name="赵敏", mobile="13912345678")).client_id
    at = datetime.combine(today(), time(9), local_zone())
    entry = ctx.worklog.log(LogInput(kind="call", day=today(), at=at, client_id=client_id))
    with ctx.store.sessions.begin() as session:
        session.add(CallRecord(client_id=client_id, call_on=today(), status="done", outcome="appointment",
                               worklog_id=entry.id))  # fmt: skip


def test_the_daily_summary_shows_the_five_measures_and_saves_the_plan_and_analysis(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner
) -> None:
    effective_call(ctx)
    ctx.daily_plans.set_measures(today(), Measures(calls=4))
    dialog = DailySummaryDialog(ctx, runner, today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.summary is not None)
    rows = [some(dialog.measures.topLevelItem(i)) for i in range(dialog.measures.topLevelItemCount())]
    assert [r.text(0) for r in rows] == ["Effective calls", "Needs interviews", "Closing interviews",
                                         "Products sold and amounts", "After-sales services"]  # fmt: skip
    assert (rows[0].text(1), rows[0].text(2), rows[0].text(3)) == ("4", "1", "25%")
    assert rows[1].text(3) == "—"  # nothing planned: no percentage
    assert dialog.sold.text() == "Sold: nothing yet"
    # The analysis per step, typed as a user types, on its own tab (Alt+A).
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 3
    dialog.analysis["need"].setFocus()
    dialog.analysis["need"].insertPlainText("以教育金切入")  # as an input method commits it
    dialog.tomorrow_measures["calls"].setValue(9)
    amount = dialog.tomorrow_measures["sales_cents"]
    assert isinstance(amount, QDoubleSpinBox) and amount.suffix() == " yuan"
    amount.setValue(12345.67)
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    summary = ctx.daily_plans.summary(today())
    assert summary.step_analysis == {"need": "以教育金切入"}
    planned = ctx.daily_plans.summary(next_working_day(today()))
    assert planned.measure("calls").plan == 9 and planned.measure("sales_cents").plan == 1_234_567


def test_the_summaries_page_shows_the_week_and_sets_a_target(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> None:
    effective_call(ctx)
    page = SummariesPage(runner)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.attach(ctx)
    qtbot.waitUntil(lambda: page.week is not None)
    calls = some(page.week_view.measures.topLevelItem(0))
    assert (calls.text(0), calls.text(2)) == ("Effective calls", "1")
    assert len(page.week_view.counts_chart.categories) == 7
    assert "Effective calls 1" in page.week_view.counts_chart.toolTip()
    assert page.status.text() == "No targets set for this month, quarter or year."
    # A month target for annuities, typed in the form.
    page.tabs.setCurrentIndex(2)
    page.period.setCurrentIndex(page.period.findData("month"))
    page.line.setCurrentIndex(page.line.findData("annuity"))
    page.premium.setValue(200_000)
    page.policies.setFocus()
    qtbot.keyClick(page.policies, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.policies, "5")
    qtbot.mouseClick(page.save_target_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.targets.topLevelItemCount() == 1, timeout=5000)
    row = some(page.targets.topLevelItem(0))
    assert (row.text(1), row.text(4), row.text(5), row.text(7)) == ("Annuity", "0%", "5", "0%")
    (target,) = ctx.summaries.line_targets(today())
    assert (target.period, target.line, target.premium_cents, target.policies) == ("month", "annuity", 20_000_000, 5)
    # A week back: the call is no longer in it.
    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.date.date() == QDate.currentDate().addDays(-7)
    qtbot.waitUntil(lambda: page.week is not None and page.week.last < today(), timeout=5000)
    assert some(page.week_view.measures.topLevelItem(0)).text(2) == "0"
