"""Settings… (Ctrl+,): the manager, head office's address, daily targets, language, idle lock
and print font in one place.

The profile's part (everything but the language) is saved by `SettingsService.save_setup`,
checked first; the idle lock and PIN keep their own dialog (ui/shell/security_dialog.py),
opened from here. The language is the computer's, not the profile's: it is kept in the UI
settings and read before any window exists, so it applies on the next start.

What IT's site file locks (app/profile/site_config.py) is shown read-only with a lock and the
reason; its idle-time maximum is said beside the idle lock. A site file that cannot be used
stops the start before any window (`refuse_bad_site_config`, called by ui/shell/launcher.py).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common.i18n import choose_language, current_language, install_translators
from ui.common.task_runner import TaskRunner
from ui.shell.first_start_dialog import ManagerFields, show_locked

if TYPE_CHECKING:
    from app.context import AppContext
    from app.profile.lock import IdleLimit
    from app.profile.settings import DailyTargets, Setup
    from app.profile.site_config import SiteConfig, SiteConfigError

LANGUAGE_KEY = "ui/language"  # "zh_CN" | "en"; absent: the system's (ui/common/i18n.py)
TARGET_FIELDS = ("visits", "leaflets", "prospects", "sms", "meetings")


def saved_language(settings: QSettings) -> str | None:
    value = settings.value(LANGUAGE_KEY)
    return str(value) if value in ("zh_CN", "en") else None


class SettingsDialog(QDialog):
    settings_did_save = Signal()
    security_did_save = Signal(int, bool)  # relayed from the Security dialog: idle minutes, PIN changed

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, ui_settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._ctx, self._runner, self._ui_settings = ctx, runner, ui_settings
        self._setup: Setup | None = None
        self.tabs = QTabWidget(self)
        self.fields = ManagerFields(self)
        self.tabs.addTab(self.fields, self.tr("&Manager"))
        self.tabs.addTab(self._targets_tab(), self.tr("Daily &targets"))
        self.tabs.addTab(self._general_tab(), self.tr("&General"))
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.site_note = QLabel(self)
        self.site_note.setObjectName("siteNote")
        self.site_note.setWordWrap(True)
        self.site_note.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.site_note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.setEnabled(False)
        settings, outlets = ctx.settings, ctx.outlets

        def load(_task: object) -> tuple[Setup, list[Any], int, list[str], SiteConfig, IdleLimit]:
            from app.profile.lock import LockService
            from app.profile.settings import font_files

            lock = LockService(settings)
            return (settings.setup(), outlets.list(), lock.idle_minutes(), font_files(), settings.site,
                    lock.idle_limit())  # fmt: skip

        runner.submit(load, lane="db", on_done=self._loaded, on_error=self._load_failed)

    def _targets_tab(self) -> QWidget:
        from app.profile.settings import MAX_TARGET  # light: the settings module, no database opened

        page = QWidget(self)
        form = QFormLayout(page)
        labels = (self.tr("Effective &visits:"), self.tr("&Leaflets handed out:"), self.tr("New &prospects:"),
                  self.tr("Care &SMS:"), self.tr("Booked &meetings:"))  # fmt: skip
        self.targets: dict[str, QSpinBox] = {}
        for name, label in zip(TARGET_FIELDS, labels, strict=True):
            spin = QSpinBox(page)
            spin.setRange(0, MAX_TARGET)
            spin.setObjectName(f"target_{name}")
            form.addRow(label, spin)
            self.targets[name] = spin
        note = QLabel(self.tr("The manuals' defaults are 5 visits, 50 leaflets, 10 prospects and 20 care SMS a day."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language = QComboBox(page)
        self.language.setObjectName("language")
        for value, text in ((None, self.tr("As the computer")), ("zh_CN", "中文"), ("en", "English")):
            self.language.addItem(text, value)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language(self._ui_settings))))
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", QLabel(self.tr("A new language applies when BranchDesk starts again."), page))
        self.idle = QLabel(page)
        self.idle.setObjectName("idleMinutes")
        self.security_button = QPushButton(self.tr("&Idle lock and PIN…"), page)
        self.security_button.clicked.connect(self.open_security)
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle, 1)
        idle_row.addWidget(self.security_button)
        form.addRow(self.tr("Idle lock:"), idle_row)
        self.idle_limit = QLabel(page)
        self.idle_limit.setObjectName("idleLimit")
        self.idle_limit.setWordWrap(True)
        self.idle_limit.hide()
        form.addRow("", self.idle_limit)
        self.update_url = QLineEdit(page)
        self.update_url.setObjectName("updateAddress")
        self.update_url.setPlaceholderText("https://")
        form.addRow(self.tr("&Update address:"), self.update_url)
        update_hint = QLabel(self.tr("Where you are sent for a new version of BranchDesk; usually set by your IT "
                                     "department. Nothing is downloaded by itself."), page)  # fmt: skip
        update_hint.setWordWrap(True)
        form.addRow("", update_hint)
        self.font_choice = QComboBox(page)
        self.font_choice.setObjectName("printFont")
        self.font_choice.addItem(self.tr("Chosen by BranchDesk"), "")
        self.browse_font = QPushButton(self.tr("&Browse…"), page)
        self.browse_font.clicked.connect(self._browse_font)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_choice, 1)
        font_row.addWidget(self.browse_font)
        form.addRow(self.tr("Print &font:"), font_row)
        return page

    def _loaded(self, found: tuple[Setup, list[Any], int, list[str], SiteConfig, IdleLimit]) -> None:
        self._setup, files, minutes, fonts, site, limit = found
        self.fields.show_outlet_files(files)
        self.fields.show_setup(self._setup)
        self.fields.show_site(site)
        for name, spin in self.targets.items():
            spin.setValue(int(getattr(self._setup.targets, name)))
        self.show_idle(minutes)
        self.update_url.setText(self._setup.update_url)
        self.show_site(site, limit)
        for path in fonts:
            self._add_font(path)
        self._add_font(self._setup.print_font)
        self.font_choice.setCurrentIndex(max(0, self.font_choice.findData(self._setup.print_font)))
        self.setEnabled(True)
        self.fields.name.setFocus()

    def _load_failed(self, text: str) -> None:
        self.problem.setText(text)
        self.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def show_site(self, site: SiteConfig, limit: IdleLimit) -> None:
        """What IT's site file sets: locked fields read-only with a lock, the idle maximum said."""
        show_locked(self.update_url, site.is_locked("update_url"), self.tr("Set by your IT department"))
        if limit.locked:
            self.idle_limit.setText(self.tr("Set by your IT department."))
        elif limit.maximum is not None:
            self.idle_limit.setText(self.tr("At most %n minute(s): set by your IT department.", "", limit.maximum))
        self.idle_limit.setVisible(limit.maximum is not None)
        if site.locked:
            self.site_note.setText(self.tr("Settings with a lock are set by your IT department (%1).")
                                   .replace("%1", str(site.path)))  # fmt: skip
        self.site_note.setVisible(bool(site.locked))

    def show_idle(self, minutes: int) -> None:
        text = self.tr("after %n minute(s) without input", "", minutes) if minutes else self.tr("never")
        self.idle.setText(text)

    def _add_font(self, path: str) -> None:
        if path and self.font_choice.findData(path) < 0:
            # Imported here: the font module brings reportlab, which the dialog needs only now.
            from app.reports.fonts import font_label

            self.font_choice.addItem(font_label(path, current_language()), path)
            self.font_choice.setItemData(self.font_choice.count() - 1, path, Qt.ItemDataRole.ToolTipRole)

    def _browse_font(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Print font"), "",
                                                    self.tr("TrueType fonts (*.ttf *.ttc)"))  # fmt: skip
        if path:
            self._add_font(path)
            self.font_choice.setCurrentIndex(self.font_choice.findData(path))

    def open_security(self) -> None:
        from ui.shell.security_dialog import SecurityDialog

        dialog = SecurityDialog(self._ctx, self._runner, self)
        dialog.settings_did_save.connect(self.security_did_save)
        dialog.settings_did_save.connect(lambda minutes, _pin: self.show_idle(minutes))
        dialog.open()

    def chosen_targets(self) -> DailyTargets:
        assert self._setup is not None
        return replace(self._setup.targets, **{name: spin.value() for name, spin in self.targets.items()})

    def save(self) -> None:
        if self._setup is None:
            return
        font = str(self.font_choice.currentData() or "")
        setup = replace(self._setup, manager=self.fields.manager(), server_url=self.fields.server.text(),
                        targets=self.chosen_targets(), print_font=font, update_url=self.update_url.text())  # fmt: skip
        settings = self._ctx.settings
        self.buttons.setEnabled(False)
        self._runner.submit(lambda _t: settings.save_setup(setup), lane="db", on_done=self._saved,
                            on_error=self._failed)  # fmt: skip

    def _saved(self, _stored: object) -> None:
        language = self.language.currentData()
        if language is None:
            self._ui_settings.remove(LANGUAGE_KEY)
        else:
            self._ui_settings.setValue(LANGUAGE_KEY, language)
        self._ui_settings.sync()
        self.settings_did_save.emit()
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(text)


class SiteConfigRefusal(QMessageBox):
    """IT's site file cannot be used: the file, the key and what is wrong, in the user's language."""

    def __init__(self, error: SiteConfigError, language: str) -> None:
        super().__init__(QMessageBox.Icon.Critical, self.tr("BranchDesk cannot start"), error.message_in(language))
        self.setObjectName("siteConfigRefusal")
        self.setInformativeText(error.hint_in(language))
        self.setStandardButtons(QMessageBox.StandardButton.Close)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path, for IT


def refuse_bad_site_config(forced_language: str | None) -> bool:
    """Read IT's site file before any window. A bad one is shown in a dialog and True returned:
    BranchDesk does not start, and no profile is opened, so nothing of the user's is touched."""
    from app.profile.site_config import SiteConfigError, hold_site_config, load_site_config

    try:
        hold_site_config(load_site_config())
    except SiteConfigError as exc:
        from ui.shell.application import ui_settings

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        language = choose_language(forced_language or saved_language(ui_settings()))
        translators = install_translators(app, language)
        SiteConfigRefusal(exc, language).exec()
        for translator in translators:
            app.removeTranslator(translator)
        return True
    return False
