"""Log in to head office: server address, manager code and token.

The token is checked with head office and kept in the system password store by the same
core call `branchdesk login` makes (SyncService.login); nothing is stored when the check
fails. With no usable password store the dialog says so plainly: the token is never
written to a file. The server address and certificate bundle IT's site file locks
(app/profile/site_config.py) are shown read-only with a lock and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import BranchDeskError
from ui.common.icons import icon
from ui.common.task_runner import TaskRunner
from ui.sync.texts import SyncTexts

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.service import LoginResult


@dataclass(frozen=True)
class KnownLogin:
    """What the dialog starts with: the last login's server and manager, and any obstacle."""

    server_url: str
    manager_code: str
    ca_bundle: str
    from_environment: bool
    store_problem: BranchDeskError | None  # CredentialsUnavailable: no password store on this computer
    server_locked: bool = False  # set by IT's site file
    ca_bundle_locked: bool = False


def known_login(ctx: AppContext) -> KnownLogin:
    from app.headoffice.service import CA_BUNDLE_KEY, MANAGER_KEY

    settings, credentials = ctx.settings, ctx.credentials
    url, code = settings.server_url(), str(settings.get(MANAGER_KEY) or "") or settings.manager().code
    try:
        credentials.load(url, code)  # reaches the password store: an unusable one is said before typing
        problem = None
    except BranchDeskError as exc:  # CredentialsUnavailable
        problem = exc
    return KnownLogin(url, code, str(settings.get(CA_BUNDLE_KEY) or ""), credentials.from_environment(), problem,
                      settings.is_locked("server_url"), settings.is_locked(CA_BUNDLE_KEY))  # fmt: skip


@dataclass(frozen=True)
class LoggedIn:
    result: LoginResult
    profile_code: str  # the profile's own manager code, for the mismatch warning


class LoginDialog(QDialog):
    login_did_succeed = Signal(str)  # what to tell the manager, translated

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to head office"))
        self._ctx = ctx
        self._runner = runner
        self._texts = SyncTexts(self)
        self.server = QLineEdit(self)
        self.server.setObjectName("loginServer")
        self.server.setPlaceholderText("https://hq.example.com")
        self.manager = QLineEdit(self)
        self.manager.setObjectName("loginManager")
        self.manager.setPlaceholderText(self.tr("e.g. BJ0107"))
        self.token = QLineEdit(self)
        self.token.setObjectName("loginToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("The token head office gave you"))
        self.ca_bundle = QLineEdit(self)
        self.ca_bundle.setObjectName("loginCaBundle")
        self.ca_bundle.setPlaceholderText(self.tr("Only if IT gave you one"))
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.login_button = self.buttons.addButton(self.tr("&Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        self._focus_before_busy: QLineEdit | None = None
        self._ca_bundle_locked = False

        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server)
        form.addRow(self.tr("&Manager code:"), self.manager)
        form.addRow(self.tr("&Token:"), self.token)
        ca_label = QLabel(self.tr("&Certificate bundle:"), self)
        ca_label.setBuddy(self.ca_bundle)  # a row holding a layout gets no buddy by itself
        form.addRow(ca_label, ca_row)
        intro = QLabel(self.tr("The token is checked with head office, then kept in this computer's "
                               "password store, never in a file."), self)  # fmt: skip
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.server, self.manager)
        self.setTabOrder(self.manager, self.token)
        self.setTabOrder(self.token, self.ca_bundle)
        self.setTabOrder(self.ca_bundle, self.browse)
        self.resize(520, self.sizeHint().height())

        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self._choose_bundle)
        self._set_busy(True)
        runner.submit(lambda _t: known_login(ctx), on_done=self._show_known, on_failure=self._show_error)

    def _show_known(self, known: KnownLogin) -> None:
        self._set_busy(False)
        self.server.setText(known.server_url)
        self.manager.setText(known.manager_code)
        self.ca_bundle.setText(known.ca_bundle)
        self._ca_bundle_locked = known.ca_bundle_locked
        self._show_locked(self.server, known.server_locked)
        self._show_locked(self.ca_bundle, known.ca_bundle_locked)
        self.browse.setEnabled(not known.ca_bundle_locked)
        if known.store_problem is not None:
            self.message.setText(self._texts.error(known.store_problem) or "")
        elif known.from_environment:
            self.message.setText(self.tr("A token for unattended runs is set on this computer: it is used instead "
                                         "of the token you log in with, for as long as it is set."))  # fmt: skip
        for field in (self.server, self.manager, self.token):
            if not field.text():
                field.setFocus()
                break

    def _show_locked(self, edit: QLineEdit, locked: bool) -> None:
        """Read-only with a lock and the reason (as ui/shell/first_start_dialog.py's show_locked)."""
        if not locked:
            return
        reason = self.tr("Set by your IT department")
        edit.setReadOnly(True)
        edit.setToolTip(reason)
        edit.setAccessibleDescription(reason)
        mark = edit.addAction(icon("fa5s.lock"), QLineEdit.ActionPosition.TrailingPosition)
        mark.setObjectName("lockedMark")
        mark.setToolTip(reason)

    def _choose_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate bundle"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))  # fmt: skip
        if path:
            self.ca_bundle.setText(path)

    def log_in(self) -> None:
        if not self.login_button.isEnabled():
            return
        ctx = self._ctx
        server, code, token = self.server.text(), self.manager.text(), self.token.text()
        bundle = self.ca_bundle.text().strip() or None

        def work(_task: object) -> LoggedIn:
            return LoggedIn(ctx.sync.login(server, code, token, bundle), ctx.settings.manager().code)

        self._set_busy(True)
        self.message.setText(self.tr("Checking with head office…"))
        self.message.setToolTip("")
        self._runner.submit(work, lane="net", on_done=self._logged_in, on_failure=self._show_error)

    def _logged_in(self, done: LoggedIn) -> None:
        self._set_busy(False)
        self.token.clear()  # not kept on screen or in memory longer than needed
        result = done.result
        text = (self.tr("Logged in to %1 as manager %2.")
                .replace("%1", result.server_url).replace("%2", result.manager_code))  # fmt: skip
        if result.warning:
            text += " " + (self.tr("Careful: this profile's manager code is %1, so head office will refuse "
                                   "its proposals under %2.")
                           .replace("%1", done.profile_code).replace("%2", result.manager_code))  # fmt: skip
        self.login_did_succeed.emit(text)
        self.accept()

    def _show_error(self, exc: Exception) -> None:
        """The exception, not only its text: its code says which field to correct."""
        self._set_busy(False)
        shown = self._texts.error(exc) or ""
        self.message.setText(shown)
        self.message.setToolTip(shown)
        # Back to the field to correct, never to Cancel: a focused button becomes the default, and
        # Enter would then close the dialog and throw away what was typed.
        at_fault = {
            "bad_server_address": self.server,
            "server_unreachable": self.server,
            "manager_code_empty": self.manager,
            "token_empty": self.token,
            "token_refused": self.token,
        }.get(getattr(exc, "code", ""), self._focus_before_busy or self.server)
        at_fault.setFocus()
        at_fault.selectAll()

    def _set_busy(self, busy: bool) -> None:
        if busy:
            fields = (self.server, self.manager, self.token, self.ca_bundle)
            self._focus_before_busy = next((f for f in fields if f is self.focusWidget()), None)
            # The dialog itself holds the focus meanwhile: disabling the focused field would move it
            # to Cancel, and Enter there would close the dialog during the check.
            self.setFocus()
        for widget in (self.server, self.manager, self.token, self.ca_bundle, self.browse, self.login_button):
            widget.setEnabled(not busy)
        self.browse.setEnabled(not busy and not self._ca_bundle_locked)
