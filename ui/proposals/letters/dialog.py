"""A head-office letter opened from the proposal's letters box (Answer…): what it says, in words,
the answers sent and head office's reply, and the answer being written — text and files — sent
through AnswerService.  A medical examination is booked on the Planner from here; an underwriting
decision is accepted or declined, signed by the policyholder and the insured, then sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.headoffice.attachments import MAX_BYTES
from app.rules.letters import parse_when
from app.rules.signing_summary import SigningSummary, SummaryRow
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.letters.attachment_list import AttachmentList
from ui.proposals.letters.book_exam import BookExamDialog
from ui.proposals.letters.texts import LetterTexts

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.answers import AnswerView
    from app.headoffice.letters import LetterView
    from app.proposals.service import SignatureInput
    from ui.proposals.editor.signing import SigningDialog

FILE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Loaded:
    letter: LetterView
    answers: tuple[AnswerView, ...]  # newest first; the open draft among them
    draft: AnswerView | None  # None once the letter is answered


def _read(path: str) -> tuple[str, bytes]:
    """The file's name and bytes; one past the limit at most, which the core then refuses."""
    with open(path, "rb") as handle:
        return Path(path).name, handle.read(MAX_BYTES + 1)


class LetterDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, letter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self.letter_id = letter_id
        self.loaded: Loaded | None = None
        self.texts = LetterTexts(self)
        self.roles = ProposalChoices(self).roles()
        self.book_dialog: BookExamDialog | None = None
        self.signing: SigningDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self._failure = ""
        self.setWindowTitle(self.tr("Head office letter"))
        self.setMinimumWidth(640)

        self.title = QLabel(self)
        self.title.setObjectName("letterTitle")
        self.title.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.todo = QLabel(self)
        self.todo.setObjectName("letterTodo")
        self.todo.setWordWrap(True)
        self.details = QFormLayout()
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        # An underwriting decision: the client's choice, then both sign.
        self.decision_box = QGroupBox(self.tr("The client's decision"), self)
        self.accept_radio = QRadioButton(self.tr("&Accepts the underwriting decision"), self.decision_box)
        self.decline_radio = QRadioButton(self.tr("Does &not accept the underwriting decision"), self.decision_box)
        self.accept_radio.setObjectName("decisionAccept")
        self.decline_radio.setObjectName("decisionDecline")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.accept_radio)
        self.choice.addButton(self.decline_radio)
        self.decided = QLabel(self.decision_box)
        self.decided.setObjectName("decisionRecorded")
        self.decided.setWordWrap(True)
        decision_layout = QVBoxLayout(self.decision_box)
        decision_layout.addWidget(self.accept_radio)
        decision_layout.addWidget(self.decline_radio)
        decision_layout.addWidget(self.decided)
        self.decision_box.hide()

        self.history = QTreeWidget(self)
        self.history.setObjectName("letterAnswers")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels([self.tr("Sent"), self.tr("Answer"), self.tr("Files"),
                                      self.tr("Head office's reply")])  # fmt: skip
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.history.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.history_label = QLabel(self.tr("Answers sent"), self)

        self.answer_box = QGroupBox(self.tr("Your answer"), self)
        self.text = QPlainTextEdit(self.answer_box)
        self.text.setObjectName("answerText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What was done, what the client provided or agreed"))
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.files = AttachmentList(self.answer_box)
        self.files.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.files_hint = QLabel(self.tr("Photos, scans or PDFs of what the client signed or provided "
                                         "(drop files on the list; at most 10 MB each)"), self.answer_box)  # fmt: skip
        self.files_hint.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add &file…"), self.answer_box)
        self.remove_button = QPushButton(self.tr("&Remove file"), self.answer_box)
        self.remove_button.setEnabled(False)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)
        answer_layout = QVBoxLayout(self.answer_box)
        answer_label = QLabel(self.tr("&Text:"), self.answer_box)
        answer_label.setBuddy(self.text)
        answer_layout.addWidget(answer_label)
        answer_layout.addWidget(self.text)
        files_label = QLabel(self.tr("Fi&les:"), self.answer_box)
        files_label.setBuddy(self.files)
        answer_layout.addWidget(files_label)
        answer_layout.addLayout(file_row)
        answer_layout.addWidget(self.files_hint)

        self.status = QLabel(self)
        self.status.setObjectName("letterStatus")
        self.status.setWordWrap(True)
        self.book_button = QPushButton(self.tr("&Book examination…"), self)
        self.book_button.setToolTip(self.tr("Put the examination on the Planner as a visit"))
        self.book_button.hide()
        self.send_button = QPushButton(self.tr("&Send"), self)
        self.send_button.setToolTip(self.tr("Send the answer to head office (Ctrl+Enter)"))
        self.close_button = QPushButton(self.tr("&Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.todo)
        layout.addLayout(self.details)
        layout.addWidget(self.decision_box)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        layout.addWidget(self.answer_box)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.files.files_did_drop.connect(self.add_files)
        self.files.remove_did_request.connect(self.remove_selected)
        self.files.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        self.book_button.clicked.connect(self.ask_booking)
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self.reject)
        self.choice.buttonToggled.connect(lambda *_: self._refresh_buttons())
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.send)
        self._set_enabled(False)
        self.reload()

    # ---- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        letters, answers, letter_id = self._ctx.letters, self._ctx.answers, self.letter_id

        def load(_task: object) -> Loaded:
            letter = letters.view(letter_id)
            draft = answers.draft(letter_id) if letter.resolved_at is None else None
            return Loaded(letter, answers.for_letter(letter_id), draft)

        if not self._failure:
            self.status.setText(self.tr("Loading…"))
        self._runner.submit(load, lane="db", on_done=self.show_loaded, on_error=self.status.setText)

    def show_loaded(self, loaded: Loaded) -> None:
        first = self.loaded is None
        self.loaded = loaded
        letter = loaded.letter
        kinds = self.texts.kinds()
        self.setWindowTitle(f"{kinds.get(letter.kind, letter.kind)} · {letter.policyholder_name}")
        self.title.setText(kinds.get(letter.kind, letter.kind))
        self.todo.setText(self.texts.what_to_do().get(letter.kind, ""))
        self._show_details(letter)
        self._show_decision(letter)
        self._show_history(loaded.answers)
        draft = loaded.draft
        self.answer_box.setVisible(draft is not None)
        if draft is not None:
            if first or not self.text.toPlainText().strip():
                self.text.setPlainText(draft.text)
            self._show_files(draft)
        self.book_button.setVisible(letter.kind == "medical_exam")
        self.book_button.setText(self.tr("Move &examination…") if letter.visit_id else self.tr("&Book examination…"))
        decision = letter.kind == "decision"
        self.send_button.setText(self.tr("Sign and &send…") if decision and letter.decision is None
                                 else self.tr("&Send"))  # fmt: skip
        self.send_button.setVisible(draft is not None)
        if letter.resolved_at is not None:
            self.status.setText(self.tr("Answered; waiting for head office's reply.")
                                if loaded.answers and loaded.answers[0].hq_reply is None
                                else self.tr("Answered."))  # fmt: skip
        else:
            self.status.setText("")
        if self._failure:  # what just failed stays said until the next action
            self.status.setText(self._failure)
            self._failure = ""
        self._set_enabled(True)
        if first:
            (self.text if draft is not None else self.close_button).setFocus()
            QTimer.singleShot(0, self._keep_on_screen)  # once the new rows are laid out

    def _keep_on_screen(self) -> None:
        """Placed at its size before loading: once grown by the letter (a decision's fields and
        choice), centred on its window again and kept on the screen (1366×768 included)."""
        layout = self.layout()
        if not self.isVisible() or layout is None:
            return
        layout.activate()  # the rows just added count in the size
        self.adjustSize()
        frame = self.frameGeometry()
        parent = self.parentWidget()
        if parent is not None:
            frame.moveCenter(parent.window().frameGeometry().center())
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
        y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
        self.move(x, y)

    def _date(self, day: date) -> str:
        return QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)

    def _show_details(self, letter: LetterView) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        rows: list[tuple[str, str]] = []
        if letter.reason:
            rows.append((self.tr("Head office says"), letter.reason))
        rows.append((self.tr("Issued"), self._date(letter.issued_on)))
        due = self._date(letter.due_on)
        if letter.overdue:
            due += " " + self.tr("(overdue)")
        rows.append((self.tr("Answer by"), due))
        who = self.tr("%1 (policyholder), %2 (insured)").replace("%1", letter.policyholder_name)
        rows.append((self.tr("Proposal"), f"{letter.product_name} · {who.replace('%2', letter.insured_name)}"))
        labels = self.texts.field_labels()
        for key, raw in letter.fields.items():
            rows.append((labels.get(key, key), self.texts.value(key, raw)))
        if letter.kind == "medical_exam":
            if letter.visit_starts_at is not None:
                booked = self.tr("%1, %2 min, on the Planner").replace("%1", self.texts.when(letter.visit_starts_at))
                rows.append((self.tr("Booked"), booked.replace("%2", str(letter.visit_minutes or 0))))
            else:
                rows.append((self.tr("Booked"), self.tr("not yet")))
        for label, value in rows:
            field = QLabel(value, self)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(label + self.tr(":"), field)

    def _show_decision(self, letter: LetterView) -> None:
        self.decision_box.setVisible(letter.kind == "decision")
        if letter.kind != "decision":
            return
        fixed = letter.decision is not None
        self.accept_radio.setVisible(not fixed)
        self.decline_radio.setVisible(not fixed)
        if fixed:
            signed = self.tr(", ").join(self.roles.get(r, r) for r in letter.signatures)
            text = self.texts.decisions().get(letter.decision or "", "")
            if signed:
                text += " · " + self.tr("signed by %1").replace("%1", signed)
            self.decided.setText(text)
        else:
            self.decided.setText(self.tr("Choose, then the policyholder and the insured sign on the pad."))

    def _show_history(self, answers: tuple[AnswerView, ...]) -> None:
        self.history.clear()
        replies = self.texts.replies()
        sent = [a for a in answers if a.status != "draft"]
        for answer in sent:
            reply = ""
            if answer.hq_reply is not None:
                reply = replies.get(answer.hq_reply, answer.hq_reply)
                if answer.hq_reply_text:
                    reply += self.tr(": ") + answer.hq_reply_text
            else:
                reply = self.tr("waiting")
            item = QTreeWidgetItem([
                self.texts.when(answer.queued_at.astimezone()) if answer.queued_at else "",
                answer.text, str(len(answer.attachments)) if answer.attachments else "", reply,
            ])  # fmt: skip
            item.setToolTip(1, answer.text)
            item.setToolTip(3, reply)
            self.history.addTopLevelItem(item)
        if not sent:
            self.history.addTopLevelItem(QTreeWidgetItem(["", self.tr("No answer sent yet")]))

    def _show_files(self, draft: AnswerView) -> None:
        self.files.clear()
        for view in draft.attachments:
            size = QLocale().formattedDataSize(view.size)
            item = QListWidgetItem(f"{view.name} · {size}", self.files)
            item.setData(FILE_ROLE, view.id)
        self._refresh_buttons()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.send_button, self.book_button, self.add_button, self.text, self.files):
            widget.setEnabled(enabled)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        self.remove_button.setEnabled(self.add_button.isEnabled() and self.files.currentItem() is not None)
        letter = self.loaded.letter if self.loaded else None
        if letter is not None and letter.kind == "decision" and letter.decision is None and self.add_button.isEnabled():
            self.send_button.setEnabled(self.choice.checkedButton() is not None)

    # ---- files ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        self.file_dialog = QFileDialog(self, self.tr("Add files to the answer"))
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.file_dialog.setNameFilters([self.tr("Photos, scans and PDFs (*.jpg *.jpeg *.png *.pdf)"),
                                         self.tr("All files (*)")])  # fmt: skip
        self.file_dialog.filesSelected.connect(self.add_files)
        self.file_dialog.open()

    def add_files(self, paths: list[str]) -> None:
        draft = self.loaded.draft if self.loaded else None
        if draft is None or not paths:
            return
        answers, answer_id = self._ctx.answers, draft.id

        def attach(_task: object) -> None:
            for path in paths:
                name, data = _read(path)
                answers.attach(answer_id, name, data)

        self.status.setText(self.tr("Adding files…"))
        self._runner.submit(attach, lane="db", on_done=lambda _r: self.reload(), on_error=self._failed)

    def remove_selected(self) -> None:
        item = self.files.currentItem()
        if item is None or not self.remove_button.isEnabled():
            return
        answers, attachment_id = self._ctx.answers, str(item.data(FILE_ROLE))
        self._runner.submit(lambda _t: answers.remove_attachment(attachment_id), lane="db",
                            on_done=lambda _r: self.reload(), on_error=self._failed)  # fmt: skip

    def _failed(self, text: str) -> None:
        """The task runner's failure path: the sentence in the user's language, then the
        dialog shows what the database now holds."""
        self._failure = text
        self.status.setText(text)
        self.reload()

    # ---- a medical examination -----------------------------------------------------------

    def ask_booking(self) -> None:
        letter = self.loaded.letter if self.loaded else None
        if letter is None or letter.kind != "medical_exam":
            return
        starts, minutes = letter.visit_starts_at, letter.visit_minutes or 60
        if starts is None:
            try:
                starts = parse_when(letter.fields["exam_at"]) if "exam_at" in letter.fields else None
            except ValueError:
                starts = None
        if starts is None:
            starts = datetime.combine(max(letter.issued_on + timedelta(days=1), datetime.now().date()), time(9))
        self.book_dialog = BookExamDialog(starts, minutes, letter.fields.get("hospital", ""), self)
        self.book_dialog.exam_did_confirm.connect(self.book)
        self.book_dialog.open()

    def book(self, starts_at: datetime, minutes: int) -> None:
        letters, letter_id = self._ctx.letters, self.letter_id
        self.status.setText(self.tr("Booking…"))
        self._runner.submit(lambda _t: letters.book_exam(letter_id, starts_at, minutes), lane="db",
                            on_done=self._booked, on_error=self._failed)  # fmt: skip

    def _booked(self, _visit_id: str) -> None:
        self.reload()
        if not self.text.toPlainText().strip() and self.loaded is not None:
            letter = self.loaded.letter
            hospital = letter.fields.get("hospital", "")
            booked = self.tr("Examination booked at %1.")
            self.text.setPlainText(booked.replace("%1", hospital or self.tr("the hospital")))

    # ---- sending -------------------------------------------------------------------------

    def send(self) -> None:
        loaded = self.loaded
        if loaded is None or loaded.draft is None or not self.send_button.isEnabled():
            return
        letter = loaded.letter
        if letter.kind == "decision" and letter.decision is None:
            self.ask_signatures()
            return
        answers, answer_id, text = self._ctx.answers, loaded.draft.id, self.text.toPlainText()

        def send(_task: object) -> str:
            answers.save(answer_id, text)
            return answers.send(answer_id)

        self._set_enabled(False)
        self.status.setText(self.tr("Sending…"))
        self._runner.submit(send, lane="db", on_done=self._sent, on_error=self._failed)

    def _sent(self, _item_id: str) -> None:
        self.text.clear()
        self.reload()

    # ---- an underwriting decision ----------------------------------------------------------

    def chosen_decision(self) -> str | None:
        if self.accept_radio.isChecked():
            return "accepted"
        if self.decline_radio.isChecked():
            return "declined"
        return None

    def decision_summary(self, decision: str) -> SigningSummary:
        """What the policyholder and the insured read above the pads: the decision in full."""
        letter = self.loaded.letter if self.loaded else None
        assert letter is not None
        labels = self.texts.field_labels()
        rows = [SummaryRow(self.tr("Product"), letter.product_name),
                SummaryRow(self.roles["policyholder"], letter.policyholder_name),
                SummaryRow(self.roles["insured"], letter.insured_name)]  # fmt: skip
        for key in ("conclusion", "extra_premium_cents", "exclusions", "rated_sum_insured_cents"):
            if key in letter.fields:
                rows.append(SummaryRow(labels[key], self.texts.value(key, letter.fields[key])))
        if letter.reason:
            rows.append(SummaryRow(self.tr("Head office says"), letter.reason))
        rows.append(SummaryRow(self.tr("The client"), self.texts.decisions()[decision]))
        return SigningSummary(self.tr("Underwriting decision notice"), tuple(rows))

    def ask_signatures(self) -> None:
        from ui.proposals.editor.signing import SigningDialog

        letter = self.loaded.letter if self.loaded else None
        decision = self.chosen_decision()
        if letter is None or decision is None:
            self.status.setText(self.tr("Choose whether the client accepts the decision."))
            return
        signers = [("policyholder", letter.policyholder_name), ("insured", letter.insured_name)]
        self.signing = SigningDialog(signers, self.decision_summary(decision), self)
        self.signing.setWindowTitle(self.tr("Sign the underwriting decision"))
        self.signing.declaration.setText(self.tr(
            "Please explain the underwriting decision to the client. By signing, the policyholder and the insured "
            "confirm that it was explained and that the client's choice above is their own."
        ))  # fmt: skip
        mine = self.tr("%1 %2: the decision was explained to me and the choice above is mine.")
        for role, pad in self.signing.pads.items():
            pad.disclaimer.setText(mine.replace("%1", self.roles.get(role, role)).replace("%2", dict(signers)[role]))
        self.signing.sign_button.setText(self.tr("Sign and &send"))
        self.signing.signatures_did_confirm.connect(lambda signed: self._decide(decision, signed))
        self.signing.open()

    def _decide(self, decision: str, signed: dict[str, SignatureInput]) -> None:
        loaded = self.loaded
        if loaded is None or loaded.draft is None:
            return
        letters, answers, answer_id, letter_id = self._ctx.letters, self._ctx.answers, loaded.draft.id, self.letter_id
        text = self.text.toPlainText().strip() or self.texts.decisions()[decision]

        def decide(_task: object) -> str:
            answers.save(answer_id, text)
            letters.decide(letter_id, decision, signed["policyholder"], signed["insured"])
            return answers.send(answer_id)

        self.status.setText(self.tr("Sending…"))
        self._runner.submit(decide, lane="db", on_done=self._signed_and_sent, on_error=self._signing_failed)

    def _signed_and_sent(self, item_id: str) -> None:
        if self.signing is not None:
            self.signing.accept()
        self._sent(item_id)

    def _signing_failed(self, text: str) -> None:
        if self.signing is not None and self.signing.isVisible():
            self.signing.show_refusal(text)
        self._failed(text)
