"""Proposals (投保单): the list, newest first; the editor; head office's status and problem cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId, ProposalId
from ui.common.columns import fit_columns
from ui.common.page import Page
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.common.widgets.row_table import RowTable
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.editor.reason_dialog import ReasonDialog
from ui.proposals.list_model import ProposalTableModel

if TYPE_CHECKING:
    from app.context import AppContext
    from app.headoffice.answers import AnswerView
    from app.headoffice.status import LetterRow
    from app.proposals.records import ProposalRow
    from app.proposals.requests import RequestView
    from ui.common.print_preview import PrintPreviewDialog
    from ui.proposals.editor.editor import ProposalEditor
    from ui.proposals.letters.dialog import LetterDialog

TYPING_PAUSE_MS = 150
LETTER_ROLE = Qt.ItemDataRole.UserRole + 1


class ProposalsPage(Page):
    # The list (with head office's status) and the selected proposal's problem cases.
    shows = frozenset({"proposals", "proposal_parties", "hq_letters", "clients", "proposal_requests"})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Proposals"),
            self.tr("Insurance applications, checked against the rules and signed on screen."),
            parent,
        )
        self._runner = runner
        self._ctx: AppContext | None = None
        self._reselect: str | None = None  # the proposal to select again after a reload
        self.editors: dict[str, ProposalEditor] = {}
        self.last_editor: ProposalEditor | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.letters: tuple[LetterRow, ...] = ()
        choices = ProposalChoices(self)
        self._hq_names, self._letter_kinds = choices.hq_statuses(), choices.letter_kinds()
        self.model = ProposalTableModel(runner, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("proposalSearch")
        self.search.setPlaceholderText(self.tr("Search by the policyholder's or the insured's name"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        for value, text in (("all", self.tr("All proposals")), ("draft", self.tr("Drafts")),
                            ("finished", self.tr("Finished"))):  # fmt: skip
            self.status_filter.addItem(text, value)
        self.new_button = QPushButton(self.tr("&New proposal"), self)
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.correct_button = QPushButton(self.tr("Co&rrect…"), self)
        self.correct_button.setToolTip(self.tr("Make a new version of a finished proposal, with a reason"))
        self.delete_button = QPushButton(self.tr("&Delete draft…"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected draft (Del); you are asked first"))
        self.print_action = QAction(self.tr("&Proposal form…"), self)
        self.print_revealed_action = QAction(self.tr("Proposal form with &full ID and phone numbers…"), self)
        self.print_revealed_action.setToolTip(self.tr("The print is recorded in the audit log"))
        self.print_button = print_button(
            self, self.tr("&Print…"), [self.print_action, self.print_revealed_action],
            self.tr("Print the selected proposal or save it as a PDF (Ctrl+P)"),
        )  # fmt: skip
        self.preview: PrintPreviewDialog | None = None
        self.count = QLabel(self)
        self.count.setObjectName("proposalCount")
        self.table = RowTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        fit_columns(self.table, stretch=self.model.COLUMNS.index("product"))

        self.hq_box = QGroupBox(self.tr("Head office"), self)
        self.hq_status = QLabel(self.hq_box)
        self.hq_status.setObjectName("hqStatus")
        self.hq_status.setWordWrap(True)
        self.cases = QTreeWidget(self.hq_box)
        self.cases.setObjectName("problemCases")
        self.cases.setRootIsDecorated(False)
        self.cases.setHeaderLabels([self.tr("Problem case"), self.tr("Issued"), self.tr("Answer by"),
                                    self.tr("Reason"), self.tr("Answer")])  # fmt: skip
        self.cases.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.cases.setToolTip(self.tr("Enter or double-click opens the letter"))
        # Answer…: the letter in full, its answers and head office's reply (ui/proposals/letters).
        self.resolve_button = QPushButton(self.tr("&Answer…"), self.hq_box)
        self.resolve_button.setEnabled(False)
        self.letter_dialog: LetterDialog | None = None
        self.replies: dict[str, AnswerView] = {}  # letter id -> its latest answer sent
        hq_top = QHBoxLayout()
        hq_top.addWidget(self.hq_status, 1)
        hq_top.addWidget(self.resolve_button)
        hq_layout = QVBoxLayout(self.hq_box)
        hq_layout.addLayout(hq_top)
        hq_layout.addWidget(self.cases)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        for button in (self.new_button, self.open_button, self.correct_button, self.print_button):
            top.addWidget(button)
        self.content.addLayout(top)
        count_row = QHBoxLayout()  # beside the count, not in the top row: the page fits 1366 px
        count_row.addWidget(self.count, 1)
        count_row.addWidget(self.delete_button)
        self.content.addLayout(count_row)
        self.content.addWidget(self.table, 1)
        self.content.addWidget(self.hq_box)
        self._build_paper_and_requests(count_row)  # issue 19: paper proposals, change/withdrawal requests

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.new_button.clicked.connect(self.new_proposal)
        self.open_button.clicked.connect(self.open_selected)
        self.correct_button.clicked.connect(self.ask_correction)
        self.delete_button.clicked.connect(self.ask_delete)
        delete = QAction(self.table)
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.triggered.connect(self.ask_delete)
        self.table.addAction(delete)
        self.resolve_button.clicked.connect(self.open_letter)
        self.cases.itemActivated.connect(lambda *_: self.open_letter())
        self.print_action.triggered.connect(lambda: self.print_selected(reveal=False))
        self.print_revealed_action.triggered.connect(lambda: self.print_selected(reveal=True))
        print_shortcut(self, self.print_button)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.table_did_activate.connect(self._open_row)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_selected())
        self.cases.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        self.model.model_did_load.connect(self._loaded)
        self.model.model_did_fail.connect(self.count.setText)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_proposal)
        self.addAction(new)
        find = QAction(self)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        def find_clicked() -> None:
            self.search.setFocus()
            self.search.selectAll()

        find.triggered.connect(find_clicked)
        self.addAction(find)
        self._refresh_buttons()

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.model.attach(ctx.proposal_records)
        self.reload()

    # ---- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        self.count.setText(self.tr("Loading…"))
        self.model.load(self.status_filter.currentData(), self.search.text())

    def reload_changed(self) -> None:
        """The same list after a change (an edit, a sync): the selected proposal stays selected."""
        selected = self.selected()
        self._reselect = selected.id if selected is not None else None
        self.reload()

    def _loaded(self, _count: int) -> None:
        self._show_count()
        selected, self._reselect = self._reselect, None
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._show_selected()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.canFetchMore():
            self.count.setText(self.tr("%n proposal(s) shown; more as you scroll", "", shown))
        else:
            self.count.setText(self.tr("%n proposal(s)", "", shown))

    def selected(self) -> ProposalRow | None:
        return self.model.record(self.table.currentIndex().row())

    def select(self, proposal_id: ProposalId) -> None:
        row = self.model.row_of(proposal_id)
        if row >= 0:
            self.table.selectRow(row)

    def refresh_row(self, proposal_id: ProposalId) -> None:
        if self._ctx is None:
            return
        records = self._ctx.proposal_records
        self._runner.submit(lambda _t: records.row(proposal_id), lane="db", on_done=self._row_arrived,
                            on_error=self.count.setText)  # fmt: skip

    def _row_arrived(self, row: ProposalRow) -> None:
        self.model.replace_row(row)
        if self.selected() is not None and self.selected().id == row.id:  # type: ignore[union-attr]
            self._show_selected()

    # ---- opening, new, correcting -----------------------------------------------------------

    def new_proposal(self) -> None:
        if self._ctx is None:
            return
        proposals = self._ctx.proposals
        self._runner.submit(lambda _t: proposals.new_draft(), lane="db",
                            on_done=self._created, on_error=self.count.setText)  # fmt: skip

    def new_proposal_for(self, client_id: ClientId) -> None:
        """A new draft whose policyholder is filled from the client's card and linked to it."""
        if self._ctx is None:
            return
        proposals, records = self._ctx.proposals, self._ctx.proposal_records
        self._runner.submit(lambda _t: proposals.new_draft_for(client_id, records.party_from_client(client_id)),
                            lane="db", on_done=self._created, on_error=self.count.setText)  # fmt: skip

    def _created(self, proposal_id: ProposalId) -> None:
        editor = self.open_editor(proposal_id)
        if editor is not None:
            # Closed without typing: nothing is kept (the core decides, after any save in flight).
            editor.finished.connect(lambda _result: self._discard_if_untouched(proposal_id))
        self.reload()

    def _discard_if_untouched(self, proposal_id: ProposalId) -> None:
        if self._ctx is None:
            return
        proposals = self._ctx.proposals
        self._runner.submit(lambda _t: proposals.discard_if_untouched(proposal_id), lane="db",
                            on_error=self.count.setText)  # fmt: skip

    def ask_delete(self) -> None:
        """Delete the selected draft, asked first; the audit log keeps what it was."""
        row = self.selected()
        if self._ctx is None or row is None or row.status != "draft":
            return
        who = row.policyholder_name or self.tr("no policyholder yet")
        answer = QMessageBox.question(
            self, self.tr("Delete draft"),
            self.tr("Delete the draft proposal for %1? This cannot be undone; the audit log keeps a note of it.")
            .replace("%1", who),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        editor = self.editors.get(row.id)
        if editor is not None and editor.isVisible():
            editor.reject()  # its last save goes first on the db lane, then the deletion
        proposals, proposal_id = self._ctx.proposals, row.id
        self._runner.submit(lambda _t: proposals.delete_draft(proposal_id), lane="db",
                            on_error=self.count.setText)  # fmt: skip

    def open_selected(self) -> None:
        self._open(self.selected())

    def _open_row(self, row: int) -> None:
        self._open(self.model.record(row))

    def _open(self, row: ProposalRow | None) -> None:
        if row is None:
            return
        if row.source == "paper":
            self.hq_status.setText(self.tr("Form %1 was filled on paper: the laptop keeps its registration, head "
                                           "office's letters and the requests, shown here.")
                                   .replace("%1", row.paper_form_number))  # fmt: skip
            return
        self.open_editor(row.id)

    def open_editor(self, proposal_id: ProposalId) -> ProposalEditor | None:
        from ui.proposals.editor.editor import ProposalEditor

        if self._ctx is None:
            return None
        self._forget_closed_editors()
        editor = self.editors.get(proposal_id)
        if editor is None:
            editor = ProposalEditor(self._ctx, self._runner, proposal_id, self)
            # What the editor saves or finishes reaches the list through the change relay.
            editor.correction_did_create.connect(self._corrected)
            self.editors[proposal_id] = editor
        if not editor.isVisible():
            editor.open()
        editor.raise_()
        editor.activateWindow()
        self.last_editor = editor
        return editor

    def _forget_closed_editors(self) -> None:
        """Closed editors with nothing left on the db lane are freed; one still saving is kept."""
        for proposal_id, editor in list(self.editors.items()):
            if not editor.isVisible() and editor.is_idle():
                del self.editors[proposal_id]
                editor.deleteLater()

    def ask_correction(self) -> None:
        row = self.selected()
        if row is None or row.status != "finished" or row.has_newer_version:
            self.count.setText(self.tr("Choose a finished proposal that has no correction yet."))
            return
        self.reason_dialog = ReasonDialog(
            self.tr("Correct the proposal"),
            self.tr("A correction is a new version of this finished proposal. Why is it needed?"),
            self,
        )
        proposals, proposal_id = self._ctx.proposals, row.id  # type: ignore[union-attr]
        self.reason_dialog.text_did_confirm.connect(
            lambda reason: self._runner.submit(
                lambda _t: proposals.correct(proposal_id, reason),
                lane="db",
                on_done=self._corrected,
                on_error=self.count.setText,
            )
        )
        self.reason_dialog.open()

    def print_selected(self, reveal: bool) -> None:
        row = self.selected()
        if row is None or self._ctx is None:
            return
        printing, proposal_id = self._ctx.printing, row.id
        title = self.tr("Proposal: %1").replace("%1", row.policyholder_name or row.product_name)
        name = f"投保单-{row.policyholder_name or proposal_id[:8]}-v{row.version}.pdf"
        # A print with full numbers writes its audit event, so it is made on the db lane.
        self.preview = open_preview(self, self._runner, title, lambda: printing.proposal(proposal_id, reveal=reveal),
                                    name, pdf_lane="db" if reveal else "cpu")  # fmt: skip

    def _corrected(self, new_id: ProposalId) -> None:
        self.reload()
        self.open_editor(new_id)

    # ---- head office: status and problem cases ----------------------------------------------

    def _show_selected(self) -> None:
        row = self.selected()
        self._refresh_buttons()
        if row is None or self._ctx is None:
            self.hq_status.setText("")
            self.cases.clear()
            return
        hq, answers, proposal_id = self._ctx.hq_status, self._ctx.answers, row.id

        def letters(_task: object) -> tuple[str, tuple[LetterRow, ...], dict[str, AnswerView]]:
            found = hq.letters_for(proposal_id)
            latest = {x.id: sent[0] for x in found if (sent := [a for a in answers.for_letter(x.id)
                                                                if a.status != "draft"])}  # fmt: skip
            return proposal_id, found, latest

        self._runner.submit(letters, lane="db", on_done=self._show_letters, on_error=self.hq_status.setText)
        self.hq_status.setText(self._status_text(row))

    def _status_text(self, row: ProposalRow) -> str:
        if row.hq_status is None:
            if row.status == "finished":
                return self.tr("Finished; no answer from head office yet.")
            return self.tr("Draft: not sent to head office.")
        text = self.tr("Head office: %1").replace("%1", self._hq_names.get(row.hq_status, row.hq_status))
        if row.hq_policy_number:
            text += " · " + self.tr("policy %1").replace("%1", row.hq_policy_number)
        if row.open_problems:
            text += " · " + self.tr("%n open problem case(s)", "", row.open_problems)
        return text

    def _show_letters(self, found: tuple[str, tuple[LetterRow, ...], dict[str, AnswerView]]) -> None:
        proposal_id, letters, self.replies = found
        row = self.selected()
        if row is None or row.id != proposal_id:
            return  # the selection moved on meanwhile
        self.letters = letters
        self.cases.clear()
        locale = QLocale()
        for letter in letters:
            when = lambda day: locale.toString(qdate(day), QLocale.FormatType.ShortFormat)  # noqa: E731
            due = when(letter.due_on) + (" " + self.tr("(overdue)") if letter.overdue else "")
            resolved = self._answer_text(letter)
            item = QTreeWidgetItem([self._letter_kinds.get(letter.kind, letter.kind), when(letter.issued_on), due,
                                    letter.reason, resolved])  # fmt: skip
            item.setData(0, LETTER_ROLE, letter.id)
            self.cases.addTopLevelItem(item)
        # The first open letter, else the first answered one (Answer… opens it, to read the reply).
        first_open = next((i for i, x in enumerate(letters) if x.resolved_at is None), 0)
        if (open_item := self.cases.topLevelItem(first_open)) is not None:
            self.cases.setCurrentItem(open_item)
        self._refresh_buttons()

    def selected_letter(self) -> LetterRow | None:
        item = self.cases.currentItem()
        letter_id = item.data(0, LETTER_ROLE) if item is not None else None
        return next((x for x in self.letters if x.id == letter_id), None)

    def _answer_text(self, letter: LetterRow) -> str:
        """Open, or answered with head office's reply (or that it is awaited)."""
        if letter.resolved_at is None:
            return self.tr("open")
        answer = self.replies.get(letter.id)
        if answer is None:
            return letter.resolution_note  # resolved before answers went to head office
        if answer.hq_reply is None:
            return self.tr("answered · waiting for head office")
        replies = {"accepted": self.tr("accepted"), "question": self.tr("asks again"), "closed": self.tr("closed")}
        reply = self.tr("answered · head office: %1").replace("%1", replies.get(answer.hq_reply, answer.hq_reply))
        return reply + (self.tr(": ") + answer.hq_reply_text if answer.hq_reply_text else "")

    def open_letter(self) -> None:
        """Answer…, Enter or a double-click: the letter in full, to read and answer."""
        from ui.proposals.letters.dialog import LetterDialog

        letter = self.selected_letter()
        if letter is None or self._ctx is None:
            return
        if self.letter_dialog is not None:
            self.letter_dialog.deleteLater()
        self.letter_dialog = LetterDialog(self._ctx, self._runner, letter.id, self)
        proposal_id = letter.proposal_id
        self.letter_dialog.finished.connect(lambda _result: self.refresh_row(proposal_id))
        self.letter_dialog.open()

    def _refresh_buttons(self) -> None:
        row = self.selected()
        # A paper proposal's form is the paper itself: the laptop holds its registration only.
        typed = row is not None and row.source != "paper"
        self.open_button.setEnabled(typed)
        for action in (self.print_action, self.print_revealed_action):
            action.setEnabled(typed)  # the button follows its default action
        self.correct_button.setEnabled(typed and row is not None and row.status == "finished"
                                       and not row.has_newer_version and not row.withdrawn)  # fmt: skip
        self.delete_button.setEnabled(row is not None and row.status == "draft")
        letter = self.selected_letter()
        self.resolve_button.setEnabled(letter is not None)

    # ---- paper proposals and change/withdrawal requests (issue 19) --------------------------

    def _build_paper_and_requests(self, row: QHBoxLayout) -> None:
        from ui.proposals.paper_dialog import PaperProposalDialog
        from ui.proposals.requests_dialog import RequestDialog

        self.paper_dialog: PaperProposalDialog | None = None
        self.request_dialog: RequestDialog | None = None
        self.paper_button = QPushButton(self.tr("Re&gister paper proposal…"), self)
        self.paper_button.setToolTip(self.tr("A proposal filled on paper at the counter, after the initial review"))
        self.request_button = QPushButton(self.tr("Change/&withdraw…"), self)
        self.request_button.setToolTip(self.tr("Ask head office to change or withdraw the selected application "
                                               "before it is issued"))  # fmt: skip
        row.addWidget(self.paper_button)
        row.addWidget(self.request_button)
        self.requests_box = QGroupBox(self.tr("Change and withdrawal requests"), self)
        self.requests_view = QTreeWidget(self.requests_box)
        self.requests_view.setObjectName("proposalRequests")
        self.requests_view.setRootIsDecorated(False)
        self.requests_view.setHeaderLabels([self.tr("Request"), self.tr("Sent"), self.tr("What"),
                                            self.tr("Head office's reply")])  # fmt: skip
        self.requests_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        QVBoxLayout(self.requests_box).addWidget(self.requests_view)
        self.requests_box.hide()
        self.content.addWidget(self.requests_box)
        self.paper_button.clicked.connect(self.ask_paper_proposal)
        self.request_button.clicked.connect(self.ask_request)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_requests())
        self.model.model_did_load.connect(lambda _n: self._show_requests())
        self.model.dataChanged.connect(lambda *_: self._show_requests())
        self.request_button.setEnabled(False)

    def ask_paper_proposal(self) -> None:
        from ui.proposals.paper_dialog import PaperProposalDialog

        if self._ctx is None:
            return
        if self.paper_dialog is not None:
            self.paper_dialog.deleteLater()
        self.paper_dialog = PaperProposalDialog(self._ctx, self._runner, parent=self)
        self.paper_dialog.proposal_did_register.connect(self._paper_registered)
        self.paper_dialog.open()

    def _paper_registered(self, proposal_id: str) -> None:
        self._reselect = proposal_id
        self.reload()

    def _can_request(self, row: ProposalRow | None) -> bool:
        return (row is not None and row.status == "finished" and not row.has_newer_version and not row.withdrawn
                and row.hq_status != "issued")  # fmt: skip

    def ask_request(self) -> None:
        from ui.proposals.requests_dialog import RequestDialog

        row = self.selected()
        if self._ctx is None or row is None or not self._can_request(row):
            return
        parts = [row.policyholder_name, row.product_name]
        if row.source == "paper":
            parts.insert(0, self.tr("paper form %1").replace("%1", row.paper_form_number))
        if self.request_dialog is not None:
            self.request_dialog.deleteLater()
        self.request_dialog = RequestDialog(self._ctx, self._runner, row.id, " · ".join(p for p in parts if p), self)
        self.request_dialog.request_did_send.connect(lambda _id: self._show_requests())
        self.request_dialog.open()

    def _show_requests(self) -> None:
        row = self.selected()
        self.request_button.setEnabled(self._can_request(row))
        if row is None or self._ctx is None:
            self.requests_view.clear()
            self.requests_box.hide()
            return
        requests, proposal_id = self._ctx.requests, row.id
        self._runner.submit(lambda _t: (proposal_id, requests.for_proposal(proposal_id)), lane="db",
                            on_done=self._requests_loaded, on_error=self.hq_status.setText)  # fmt: skip

    def _requests_loaded(self, found: tuple[str, tuple[RequestView, ...]]) -> None:
        from app.proposals.requests import CHANGE, CHANGE_FIELDS
        from ui.common.i18n import current_language
        from ui.common.qdates import qdatetime

        proposal_id, requests = found
        row = self.selected()
        if row is None or row.id != proposal_id:
            return  # the selection moved on meanwhile
        chinese = current_language() == "zh_CN"
        kinds = {"change": self.tr("Change"), "withdraw": self.tr("Withdrawal")}
        replies = {"accepted": self.tr("accepted"), "refused": self.tr("refused")}
        locale = QLocale()
        self.requests_view.clear()
        for request in requests:
            if request.kind == CHANGE:
                names = {key: (zh if chinese else en) for key, (en, zh) in CHANGE_FIELDS.items()}
                what = self.tr("; ").join(names.get(k, k) + self.tr(": ") + _masked(k, v)
                                          for k, v in request.details.items())  # fmt: skip
            else:
                what = request.reason
            if request.status == "draft":
                sent, reply = "", self.tr("draft, not sent")
            else:
                queued = request.queued_at
                sent = locale.toString(qdatetime(queued.astimezone()), QLocale.FormatType.ShortFormat) if queued else ""
                if request.hq_reply is None:
                    reply = self.tr("waiting for head office")
                else:
                    reply = replies.get(request.hq_reply, request.hq_reply)
                    if request.hq_reply_text:
                        reply += self.tr(": ") + request.hq_reply_text
            self.requests_view.addTopLevelItem(QTreeWidgetItem([kinds.get(request.kind, request.kind), sent, what,
                                                                reply]))  # fmt: skip
        for column in range(3):
            self.requests_view.resizeColumnToContents(column)
        self.requests_box.setVisible(bool(requests))


def _masked(field: str, value: str) -> str:
    """A new phone number or account in a change request, masked as lists show them."""
    from app.rules.masking import mask_phone

    if field == "policyholder_mobile":
        return mask_phone(value)
    if field == "payment_account" and len(value) > 4:
        return "****" + value[-4:]
    return value
