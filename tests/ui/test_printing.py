"""Printing from the pages: Print… opens the preview, Save as PDF… writes what was previewed."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.clients.search import ClientQuery
from app.context import AppContext
from app.planner.records import VisitInput
from app.profile.audit import events_for
from app.rules.id_numbers import make_resident_id
from tests.handover_data import finished_proposal, set_up_manager, signed_receipt
from tests.ui.conftest import page_of, some
from ui.clients.page import ClientsPage
from ui.common.print_preview import PrintPreviewDialog
from ui.planner.page import PlannerPage
from ui.proposals.page import ProposalsPage
from ui.receipts.page import ReceiptsPage
from ui.shell.application import Shell

CLIENT_ID_NUMBER = make_resident_id("110105", date(1980, 5, 1), 7, "M")


@pytest.fixture
def profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    set_up_manager(ctx)
    client = ctx.clients.save(ClientDraft(name="赵强", gender="M", birth_date=date(1980, 5, 1), mobile="13800001111",
                                          id_number=CLIENT_ID_NUMBER)).client_id  # fmt: skip
    start = datetime.now().astimezone().replace(hour=10, minute=0, second=0, microsecond=0)
    ctx.planner.create(VisitInput(kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1),
                                  client_id=client, location="网点贵宾室"))  # fmt: skip
    signed_receipt(ctx, finished_proposal(ctx), number="P2026RECEIPT01")
    ctx.close()
    return data_dir


@pytest.fixture
def opened(qtbot: QtBot, shell: Shell, profile: Path) -> Shell:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(profile)
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow)
    return shell


def choose_from_menu(qtbot: QtBot, window: QWidget, owner: QWidget, text: str) -> None:
    """Ctrl+P opens the Print… menu; the arrow keys and Enter pick `text`, as a user would.

    The menu runs its own event loop until closed, so the keys are queued before Ctrl+P."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    owner.setFocus()
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        labels = [action.text().replace("&", "") for action in menu.actions()]
        for _ in range(labels.index(text) + 1):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        picked.append(menu.activeAction().text().replace("&", ""))
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    qtbot.keyClick(owner, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(picked))
    assert picked == [text]


def save_preview(qtbot: QtBot, preview: PrintPreviewDialog, target: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20_000)
    assert preview.page_labels and not preview.page_labels[0].pixmap().isNull()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert target.exists() and str(target) in preview.status.text()
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages)


def test_daily_plan_and_summary_from_today(
    qtbot: QtBot, opened: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = opened.window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    assert page.print_button.isEnabled() and "Ctrl+P" in page.print_button.toolTip()
    # The button's face prints the daily plan.
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.preview, PrintPreviewDialog)
    content = save_preview(qtbot, some(page.preview), tmp_path / "plan.pdf", monkeypatch)
    for expected in (
        "每日工作计划表",
        "赵强",
        "促成签单",
        "拜访前",
        "王芳（BJ0107）",
        date.today().isoformat(),
        "第 1 页",
    ):
        assert expected in content, expected
    some(page.preview).close()

    choose_from_menu(qtbot, opened.window, page.agenda, "Daily summary…")
    qtbot.waitUntil(lambda: page.preview is not None and "summary" in page.preview.windowTitle().lower())
    content = save_preview(qtbot, some(page.preview), tmp_path / "summary.pdf", monkeypatch)
    # The manual's form (issue 17): the five measures, the analysis per step, the next day's plan.
    assert "每日工作计划与总结表" in content and "销售促成" in content and "主管审阅" in content


def test_week_plan_from_the_planner(
    qtbot: QtBot, opened: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened.window.show_page(1)
    page = page_of(opened.window, 1, PlannerPage)
    qtbot.waitUntil(lambda: bool(page.visits), timeout=10_000)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    content = save_preview(qtbot, some(page.preview), tmp_path / "week.pdf", monkeypatch)
    assert "周工作计划表" in content and "赵强" in content and "星期日" in content


def test_proposal_from_the_proposals_page(
    qtbot: QtBot, opened: Shell, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened.window.show_page(3)
    page = page_of(opened.window, 3, ProposalsPage)
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=10_000)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    content = save_preview(qtbot, some(page.preview), tmp_path / "proposal.pdf", monkeypatch)
    assert "人身保险投保单" in content and "张伟" in content and "张小雨" in content
    assert "110105********0253" in content and "110105198506120253" not in content
    assert "尚未送达总公司" in content
    some(page.preview).close()

    # With full numbers: printed in full, and the audit log says so.
    choose_from_menu(qtbot, opened.window, page.table, "Proposal form with full ID and phone numbers…")
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    content = save_preview(qtbot, some(page.preview), tmp_path / "full.pdf", monkeypatch)
    assert "110105198506120253" in content
    proposal_id = page.selected().id  # type: ignore[union-attr]
    with opened.ctx.store.sessions() as session:  # type: ignore[union-attr]
        assert "print" in [e.action for e in events_for(session, "proposal", proposal_id)]


def test_client_card_from_its_dialog(
    qtbot: QtBot, opened: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = opened.ctx
    assert ctx is not None
    (client,) = [row for row in ctx.clients.search(ClientQuery()) if row.name == "赵强"]
    opened.window.show_page(2)
    page = page_of(opened.window, 2, ClientsPage)
    page.open_card(client.id)
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.name.text() == "赵强", timeout=10_000)
    assert dialog.print_button.isEnabled()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    content = save_preview(qtbot, some(dialog.preview), tmp_path / "card.pdf", monkeypatch)
    assert "客户档案" in content and "赵强" in content and client.id_masked in content
    assert CLIENT_ID_NUMBER not in content and "138****1111" in content


def test_receipt_from_the_receipts_page(
    qtbot: QtBot, opened: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened.window.show_page(4)
    receipts = page_of(opened.window, 4, ReceiptsPage).list
    qtbot.waitUntil(lambda: receipts.current_id() is not None, timeout=10_000)
    qtbot.mouseClick(receipts.print_button, Qt.MouseButton.LeftButton)
    content = save_preview(qtbot, some(receipts.preview), tmp_path / "receipt.pdf", monkeypatch)
    assert "P2026RECEIPT01" in content and "张伟" in content and "回执返还截止" in content
    assert "110105********0253" in content and "110105198506120253" not in content
    assert "尚未送达总公司" in content
