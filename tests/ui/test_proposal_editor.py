"""The Proposals page and the proposal editor, driven as a manager at the desk would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.clients.search import ClientQuery
from app.context import AppContext
from app.headoffice.status import StatusUpdate
from app.profile.settings import ManagerProfile
from app.rules.id_numbers import make_resident_id
from tests.test_proposals_service import SIGNED, sample_doc
from ui.common.widgets.signature_pad import SignaturePad
from ui.proposals.editor.editor import ProposalEditor
from ui.proposals.editor.party import PartySection
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell

from .conftest import some, type_text

ADULT_ID = "110105198506120253"  # 张伟, born 1985-06-12, male
MINOR_ID = make_resident_id("110105", date(2010, 6, 12), 12, "M")
CHILD_ID = "110105201609030140"  # 张小雨, born 2016-09-03, female
MOTHER_ID = "110105198702030626"  # 李娜


@pytest.fixture
def profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    ctx.clients.save(ClientDraft(name="赵强", gender="M", birth_date=date(1980, 5, 1), mobile="13800001111",
                                 id_number=make_resident_id("110105", date(1980, 5, 1), 7, "M"),
                                 address="北京市海淀区中关村大街 1 号", occupation="教师"))  # fmt: skip
    ctx.close()
    return data_dir


@pytest.fixture
def page(qtbot: QtBot, shell: Shell, profile: Path) -> ProposalsPage:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(profile)
    shell.window.show_page(3)
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow)
    proposals = shell.window.page(3)
    assert isinstance(proposals, ProposalsPage)
    qtbot.waitUntil(lambda: proposals.count.text() == "0 proposal(s)")
    return proposals


def new_editor(qtbot: QtBot, page: ProposalsPage) -> ProposalEditor:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_editor is not None and page.last_editor.view is not None)
    editor = page.last_editor
    assert editor is not None
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.policyholder.name.hasFocus())
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


class Keyboard:
    """Types into whatever has the focus and moves on with Tab, checking where it lands."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def type(self, widget: QWidget, text: str) -> None:
        assert focused() is widget, f"focus is on {focused().objectName() or focused()}, not {widget.objectName()}"
        type_text(self.qtbot, widget, text)

    def key(self, key: Qt.Key, times: int = 1, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        for _ in range(times):
            self.qtbot.keyClick(focused(), key, modifier)

    def tab(self, times: int = 1) -> None:
        self.key(Qt.Key.Key_Tab, times)

    def at(self, widget: QWidget) -> None:
        assert focused() is widget, f"focus is on {focused().objectName() or focused()}, not {widget.objectName()}"


def fill_party(
    keys: Keyboard, section: PartySection, name: str, id_number: str, mobile: str, address: str, job: str
) -> None:
    keys.type(section.name, name)
    keys.tab(2)  # the ID document stays "Resident ID card"
    keys.type(section.id_number, id_number)
    keys.tab(3)  # gender and birth date come from the ID number
    keys.type(section.mobile, mobile)
    keys.tab()
    keys.type(section.address, address)
    keys.tab()
    keys.type(section.occupation, job)
    keys.tab()


def problem_under(editor: ProposalEditor, path: str) -> str:
    label = editor.board.labels[path]
    return label.text() if label.isVisible() else ""


def wait_saved(qtbot: QtBot, editor: ProposalEditor) -> None:
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved "), timeout=5000)


def sign(qtbot: QtBot, pad: SignaturePad, top: int) -> None:
    """A name written as two zigzag strokes, with the mouse button held down while moving."""
    for left, width in ((40, 180), (250, 170)):
        points = [QPoint(left + width * i // 14, top + (70 if i % 2 else 0)) for i in range(15)]
        qtbot.mousePress(pad.box, Qt.MouseButton.LeftButton, pos=points[0])
        for point in points[1:]:
            qtbot.mouseMove(pad.box, point)
        qtbot.mouseRelease(pad.box, Qt.MouseButton.LeftButton, pos=points[-1])


def test_fill_a_proposal_with_the_keyboard_fix_its_problems_sign_and_finish(
    qtbot: QtBot,
    page: ProposalsPage,
    profile: Path,
) -> None:
    editor = new_editor(qtbot, page)
    keys = Keyboard(qtbot)
    assert (editor.manager.name.text(), editor.manager.code.text()) == ("王芳", "BJ0107")
    assert nothing_red(editor)

    fill_party(keys, editor.policyholder, "张伟", MINOR_ID, "13812345678", "北京市朝阳区建国路 88 号", "工程师")
    assert editor.policyholder.birth_date.text() == "2010-06-12"
    assert editor.policyholder.gender.currentData() == "M"
    keys.at(editor.relation.same_person)
    keys.tab()
    keys.key(Qt.Key.Key_Down, 2)  # Spouse, Child
    assert editor.relation.relation.currentData() == "child"
    keys.tab(3)  # past Choose client… and Keep as new client card
    fill_party(keys, editor.insured, "张小雨", CHILD_ID, "", "北京市朝阳区建国路 88 号", "小学生")
    keys.at(editor.beneficiaries.legal_heirs)
    keys.tab()
    keys.at(editor.beneficiaries.add_button)
    for name, id_number, share in (("张伟", ADULT_ID, "60"), ("李娜", MOTHER_ID, "30")):
        keys.key(Qt.Key.Key_Space)  # Add beneficiary: the new row's name takes the focus
        row = editor.beneficiaries.rows[-1]
        keys.type(row.name, name)
        keys.tab()
        keys.key(Qt.Key.Key_Down, 3)  # Spouse, Child, Parent
        keys.tab(2)
        keys.type(row.id_number, id_number)
        keys.tab()
        keys.type(row.share, share)
        keys.tab(2)  # past Remove, back on Add beneficiary
    keys.tab()
    keys.at(editor.product.application_date)
    keys.tab()
    keys.type(editor.product.picker.search, "jiaoyu")  # 教育: picked from the catalogue, not typed
    keys.key(Qt.Key.Key_Return)
    assert (editor.product.product_code.text(), editor.product.product_name.text()) == (
        "ZX-EDU-2026", "鑫享未来少儿教育年金保险"
    )  # fmt: skip
    keys.tab()
    keys.type(editor.product.sum_insured, "30万")
    keys.tab()
    assert editor.product.sum_insured.text() == "300,000.00"  # grouped once left
    assert editor.product.capitals[editor.product.sum_insured].text() == "人民币叁拾万元整"
    keys.type(editor.product.premium, "¥10,000")
    keys.tab()
    keys.key(Qt.Key.Key_Down, 2)  # Single, Regular
    keys.tab()
    keys.type(editor.payment.years, "10")
    keys.tab()
    keys.type(editor.payment.bank, "中国工商银行北京建国门支行")
    keys.tab()
    keys.type(editor.payment.account, "6222020200112345678")
    keys.tab()
    keys.at(editor.payment.holder)
    assert editor.payment.holder.text() == "张伟"  # 账户户名 follows the policyholder
    keys.tab()
    for key in ("q1_hospitalised", "q2_chronic_disease", "q3_pregnant", "q4_disability"):
        keys.at(editor.health.questions[key].yes)  # unanswered until told: → then Space answers 否
        keys.key(Qt.Key.Key_Right)
        keys.key(Qt.Key.Key_Space)
        keys.tab()
    keys.at(editor.manager.name)
    keys.tab(2)
    wait_saved(qtbot, editor)

    # Incomplete: each problem beside its field, all of them in the list.
    assert "18 or older" in problem_under(editor, "policyholder.birth_date")
    assert "add up to 90%" in editor.beneficiaries.rows[0].problem.text()
    assert editor.beneficiaries.rows[0].problem.isVisible()
    assert {p.code for p in editor.problems} == {"P001_policyholder_adult", "P033_order_shares_total"}
    assert editor.problem_list.count() == len(editor.problems)

    # Fixed from the problem list, still by keyboard: Enter on a problem goes to its field.
    keys.at(editor.manager.phone)
    keys.tab()
    keys.at(editor.problem_list)
    go_to_problem(keys, editor, "P001_policyholder_adult")
    keys.at(editor.policyholder.birth_date)
    keys.key(Qt.Key.Key_Tab, 2, Qt.KeyboardModifier.ShiftModifier)
    keys.at(editor.policyholder.id_number)
    keys.key(Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    keys.type(editor.policyholder.id_number, ADULT_ID)
    qtbot.waitUntil(lambda: editor.policyholder.birth_date.text() == "1985-06-12")
    wait_saved(qtbot, editor)
    keys.key(Qt.Key.Key_F8)
    go_to_problem(keys, editor, "P033_order_shares_total")
    keys.at(editor.beneficiaries.rows[0].share)
    keys.key(Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    keys.type(editor.beneficiaries.rows[0].share, "70")
    qtbot.waitUntil(lambda: editor.problems == [], timeout=5000)
    assert editor.problems == [] and not editor.beneficiaries.rows[0].problem.isVisible()
    assert editor.problem_title.text() == "No problems: ready to finish"

    keys.key(Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.signing is not None and editor.signing.isVisible())
    signing = editor.signing
    assert signing is not None and list(signing.pads) == ["policyholder", "insured"]
    assert "answers are true" in signing.declaration.text()
    # What is signed stands above the pads: product, amounts, payment, people, masked IDs only.
    shown = signing.summary.toPlainText()
    assert signing.summary.isVisible() and signing.summary.isReadOnly()
    for expected in ("Premium", "10,000.00 yuan", "Sum insured", "300,000.00 yuan", "regular premium, 10 years",
                     "Death beneficiaries", "share 70%", "share 30%", "110105********0253"):  # fmt: skip
        assert expected in shown, (expected, shown)
    assert ADULT_ID not in shown and "13812345678" not in shown
    assert signing.summary.geometry().bottom() < signing.pads["policyholder"].geometry().top()
    # A click is not a signature: refused under its pad, nothing finished.
    qtbot.mouseClick(signing.pads["policyholder"].box, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
    assert signing.pads["policyholder"].problem_label.isVisible()
    assert "dot" in signing.pads["policyholder"].problem_label.text()
    assert signing.isVisible() and editor.view is not None and editor.view.status == "draft"
    qtbot.mouseClick(signing.pads["policyholder"].clear_button, Qt.MouseButton.LeftButton)
    sign(qtbot, signing.pads["policyholder"], 50)
    sign(qtbot, signing.pads["insured"], 60)
    qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: editor.view is not None and editor.view.status == "finished", timeout=10_000)
    assert not signing.isVisible()
    # The signatures as drawn; the hash only on the small details line, never in the heading.
    assert some(editor.view.content_hash) not in editor.header.text() and "SHA-256" not in editor.header.text()
    assert editor.signed_view.isVisible() and len(editor.signed_view.images) == 2
    for image in editor.signed_view.images:
        assert image.isVisible() and not image.pixmap().isNull() and image.pixmap().width() > 0
    assert editor.signed_view.details.text().endswith(some(editor.view.content_hash))
    assert editor.signed_view.details.font().pointSizeF() < editor.header.font().pointSizeF()
    assert editor.policyholder.name.isReadOnly() and not editor.relation.relation.isEnabled()
    assert not editor.finish_button.isVisible() and editor.correct_button.isVisible()
    assert not editor.policyholder.choose_button.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.index(0, 5).data() == "Finished")
    assert page.model.index(0, 1).data() == "张伟" and page.model.index(0, 4).data() == "10,000.00"

    ctx = AppContext.open(profile)
    try:
        view = ctx.proposals.get(editor.proposal_id)
        assert (view.status, view.signatures) == ("finished", ("insured", "policyholder"))
        assert [b.share_basis_points for b in view.doc.beneficiaries] == [7000, 3000]
        assert (view.doc.payment_mode, view.doc.payment_years, view.doc.premium_cents) == ("regular", 10, 1_000_000)
        assert view.doc.health_answers == {"q1_hospitalised": False, "q2_chronic_disease": False,
                                           "q3_pregnant": False, "q4_disability": False}  # fmt: skip
    finally:
        ctx.close()


def nothing_red(editor: ProposalEditor) -> bool:
    """No problem beside any field nor in the list: what the manager sees before typing."""
    return editor.problem_list.count() == 0 and not any(label.isVisible() for label in editor.board.labels.values())


def go_to_problem(keys: Keyboard, editor: ProposalEditor, code: str) -> None:
    row = next(i for i, p in enumerate(editor.problems) if p.code == code)
    editor.problem_list.setCurrentRow(row)
    keys.key(Qt.Key.Key_Return)


def finished_proposal(ctx: AppContext) -> str:
    proposal_id = ctx.proposals.new_draft()
    ctx.proposals.save_draft(proposal_id, sample_doc(proposal_id))
    ctx.proposals.finish(proposal_id, SIGNED)
    return proposal_id


def test_a_problem_case_from_head_office_shows_and_is_answered(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> None:
    ctx = shell.ctx
    assert ctx is not None
    proposal_id = finished_proposal(ctx)
    ctx.hq_status.apply([StatusUpdate("proposal", proposal_id, "problem", datetime.now(UTC),
                                      problem_id="WT-778", problem_kind="health_evidence",
                                      reason="请补充近一年体检报告")])  # fmt: skip
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.cases.topLevelItemCount() == 1)
    assert page.model.index(0, 6).data() == "Problem case" and page.model.index(0, 7).data() == "1"
    assert "1 open problem case(s)" in page.hq_status.text()
    case = some(page.cases.topLevelItem(0))
    assert [case.text(0), case.text(3), case.text(4)] == ["Health evidence", "请补充近一年体检报告", "open"]
    assert page.resolve_button.isEnabled()

    # Answer… opens the letter; the answer goes to head office (issue 19: answers, not a note).
    page.resolve_button.setFocus()
    qtbot.keyClick(page.resolve_button, Qt.Key.Key_Space)
    dialog = some(page.letter_dialog)
    qtbot.waitUntil(lambda: dialog.loaded is not None and dialog.text.isEnabled())
    assert dialog.isVisible() and dialog.title.text() == "Health evidence letter"
    dialog.text.setFocus()
    type_text(qtbot, dialog.text, "客户已补交体检报告")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.loaded is not None and dialog.loaded.letter.resolved_at is not None)
    dialog.reject()
    answered = "answered · waiting for head office"
    qtbot.waitUntil(
        lambda: page.cases.topLevelItemCount() == 1 and some(page.cases.topLevelItem(0)).text(4) == answered
    )
    qtbot.waitUntil(lambda: page.model.index(0, 7).data() == "")
    assert page.resolve_button.isEnabled()  # the answered letter still opens, to read
    assert not [r for r in ctx.today.build(date.today()).reminders if r.kind == "letter_due"]


def test_finished_proposal_opens_read_only_and_a_correction_opens_as_a_new_draft(
    qtbot: QtBot,
    shell: Shell,
    page: ProposalsPage,
) -> None:
    ctx = shell.ctx
    assert ctx is not None
    proposal_id = finished_proposal(ctx)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_editor is not None and page.last_editor.view is not None)
    editor = page.last_editor
    assert editor is not None and editor.proposal_id == proposal_id
    assert editor.policyholder.name.text() == "张伟" and editor.policyholder.name.isReadOnly()
    assert editor.view.content_hash in editor.signed_view.details.text()  # type: ignore[union-attr, operator]
    assert [image.pixmap().isNull() for image in editor.signed_view.images] == [False, False]
    assert not editor.beneficiaries.add_button.isVisible()

    qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    dialog = editor.reason_dialog
    assert dialog is not None
    type_text(qtbot, dialog.answer, "受益人证件号码有误")
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_editor is not editor and page.last_editor is not None
                    and page.last_editor.view is not None)  # fmt: skip
    newer = page.last_editor
    assert newer.view.version == 2 and newer.view.status == "draft"  # type: ignore[union-attr]
    assert "受益人证件号码有误" in newer.header.text()  # type: ignore[union-attr]
    assert not newer.policyholder.name.isReadOnly()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert "(corrected)" in page.model.index(1, 5).data()


def test_a_party_from_a_client_card_or_kept_as_a_new_one(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    keys = Keyboard(qtbot)
    keys.key(Qt.Key.Key_Tab, 2, Qt.KeyboardModifier.ShiftModifier)  # back to Choose client…
    keys.at(editor.policyholder.choose_button)
    keys.key(Qt.Key.Key_Space)
    picker = editor.cards.picker_dialog
    assert picker is not None
    qtbot.waitUntil(lambda: picker.picker.search.hasFocus())
    type_text(qtbot, picker.picker.search, "赵强")
    qtbot.waitUntil(lambda: picker.picker.results.count() == 1)
    qtbot.keyClick(picker.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.policyholder.name.text() == "赵强")
    assert editor.policyholder.birth_date.text() == "1980-05-01"
    assert editor.policyholder.link_label.text() == "Client card: 赵强 138****1111"
    assert editor.policyholder.unlink_button.isVisible()

    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.insured.name.setFocus()
    keys.type(editor.insured.name, "钱小红")
    keys.tab(2)
    keys.type(editor.insured.id_number, make_resident_id("110105", date(2012, 1, 2), 9, "F"))
    qtbot.mouseClick(editor.insured.save_as_client_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.insured.link_label.text().startswith("Client card: 钱小红"))
    wait_saved(qtbot, editor)
    ctx = shell.ctx
    assert ctx is not None
    assert [r.name for r in ctx.clients.search(ClientQuery(text="钱小红"))] == ["钱小红"]
    assert set(ctx.proposal_records.linked_clients(editor.proposal_id)) == {"policyholder", "insured"}


def test_insured_as_the_policyholder_signs_once(qtbot: QtBot, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    keys = Keyboard(qtbot)
    editor.relation.same_person.setFocus()
    keys.key(Qt.Key.Key_Space)
    assert not editor.insured.isVisible() and not editor.relation.relation.isEnabled()
    wait_saved(qtbot, editor)
    # The insured's blank fields are the policyholder's: their problems stand under those fields.
    assert "Insured's name is required" in problem_under(editor, "policyholder.name")
    assert "relation" not in {p.field for p in editor.problems}
    # A disabled insured is a warning: shown beside its answer and listed, but it never blocks.
    editor.health.questions["q4_disability"].yes.setFocus()
    keys.key(Qt.Key.Key_Space)
    wait_saved(qtbot, editor)
    assert problem_under(editor, "insured.disabled") == ""  # not before the answer is left
    keys.tab()
    qtbot.waitUntil(lambda: "medical review" in problem_under(editor, "insured.disabled"))
    assert any(
        some(editor.problem_list.item(i)).text().startswith("Review: ") for i in range(editor.problem_list.count())
    )
    assert [w.code for w in editor.warnings] == ["W001_medical_review"]


def test_esc_closes_and_keeps_what_was_just_typed(qtbot: QtBot, shell: Shell, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    type_text(qtbot, editor.policyholder.name, "孙丽")
    qtbot.keyClick(editor.policyholder.name, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    ctx = shell.ctx
    assert ctx is not None
    qtbot.waitUntil(lambda: ctx.proposals.doc(editor.proposal_id).policyholder.name == "孙丽")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.index(0, 1).data() == "孙丽")


def test_the_product_is_picked_from_the_catalogue_by_pinyin_name_or_code(qtbot: QtBot, page: ProposalsPage) -> None:
    editor = new_editor(qtbot, page)
    keys = Keyboard(qtbot)
    product = editor.product
    product.application_date.setFocus()
    keys.tab()
    keys.at(product.picker.search)
    assert product.product_code.isReadOnly() and product.product_name.isReadOnly()
    assert not product.chosen.panel.isVisible()

    keys.type(product.picker.search, "zxnj")  # the initials of 尊享年金
    assert product.picker.matches() == ["RB-ZXNJ"]
    keys.key(Qt.Key.Key_Return)
    assert (product.product_code.text(), product.product_name.text()) == ("RB-ZXNJ", "人保寿险尊享年金保险")
    assert product.picker.search.text() == "" and not product.picker.found.isVisible()
    panel = product.chosen.panel.text()
    assert product.chosen.panel.isVisible()
    shown = ("Annuity", "from 28 day(s) old to 65 year(s)", "regular premium over 3, 5, 10 years",
             "cooling-off 15 day(s)", "第五个保单周年日起每年领取", "Feature: 合同生效满五年起")  # fmt: skip
    assert [text for text in shown if text not in panel] == []

    # By Chinese name (typed through the input method) and by code; only insurance products are offered.
    type_text(qtbot, product.picker.search, "尊享")
    assert product.picker.matches() == ["RB-ZXNJ", "TK-ZXSJ"]  # in the catalogue's order
    keys.key(Qt.Key.Key_Down)  # the second match, the field keeping the keyboard
    keys.at(product.picker.search)
    keys.key(Qt.Key.Key_Return)
    assert product.product_code.text() == "TK-ZXSJ"
    type_text(qtbot, product.picker.search, "gs-flxz")
    keys.key(Qt.Key.Key_Return)
    assert product.product_code.text() == "GS-FLXZ"
    assert "cooling-off 20 day(s)" in product.chosen.panel.text()
    type_text(qtbot, product.picker.search, "dep-fix1y")  # a deposit: not on a proposal
    assert product.picker.matches() == []
    keys.key(Qt.Key.Key_Return)
    assert product.product_code.text() == "GS-FLXZ"  # nothing else could be chosen

    # The choice is saved with the catalogue's version.
    wait_saved(qtbot, editor)
    doc = editor.ctx.proposals.doc(editor.proposal_id)
    assert (doc.product_code, doc.product_name, doc.catalogue_version) == ("GS-FLXZ", "国寿福禄鑫尊养老年金保险", 1)
