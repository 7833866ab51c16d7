"""When a profile cannot be opened: say why in plain words and offer a way on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import StartupError
from ui.common.i18n import current_language

SHOWN_DETAIL_LINES = 5
SHOWN_BACKUPS = 5  # rows of the backup list before it scrolls
MINIMUM_WIDTH = 600  # a path and a few lines of explanation; still fits a 1366×768 screen


@dataclass(frozen=True)
class StartupChoice:
    """Exactly one of these is set, or neither when the user quits."""

    backup: Path | None = None
    data_dir: Path | None = None


class StartupProblemDialog(QDialog):
    def __init__(self, error: StartupError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("BranchDesk cannot open your data"))
        self.error = error
        self.choice = StartupChoice()
        self.message = QLabel(self._explain(error), self)
        self.message.setWordWrap(True)
        self.message.setObjectName("problemMessage")
        self.detail = QLabel(self.tr("Details: %1").replace("%1", self._detail(error)), self)
        self.detail.setWordWrap(True)
        self.backups_label = QLabel(self.tr("Backups of this profile, newest first:"), self)
        self.backups = QListWidget(self)
        for backup in error.backups:
            self.backups.addItem(str(backup))
        has_backups = self.backups.count() > 0
        if has_backups:
            self.backups.setCurrentRow(0)

        buttons = QDialogButtonBox(self)
        self.open_backup_button = QPushButton(self.tr("Open selected &backup"), self)
        if error.code in ("database_missing", "database_damaged"):
            # The way on that loses least: the newest backup is selected, one click restores it.
            self.open_backup_button.setText(self.tr("&Restore selected backup"))
            self.open_backup_button.setDefault(True)
        self.open_backup_button.setEnabled(has_backups)
        self.choose_dir_button = QPushButton(self.tr("Choose another &folder…"), self)
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        buttons.addButton(self.open_backup_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.choose_dir_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_backup_button.clicked.connect(self._open_backup)
        self.choose_dir_button.clicked.connect(self._choose_dir)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.detail)
        layout.addWidget(self.backups_label)
        layout.addWidget(self.backups)
        layout.addWidget(buttons)
        # Nothing to restore: no empty list, no button that can never be pressed.
        for widget in (self.backups_label, self.backups, self.open_backup_button):
            widget.setVisible(has_backups)
        self._fit_width()

    def _detail(self, error: StartupError) -> str:
        """The detail line's text; a vanished database's detail is a keyword, said here in words."""
        if error.code == "database_missing":
            states = {"missing": self.tr("the file is not there"), "empty": self.tr("the file is empty (0 bytes)")}
            return states.get(error.detail, "-")
        # A damaged file's detail lists every bad page; the first few say enough here.
        return "\n".join(error.detail.splitlines()[:SHOWN_DETAIL_LINES]) or "-"

    def _fit_width(self) -> None:
        """Wide enough that a backup's full path shows without scrolling, within the screen."""
        screen = self.screen().availableGeometry().width() * 9 // 10
        width = MINIMUM_WIDTH
        if self.backups.count():
            frame = 2 * self.backups.frameWidth()
            layout = self.layout()
            assert layout is not None  # made in __init__
            margins = layout.contentsMargins()
            widest = self.backups.sizeHintForColumn(0) + frame + self.backups.verticalScrollBar().sizeHint().width()
            width = max(width, widest + margins.left() + margins.right())
            height = self.backups.sizeHintForRow(0) * min(self.backups.count(), SHOWN_BACKUPS) + frame
            if width > screen:  # the path scrolls after all: room for the scroll bar under the rows
                height += self.backups.horizontalScrollBar().sizeHint().height()
            self.backups.setFixedHeight(height)
        self.setMinimumWidth(min(MINIMUM_WIDTH, screen))
        width = min(width, screen)
        height = self.heightForWidth(width)
        self.resize(width, height if height > 0 else self.sizeHint().height())

    def _explain(self, error: StartupError) -> str:
        texts = {
            "data_dir_unusable": self.tr(
                "The data folder %1 cannot be used: it is missing and cannot be created, or it "
                "is read-only. Choose another folder, or ask IT to make this one writable."
            ),
            "database_corrupt": self.tr(
                "The database %1 is damaged and cannot be opened. It has not been changed. "
                "Open a backup, or choose another data folder."
            ),
            "database_damaged": self.tr(
                "The database %1 is damaged: some of its pages cannot be read. It has not been "
                "changed. Restore a backup, or choose another data folder."
            ),
            "database_too_new": self.tr(
                "The database %1 was written by a newer version of BranchDesk. It has not been "
                "changed. Install the newer version, open a backup, or choose another folder."
            ),
            "key_rejected": self.tr(
                "The database %1 cannot be opened with this key: the key is wrong, or the file "
                "is damaged. It has not been changed. Open a backup, or choose another folder."
            ),
            "passphrase_rejected": self.tr(
                "The database %1 cannot be opened with this passphrase: it is wrong, or the "
                "file is damaged. It has not been changed. Start again to type the passphrase "
                "again, open a backup, or choose another folder."
            ),
            "passphrase_needed": self.tr(
                "The database %1 is protected by a passphrase, and none was given. Start again "
                "to type it, or choose another folder."
            ),
            "key_missing": self.tr(
                "The key of the database %1 is not in this computer's password store (another "
                "computer or user account, or the store is locked). It has not been changed. "
                "Open a backup, or choose another folder."
            ),
            "encryption_failed": self.tr(
                "Encrypting the database %1 failed; it was left as it was. Make room on the "
                "disk, close other programs using it and start again, or choose another folder."
            ),
            "database_missing": self.tr(
                "The database %1 is missing or empty, although this folder held a profile. "
                "Nothing was created in its place. Restore the newest backup (selected below), "
                "or choose another folder."
            )
            if error.backups
            else self.tr(
                "The database %1 is missing or empty, although this folder held a profile, and "
                "there is no backup of it here. Nothing was created in its place. Put the file "
                "back from a copy you have, or choose another folder."
            ),
            "migration_failed": self.tr(
                "Updating the database %1 to this version failed, and it was put back as it "
                "was. Open a backup, or choose another folder, and tell IT."
            ),
        }
        return texts.get(error.code, error.message_in(current_language())).replace("%1", str(error.path))

    def _open_backup(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.choice = StartupChoice(backup=Path(item.text()))
            self.accept()

    def _choose_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a data folder"))
        if folder:
            self.choice = StartupChoice(data_dir=Path(folder))
            self.accept()
