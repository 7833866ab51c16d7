"""A profile that cannot be opened: the dialog explains, and each way on works."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.context import AppContext
from app.errors import StartupError
from local_db.cipher import has_plain_header
from local_db.models import Outlet
from local_db.opening import DB_FILENAME
from tests.test_encryption import make_plain_profile
from tests.ui.conftest import some
from ui.shell.application import Shell, ask_with_dialog
from ui.shell.startup_dialog import StartupChoice, StartupProblemDialog


def corrupt_profile_with_backup(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    with ctx.store.sessions.begin() as session:
        session.add(Outlet(code="TJ01", name="交通银行天津南开支行"))
    ctx.close()
    backups = data_dir / "backups"
    backups.mkdir()
    backup = backups / "branchdesk-yesterday.sqlite3"
    shutil.copy(data_dir / DB_FILENAME, backup)
    (data_dir / DB_FILENAME).write_bytes(b"broken" * 500)
    return backup


def test_dialog_explains_a_damaged_database_and_lists_backups(qtbot: QtBot, data_dir: Path) -> None:
    backup = corrupt_profile_with_backup(data_dir)
    try:
        AppContext.open(data_dir)
    except StartupError as error:
        dialog = StartupProblemDialog(error)
    qtbot.addWidget(dialog)
    assert "is damaged and cannot be opened. It has not been changed." in dialog.message.text()
    assert str(data_dir / DB_FILENAME) in dialog.message.text()
    assert dialog.backups.count() == 1 and some(dialog.backups.item(0)).text() == str(backup)
    assert dialog.open_backup_button.isEnabled()
    qtbot.mouseClick(dialog.open_backup_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == StartupChoice(backup=backup)


def test_dialog_without_backups_cannot_open_one(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    try:
        AppContext.open(blocker / "profile")
    except StartupError as error:
        dialog = StartupProblemDialog(error)
    qtbot.addWidget(dialog)
    assert "cannot be used" in dialog.message.text()
    assert not dialog.open_backup_button.isEnabled()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == StartupChoice()


def test_shell_restores_the_chosen_backup_and_keeps_the_damaged_file(
    qtbot: QtBot, ui_settings: QSettings, data_dir: Path
) -> None:
    backup = corrupt_profile_with_backup(data_dir)
    damaged = hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest()
    asked: list[str] = []

    def ask(error: StartupError) -> StartupChoice:
        asked.append(error.code)
        return StartupChoice(backup=error.backups[0])

    shell = Shell(ui_settings, ask=ask)
    try:
        with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
            shell.start(data_dir)
        assert asked == ["database_corrupt"]
        assert shell.ctx is not None and shell.ctx.overview.record_counts()["outlets"] == 1
        kept = list(data_dir.glob("branchdesk-replaced-*.sqlite3"))
        assert len(kept) == 1
        assert hashlib.sha256(kept[0].read_bytes()).hexdigest() == damaged
        assert backup.exists()
    finally:
        shell.close()


def test_shell_opens_another_folder_when_asked(qtbot: QtBot, ui_settings: QSettings, tmp_path: Path) -> None:
    too_new = tmp_path / "too-new"
    ctx = AppContext.open(too_new)
    ctx.close()
    from local_db.cipher import connect

    conn = connect(too_new / DB_FILENAME, ctx.store.key)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    other = tmp_path / "other"
    shell = Shell(ui_settings, ask=lambda error: StartupChoice(data_dir=other))
    try:
        with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
            shell.start(too_new)
        assert shell.ctx is not None and shell.ctx.data_dir == other
        assert shell.window is not None and shell.window.isVisible()
    finally:
        shell.close()


def start_and_answer(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    until: Any,
    answer: Callable[[StartupProblemDialog], None],
) -> None:
    """Starts `shell` on `data_dir` and, once the problem dialog is up, lets `answer` press on it;
    returns when `until` (a Shell signal) has fired. The dialog opens once the worker reports."""

    def if_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StartupProblemDialog):
            answer(dialog)

    timer = QTimer(interval=100)
    timer.timeout.connect(if_shown)
    try:
        with qtbot.waitSignal(until, timeout=20_000):
            timer.start()
            shell.start(data_dir)
    finally:
        timer.stop()


def test_quitting_from_the_problem_dialog_opens_nothing(qtbot: QtBot, ui_settings: QSettings, data_dir: Path) -> None:
    corrupt_profile_with_backup(data_dir)

    def press_quit(dialog: StartupProblemDialog) -> None:
        assert dialog.windowTitle() == "BranchDesk cannot open your data"
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)

    shell = Shell(ui_settings, ask=ask_with_dialog)
    try:
        start_and_answer(qtbot, shell, data_dir, shell.profile_did_fail, press_quit)
        assert shell.ctx is None
    finally:
        shell.close()


def test_a_deleted_database_is_restored_from_the_newest_backup_by_one_click(
    qtbot: QtBot, ui_settings: QSettings, data_dir: Path
) -> None:
    from app.profile.backup import daily_backup

    ctx = AppContext.open(data_dir)
    with ctx.store.sessions.begin() as session:
        session.add(Outlet(code="TJ01", name="交通银行天津南开支行"))
    newest = some(daily_backup(ctx.store))
    ctx.close()
    (data_dir / DB_FILENAME).unlink()
    shown: list[tuple[str, str, str, int]] = []

    def press_restore(dialog: StartupProblemDialog) -> None:
        shown.append((dialog.message.text(), dialog.open_backup_button.text(), dialog.backups.currentItem().text(),
                      dialog.width()))  # fmt: skip
        qtbot.mouseClick(dialog.open_backup_button, Qt.MouseButton.LeftButton)

    shell = Shell(ui_settings, ask=ask_with_dialog)
    try:
        start_and_answer(qtbot, shell, data_dir, shell.profile_did_open, press_restore)
        ((message, button, selected, width),) = shown
        assert message.startswith(f"The database {data_dir / DB_FILENAME} is missing or empty, although this "
                                  "folder held a profile. Nothing was created in its place.")  # fmt: skip
        assert button == "&Restore selected backup" and selected == str(newest) and width >= 600
        assert shell.ctx is not None and shell.ctx.overview.record_counts()["outlets"] == 1
    finally:
        shell.close()


def test_a_deleted_database_without_backups_offers_no_restore(qtbot: QtBot, data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    (data_dir / DB_FILENAME).unlink()
    try:
        AppContext.open(data_dir)
    except StartupError as error:
        dialog = StartupProblemDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "there is no backup of it here. Nothing was created in its place." in dialog.message.text()
    assert dialog.detail.text() == "Details: the file is not there"
    # No empty list over the message, no restore button that can never be pressed.
    assert not dialog.backups.isVisible() and not dialog.backups_label.isVisible()
    assert not dialog.open_backup_button.isVisible() and not dialog.open_backup_button.isEnabled()
    assert dialog.choose_dir_button.isVisible() and dialog.quit_button.isVisible()
    assert dialog.width() >= 600
    assert not (data_dir / DB_FILENAME).exists()


def shown_texts(dialog: QWidget) -> list[str]:
    """Every text the dialog shows: its title, visible labels and buttons, the list's rows."""
    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisible()]
    for rows in dialog.findChildren(QListWidget):
        if rows.isVisible():
            texts += [some(rows.item(i)).text() for i in range(rows.count())]
    return texts


def latin_letters(texts: list[str], *paths: Path) -> list[str]:
    """The words in Latin letters left once the paths and the access keys are taken out; a
    Chinese button names its access key in Latin, "退出(&Q)", as Chinese software does."""
    found = []
    for shown in texts:
        for path in sorted(map(str, paths), key=len, reverse=True):
            shown = shown.replace(path, "")
        found += re.findall(r"[A-Za-z]+", re.sub(r"\(&[A-Z]\)", "", shown))
    return found


@pytest.mark.parametrize(
    ("vanish", "said"), [("deleted", "详细信息：文件不存在"), ("emptied", "详细信息：文件为空（0 字节）")]
)
def test_a_vanished_database_is_said_in_chinese_alone(qtbot: QtBot, chinese: None, data_dir: Path, vanish: str,
                                                      said: str) -> None:  # fmt: skip
    AppContext.open(data_dir).close()
    db_path = data_dir / DB_FILENAME
    if vanish == "deleted":
        db_path.unlink()
    else:
        db_path.write_bytes(b"")
    try:
        AppContext.open(data_dir)
    except StartupError as error:
        dialog = StartupProblemDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = shown_texts(dialog)
    assert dialog.windowTitle() == "网点工作台无法打开您的数据"
    assert dialog.message.text().startswith(f"数据库 {db_path} 不存在或为空")
    assert dialog.detail.text() == said
    assert latin_letters(texts, db_path) == [], texts
    assert not dialog.backups.isVisible() and not dialog.open_backup_button.isVisible()
    assert dialog.width() >= 600


def test_a_vanished_database_with_backups_shows_each_whole_path(qtbot: QtBot, chinese: None, data_dir: Path) -> None:
    from app.profile.backup import daily_backup

    ctx = AppContext.open(data_dir)
    newest = some(daily_backup(ctx.store))
    ctx.close()
    older = newest.with_name("branchdesk-a-much-older-backup-with-a-long-name-2024-05-01.sqlite3")
    shutil.copy(newest, older)
    os.utime(older, (1_700_000_000, 1_700_000_000))
    (data_dir / DB_FILENAME).unlink()
    try:
        AppContext.open(data_dir)
    except StartupError as error:
        dialog = StartupProblemDialog(error)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    backups = dialog.error.backups
    assert backups[0] == newest and older in backups
    assert latin_letters(shown_texts(dialog), data_dir / DB_FILENAME, *backups) == []
    assert dialog.backups.isVisible() and dialog.backups.currentItem().text() == str(newest)
    assert dialog.open_backup_button.isVisible() and dialog.open_backup_button.isDefault()
    assert dialog.open_backup_button.text() == "恢复所选备份(&R)"
    # The whole path shows: no scrolling sideways to read which backup it is.
    assert dialog.width() >= 600 and not dialog.backups.horizontalScrollBar().isVisible()
    # Nothing sits on top of the explanation.
    assert dialog.message.geometry().bottom() < dialog.detail.geometry().top()
    assert dialog.detail.geometry().bottom() < dialog.backups.geometry().top()


class ShownProgressNotes(QObject):
    """Records the text of every progress note shown anywhere in the app, as the user saw it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.texts.append(watched.labelText())
        return False


def notes_while_opening(qtbot: QtBot, shell: Shell, data_dir: Path) -> list[str]:
    """Starts the app on `data_dir`; the progress notes shown until the profile was open."""
    notes = ShownProgressNotes()
    some(QApplication.instance()).installEventFilter(notes)
    try:
        with qtbot.waitSignal(shell.profile_did_open, timeout=30_000):
            shell.start(data_dir)
    finally:
        some(QApplication.instance()).removeEventFilter(notes)
    return notes.texts


def test_a_plain_profile_says_it_is_being_encrypted_then_opens(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    counts = make_plain_profile(data_dir, clients=200)
    notes = notes_while_opening(qtbot, shell, data_dir)
    assert [text for text in notes if text.startswith("Encrypting your data.")], notes
    assert shell.slow_step is None  # the note is gone once the profile is open
    assert not has_plain_header(data_dir / DB_FILENAME)
    with shell.ctx.store.sessions() as session:  # type: ignore[union-attr]
        assert session.scalar(text("SELECT count(*) FROM clients")) == counts["clients"] == 200


def test_an_up_to_date_profile_opens_without_a_note(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    AppContext.open(data_dir).close()
    assert notes_while_opening(qtbot, shell, data_dir) == []
