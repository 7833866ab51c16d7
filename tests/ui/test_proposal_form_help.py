"""The proposal form helps rather than fights: nothing red before typing, problems once a field
is left (all of them on Finish), amounts as managers write them, 账户户名 following the
policyholder, health questions answered by the client rather than assumed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.proposals.page import ProposalsPage

from .conftest import type_text
from .test_proposal_editor import new_editor, nothing_red, page, problem_under, profile, wait_saved

__all__ = ["page", "profile"]  # the fixtures, shared with the editor's own tests


def test_nothing_is_red_until_a_field_is_left_and_the_next_field_does_not_move(
    qtbot: QtBot, page: ProposalsPage
) -> None:
    editor = new_editor(qtbot, page)
    assert nothing_red(editor)
    assert editor.problems  # they are known, only not shouted: the title counts them
    assert editor.problem_title.text().endswith("to fix before Finish")
    next_field = editor.policyholder.id_type
    before = next_field.mapTo(editor, next_field.rect().topLeft())

    type_text(qtbot, editor.policyholder.name, "x")
    qtbot.keyClick(editor.policyholder.name, Qt.Key.Key_Backspace)
    qtbot.wait(400)  # past the autosave: typing alone shows nothing
    assert problem_under(editor, "policyholder.name") == ""
    qtbot.keyClick(editor.policyholder.name, Qt.Key.Key_Tab)  # left empty
    qtbot.waitUntil(lambda: "name is required" in problem_under(editor, "policyholder.name"))
    assert problem_under(editor, "policyholder.birth_date") == ""  # not yet visited
    assert editor.problem_list.count() == 1
    qtbot.wait(50)
    assert next_field.mapTo(editor, next_field.rect().topLeft()) == before  # its space was kept


def test_amounts_as_managers_write_them_with_capitals(qtbot: QtBot, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    product = editor.product
    product.sum_insured.setFocus()
    type_text(qtbot, product.sum_insured, "20万")
    assert product.capitals[product.sum_insured].text() == "人民币贰拾万元整"  # while typing
    qtbot.keyClick(product.sum_insured, Qt.Key.Key_Tab)
    assert product.sum_insured.text() == "200,000.00"
    type_text(qtbot, product.premium, "１.５万")  # full-width digits from the input method
    qtbot.keyClick(product.premium, Qt.Key.Key_Tab)
    assert product.premium.text() == "15,000.00"
    assert product.capitals[product.premium].text() == "人民币壹万伍仟元整"
    wait_saved(qtbot, editor)
    doc = editor.ctx.proposals.doc(editor.proposal_id)
    assert (doc.sum_insured_cents, doc.premium_cents) == (20_000_000, 1_500_000)
    assert "premium_cents" not in {p.field for p in editor.problems if p.code == "U001_unreadable"}

    # What cannot be read stays as typed, and says so once left.
    product.premium.setFocus()
    product.premium.selectAll()
    type_text(qtbot, product.premium, "两万")
    qtbot.keyClick(product.premium, Qt.Key.Key_Tab)
    assert product.premium.text() == "两万" and product.capitals[product.premium].text() == ""
    qtbot.waitUntil(lambda: "20万" in problem_under(editor, "premium_cents"))


def test_account_holder_follows_the_policyholder_until_typed(qtbot: QtBot, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    type_text(qtbot, editor.policyholder.name, "张伟")
    assert editor.payment.holder.text() == "张伟"
    wait_saved(qtbot, editor)
    assert editor.ctx.proposals.doc(editor.proposal_id).payment_account_holder == "张伟"
    editor.payment.holder.setFocus()
    editor.payment.holder.selectAll()
    type_text(qtbot, editor.payment.holder, "张伟（代）")
    editor.policyholder.name.setFocus()
    type_text(qtbot, editor.policyholder.name, "明")
    assert editor.policyholder.name.text() == "张伟明"
    assert editor.payment.holder.text() == "张伟（代）"  # the manager's own words are kept


def test_health_questions_start_unanswered_and_block_finishing(
    qtbot: QtBot, page: ProposalsPage, tmp_path: Path
) -> None:
    editor = new_editor(qtbot, page)
    q1 = editor.health.questions["q1_hospitalised"]
    assert all(q.answer() is None for q in editor.health.questions.values())
    assert not q1.yes.isChecked() and not q1.no.isChecked()

    qtbot.keyClick(editor.policyholder.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Finish
    qtbot.waitUntil(lambda: editor.board.all_revealed and editor.problem_list.count() == len(editor.problems))
    assert editor.signing is None  # nothing to sign with problems left
    listed = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert "Health question not answered: Hospitalised or operated on in the past two years" in listed
    assert "Health question not answered" in problem_under(editor, "health_answers.q1_hospitalised")
    assert "Health question not answered" in problem_under(editor, "insured.disabled")

    q1.no.setFocus()
    qtbot.keyClick(q1.no, Qt.Key.Key_Space)
    wait_saved(qtbot, editor)
    assert problem_under(editor, "health_answers.q1_hospitalised") == ""
    assert editor.ctx.proposals.doc(editor.proposal_id).health_answers == {"q1_hospitalised": False}
    assert editor.grab().save(str(tmp_path / "proposal_after_finish.png"))
