"""Change/withdraw…: a change (投保单变更申请书) or withdrawal (撤销投保申请书) of an application
before issue, sent to head office with a photo or scan of what the client signed.

A change names the fields that change and their new values and needs the form signed by the
policyholder and the insured attached; a withdrawal needs the client's reason and the
policyholder's ID copy attached (app/proposals/requests.py says so when something is missing).
The request is kept as a draft as soon as a file is attached, so closing the dialog loses
nothing: it opens again where it was left.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.proposals.requests import CHANGE, CHANGE_FIELDS, WITHDRAW
from app.rules.ids import ProposalId
from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.attachments import AttachmentView
    from app.proposals.requests import RequestView

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class RequestDialog(QDialog):
    request_did_send = Signal(str)  # the request's id

    def __init__(self, ctx: AppContext, runner: TaskRunner, proposal_id: ProposalId, summary: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change or withdraw the application"))
        self.setObjectName("requestDialog")
        self._ctx, self._runner, self.proposal_id = ctx, runner, proposal_id
        self.drafts: dict[str, RequestView] = {}  # kind -> its draft, once saved
        language = current_language()

        about = QLabel(summary, self)
        about.setObjectName("requestAbout")
        about.setWordWrap(True)
        self.change = QRadioButton(self.tr("&Change the application (change request form)"), self)
        self.withdraw = QRadioButton(self.tr("&Withdraw the application (withdrawal request form)"), self)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.change)
        self.kinds.addButton(self.withdraw)
        self.change.setChecked(True)

        self.fields_box = QGroupBox(self.tr("What changes: the new value of each field that changes"), self)
        self.fields: dict[str, QLineEdit] = {}
        fields_form = QFormLayout(self.fields_box)
        for key, (en, zh) in CHANGE_FIELDS.items():
            edit = QLineEdit(self.fields_box)
            edit.setObjectName(f"change_{key}")
            self.fields[key] = edit
            fields_form.addRow(zh if language == "zh_CN" else en, edit)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("requestReason")
        reason_label = QLabel(self.tr("&Reason"), self)
        reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)

        self.files_box = QGroupBox(self.tr("Attachments"), self)
        self.what_to_attach = QLabel(self.files_box)
        self.what_to_attach.setWordWrap(True)
        self.files = QListWidget(self.files_box)
        self.files.setObjectName("requestFiles")
        self.files.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_button = QPushButton(self.tr("&Add file…"), self.files_box)
        self.remove_button = QPushButton(self.tr("Re&move file"), self.files_box)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        files_layout = QVBoxLayout(self.files_box)
        files_layout.addWidget(self.what_to_attach)
        files_layout.addWidget(self.files)
        files_layout.addLayout(file_buttons)

        self.problems = QLabel(self)
        self.problems.setObjectName("requestProblems")
        self.problems.setWordWrap(True)
        set_tone(self.problems, "problem")
        # Plain buttons, none default: Enter in a field never sends the request.
        self.send_button = QPushButton(self.tr("&Send to head office"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.send_button, self.close_button, self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.buttons.addWidget(self.send_button)
        self.buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.change)
        layout.addWidget(self.withdraw)
        layout.addWidget(self.fields_box)
        layout.addLayout(reason_row)
        layout.addWidget(self.files_box)
        layout.addStretch(1)
        layout.addWidget(self.problems)
        layout.addLayout(self.buttons)

        self.change.toggled.connect(lambda _on: self._kind_changed())
        self.add_button.clicked.connect(self.ask_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.files.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self.reject)
        self._kind_changed()

        requests = ctx.requests
        runner.submit(lambda _t: requests.for_proposal(proposal_id), lane="db",
                      on_done=self._drafts_loaded, on_error=self.problems.setText)  # fmt: skip

    # ---- what is shown --------------------------------------------------------------------

    def kind(self) -> str:
        return CHANGE if self.change.isChecked() else WITHDRAW

    def details(self) -> dict[str, str]:
        if self.kind() != CHANGE:
            return {}
        return {key: edit.text() for key, edit in self.fields.items() if edit.text().strip()}

    def _kind_changed(self) -> None:
        change = self.kind() == CHANGE
        self.fields_box.setVisible(change)
        if change:
            self.reason.setPlaceholderText(self.tr("why the client asks for the change (optional)"))
            self.what_to_attach.setText(self.tr("Attach a photo or scan of the change request form signed by the "
                                                "policyholder and the insured."))  # fmt: skip
        else:
            self.reason.setPlaceholderText(self.tr("the client's reason for withdrawing"))
            self.what_to_attach.setText(self.tr("Attach a photo or scan of the withdrawal request form and of the "
                                                "policyholder's ID document."))  # fmt: skip
        self._show_draft()
        self.adjustSize()

    def _drafts_loaded(self, found: tuple[RequestView, ...]) -> None:
        for request in reversed(found):  # oldest first, so the newest draft of a kind wins
            if request.status == "draft":
                self.drafts[request.kind] = request
        if WITHDRAW in self.drafts and CHANGE not in self.drafts:
            self.withdraw.setChecked(True)
        draft = self.drafts.get(self.kind())
        if draft is not None:
            self.reason.setText(draft.reason)
            for key, value in draft.details.items():
                if key in self.fields:
                    self.fields[key].setText(value)
        self._show_draft()

    def _show_draft(self) -> None:
        draft = self.drafts.get(self.kind())
        self.files.clear()
        for attachment in draft.attachments if draft is not None else ():
            self._list_file(attachment)
        self._refresh_buttons()

    def _list_file(self, attachment: AttachmentView) -> None:
        item = QListWidgetItem(f"{attachment.name}  ({attachment.size // 1024 + 1} KB)", self.files)
        item.setData(ATTACHMENT_ROLE, attachment.id)

    def _refresh_buttons(self) -> None:
        self.remove_button.setEnabled(self.files.currentItem() is not None)

    # ---- saving, attaching, sending -------------------------------------------------------

    def ask_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Attach photos, scans or PDFs"), "",
            self.tr("Photos, scans and PDFs (*.jpg *.jpeg *.png *.pdf);;All files (*)"),
        )  # fmt: skip
        if paths:
            self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        """Keep the request as a draft (as typed so far) and attach each file to it."""
        requests, proposal_id, kind = self._ctx.requests, self.proposal_id, self.kind()
        reason, details = self.reason.text(), self.details()

        def work(_t: object) -> RequestView:
            draft = requests.draft(proposal_id, kind, reason, details)
            for path in paths:
                requests.attach(draft.id, path.name, path.read_bytes())
            return requests.get(draft.id)

        self.problems.setText(self.tr("Attaching…"))
        self._runner.submit(work, lane="db", on_done=self._saved, on_error=self.problems.setText)

    def remove_selected(self) -> None:
        item = self.files.currentItem()
        draft = self.drafts.get(self.kind())
        if item is None or draft is None:
            return
        requests, attachment_id, request_id = self._ctx.requests, item.data(ATTACHMENT_ROLE), draft.id

        def work(_t: object) -> RequestView:
            requests.remove_attachment(attachment_id)
            return requests.get(request_id)

        self._runner.submit(work, lane="db", on_done=self._saved, on_error=self.problems.setText)

    def _saved(self, draft: RequestView) -> None:
        self.problems.setText("")
        self.drafts[draft.kind] = draft
        if draft.kind == self.kind():
            self._show_draft()

    def send(self) -> None:
        requests, proposal_id, kind = self._ctx.requests, self.proposal_id, self.kind()
        reason, details = self.reason.text(), self.details()

        def work(_t: object) -> str:
            draft = requests.draft(proposal_id, kind, reason, details)
            requests.send(draft.id)
            return draft.id

        self.send_button.setEnabled(False)
        self.problems.setText(self.tr("Sending…"))
        self._runner.submit(work, lane="db", on_done=self._sent, on_error=self._refused)

    def _sent(self, request_id: str) -> None:
        self.problems.setText("")
        self.request_did_send.emit(request_id)
        self.accept()

    def _refused(self, text: str) -> None:
        self.send_button.setEnabled(True)
        self.problems.setText(text)
