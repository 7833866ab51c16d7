"""Head office's letters answered from the proposal's letters box (issue 19 item 2), on a real
profile with letters raised through the status feed's `apply`, under pytest-qt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.rules.ids import ProposalId
from local_db import models
from tests.test_letters import DECISION, EXAM, linked_proposal, raise_letter
from ui.common.task_runner import TaskRunner
from ui.proposals.letters.dialog import LetterDialog
from ui.proposals.page import ProposalsPage
from ui.today.page import TodayPage

from .conftest import some, type_text
from .test_signature_pad import sign_name

__all__ = ["linked_proposal"]  # the fixture, shared with the core tests

SHOTS = Path("/tmp/letters_shots")
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def shoot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # rows added to a shown dialog show on the next turn
    widget.grab().save(str(SHOTS / f"{name}.png"))


def open_dialog(qtbot: QtBot, ctx: AppContext, runner: TaskRunner, letter_id: str) -> LetterDialog:
    dialog = LetterDialog(ctx, runner, letter_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: (dialog.loaded is not None and dialog.send_button.isVisible()) or _answered(dialog))
    return dialog


def _answered(dialog: LetterDialog) -> bool:
    return dialog.loaded is not None and dialog.loaded.letter.resolved_at is not None


def shown_texts(dialog: QWidget) -> str:
    QApplication.processEvents()  # labels added to a shown dialog show on the next event loop turn
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def drop_files(widget: QWidget, paths: list[Path]) -> None:
    """Files dragged in from the file manager and dropped, as the platform sends it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy, left, plain = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), copy, mime, left, plain)
    assert QApplication.sendEvent(widget, enter) and enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(10, 10), copy, mime, left, plain))


def outbox_answers(ctx: AppContext) -> list[dict[str, object]]:
    with ctx.store.sessions() as session:
        items = session.scalars(select(models.OutboxItem).where(models.OutboxItem.kind == "answer")).all()
        bodies = [json.loads(item.payload_json) for item in items]
    return [body.get("document", body) for body in bodies]


def test_answer_button_and_enter_open_the_selected_letter(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId
) -> None:
    raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    page = ProposalsPage(runner)
    qtbot.addWidget(page)
    page.attach(ctx)
    page.show()
    qtbot.waitUntil(lambda: page.cases.topLevelItemCount() == 1)
    assert page.resolve_button.text() == "&Answer…" and page.resolve_button.isEnabled()
    assert page.cases.topLevelItem(0).text(4) == "open"  # type: ignore[union-attr]
    page.cases.setFocus()
    QTest.keyClick(page.cases, Qt.Key.Key_Return)
    dialog = some(page.letter_dialog)
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    assert dialog.isVisible() and dialog.title.text() == "Medical examination notice"
    dialog.reject()
    page.resolve_button.click()
    assert some(page.letter_dialog) is not dialog and some(page.letter_dialog).isVisible()
    some(page.letter_dialog).reject()


def test_an_exam_letter_shows_its_fields_in_words_and_books_one_planner_visit(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId
) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    dialog = open_dialog(qtbot, ctx, runner, letter_id)
    texts = shown_texts(dialog)
    assert "Hospital:" in texts and EXAM["hospital"] in texts and "Examination items:" in texts
    assert "exam_at" not in texts and "hospital:" not in texts
    assert "Booked:" in texts and "not yet" in texts
    shoot(dialog, "exam_en")

    dialog.book_button.click()
    book = some(dialog.book_dialog)
    qtbot.waitExposed(book)
    assert book.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-04-28 09:00"  # the letter's time
    book.minutes.setValue(90)
    shoot(book, "book_en")
    QTest.keyClick(book.when, Qt.Key.Key_Return)  # Enter books
    qtbot.waitUntil(lambda: ctx.letters.view(letter_id).visit_id is not None)
    view = ctx.letters.view(letter_id)
    planned = ctx.planner.between(date(2026, 4, 28), date(2026, 4, 28))
    assert [(v.id, v.minutes, v.location) for v in planned] == [(view.visit_id, 90, EXAM["hospital"])]
    qtbot.waitUntil(lambda: "on the Planner" in shown_texts(dialog))
    assert dialog.book_button.text() == "Move &examination…"
    assert "Examination booked at" in dialog.text.toPlainText()

    # booking again moves the same visit
    dialog.book_button.click()
    book = some(dialog.book_dialog)
    book.when.setDateTime(book.when.dateTime().addDays(1))
    book.confirm()
    qtbot.waitUntil(lambda: bool(ctx.planner.between(date(2026, 4, 29), date(2026, 4, 29))))
    assert ctx.planner.between(date(2026, 4, 28), date(2026, 4, 28)) == []
    assert [v.id for v in ctx.planner.between(date(2026, 4, 29), date(2026, 4, 29))] == [view.visit_id]


def test_an_answer_takes_files_added_and_dropped_and_is_sent(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId, tmp_path: Path
) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "health_evidence", {"documents": "近三个月体检报告"})
    scan, pdf, note = tmp_path / "报告.png", tmp_path / "病历.pdf", tmp_path / "note.jpg"
    scan.write_bytes(PNG_BYTES)
    pdf.write_bytes(PDF_BYTES)
    note.write_text("not a picture")
    dialog = open_dialog(qtbot, ctx, runner, letter_id)
    assert "Documents asked for:" in shown_texts(dialog)

    dialog.add_files([str(scan)])  # what the file dialog's filesSelected hands over
    qtbot.waitUntil(lambda: dialog.files.count() == 1)
    drop_files(dialog.files.viewport(), [pdf])
    qtbot.waitUntil(lambda: dialog.files.count() == 2)
    assert sorted(dialog.files.item(i).text().split(" · ")[0] for i in range(2)) == ["报告.png", "病历.pdf"]
    drop_files(dialog.files.viewport(), [note])  # told by its bytes, not its name: refused
    qtbot.waitUntil(lambda: "JPEG" in dialog.status.text() or "PNG" in dialog.status.text())
    assert dialog.files.count() == 2

    dialog.files.setFocus()
    dialog.files.setCurrentRow(0)
    QTest.keyClick(dialog.files, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.files.count() == 1)

    dialog.text.setFocus()
    type_text(qtbot, dialog.text, "已收集客户体检报告")
    shoot(dialog, "answer_en")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _answered(dialog) and dialog.history.topLevelItemCount() == 1)
    item = some(dialog.history.topLevelItem(0))
    assert item.text(1) == "已收集客户体检报告" and item.text(2) == "1" and item.text(3) == "waiting"
    assert not dialog.answer_box.isVisible() and not dialog.send_button.isVisible()
    (sent,) = outbox_answers(ctx)
    assert sent["text"] == "已收集客户体检报告" and len(sent["attachments"]) == 1  # type: ignore[arg-type]


def test_an_empty_answer_is_refused_through_the_failure_path_in_chinese(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId, chinese: None
) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "problem", {})
    dialog = open_dialog(qtbot, ctx, runner, letter_id)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: "答复是空的" in dialog.status.text())
    assert ctx.letters.view(letter_id).resolved_at is None
    assert outbox_answers(ctx) == []


def test_a_decision_is_shown_in_full_chosen_by_keyboard_signed_by_both_and_sent(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId
) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "decision", DECISION)
    dialog = open_dialog(qtbot, ctx, runner, letter_id)
    texts = shown_texts(dialog)
    assert "Accepted with an extra premium" in texts
    assert "1,200.00 yuan" in texts and "500,000.00 yuan" in texts and DECISION["exclusions"] in texts
    assert "extra_premium" not in texts and "cents" not in texts
    assert dialog.send_button.text() == "Sign and &send…" and not dialog.send_button.isEnabled()
    shoot(dialog, "decision_en")

    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Accepts
    qtbot.waitUntil(dialog.accept_radio.isChecked)  # a mnemonic clicks after a short animation
    assert dialog.send_button.isEnabled()
    dialog.send_button.click()
    signing = some(dialog.signing)
    qtbot.waitExposed(signing)
    summary = some(signing.summary.summary).text()
    assert "Accepted with an extra premium" in summary and "1,200.00 yuan" in summary
    assert "Accepts the underwriting decision" in summary
    assert set(signing.pads) == {"policyholder", "insured"}
    signing.sign_button.click()  # blank pads: refused under each pad, nothing recorded
    assert ctx.letters.view(letter_id).decision is None
    for pad in signing.pads.values():
        sign_name(pad)
    shoot(signing, "signing_en")
    signing.sign_button.click()
    qtbot.waitUntil(lambda: _answered(dialog))
    view = ctx.letters.view(letter_id)
    assert view.decision == "accepted" and view.signatures == ("policyholder", "insured")
    assert not signing.isVisible()
    (sent,) = outbox_answers(ctx)
    assert sent["decision"] == "accepted" and sent["text"] == "Accepts the underwriting decision"
    assert sorted(s["role"] for s in sent["signatures"]) == ["insured", "policyholder"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "signed by Policyholder, Insured" in shown_texts(dialog))


def test_the_dialogs_read_in_chinese(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId, chinese: None
) -> None:
    decision = raise_letter(ctx, linked_proposal, "decision", DECISION)
    dialog = open_dialog(qtbot, ctx, runner, decision)
    dialog.decline_radio.setChecked(True)
    shoot(dialog, "decision_zh")
    dialog.send_button.click()
    shoot(some(dialog.signing), "signing_zh")
    some(dialog.signing).reject()
    dialog.reject()
    exam = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    dialog = open_dialog(qtbot, ctx, runner, exam)
    shoot(dialog, "exam_zh")
    dialog.book_button.click()
    shoot(some(dialog.book_dialog), "book_zh")
    texts = shown_texts(dialog)
    assert EXAM["hospital"] in texts and "exam_at" not in texts


def test_today_says_what_to_do_with_each_letter(
    qtbot: QtBot, ctx: AppContext, runner: TaskRunner, linked_proposal: ProposalId
) -> None:
    raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    raise_letter(ctx, linked_proposal, "decision", DECISION)
    page = TodayPage(runner)
    qtbot.addWidget(page)
    page.show()
    page.attach(ctx, False)

    def lines() -> list[str]:
        found: list[str] = []
        todo = [page.reminders.topLevelItem(i) for i in range(page.reminders.topLevelItemCount())]
        while todo:
            item = todo.pop()
            if item is None:
                continue
            found.append(" | ".join(item.text(c) for c in range(item.columnCount())))
            todo += [item.child(i) for i in range(item.childCount())]
        return found

    qtbot.waitUntil(lambda: sum("Medical exam" in x or "Underwriting decision" in x for x in lines()) == 2)
    assert any("Medical exam · book the examination" in x for x in lines())
    assert any("Underwriting decision · client accepts or declines, both sign" in x for x in lines())
