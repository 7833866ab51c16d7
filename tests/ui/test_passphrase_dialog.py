"""No password store on this computer: the passphrase is asked for, typed twice for a new profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.errors import StartupError
from app.keys import read_mode
from ui.shell.application import Shell
from ui.shell.passphrase_dialog import PassphraseDialog
from ui.shell.startup_dialog import StartupChoice


def new_profile_error(data_dir: Path) -> StartupError:
    return StartupError("passphrase_needed", data_dir / "branchdesk.sqlite3", "", "", detail="new")


def test_a_new_passphrase_is_typed_twice_and_checked(qtbot: QtBot, data_dir: Path) -> None:
    dialog = PassphraseDialog(new_profile_error(data_dir))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.entry, "short")
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    assert dialog.problem.text() == "At least 8 characters." and dialog.passphrase is None
    dialog.entry.clear()
    qtbot.keyClicks(dialog.entry, "long enough")
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, "long enougH")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.problem.text() == "The two passphrases differ." and dialog.repeat.text() == ""
    qtbot.keyClicks(dialog.repeat, "long enough")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.passphrase == "long enough" and dialog.result() == PassphraseDialog.DialogCode.Accepted


def test_shell_asks_for_the_passphrase_then_again_after_a_wrong_one(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, no_keyring: None
) -> None:
    typed = iter(["correct horse", "wrong horse!", "correct horse"])
    asked: list[str] = []

    def ask_passphrase(error: StartupError) -> str | None:
        asked.append(error.code)
        return next(typed)

    def ask(error: StartupError) -> StartupChoice:
        raise AssertionError(f"the problem dialog was not expected: {error.code}")

    for _ in range(2):
        shell = Shell(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), ask=ask,
                      ask_passphrase=ask_passphrase)  # fmt: skip
        try:
            with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
                shell.start(data_dir)
            assert shell.ctx is not None and shell.ctx.store.key.passphrase == "correct horse"
        finally:
            shell.runner.wait_for_idle()  # the daily backup runs after the profile opens
            shell.close()
    assert asked == ["passphrase_needed", "passphrase_needed", "passphrase_rejected"]
    assert read_mode(data_dir) == "passphrase"


def test_the_passphrase_dialog_speaks_of_your_data_not_of_a_file(qtbot: QtBot, data_dir: Path) -> None:
    for error in (new_profile_error(data_dir),
                  StartupError("passphrase_rejected", data_dir / "branchdesk.sqlite3", "", ""),
                  StartupError("passphrase_needed", data_dir / "branchdesk.sqlite3", "", "")):  # fmt: skip
        dialog = PassphraseDialog(error)
        qtbot.addWidget(dialog)
        text = dialog.message.text()
        assert "your data" in text and "sqlite3" not in text and str(data_dir) not in text
        assert dialog.message.toolTip() == str(error.path)  # which file, for IT, on the tooltip
