"""The notice of a newer app version head office announced (app/updates, issue 21).

On the Sync page: "有新版本 1.4.0：<notes>。请联系信息科技部安装", the update address IT set when
there is one (selectable text, never opened or fetched), and a button that hides the notice for
that version.  The status bar says the same in a few words (`short_text`), the sentence in its
tooltip.  Nothing is ever downloaded or run.

Head office is asked after a sync run (`check`): every run the manager started, otherwise once
a day at most (UpdateService.due), and when a profile is attached if a day has passed; what it
said is kept in the settings store, so the notice reloads with the page's "settings" changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.updates.service import UpdateNotice, UpdateService


def _service(ctx: AppContext) -> UpdateService:
    from app.updates.service import UpdateService

    return UpdateService.of(ctx)


def notice_of(ctx: AppContext) -> UpdateNotice | None:
    """The notice to show for `ctx`'s profile (on a worker: it reads the settings store)."""
    return _service(ctx).notice()


def ask_if_due(ctx: AppContext) -> UpdateNotice | None:
    """Head office asked if a day has passed (on the net lane), then the notice to show."""
    service = _service(ctx)
    service.check()
    return service.notice()


class UpdateTexts(QObject):
    """The notice's words, for the Sync page and the status bar alike."""

    def sentence(self, notice: UpdateNotice) -> str:
        notes = notice.notes_in(current_language())
        if notes:
            text = self.tr("New version %1: %2. Please ask the IT department to install it.").replace(
                "%1", notice.version).replace("%2", notes)  # fmt: skip
        else:
            text = self.tr("New version %1. Please ask the IT department to install it.").replace("%1", notice.version)
        if notice.update_url:
            text += "\n" + self.tr("Where to get it: %1").replace("%1", notice.update_url)
        return text

    def short_text(self, notice: UpdateNotice) -> str:
        return self.tr("New version %1 (see Sync)").replace("%1", notice.version)


class UpdateNoticeBar(QFrame):
    """Hidden until there is a newer version to tell; `attach`, `reload`, `check`."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._runner = runner
        self._ctx: AppContext | None = None
        self._texts = UpdateTexts(self)
        self.notice: UpdateNotice | None = None
        self.text = QLabel(self)
        self.text.setObjectName("updateNoticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # The address can be copied (mouse or keyboard); nothing here opens or fetches it.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        set_tone(self.text, "warning")
        self.dismiss_button = QPushButton(self.tr("Do&n't remind me of this version"), self)
        self.dismiss_button.setObjectName("updateNoticeDismiss")
        self.dismiss_button.setToolTip(self.tr("Hide this notice; a later version is announced again"))
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def attach(self, ctx: AppContext) -> None:
        """The profile whose notice to show (what head office last said: a setting). Head
        office is asked after a run; at start the status bar asks once it finds head office
        online (`ask_if_due`), never before: a hanging server would hold the net lane, and the
        sync run at close behind it."""
        self._ctx = ctx
        self.show_notice(None)
        self.reload()

    def reload(self) -> None:
        if self._ctx is None:
            return
        ctx = self._ctx
        self._runner.submit(lambda _t: notice_of(ctx), on_done=self.show_notice, on_error=self._quiet)

    def check(self, force: bool = False) -> None:
        """Ask head office (on the net lane), when `force` or once a day; the answer lands in
        the settings store and the notice reloads."""
        if self._ctx is None:
            return
        ctx = self._ctx
        self._runner.submit(lambda _t: _service(ctx).check(force=force), lane="net",
                            on_done=lambda _checked: self.reload(), on_error=self._quiet)  # fmt: skip

    def show_notice(self, notice: UpdateNotice | None) -> None:
        self.notice = notice
        if notice is None:
            self.text.clear()
            self.hide()
            return
        self.text.setText(self._texts.sentence(notice))
        self.show()

    def dismiss(self) -> None:
        if self._ctx is None or self.notice is None:
            return
        ctx, version = self._ctx, self.notice.version
        self.show_notice(None)
        self._runner.submit(lambda _t: _service(ctx).dismiss(version), lane="db", on_done=lambda _r: self.reload(),
                            on_error=self._say)  # fmt: skip

    def _say(self, text: str) -> None:
        """The manager pressed the button: a failure is said where the notice was."""
        self.text.setText(text)
        self.show()

    def _quiet(self, _text: str) -> None:
        """A notice that cannot be read or asked for is not worth a message: the log has it."""
