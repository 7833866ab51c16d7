"""Signing shows the document (issue 18, item 3): the proposal's pads stand under what is signed,
and a finished proposal shows its signatures as drawn, the hash only in the small print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.profile.settings import ManagerProfile
from app.rules.ids import ProposalId
from tests.test_proposals_service import sample_doc
from ui.proposals.editor.editor import ProposalEditor
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell

from .conftest import page_of, some
from .test_proposal_editor import sign

SECRETS = ("110105198506120253", "110105201609030140", "110105198702030626", "13812345678")


@pytest.fixture
def draft(data_dir: Path) -> tuple[Path, ProposalId]:
    """A complete draft of the sample form (张伟 insures his daughter 张小雨), ready to finish."""
    ctx = AppContext.open(data_dir)
    try:
        ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
        proposal_id = ctx.proposals.new_draft()
        saved = ctx.proposals.save_draft(proposal_id, sample_doc(proposal_id))
        assert saved.problems == (), saved.problems
    finally:
        ctx.close()
    return data_dir, proposal_id


def open_editor(qtbot: QtBot, shell: Shell, profile: Path) -> ProposalEditor:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(profile)
    shell.window.show_page(3)
    page = page_of(shell.window, 3, ProposalsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_editor is not None and page.last_editor.view is not None)
    editor = some(page.last_editor)
    qtbot.waitUntil(lambda: editor.finish_button.isEnabled(), timeout=5000)
    return editor


def test_the_pads_show_what_is_signed_and_the_finished_proposal_shows_the_signatures(
    qtbot: QtBot, shell: Shell, draft: tuple[Path, ProposalId], tmp_path: Path
) -> None:
    editor = open_editor(qtbot, shell, draft[0])
    editor.finish_button.setFocus()
    qtbot.keyClick(editor.finish_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.signing is not None and editor.signing.isVisible())
    signing = some(editor.signing)
    summary = signing.summary
    shown = summary.toPlainText()
    for expected in ("What you sign: the proposal form", "鑫享未来少儿教育年金保险 (ZX-EDU-2026)",
                     "Premium", "10,000.00 yuan", "Sum insured", "300,000.00 yuan", "regular premium, 10 years",
                     "张伟 · Resident ID card 110105********0253", "张小雨", "Death beneficiaries",
                     "share 60%", "share 40%", "李娜"):  # fmt: skip
        assert expected in shown, (expected, shown)
    for secret in SECRETS:
        assert secret not in shown
    assert summary.isVisible() and summary.isReadOnly()
    pad = signing.pads["policyholder"]
    assert summary.geometry().bottom() < pad.mapTo(signing, pad.rect().topLeft()).y()  # above the pads
    signing.grab().save(str(tmp_path / "proposal-signing.png"))

    sign(qtbot, signing.pads["policyholder"], 50)
    sign(qtbot, signing.pads["insured"], 60)
    qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.view is not None and editor.view.status == "finished", timeout=10_000)
    qtbot.waitUntil(lambda: len(editor.signed_view.images) == 2)
    digest = some(some(editor.view).content_hash)
    assert editor.signed_view.isVisible()
    for image in editor.signed_view.images:
        pixmap = image.pixmap()
        assert image.isVisible() and not pixmap.isNull() and pixmap.width() > 0 and pixmap.height() > 0
        # Ink, not a blank box: the drawn strokes darken some of the picture.
        picture = pixmap.toImage()
        assert any(picture.pixelColor(x, y).lightness() < 128
                   for x in range(0, picture.width(), 2) for y in range(0, picture.height(), 2))  # fmt: skip
    assert [image.accessibleName() for image in editor.signed_view.images] == ["Policyholder: 张伟", "Insured: 张小雨"]
    # The hash only on the details line, in smaller type; the heading says "signed" in words.
    assert digest not in editor.header.text() and "SHA-256" not in editor.header.text()
    assert editor.signed_view.details.text() == f"Details: content hash (SHA-256) {digest}"
    assert editor.signed_view.details.font().pointSizeF() < editor.header.font().pointSizeF()
    editor.grab().save(str(tmp_path / "proposal-finished.png"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_in_chinese_the_summary_reads_chinese_with_the_amount_in_words(
    qtbot: QtBot, shell: Shell, draft: tuple[Path, ProposalId], chinese: None
) -> None:
    editor = open_editor(qtbot, shell, draft[0])
    editor.finish()
    qtbot.waitUntil(lambda: editor.signing is not None and editor.signing.isVisible())
    shown = some(editor.signing).summary.toPlainText()
    for expected in ("签署内容：投保单", "保险费", "10,000.00 元（大写：人民币壹万元整）", "期交，10年", "身故受益人"):
        assert expected in shown, (expected, shown)
    assert re.findall(r"[A-Za-z]{2,}", shown.replace("ZX-EDU-2026", "")) == []
    some(editor.signing).reject()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
