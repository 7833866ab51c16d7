"""The Clients page and the client card, driven as a manager would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.clients.records import ClientDraft
from app.context import AppContext
from app.rules.id_numbers import make_resident_id
from local_db.models import AuditEvent, Client
from ui.clients.card.dialog import ClientCardDialog
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow

from .conftest import type_text

ZHANG_ID = make_resident_id("110105", date(1980, 5, 1), 1, "M")


@pytest.fixture
def profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    for name, mobile, birth, gender, seq, tier in (
        ("张三", "13812345678", date(1980, 5, 1), "M", 1, "gold"),
        ("张三丰", "13900001111", date(1950, 1, 2), "M", 2, "platinum"),
        ("李四", "15011112222", date(1995, 3, 3), "F", 3, "ordinary"),
    ):
        ctx.clients.save(
            ClientDraft(
                name=name,
                gender=gender,
                birth_date=birth,
                mobile=mobile,
                tier=tier,
                id_number=make_resident_id("110105", birth, seq, gender),
            )
        )
    ctx.close()
    return data_dir


@pytest.fixture
def window(qtbot: QtBot, shell: Shell, profile: Path) -> MainWindow:
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(profile)
    shell.window.show_page(2)
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow)
    qtbot.waitUntil(lambda: shell.window.clients.list.model.rowCount() == 3)
    return shell.window


def shown_names(window: MainWindow, qtbot: QtBot) -> list[str]:
    model = window.clients.list.model
    qtbot.waitUntil(lambda: all(model.index(r, 0).data() != "…" for r in range(model.rowCount())))
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_search_as_you_type_by_initials_pinyin_and_phone(qtbot: QtBot, window: MainWindow) -> None:
    page = window.clients.list
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "zs")
    qtbot.waitUntil(lambda: page.count.text() == "2 client(s)")
    assert shown_names(window, qtbot) == ["张三", "张三丰"]
    page.search.clear()
    qtbot.keyClicks(page.search, "5678")
    qtbot.waitUntil(lambda: page.count.text() == "1 client(s)")
    assert shown_names(window, qtbot) == ["张三"]
    # Lists never show a whole phone or ID number.
    assert page.model.index(0, 3).data() == "138****5678"
    assert page.model.index(0, 4).data() == ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]


def test_too_few_digits_explains_itself(qtbot: QtBot, window: MainWindow) -> None:
    page = window.clients.list
    qtbot.keyClicks(page.search, "138")
    qtbot.waitUntil(lambda: "at least 4 digits" in page.count.text())
    assert page.model.rowCount() == 0


def test_filters_and_sorting(qtbot: QtBot, window: MainWindow) -> None:
    page = window.clients.list
    page.tier.setCurrentIndex(page.tier.findData("gold"))
    qtbot.waitUntil(lambda: page.count.text() == "1 client(s)")
    page.tier.setCurrentIndex(0)
    # Each filter reloads in the background: wait for one to land before the next, or the gold
    # filter's "1 client(s)" could pass for the retired one's.
    qtbot.waitUntil(lambda: page.count.text() == "3 client(s)")
    page.segment.setCurrentIndex(page.segment.findData("retired"))
    qtbot.waitUntil(lambda: page.count.text() == "1 client(s)")
    qtbot.waitUntil(lambda: shown_names(window, qtbot) == ["张三丰"])
    page.segment.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.count.text() == "3 client(s)")
    header = page.table.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    header.sectionClicked.emit(2)
    qtbot.waitUntil(lambda: shown_names(window, qtbot)[0] == "张三丰")
    assert shown_names(window, qtbot) == ["张三丰", "张三", "李四"]


def test_enter_opens_the_card_and_reveal_is_audited(qtbot: QtBot, window: MainWindow, profile: Path) -> None:
    page = window.clients.list
    qtbot.keyClicks(page.search, "lisi")
    qtbot.waitUntil(lambda: page.count.text() == "1 client(s)")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    dialog = window.clients.last_dialog
    assert isinstance(dialog, ClientCardDialog)
    qtbot.waitUntil(lambda: dialog.name.text() == "李四")
    id_field = dialog.secrets["id_number"]
    assert "********" in id_field.edit.text() and id_field.edit.isReadOnly()
    qtbot.mouseClick(id_field.reveal, Qt.MouseButton.LeftButton)
    real = make_resident_id("110105", date(1995, 3, 3), 3, "F")
    qtbot.waitUntil(lambda: id_field.edit.text() == real)
    dialog.close()
    ctx = AppContext.open(profile)
    with ctx.store.sessions() as session:
        reveals = session.scalars(select(AuditEvent).where(AuditEvent.action == "reveal")).all()
    ctx.close()
    assert len(reveals) == 1 and '"id_number"' in reveals[0].detail_json


def open_new_card(qtbot: QtBot, window: MainWindow) -> ClientCardDialog:
    page = window.clients.list
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.clients.last_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_new_card_fills_birth_and_gender_from_the_id_and_saves_as_typed(
    qtbot: QtBot, window: MainWindow, profile: Path
) -> None:
    dialog = open_new_card(qtbot, window)
    number = make_resident_id("310104", date(1988, 8, 8), 20, "F")
    type_text(qtbot, dialog.name, "王芳")
    qtbot.keyClicks(dialog.secrets["id_number"].edit, number)
    assert dialog.birth_date.text() == "1988-08-08" and dialog.gender.currentData() == "F"
    qtbot.keyClicks(dialog.secrets["mobile"].edit, "13912345678")
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    ctx = AppContext.open(profile)
    try:
        with ctx.store.sessions() as session:
            saved = session.scalars(select(Client).where(Client.name == "王芳")).one()
        assert saved.status == "valid" and saved.id_number == number and saved.birth_date == date(1988, 8, 8)
    finally:
        ctx.close()


def test_invalid_card_shows_problems_in_place_and_stays_a_draft(
    qtbot: QtBot, window: MainWindow, profile: Path
) -> None:
    dialog = open_new_card(qtbot, window)
    type_text(qtbot, dialog.name, "赵六")
    qtbot.keyClicks(dialog.secrets["id_number"].edit, ZHANG_ID[:-1] + ("1" if ZHANG_ID[-1] != "1" else "2"))
    qtbot.keyClicks(dialog.secrets["mobile"].edit, "1381234")
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved as a draft"), timeout=5000)
    problems = dialog.personal_rows.problems
    assert problems["id_number"].isVisible() and "check digit" in problems["id_number"].text()
    assert problems["mobile"].isVisible() and "11 digits" in problems["mobile"].text()
    ctx = AppContext.open(profile)
    try:
        with ctx.store.sessions() as session:
            assert session.scalars(select(Client.status).where(Client.name == "赵六")).one() == "draft"
    finally:
        ctx.close()


def test_duplicate_id_offers_merge_which_keeps_one_card(qtbot: QtBot, window: MainWindow, profile: Path) -> None:
    dialog = open_new_card(qtbot, window)
    type_text(qtbot, dialog.name, "张三")
    qtbot.keyClicks(dialog.secrets["id_number"].edit, ZHANG_ID)
    qtbot.keyClicks(dialog.secrets["mobile"].edit, "13812345678")
    qtbot.waitUntil(dialog.duplicate_banner.isVisible, timeout=5000)
    assert "138****5678" in dialog.duplicate_text.text() and ZHANG_ID not in dialog.duplicate_text.text()
    qtbot.mouseClick(dialog.merge_duplicate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    # The kept card opens in its place.
    kept = window.clients.last_dialog
    qtbot.waitUntil(lambda: kept.name.text() == "张三")
    assert kept is not dialog and kept.client_id != dialog.client_id
    page = window.clients.list
    qtbot.waitUntil(lambda: page.count.text() == "3 client(s)")


def test_a_chinese_user_sees_problems_in_chinese(qtbot: QtBot, window: MainWindow) -> None:
    from ui.common.i18n import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        dialog = open_new_card(qtbot, window)
        type_text(qtbot, dialog.name, "钱七")
        qtbot.keyClicks(dialog.secrets["mobile"].edit, "12345")
        qtbot.waitUntil(lambda: dialog.personal_rows.problems["mobile"].isVisible(), timeout=5000)
        assert "手机号" in dialog.personal_rows.problems["mobile"].text()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        install_translators(app, "en")


def test_closing_right_after_typing_loses_nothing(qtbot: QtBot, window: MainWindow, profile: Path) -> None:
    dialog = open_new_card(qtbot, window)
    type_text(qtbot, dialog.name, "孙八")
    dialog.close()  # before the autosave pause is over
    ctx = AppContext.open(profile)
    try:

        def saved() -> bool:
            with ctx.store.sessions() as session:
                return session.scalars(select(Client).where(Client.name == "孙八")).first() is not None

        qtbot.waitUntil(saved, timeout=5000)
    finally:
        ctx.close()


def test_an_unknown_id_region_is_shown_as_a_warning_and_the_card_saves_valid(
    qtbot: QtBot, window: MainWindow, profile: Path
) -> None:
    dialog = open_new_card(qtbot, window)
    number = make_resident_id("119999", date(1980, 3, 1), 5, "M")  # a code in no region table
    type_text(qtbot, dialog.name, "钱七")
    qtbot.keyClicks(dialog.secrets["id_number"].edit, number)
    assert dialog.birth_date.text() == "1980-03-01" and dialog.gender.currentData() == "M"
    qtbot.keyClicks(dialog.secrets["mobile"].edit, "13912345670")
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.", timeout=5000)
    shown = dialog.personal_rows.problems["id_number"]
    assert shown.isVisible() and "119999" in shown.text() and "accepted" in shown.text()
    assert "#a35200" in shown.styleSheet()  # orange: a warning, not a problem
    ctx = AppContext.open(profile)
    try:
        with ctx.store.sessions() as session:
            assert session.scalars(select(Client.status).where(Client.name == "钱七")).one() == "valid"
    finally:
        ctx.close()
