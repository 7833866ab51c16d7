"""First start: who the manager is, where they work and head office's address, asked once.

Shown on a new profile (never on the demo profile, whose made-up manager the generator
writes), skippable; what it saves fills the 客户经理 section of every new 投保单. The same
fields sit on the Settings dialog's first tab (`ManagerFields`). Saving goes through
`SettingsService.save_setup` on the db lane, which checks first: a refusal is shown under
the fields and nothing is saved. Head office's address, when IT's site file locks it, is shown
read-only with a lock (`show_locked`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.icons import icon
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.profile.settings import ManagerProfile, Setup
    from app.profile.site_config import SiteConfig

VALUE_ROLE = Qt.ItemDataRole.UserRole
LOCK_ICON = "fa5s.lock"


def show_locked(edit: QLineEdit, locked: bool, reason: str) -> None:
    """A field IT's site file locks: read-only, a lock at its end, `reason` as its tooltip."""
    edit.setReadOnly(locked)
    edit.setToolTip(reason if locked else "")
    edit.setAccessibleDescription(reason if locked else "")
    mark = edit.findChild(QAction, "lockedMark")
    if locked and mark is None:
        mark = edit.addAction(icon(LOCK_ICON), QLineEdit.ActionPosition.TrailingPosition)
        mark.setObjectName("lockedMark")
        mark.setToolTip(reason)
    elif not locked and mark is not None:
        edit.removeAction(mark)
        mark.deleteLater()


class ManagerFields(QWidget):
    """Name, 工号, phone, outlets (outlet files or typed names) and head office's address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outlet_names: dict[str, str] = {}  # outlet-file code -> name
        self.name, self.code = QLineEdit(self), QLineEdit(self)
        self.phone, self.server = QLineEdit(self), QLineEdit(self)
        self.name.setObjectName("managerName")
        self.code.setObjectName("managerCode")
        self.phone.setObjectName("managerPhone")
        self.server.setObjectName("serverAddress")
        self.phone.setPlaceholderText(self.tr("mobile, or landline with area code"))
        self.server.setPlaceholderText("https://hq.example.com")
        self.outlet_pick = QComboBox(self)
        self.outlet_pick.setObjectName("outletPick")
        self.outlet_pick.setEditable(True)
        self.outlet_pick.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.outlet_pick.lineEdit()
        assert line is not None  # editable: it has one
        self.outlet_text = line
        self.outlet_text.setPlaceholderText(self.tr("Pick an outlet file or type a name"))
        self.add_outlet = QPushButton(self.tr("&Add outlet"), self)
        self.remove_outlet = QPushButton(self.tr("Re&move"), self)
        self.outlets = QListWidget(self)
        self.outlets.setObjectName("managerOutlets")
        self.outlets.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        pick = QHBoxLayout()
        pick.addWidget(self.outlet_pick, 1)
        pick.addWidget(self.add_outlet)
        pick.addWidget(self.remove_outlet)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Staff number (工号):"), self.code)
        form.addRow(self.tr("&Phone:"), self.phone)
        # A layout takes no buddy: the label names the combo, so Alt+O reaches it (and no "&" shows).
        outlets_label = QLabel(self.tr("&Outlets:"), self)
        outlets_label.setBuddy(self.outlet_pick)
        form.addRow(outlets_label, pick)
        form.addRow("", self.outlets)
        form.addRow(self.tr("&Head office address:"), self.server)
        self.server_hint = QLabel(self.tr("The address head office gave you, starting with https://. It can be "
                                          "left empty until you log in to head office."), self)  # fmt: skip
        self.server_hint.setWordWrap(True)
        form.addRow("", self.server_hint)
        self.add_outlet.clicked.connect(self._add_picked)
        # Enter in the picker adds the outlet; it must not also press the dialog's Save.
        self.outlet_text.installEventFilter(self)
        self.remove_outlet.clicked.connect(self._remove_current)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.outlets)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_current)
        self.setTabOrder(self.name, self.code)
        self.setTabOrder(self.code, self.phone)
        self.setTabOrder(self.phone, self.outlet_pick)
        self.setTabOrder(self.outlet_pick, self.add_outlet)
        self.setTabOrder(self.add_outlet, self.outlets)
        self.setTabOrder(self.outlets, self.remove_outlet)
        self.setTabOrder(self.remove_outlet, self.server)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.outlet_text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._add_picked()
            return True
        return super().eventFilter(watched, event)

    def show_outlet_files(self, files: list[Any]) -> None:
        """The outlet files to pick from (OutletSummary or anything with code and name)."""
        self._outlet_names = {f.code: f.name for f in files}
        self.outlet_pick.clear()
        for f in files:
            self.outlet_pick.addItem(f"{f.name}（{f.code}）", f.code)
        self.outlet_pick.setCurrentIndex(-1)
        for row in range(self.outlets.count()):
            item = self.outlets.item(row)
            item.setText(self._label(item.data(VALUE_ROLE)))

    def show_setup(self, setup: Setup) -> None:
        manager = setup.manager
        self.name.setText(manager.name)
        self.code.setText(manager.code)
        self.phone.setText(manager.phone)
        self.server.setText(setup.server_url)
        self.outlets.clear()
        for value in manager.outlets or ((manager.outlet_code,) if manager.outlet_code else ()):
            self._add_value(value)

    def show_site(self, site: SiteConfig) -> None:
        """Head office's address locked by IT's site file: read-only, with the reason."""
        locked = site.is_locked("head_office_url")
        show_locked(self.server, locked, self.tr("Set by your IT department"))
        if locked:
            self.server_hint.setText(self.tr("Set by your IT department; it cannot be changed here."))

    def manager(self) -> ManagerProfile:
        from app.profile.settings import ManagerProfile

        values = tuple(str(self.outlets.item(row).data(VALUE_ROLE)) for row in range(self.outlets.count()))
        on_file = [v for v in values if v in self._outlet_names]
        return ManagerProfile(name=self.name.text(), code=self.code.text(), phone=self.phone.text(),
                              outlet_code=on_file[0] if on_file else "", outlets=values)  # fmt: skip

    def _label(self, value: str) -> str:
        name = self._outlet_names.get(value)
        return f"{name}（{value}）" if name else value

    def _add_value(self, value: str) -> None:
        value = value.strip()
        if not value or any(self.outlets.item(r).data(VALUE_ROLE) == value for r in range(self.outlets.count())):
            return
        item = QListWidgetItem(self._label(value))
        item.setData(VALUE_ROLE, value)
        self.outlets.addItem(item)

    def _add_picked(self) -> None:
        text = self.outlet_pick.currentText().strip()
        index = self.outlet_pick.findText(text)
        self._add_value(self.outlet_pick.itemData(index) if index >= 0 else text)
        self.outlet_pick.setCurrentIndex(-1)
        self.outlet_pick.clearEditText()

    def _remove_current(self) -> None:
        row = self.outlets.currentRow()
        if row >= 0:
            self.outlets.takeItem(row)


class FirstStartDialog(QDialog):
    setup_did_save = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to BranchDesk"))
        self._ctx, self._runner = ctx, runner
        self._setup: Setup | None = None
        intro = QLabel(self.tr("Tell BranchDesk who you are and where you work. Your name, staff number and "
                               "phone fill the account manager's section of every new proposal. You can change "
                               "all of this later under Settings (Ctrl+,)."), self)  # fmt: skip
        intro.setWordWrap(True)
        self.fields = ManagerFields(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(self.tr("S&kip for now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.setEnabled(False)
        settings, outlets = ctx.settings, ctx.outlets
        runner.submit(lambda _t: (settings.setup(), outlets.list(), settings.site), lane="db", on_done=self._loaded,
                      on_error=self._load_failed)  # fmt: skip

    def _loaded(self, found: tuple[Setup, list[Any], SiteConfig]) -> None:
        self._setup, files, site = found
        self.fields.show_outlet_files(files)
        self.fields.show_setup(self._setup)
        self.fields.show_site(site)
        self.setEnabled(True)
        self.fields.name.setFocus()

    def _load_failed(self, text: str) -> None:
        self.problem.setText(text)
        self.setEnabled(True)
        self.save_button.setEnabled(False)

    def save(self) -> None:
        if self._setup is None:
            return
        from dataclasses import replace

        setup = replace(self._setup, manager=self.fields.manager(), server_url=self.fields.server.text())
        settings = self._ctx.settings
        self.buttons.setEnabled(False)
        self._runner.submit(lambda _t: settings.save_setup(setup), lane="db", on_done=self._saved,
                            on_error=self._failed)  # fmt: skip

    def _saved(self, _stored: object) -> None:
        self.setup_did_save.emit()
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(text)

    def reject(self) -> None:
        # Skipped (Esc, the close button, Skip): not offered again; Settings has the same fields.
        settings = self._ctx.settings
        self._runner.submit(lambda _t: settings.mark_first_start_done(), lane="db", on_error=self.problem.setText)
        super().reject()
