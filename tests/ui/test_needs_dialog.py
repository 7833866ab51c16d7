"""The needs interview dialog (ui/sales_forms/needs_dialog.py): filled by keyboard, the figures and
the chart follow the keys, saved as typed, done moves the day's 需求面谈 count by one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.common.local_time import local_zone
from app.context import AppContext
from app.day.summaries import read_days
from app.planner.records import VisitInput
from app.rules.ids import ClientId, VisitId
from ui.common.task_runner import TaskRunner
from ui.sales_forms.needs_dialog import NeedsInterviewDialog, open_needs_interview

from .conftest import type_text


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def _client_and_visit(ctx: AppContext) -> tuple[ClientId, VisitId]:
    client = ctx.clients.save(ClientDraft(name="李四", gender="F", birth_date=date(1985, 3, 2), mobile="13912345678"))
    start = datetime.now(local_zone()).replace(hour=10, minute=0, second=0, microsecond=0)
    visit = ctx.planner.create(
        VisitInput("client", "needs_interview", start, start + timedelta(hours=1), client_id=client.client_id)
    )
    return client.client_id, visit.id


def _needs_count(ctx: AppContext) -> int:
    day = date.today()
    with ctx.store.sessions() as session:
        days = read_days(session, day, day, local_zone(), ctx.catalogue())
    return days[day].measures.needs_interviews if day in days else 0


def _open(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, visit: VisitId) -> NeedsInterviewDialog:
    dialog = open_needs_interview(None, ctx, runner, visit_id=visit)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.done_button.isEnabled())
    return dialog


def test_fill_by_keyboard_figures_follow_and_done_counts_once(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner
) -> None:
    _client, visit = _client_and_visit(ctx)
    dialog = _open(qtbot, ctx, runner, visit)
    assert "李四" in dialog.windowTitle()
    assert dialog.inputs["retirement_age"].text() == "55"  # from the card: a woman
    type_text(qtbot, dialog.preparation, "准备保障需求问卷")
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # D&uring
    assert dialog.tabs.currentIndex() == 1
    dialog.relationship.setFocus()
    type_text(qtbot, dialog.relationship, "从女儿升学聊起")
    qtbot.keyClick(dialog.relationship, Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget() or dialog.needs_found, "担心教育金")
    assert dialog.needs_found.toPlainText() == "担心教育金"
    dialog.goals["education"].setFocus()
    qtbot.keyClick(dialog.goals["education"], Qt.Key.Key_Space)
    assert dialog.goals["education"].isChecked()
    for name, text in (("annual_income_cents", "300000"), ("debts_cents", "1,000,000"),
                       ("existing_cover_cents", "５０００００"), ("liquid_assets_cents", "200000")):  # fmt: skip
        dialog.inputs[name].setFocus()
        type_text(qtbot, dialog.inputs[name], text)
    assert "3,300,000.00" in dialog.protection_text.text()
    assert "30,000.00" in dialog.protection_text.text()  # the premium budget
    assert dialog.chart.groups and dialog.chart.groups[0][1] == (400_000_000, 70_000_000, 330_000_000)
    assert "3,300,000.00" in dialog.chart.toolTip()
    dialog.inputs["child_age"].setFocus()
    type_text(qtbot, dialog.inputs["child_age"], "10")
    dialog.inputs["university_cost_cents"].setFocus()
    type_text(qtbot, dialog.inputs["university_cost_cents"], "50000")
    assert "Education fund:" in dialog.education_text.text() and len(dialog.chart.groups) == 2
    dialog.inputs["desired_monthly_cents"].setFocus()
    type_text(qtbot, dialog.inputs["desired_monthly_cents"], "abc")
    assert "is not a number" in dialog.problems.text()
    qtbot.keyClick(dialog.inputs["desired_monthly_cents"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, dialog.inputs["desired_monthly_cents"], "8000")
    assert dialog.problems.text() == ""
    assert "Pension gap:" in dialog.pension_text.text() and len(dialog.chart.groups) == 3
    # Saved as typed.
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    assert dialog.view is not None
    stored = ctx.needs_interviews.get(dialog.view.id).draft
    assert (stored.inputs.existing_cover_cents, stored.goals, stored.needs_found) == (
        50_000_000, ("education",), "担心教育金",
    )  # fmt: skip
    before = _needs_count(ctx)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Mark &done
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.done, timeout=5000)
    assert _needs_count(ctx) == before + 1
    assert dialog.done_button.text() == "&Take back done"
    assert "子女教育" in ctx.clients.get(_client).draft.tags
    dialog.reject()
    # Opening the visit's interview again finds the same one, done.
    again = _open(qtbot, ctx, runner, visit)
    assert again.view is not None and again.view.id == dialog.view.id and again.view.done
    assert again.inputs["existing_cover_cents"].text() == "500000"
    assert _needs_count(ctx) == before + 1


def test_closed_without_typing_keeps_nothing(qtbot: QtBot, ctx: AppContext, runner: TaskRunner) -> None:
    _client, visit = _client_and_visit(ctx)
    dialog = _open(qtbot, ctx, runner, visit)
    dialog.reject()
    runner.wait_for_idle()
    qtbot.waitUntil(lambda: ctx.needs_interviews.for_visit(visit) is None)


def test_chinese_screen(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, chinese: None) -> None:
    _client, visit = _client_and_visit(ctx)
    dialog = _open(qtbot, ctx, runner, visit)
    dialog.inputs["annual_income_cents"].setFocus()
    type_text(qtbot, dialog.inputs["annual_income_cents"], "-5")
    assert "年收入不能为负数" in dialog.problems.text()
