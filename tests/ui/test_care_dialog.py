"""The care-message worklist opened from Today: the list, copy, export, mark sent, templates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.day.worklog import tally
from local_db.models import AuditEvent, Client, ProductHolding
from ui.common.task_runner import TaskRunner
from ui.today.care_dialog import CareDialog, CareTemplatesDialog
from ui.today.page import TodayPage

from .conftest import some, type_text


def today() -> date:
    """Read when used, not at import: a run that crosses midnight must not compare two days."""
    return date.today()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


@pytest.fixture
def book(ctx: AppContext) -> dict[str, str]:
    born = today() + timedelta(days=1)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    with ctx.store.sessions.begin() as session:
        wang = Client(name="王伟", gender="M", tier="gold", mobile="13900001111", created_at=long_ago,
                      birth_date=date(1980, born.month, born.day))  # fmt: skip
        li = Client(name="李娜", gender="F", tier="platinum", mobile="13700002222", created_at=long_ago)
        zhang = Client(name="张三", tier="ordinary", mobile="13200007777", created_at=long_ago)
        session.add_all([wang, li, zhang])
        session.flush()
        session.add_all([
            ProductHolding(client_id=li.id, product_type="deposit", product_name="大额存单（三年期）",
                           maturity_on=today() + timedelta(days=10)),
            ProductHolding(client_id=zhang.id, product_type="deposit", product_name="定期存款",
                           maturity_on=today() + timedelta(days=10)),
        ])  # fmt: skip
        return {"王伟": wang.id, "李娜": li.id}


def open_dialog(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, rows: int) -> CareDialog:
    dialog = CareDialog(ctx, runner, today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == rows)
    return dialog


def texts(dialog: CareDialog) -> dict[str, list[str]]:
    items = (some(dialog.table.topLevelItem(n)) for n in range(dialog.table.topLevelItemCount()))
    return {item.text(1): [item.text(c) for c in range(5)] for item in items}


def test_the_list_masks_mobiles_and_copies_the_messages(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, book: dict[str, str]
) -> None:
    dialog = open_dialog(qtbot, ctx, runner, 2)
    shown = texts(dialog)
    assert set(shown) == {"王伟", "李娜"}  # gold and above only: 张三 is ordinary
    assert shown["李娜"][0] == "Maturity notice" and shown["李娜"][2] == "137****2222"
    assert shown["李娜"][4].startswith("李女士您好，您持有的大额存单（三年期）")
    assert shown["王伟"][0] == "Birthday" and shown["王伟"][4].startswith("王先生您好")
    assert dialog.count.text() == "2 client(s) due for a care message"
    assert "real mobile numbers" in dialog.export_note.text() and "audit log" in dialog.export_note.text()
    assert len(dialog.table.selectedItems()) == 2  # the day's work: all of them
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert shown["李娜"][4] in copied and shown["王伟"][4] in copied and "13700002222" not in copied


def test_mark_sent_logs_an_sms_and_the_row_leaves(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, book: dict[str, str]
) -> None:
    dialog = open_dialog(qtbot, ctx, runner, 2)
    li = next(
        some(dialog.table.topLevelItem(n)) for n in range(2) if some(dialog.table.topLevelItem(n)).text(1) == "李娜"
    )
    # A plain click selects that row alone.
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=dialog.table.visualItemRect(li).center())
    assert [i.client_name for i in dialog.selected()] == ["李娜"]
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 1)
    assert dialog.status.text() == "Logged 1 care message(s) as sent."
    with ctx.store.sessions() as session:
        assert tally(session, today()).sms == 1
    history = ctx.clients.history(book["李娜"])  # type: ignore[arg-type]
    assert [(h.kind, h.title) for h in history] == [("worklog", "sms")] and "大额存单" in history[0].detail


def test_export_writes_the_real_mobiles_and_is_audited(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, book: dict[str, str], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ctx, runner, 2)
    path = tmp_path / "sms.csv"
    dialog.export_to(path)
    qtbot.waitUntil(lambda: "Exported" in dialog.status.text())
    assert "audit log" in dialog.status.text()
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and "13700002222" in content.decode("utf-8-sig")
    with ctx.store.sessions() as session:
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "care_sms")).all() == ["export"]


def test_an_edited_template_words_the_list(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, book: dict[str, str]
) -> None:
    dialog = open_dialog(qtbot, ctx, runner, 2)
    dialog.templates_button.click()
    templates = dialog.templates_dialog
    assert isinstance(templates, CareTemplatesDialog)
    qtbot.waitUntil(lambda: templates.text.toPlainText() != "")
    assert templates.kind.currentData() == "maturity"
    templates.text.clear()
    templates.text.setFocus()
    type_text(qtbot, templates.text, "{称呼}：{事项}{日期}到期。")
    with qtbot.waitSignal(templates.templates_did_save):
        templates.buttons.button(templates.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: texts(dialog).get("李娜", [""] * 5)[4].startswith("李女士：大额存单（三年期）"))
    templates.close()


def test_today_opens_the_care_list(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, book: dict[str, str]) -> None:
    page = TodayPage(runner)
    qtbot.addWidget(page)
    page.show()
    page.attach(ctx, False)
    assert page.care_button.text() == "Care &messages…"
    page.care_button.click()
    dialog = page.care_dialog
    assert isinstance(dialog, CareDialog) and dialog.isVisible() and dialog.day == page.day
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() >= 1)
    dialog.close()
