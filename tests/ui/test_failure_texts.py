"""One way to show a problem: each kind of failure, met through the real UI in zh_CN, is said in
Chinese alone and never in the exception's own words (ui/common/failures.py).

Only the program's name and the profile's path may stay in Latin letters: the core's Chinese
texts name BranchDesk as its `branchdesk` command is named, and a path is the user's own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.context import AppContext
from app.errors import Cancelled, InvalidInput
from app.logging_setup import install_logging
from app.profile.audit import record_event
from app.receipts.service import SIGNED_MESSAGE_ZH
from local_db.models import Client
from tests.paperwork_helpers import PNG, finished_proposal, zigzag
from tests.ui.conftest import open_active
from tests.ui.test_signature_pad import sign_name
from ui.clients.card.dialog import ClientCardDialog
from ui.common.failures import failure_text
from ui.common.i18n import install_translators
from ui.common.task_runner import Task, TaskRunner
from ui.receipts.dialog import ReceiptDialog
from ui.receipts.page import ReceiptsPage
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow
from ui.shell.security_dialog import SecurityDialog

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
SECRET = "secret 110101199003071234"
REFERENCE = re.compile(r"编号 (\d{8})")
W = TypeVar("W", bound=QWidget)


def said_in_chinese(text: str, *allowed: str) -> bool:
    """Chinese, with no English word left once the `allowed` tokens are taken out."""
    rest = text
    for token in allowed:
        rest = rest.replace(token, "")
    return bool(CJK.search(rest)) and not LATIN_WORD.search(rest)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    assert translators, "the zh_CN translation did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    install_translators(qapp, "en")


@pytest.fixture
def zh_shell(qtbot: QtBot, chinese: None, ui_settings: QSettings) -> Iterator[Shell]:
    """The shell built after the translator is in, as `branchdesk --lang zh_CN` builds it."""
    created = Shell(ui_settings)
    yield created
    created.close()


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = install_logging(directory=tmp_path / "log")
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "branchdesk", False)]:
        root.removeHandler(handler)
        handler.close()


def _written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _top_level(kind: type[W]) -> list[W]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


# ---- the runner ----------------------------------------------------------------------------


def test_a_submit_without_a_failure_path_is_refused(qtbot: QtBot) -> None:
    runner = TaskRunner()
    with pytest.raises(TypeError, match="failure path"):
        runner.submit(lambda _t: None)
    with pytest.raises(TypeError, match="failure path"):
        runner.submit(lambda _t: None, on_done=print)
    with pytest.raises(TypeError, match="failure path"):
        runner.submit(lambda _t: None, on_error=print, on_failure=print)
    assert runner.wait_for_idle()


def test_on_error_gets_the_text_and_nothing_for_a_cancel(qtbot: QtBot, log_file: Path) -> None:
    runner = TaskRunner()
    said: list[str] = []
    failed: list[Exception] = []

    def refuse(_task: Task) -> None:
        raise InvalidInput("The file is empty.", "Choose another file.", zh="文件是空的。", hint_zh="请另选文件。")

    def cancel(_task: Task) -> None:
        raise Cancelled("The export was cancelled.", zh="导出已取消。")

    def crash(_task: Task) -> None:
        raise RuntimeError(SECRET)

    runner.submit(cancel, on_error=said.append)
    runner.submit(cancel, on_failure=failed.append)  # the exception still reaches on_failure
    runner.submit(refuse, on_error=said.append)
    runner.submit(crash, on_error=said.append)
    qtbot.waitUntil(lambda: len(said) == 2 and len(failed) == 1)
    assert runner.wait_for_idle()
    qtbot.wait(50)  # anything still queued for the GUI thread arrives now
    assert len(said) == 2 and "The file is empty. Choose another file." in said
    assert isinstance(failed[0], Cancelled) and failure_text(failed[0]) is None
    unexpected = next(text for text in said if text.startswith("Something went wrong"))
    reference = re.search(r"reference (\d{8})\.$", unexpected)
    assert reference is not None and SECRET not in unexpected and "Runtime" not in unexpected
    assert f"background task failed (reference {reference.group(1)})" in _written(log_file)


# ---- each kind of failure, through the UI, in Chinese --------------------------------------


def test_bad_input_on_a_form_is_said_in_chinese(qtbot: QtBot, zh_shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, zh_shell, data_dir)
    window.security_action.trigger()
    [dialog] = _top_level(SecurityDialog)
    qtbot.waitUntil(dialog.isEnabled)
    qtbot.keyClicks(dialog.new_pin, "12")
    qtbot.keyClicks(dialog.repeat, "12")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=5000)
    text = dialog.problem.text()
    assert text.startswith("数字密码为 4 到 12 位。") and said_in_chinese(text), text
    assert dialog.isVisible() and dialog.buttons.isEnabled()


def test_a_card_gone_meanwhile_is_said_in_chinese(qtbot: QtBot, zh_shell: Shell, data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    gone = ctx.clients.save(ClientDraft(name="王芳", gender="F", mobile="13912345678")).client_id
    ctx.close()
    window = open_active(qtbot, zh_shell, data_dir)
    qtbot.keyClick(window.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.clients.list
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    # Another program takes the card away while the list still shows it.
    other = AppContext.open(data_dir)
    try:
        with other.store.sessions.begin() as session:
            session.delete(session.get(Client, gone))
    finally:
        other.close()
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = window.clients.last_dialog
    assert isinstance(dialog, ClientCardDialog) and dialog.client_id == gone
    qtbot.waitUntil(lambda: not dialog.tabs.isEnabled(), timeout=5000)
    text = dialog.status.text()
    assert text != "正在打开…" and said_in_chinese(text), text
    assert not dialog.print_action.isEnabled()


def test_a_refused_signature_is_said_in_chinese(qtbot: QtBot, zh_shell: Shell, data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    receipt_id = ctx.receipts.new_draft(finished_proposal(ctx), "P2026000777", date.today())
    ctx.close()
    window = open_active(qtbot, zh_shell, data_dir)
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.page(4)
    assert isinstance(page, ReceiptsPage)
    with qtbot.waitSignal(page.list.receipt_did_open, timeout=5000) as opened:
        page.list.open_receipt(receipt_id)
    dialog: ReceiptDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=5000)
    sign_name(dialog.evidence.pad)
    qtbot.waitUntil(dialog.sign_button.isEnabled)
    # The client signed on paper at the counter meanwhile, recorded by a colleague's command.
    other = AppContext.open(data_dir)
    try:
        other.receipts.sign(receipt_id, date.today(), signature=(zigzag(), PNG))
    finally:
        other.close()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("未签收："), timeout=5000)
    text = dialog.status.text()
    assert SIGNED_MESSAGE_ZH in text and said_in_chinese(text), text
    assert dialog.isVisible()


def test_a_busy_profile_is_said_in_chinese(qtbot: QtBot, zh_shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, zh_shell, data_dir)
    page = window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    # Another program holds the profile's write lock past the busy timeout (tests/test_profile_writers.py).
    other = AppContext.open(data_dir)
    profile = str(other.data_dir)
    try:
        with other.store.sessions.begin() as session:
            record_event(session, actor="local", action="edit", entity="client", entity_id=None)
            session.flush()
            qtbot.mouseClick(page.quick.sms, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.status.text() != "", timeout=20_000)
    finally:
        other.close()
    text = page.status.text()
    assert "正忙" in text, text
    assert said_in_chinese(text, profile, "BranchDesk"), text


def test_a_cancel_shows_nothing(qtbot: QtBot, zh_shell: Shell, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box, *_a: boxes.append(box.text()))
    monkeypatch.setattr(QMessageBox, "exec", lambda box, *_a: boxes.append(box.text()))
    window = open_active(qtbot, zh_shell, data_dir)
    offer = window.today.demo_offer
    assert offer.isVisible()
    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    [progress] = window.findChildren(QProgressDialog)
    qtbot.waitUntil(progress.isVisible)
    [cancel] = [b for b in progress.findChildren(QPushButton) if b.text() == "取消"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert zh_shell.runner.wait_for_idle(60_000)
    qtbot.wait(100)  # the cancel's answer reaches the GUI thread
    assert boxes == [] and not _top_level(QMessageBox)
    assert window.status.currentMessage() == "" and not progress.isVisible()
    assert zh_shell.ctx is not None and zh_shell.ctx.data_dir == data_dir.resolve() and not zh_shell.ctx.is_demo


def test_an_unexpected_failure_shows_a_reference_found_in_the_log(
    qtbot: QtBot, zh_shell: Shell, data_dir: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window: MainWindow = open_active(qtbot, zh_shell, data_dir)
    page = window.today
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    assert zh_shell.ctx is not None

    def broken(_day: date) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(zh_shell.ctx.today, "build", broken)
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # the next day
    qtbot.waitUntil(lambda: page.status.text() != "", timeout=5000)
    text = page.status.text()
    found = REFERENCE.search(text)
    assert found is not None and said_in_chinese(text), text
    assert "secret" not in text and "1234" not in text and "Runtime" not in text
    written = _written(log_file)
    assert f"(reference {found.group(1)})" in written
    assert "110101********1234" in written and "110101199003071234" not in written
