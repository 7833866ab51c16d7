"""Nothing half-done left lying around, in the window (issue 15 item 7): 新建投保单 closed
without typing leaves no draft; a draft proposal or card is deleted, asked first, and leaves
the lists by the change signal; "open existing" does not leave a duplicate draft card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.clients.search import ClientQuery
from app.context import AppContext
from ui.clients.card.dialog import ClientCardDialog
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell

from .conftest import type_text
from .test_proposal_editor import new_editor, page, profile  # noqa: F401 (fixtures)


def _rows(shown: ProposalsPage) -> int:
    return shown.model.rowCount()


def test_closing_a_new_proposal_without_typing_keeps_nothing(qtbot: QtBot, page: ProposalsPage) -> None:  # noqa: F811
    editor = new_editor(qtbot, page)
    qtbot.waitUntil(lambda: _rows(page) == 1)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _rows(page) == 0 and page.count.text() == "0 proposal(s)", timeout=5000)
    assert page._ctx is not None
    assert page._ctx.proposal_records.page("all").rows == ()


def test_a_new_proposal_typed_into_is_kept_and_shows_the_managers_settings(
    qtbot: QtBot,
    page: ProposalsPage,  # noqa: F811
) -> None:
    editor = new_editor(qtbot, page)
    doc, _ = editor.build_doc()
    assert (doc.manager_name, doc.manager_code, doc.manager_phone) == ("王芳", "BJ0107", "13911112222")
    type_text(qtbot, editor.policyholder.name, "张伟")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _rows(page) == 1 and page.model.record(0).policyholder_name == "张伟", timeout=5000)


def test_a_draft_is_deleted_from_the_list_asked_first(
    qtbot: QtBot,
    page: ProposalsPage,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = new_editor(qtbot, page)
    type_text(qtbot, editor.policyholder.name, "张伟")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _rows(page) == 1 and page.model.record(0).policyholder_name == "张伟", timeout=5000)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)

    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # No: kept
    assert "张伟" in asked[0] and _rows(page) == 1
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _rows(page) == 0, timeout=5000)
    assert page._ctx is not None
    from app.profile.audit import recent_events

    with page._ctx.store.sessions() as session:
        assert recent_events(session, "proposal", limit=1)[0].action == "delete"


@pytest.fixture
def card_ctx(qtbot: QtBot, shell: Shell, data_dir: Path) -> AppContext:
    seed = AppContext.open(data_dir)
    seed.clients.save(ClientDraft(name="赵强", mobile="13800001111"))
    seed.close()
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    assert shell.ctx is not None
    return shell.ctx


def _named(ctx: AppContext, name: str) -> list[str]:
    return [row.id for row in ctx.clients.search(ClientQuery(text=name))]


def test_open_existing_drops_the_new_duplicate_draft_card(
    qtbot: QtBot, shell: Shell, card_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = _named(card_ctx, "赵强")
    dialog = ClientCardDialog(card_ctx, shell.runner, None, shell.window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.name, "赵强")
    type_text(qtbot, dialog.secrets["mobile"].edit, "13800001111")
    dialog.save_now()
    qtbot.waitUntil(lambda: dialog.duplicate_banner.isVisible(), timeout=5000)
    assert len(_named(card_ctx, "赵强")) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    opened: list[object] = []
    dialog.open_other.connect(opened.append)

    qtbot.mouseClick(dialog.open_duplicate, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: opened == existing and not dialog.isVisible(), timeout=5000)
    assert _named(card_ctx, "赵强") == existing


def test_a_draft_card_is_deleted_from_its_dialog_asked_first(
    qtbot: QtBot, shell: Shell, card_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ClientCardDialog(card_ctx, shell.runner, None, shell.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.delete_button.isEnabled()  # nothing saved yet, nothing to delete
    type_text(qtbot, dialog.name, "钱九")
    type_text(qtbot, dialog.secrets["mobile"].edit, "123")  # a bad mobile keeps it a draft
    dialog.save_now()
    qtbot.waitUntil(dialog.delete_button.isEnabled, timeout=5000)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert _named(card_ctx, "钱九") == []
