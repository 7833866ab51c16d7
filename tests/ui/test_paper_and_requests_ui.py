"""Register paper proposal… and Change/withdraw… on the Proposals page (issue 19), driven from the
keyboard on a real profile, with a look at each dialog."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.headoffice.status import StatusUpdate
from app.rules import paper_review
from app.rules.ids import ProposalId
from app.rules.masking import mask_phone
from tests.handover_data import finished_proposal, set_up_manager, signature_png, zigzag
from ui.proposals.page import ProposalsPage
from ui.proposals.paper_dialog import PaperProposalDialog
from ui.proposals.requests_dialog import RequestDialog
from ui.shell.application import Shell

from .conftest import some, type_text

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    set_up_manager(ctx)
    finished_proposal(ctx, holder="张伟", applied=date.today())
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
    qtbot.waitUntil(lambda: proposals.count.text() == "1 proposal(s)")
    return proposals


def focused() -> QWidget:
    return some(QApplication.focusWidget())


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def paper_dialog(qtbot: QtBot, page: ProposalsPage) -> PaperProposalDialog:
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: page.paper_dialog is not None and page.paper_dialog.isVisible())
    dialog = some(page.paper_dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: dialog.picker.catalogue is not None)
    return dialog


def test_a_paper_proposal_is_registered_from_the_keyboard_and_listed_as_paper(
    qtbot: QtBot, page: ProposalsPage, shell: Shell, tmp_path: Path
) -> None:
    dialog = paper_dialog(qtbot, page)
    qtbot.waitUntil(lambda: dialog.form_number.hasFocus())
    type_text(qtbot, dialog.form_number, "pb-0012")
    press(qtbot, Qt.Key.Key_Y, ALT)
    assert focused() is dialog.policyholder.name
    type_text(qtbot, focused(), "李娜")
    press(qtbot, Qt.Key.Key_I, ALT)
    assert focused() is dialog.insured.name
    type_text(qtbot, focused(), "王小明")
    press(qtbot, Qt.Key.Key_O, ALT)
    assert focused() is dialog.picker.search
    product = shell.ctx.catalogue().insurance()[0]  # type: ignore[union-attr]
    type_text(qtbot, focused(), product.code.lower())
    press(qtbot, Qt.Key.Key_Return)  # picks the product, never registers
    assert dialog.product_code == product.code and dialog.chosen.name.text() == product.name_zh
    assert dialog.isVisible() and focused() is dialog.premium
    assert dialog.problems.text() == ""  # Enter picked the product and nothing else
    type_text(qtbot, focused(), "1万")
    # The checklist follows the premium in the tab order; tick all but the teller's stamp.
    for key in paper_review.KEYS:
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.review[key]
        if key != "teller_stamp":
            press(qtbot, Qt.Key.Key_Space)
    qtbot.wait(50)  # the layout catches up with the matches list closing, as between a user's keys
    dialog.grab().save(str(tmp_path / "paper_dialog.png"))
    press(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: "Stamped by the bank teller" in dialog.problems.text())
    assert dialog.isVisible() and "Initial review not passed" in dialog.problems.text()
    dialog.review["teller_stamp"].setFocus()
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.count.text() == "2 proposal(s)")
    qtbot.waitUntil(lambda: page.selected() is not None and some(page.selected()).source == "paper")
    row = some(page.selected())
    assert (row.paper_form_number, row.policyholder_name, row.premium_cents) == ("PB-0012", "李娜", 1_000_000)
    status = page.model.index(page.model.row_of(row.id), page.model.COLUMNS.index("status"))
    assert page.model.data(status) == "Finished · Paper PB-0012"


def test_the_same_form_number_again_is_refused_in_the_dialog(qtbot: QtBot, page: ProposalsPage, shell: Shell) -> None:
    ctx = some(shell.ctx)
    code = ctx.catalogue().insurance()[0].code
    ctx.paper_proposals.register("PB-1", date.today(), None, "李娜", "李娜", code, 100_00,
                                 dict.fromkeys(paper_review.KEYS, True))  # fmt: skip
    dialog = paper_dialog(qtbot, page)
    dialog.form_number.setText("pb-1")
    dialog.policyholder.name.setText("赵敏")
    dialog.same_person.setChecked(True)
    assert dialog.insured.name.text() == "赵敏" and not dialog.insured.isEnabled()
    dialog.picker.product_did_pick.emit(code)
    dialog.premium.setText("5000")
    for box in dialog.review.values():
        box.setChecked(True)
    dialog.register_button.click()
    qtbot.waitUntil(lambda: "Paper proposal PB-1 is already registered." in dialog.problems.text())
    assert dialog.register_button.isEnabled()


def request_dialog(qtbot: QtBot, page: ProposalsPage) -> RequestDialog:
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.request_button.isEnabled)
    press(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: page.request_dialog is not None and page.request_dialog.isVisible())
    dialog = some(page.request_dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_change_is_sent_with_its_signed_form_and_head_offices_reply_shows(
    qtbot: QtBot, page: ProposalsPage, shell: Shell, tmp_path: Path
) -> None:
    ctx = some(shell.ctx)
    proposal_id = ProposalId(some(page.selected()).id)
    dialog = request_dialog(qtbot, page)
    assert dialog.change.isChecked() and dialog.fields_box.isVisible()
    dialog.fields["policyholder_mobile"].setFocus()
    type_text(qtbot, focused(), "13900001111")
    press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: "signed by the policyholder and the insured" in dialog.problems.text())
    scan = tmp_path / "变更申请书.png"
    scan.write_bytes(signature_png(zigzag()))
    dialog.attach_files([scan])  # what the file dialog (Add file…) hands over
    qtbot.waitUntil(lambda: dialog.files.count() == 1)
    assert some(dialog.files.item(0)).text().startswith("变更申请书.png")
    dialog.grab().save(str(tmp_path / "request_dialog.png"))
    press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The draft may show first (attaching saved it); then the request as sent.
    qtbot.waitUntil(lambda: page.requests_box.isVisible() and page.requests_view.topLevelItemCount() == 1
                    and some(page.requests_view.topLevelItem(0)).text(3) != "draft, not sent")  # fmt: skip
    item = some(page.requests_view.topLevelItem(0))
    assert (item.text(0), item.text(2), item.text(3)) == (
        "Change", "Policyholder's phone: " + mask_phone("13900001111"), "waiting for head office",
    )  # fmt: skip
    [sent] = ctx.requests.for_proposal(proposal_id)
    ctx.hq_status.apply([StatusUpdate("request", sent.id, "accepted", datetime.now(UTC), reason="已变更")])
    qtbot.waitUntil(lambda: some(page.requests_view.topLevelItem(0)).text(3) == "accepted: 已变更", timeout=5000)


def test_a_withdrawal_needs_a_reason_and_the_button_is_off_once_issued(
    qtbot: QtBot, page: ProposalsPage, shell: Shell, tmp_path: Path
) -> None:
    ctx = some(shell.ctx)
    proposal_id = ProposalId(some(page.selected()).id)
    dialog = request_dialog(qtbot, page)
    press(qtbot, Qt.Key.Key_W, ALT)  # the Withdraw radio button
    qtbot.waitUntil(dialog.withdraw.isChecked)
    assert not dialog.fields_box.isVisible()
    copy = tmp_path / "id.pdf"
    copy.write_bytes(b"%PDF-1.4\n%%EOF\n")
    dialog.attach_files([copy])
    qtbot.waitUntil(lambda: dialog.files.count() == 1)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: "reason" in dialog.problems.text())
    dialog.reason.setFocus()
    type_text(qtbot, focused(), "客户资金另有安排")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.requests_view.topLevelItemCount() == 1
                    and some(page.requests_view.topLevelItem(0)).text(3) == "waiting for head office")  # fmt: skip
    assert some(page.requests_view.topLevelItem(0)).text(2) == "客户资金另有安排"
    ctx.hq_status.apply([StatusUpdate("proposal", proposal_id, "issued", datetime.now(UTC), policy_number="P1")])
    qtbot.waitUntil(lambda: not page.request_button.isEnabled(), timeout=5000)


def test_the_dialogs_in_chinese(qtbot: QtBot, page: ProposalsPage, chinese: None, tmp_path: Path) -> None:
    dialog = paper_dialog(qtbot, page)
    assert dialog.review["teller_stamp"].text() == "银行柜员盖章"
    dialog.grab().save(str(tmp_path / "paper_dialog_zh.png"))
    dialog.reject()
    requests = request_dialog(qtbot, page)
    assert requests.fields_box.isVisible()
    requests.grab().save(str(tmp_path / "request_dialog_zh.png"))


def test_the_policyholder_is_chosen_from_a_client_card_and_linked(
    qtbot: QtBot, page: ProposalsPage, shell: Shell
) -> None:
    from app.clients.records import ClientDraft

    ctx = some(shell.ctx)
    card = ctx.clients.save(ClientDraft(name="赵敏", mobile="13800138000"))
    dialog = paper_dialog(qtbot, page)
    press(qtbot, Qt.Key.Key_C, ALT)  # Choose client…
    qtbot.waitUntil(lambda: dialog.client_dialog is not None and dialog.client_dialog.isVisible())
    picker = some(dialog.client_dialog)
    qtbot.waitUntil(picker.picker.search.hasFocus)
    type_text(qtbot, picker.picker.search, "赵敏")
    qtbot.wait(400)  # the search runs after a typing pause
    qtbot.keyClick(picker.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.policyholder.client_id == card.client_id)
    assert dialog.policyholder.name.text() == "赵敏" and dialog.policyholder.linked.isVisible()
    dialog.form_number.setText("PB-77")
    dialog.same_person.setChecked(True)
    dialog.picker.product_did_pick.emit(ctx.catalogue().insurance()[0].code)
    dialog.premium.setText("3000")
    for box in dialog.review.values():
        box.setChecked(True)
    dialog.register_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = next(r for r in ctx.proposal_records.page().rows if r.source == "paper")
    links = ctx.proposal_records.linked_clients(row.id)
    assert {role: link.client_id for role, link in links.items()} == {
        "policyholder": card.client_id, "insured": card.client_id,
    }  # fmt: skip


def test_a_paper_proposal_is_not_opened_printed_or_corrected_as_a_typed_form(
    qtbot: QtBot, page: ProposalsPage, shell: Shell
) -> None:
    ctx = some(shell.ctx)
    ctx.paper_proposals.register(
        "PB-0099", date(2026, 11, 20), None, "李娜", "李娜", ctx.catalogue().insurance()[0].code, 1_000_000,
        dict.fromkeys(paper_review.KEYS, True),
    )  # fmt: skip
    page.reload()
    qtbot.waitUntil(lambda: any(page.model.record(r).source == "paper" for r in range(page.model.rowCount())))
    row = next(r for r in range(page.model.rowCount()) if some(page.model.record(r)).source == "paper")
    page.table.selectRow(row)
    assert not page.open_button.isEnabled() and not page.correct_button.isEnabled()
    assert not page.print_action.isEnabled()
    page.open_selected()  # Enter, or a double-click, says why instead of opening an empty form
    assert "PB-0099 was filled on paper" in page.hq_status.text()
