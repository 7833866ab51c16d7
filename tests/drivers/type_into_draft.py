"""Test driver: the real app types into a new proposal draft, one character at a time.

Builds the real Shell on `--data-dir`, opens the Proposals page, makes a new draft with
Ctrl+N and types into the policyholder's name.  It prints `draft <id>` once the editor is
open, then `typed N` each time everything typed so far (the first N characters of `TEXT`)
has been saved, and types the next character.  tests/test_draft_survives_kill.py kills it
with SIGKILL while it types.

Run as `python -m tests.drivers.type_into_draft --data-dir DIR --ui-settings FILE.ini`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.common.i18n import install_translators
from ui.proposals.editor.editor import ProposalEditor
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell

TEXT = "abcdefghijklmnopqrstuvwxyz" * 4
POLL_MS = 20


class Typist:
    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.editor: ProposalEditor | None = None
        self.typed = 0
        self.poll = QTimer()
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._wait_for_editor)

    def begin(self) -> None:
        self.shell.window.show_page(3)
        page = self.shell.window.page(3)
        assert isinstance(page, ProposalsPage)
        self.page = page
        page.table.setFocus()
        QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        self.poll.start()

    def _wait_for_editor(self) -> None:
        editor = self.page.last_editor
        if editor is None or editor.view is None:
            return
        self.poll.stop()
        self.editor = editor
        print(f"draft {editor.proposal_id}", flush=True)
        editor.draft_did_save.connect(self._saved)
        editor.policyholder.name.setFocus()
        self._type_next()

    def _type_next(self) -> None:
        assert self.editor is not None
        if self.typed == len(TEXT):
            print("done", flush=True)
            return
        QTest.keyClicks(self.editor.policyholder.name, TEXT[self.typed])
        self.typed += 1

    def _saved(self, _proposal_id: str) -> None:
        assert self.editor is not None
        if self.editor.is_saved():
            print(f"typed {self.typed}", flush=True)
            QTimer.singleShot(0, self._type_next)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--ui-settings", type=Path, required=True)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    translators = install_translators(app, "en")  # noqa: F841 (kept alive)
    shell = Shell(QSettings(str(args.ui_settings), QSettings.Format.IniFormat))
    typist = Typist(shell)
    shell.profile_did_open.connect(typist.begin)
    shell.profile_did_fail.connect(app.quit)
    shell.start(args.data_dir)
    code = app.exec()
    shell.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
