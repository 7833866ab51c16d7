"""The proposal editor (投保单): every change is saved as the user types, problems shown beside
their fields once a field is left (all of them on Finish…, which signs once none is left); a
finished proposal opens read-only.

Saving goes through the db lane, whose single thread keeps saves in the order they were
made; the newest save's problems are the ones shown.  Closing (Close, Esc, the window's
button, or the main window closing) first hands any pending change to that lane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.proposals.summary import proposal_summary
from app.rules.ids import ProposalId
from app.rules.problem import Problem
from app.rules.proposal import ProposalDoc
from ui.common.failures import failure_text
from ui.common.i18n import current_language
from ui.common.task_runner import TaskRunner
from ui.common.widgets.signed_document import SignatureImages
from ui.proposals.editor.beneficiaries import BeneficiariesSection
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.editor.client_links import ClientLinks
from ui.proposals.editor.fields import ProblemBoard
from ui.proposals.editor.party import PartySection
from ui.proposals.editor.product_picker import search_keys
from ui.proposals.editor.reason_dialog import ReasonDialog
from ui.proposals.editor.sections import HealthSection, ManagerSection, PaymentSection, ProductSection, RelationSection
from ui.proposals.editor.signing import SigningDialog

if TYPE_CHECKING:
    from app.context import AppContext
    from app.proposals.records import ClientLink, StoredSignature
    from app.proposals.service import DraftSaved, ProposalView
    from app.rules.product_catalogue import ProductCatalogue

    Loaded = tuple[
        ProposalView,
        dict[str, ClientLink],
        list[Problem],
        list[Problem],
        ProductCatalogue,
        dict[str, str],
        tuple[StoredSignature, ...],
    ]

AUTOSAVE_MS = 250
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
PARTY_KEYS = ("name", "gender", "birth_date", "id_type", "id_number", "mobile", "address", "occupation")


class ProposalEditor(QDialog):
    editor_did_load = Signal()
    draft_did_save = Signal(str)  # the proposal id, each time a save has landed
    proposal_did_finish = Signal(str)
    correction_did_create = Signal(str)  # the new draft's id

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, proposal_id: ProposalId, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.proposal_id = ctx, runner, proposal_id
        self.view: ProposalView | None = None
        self.editable = False
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._loading = True
        self._dirty = False
        self._in_flight = 0
        self._tasks = 0
        self._finish_when_saved = False
        self.signing: SigningDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.setWindowTitle(self.tr("Proposal"))
        self.resize(1000, 700)
        self._build()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save_now)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.finish)
        QShortcut(QKeySequence("F8"), self).activated.connect(self.focus_problems)
        if parent is not None:
            # The main window closing must not drop a change still waiting for its autosave.
            parent.window().installEventFilter(self)
        self.reload()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        board = self.board = ProblemBoard()
        self.header = QLabel(self)
        self.header.setObjectName("proposalHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A finished proposal: who signed, as they signed; the hash only in the small print.
        self.signed_view = SignatureImages(self)
        self.signed_view.hide()
        content = QWidget()
        self.policyholder = PartySection("policyholder", self.tr("Policyholder"), board, content)
        self.relation = RelationSection(board, content)
        self.insured = PartySection("insured", self.tr("Insured person"), board, content)
        self.beneficiaries = BeneficiariesSection(board, content)
        self.product = ProductSection(board, content)
        self.payment = PaymentSection(board, content)
        self.health = HealthSection(board, content)
        self.manager = ManagerSection(board, content)
        self.parties = {"policyholder": self.policyholder, "insured": self.insured}
        column = QVBoxLayout(content)
        for section in self.sections():
            column.addWidget(section)
            section.section_did_change.connect(self._changed)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)

        self.problem_title = QLabel(self)
        self.problem_title.setToolTip(self.tr("F8 goes to the problems; Enter on one goes to its field"))
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("proposalProblems")
        self.problem_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 10)
        self.status = QLabel(self)
        self.status.setObjectName("saveStatus")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Ctrl+S; changes are also saved as you type"))
        self.finish_button = QPushButton(self.tr("Finish…"), self)
        self.finish_button.setToolTip(self.tr("Ctrl+Enter: sign and freeze the proposal"))
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.correct_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.save_button, self.finish_button, self.correct_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.signed_view)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem_list)
        layout.addLayout(bottom)
        # Enter in a field must not press whichever button Qt picks as the dialog's default.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

        self.relation.same_person_did_toggle.connect(self._same_person_toggled)
        self.beneficiaries.rows_did_change.connect(self._lay_tab_order)
        self.cards = ClientLinks(self.ctx, self.runner, self.submit, self.proposal_id, self.parties, self)
        self.cards.party_did_fill.connect(lambda _role: self._changed())
        self.cards.links_did_fail.connect(self.status.setText)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.board.field_did_leave.connect(self._field_left)
        # 账户户名 must be the policyholder: it follows the name until the manager types another.
        self._holder_follows = True
        self.policyholder.name.textChanged.connect(self._follow_policyholder)
        self.payment.holder.textEdited.connect(self._holder_edited)
        self.save_button.clicked.connect(self.save_now)
        self.finish_button.clicked.connect(self.finish)
        self.correct_button.clicked.connect(self.ask_correction)
        self.close_button.clicked.connect(self.reject)

    def sections(self) -> list[Any]:
        return [self.policyholder, self.relation, self.insured, self.beneficiaries, self.product,
                self.payment, self.health, self.manager]  # fmt: skip

    def _lay_tab_order(self) -> None:
        """Down the form as it reads on paper, then the problems and the buttons."""
        chain = [w for section in self.sections() for w in section.focus_chain()]
        chain += [self.problem_list, self.save_button, self.finish_button, self.correct_button, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- loading and showing -----------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        self.status.setText(self.tr("Opening…"))
        proposals, records, proposal_id = self.ctx.proposals, self.ctx.proposal_records, self.proposal_id

        def work(_task: object) -> Loaded:
            view = proposals.get(proposal_id)
            problems, warnings = proposals.check(view.doc)
            catalogue = proposals.catalogue()  # with its search keys: pinyin is worked out here
            links = records.linked_clients(proposal_id)
            signatures = records.signatures(proposal_id) if view.status == "finished" else ()
            return view, links, problems, warnings, catalogue, search_keys(catalogue), signatures

        self.submit(work, self._show)

    def _show(self, loaded: Loaded) -> None:
        view, links, problems, warnings, catalogue, keys, signatures = loaded
        self.product.set_catalogue(catalogue, keys)
        self.view = view
        self.editable = view.status == "draft"
        doc = view.doc
        self._loading = True
        self.policyholder.show_party(doc.policyholder)
        self.insured.show_party(doc.insured)
        self.relation.show_relation(doc.relation)
        self.insured.setVisible(doc.relation != "self")
        self.beneficiaries.show_docs(doc.beneficiaries)
        for section in (self.product, self.payment, self.health, self.manager):
            section.show_doc(doc)
        self._holder_follows = doc.payment_account_holder in ("", doc.policyholder.name)
        self.cards.editable = self.editable
        self.cards.show(links)
        self._loading = False
        for section in self.sections():
            section.set_editable(self.editable)
        self._show_header(view)
        self._show_signatures(view, signatures)
        self.save_button.setVisible(self.editable)
        self.finish_button.setVisible(self.editable)
        self.correct_button.setVisible(view.status == "finished")
        self._show_problems(problems, warnings)
        self.status.setText("" if self.editable else self.tr("Finished: read-only"))
        self._lay_tab_order()
        if self.editable:
            self.policyholder.name.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor_did_load.emit()

    def _show_header(self, view: ProposalView) -> None:
        title = self.tr("Proposal, version %1").replace("%1", str(view.version))
        if view.status == "finished":
            title += " · " + self.tr("Finished and signed")
        else:
            title += " · " + self.tr("Draft")
        if view.previous_id:
            title += "\n" + self.tr("Corrects an earlier version: %1").replace("%1", view.correction_reason)
        self.header.setText(title)
        self.setWindowTitle(self.tr("Proposal: %1").replace("%1", view.doc.policyholder.name or self.tr("new")))

    def _show_signatures(self, view: ProposalView, signatures: tuple[StoredSignature, ...]) -> None:
        if view.status != "finished":
            self.signed_view.hide()
            return
        roles = ProposalChoices(self).roles()
        images = [
            (self.tr("%1: %2").replace("%1", roles.get(s.role, s.role)).replace("%2", s.name), s.strokes_json, s.png)
            for s in signatures
        ]
        details = self.tr("Details: content hash (SHA-256) %1").replace("%1", view.content_hash or "")
        self.signed_view.show_signatures(images, details)
        self.signed_view.show()

    def _show_problems(self, problems: list[Problem], warnings: list[Problem]) -> None:
        self.problems, self.warnings = problems, warnings
        language = current_language()
        self.board.show(problems, warnings, language, self._fallbacks())
        self._fill_problem_list()

    def _fill_problem_list(self) -> None:
        """The problems of the fields already left (all of them after Finish…); the title counts all."""
        problems, warnings, fallbacks = self.problems, self.warnings, self._fallbacks()
        language = current_language()
        shown = self.board.revealed(problems, fallbacks)
        shown_warnings = self.board.revealed(warnings, fallbacks)
        self.problem_list.clear()
        for problem, is_warning in [(p, False) for p in shown] + [(w, True) for w in shown_warnings]:
            text = problem.message(language)
            item = QListWidgetItem(self.tr("Review: %1").replace("%1", text) if is_warning else text)
            item.setData(PATH_ROLE, problem.field)
            item.setForeground(QColor("#a35200" if is_warning else "#c5221f"))
            self.problem_list.addItem(item)
        if not self.editable:
            self.problem_title.setText("")
        elif problems:
            self.problem_title.setText(self.tr("%n problem(s) to fix before Finish", "", len(problems)))
        else:
            self.problem_title.setText(self.tr("No problems: ready to finish"))
        self.problem_title.setVisible(self.editable)
        self.problem_list.setVisible(self.editable and bool(shown or shown_warnings))
        self.finish_button.setEnabled(self.editable)

    def _field_left(self, _path: str) -> None:
        """A field was left: its problems show, once the save of what was typed has landed."""
        if self._dirty or self._autosave.isActive():
            self.save_now()
        elif self._in_flight == 0:
            self.board.render()
            self._fill_problem_list()

    def _follow_policyholder(self, name: str) -> None:
        if self._holder_follows and not self._loading and self.editable:
            self.payment.holder.setText(name.strip())

    def _holder_edited(self, text: str) -> None:
        # Cleared, it follows the policyholder again; typed, it is the manager's.
        self._holder_follows = not text.strip()
        if self._holder_follows:
            self.payment.holder.setText(self.policyholder.name.text().strip())

    def focus_problems(self) -> None:
        """F8: to the list of problems, where Enter goes to the chosen problem's field."""
        if self.problem_list.count():
            self.problem_list.setCurrentRow(max(0, self.problem_list.currentRow()))
            self.problem_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fallbacks(self) -> dict[str, str]:
        """While the insured is the policyholder, the insured's fields are the policyholder's."""
        if not self.relation.same_person.isChecked():
            return {}
        return {f"insured.{key}": f"policyholder.{key}" for key in PARTY_KEYS}

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        for candidate in (path, self._fallbacks().get(path)):
            widget = self.board.focus.get(candidate or "")
            if widget is not None and widget.isVisibleTo(self):
                self.scroll_area.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # ---- editing and saving ------------------------------------------------------------

    def build_doc(self) -> tuple[ProposalDoc, list[Problem]]:
        """The form as typed, and what could not be read (a date, an amount, a share)."""
        local: list[Problem] = []
        weeks, disabled = self.health.pregnancy_weeks(), self.health.disabled()
        holder = self.policyholder.party(local)
        if self.relation.same_person.isChecked():
            insured = replace(holder, pregnancy_weeks=weeks, disabled=disabled)
        else:
            insured = self.insured.party(local, weeks, disabled)
        doc = ProposalDoc(
            id=self.proposal_id, **self.product.values(local), **self.payment.values(),  # type: ignore[arg-type]
            health_answers=self.health.answers(), **self.manager.values(),  # type: ignore[arg-type]
            policyholder=holder, insured=insured, relation=self.relation.value(),
            beneficiaries=self.beneficiaries.docs(local),
        )  # fmt: skip
        local += self.health.unanswered(self.tr("Health question not answered: %1"))
        return doc, local

    def is_saved(self) -> bool:
        """Has everything typed so far reached the database?"""
        return not self._dirty and self._in_flight == 0 and not self._autosave.isActive()

    def is_idle(self) -> bool:
        """Saved, and no answer from the db lane still to come: safe to free once closed."""
        return self._tasks == 0 and self.is_saved()

    def submit(self, work: Callable[[Any], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str], None] | None = None) -> None:  # fmt: skip
        """Run `work` on the db lane, counted so the editor is not freed while it is out. A
        failure's text goes to `on_error`, else to the status line."""
        self._tasks += 1

        def done(result: Any) -> None:
            self._tasks -= 1
            on_done(result)

        # The exception, not only its text: a cancel ends the work too, and must be counted.
        def failed(exc: Exception) -> None:
            self._tasks -= 1
            text = failure_text(exc)
            if text is not None:
                (on_error or self.status.setText)(text)

        self.runner.submit(work, lane="db", on_done=done, on_failure=failed)

    def _changed(self) -> None:
        if self._loading or not self.editable:
            return
        self._dirty = True
        self.status.setText(self.tr("Saving…"))
        self._autosave.start()

    def save_now(self) -> None:
        self._autosave.stop()
        if not self._dirty or not self.editable:
            return
        doc, local = self.build_doc()
        self._dirty = False
        self._in_flight += 1
        self.status.setText(self.tr("Saving…"))
        proposals, proposal_id = self.ctx.proposals, self.proposal_id
        self.submit(
            lambda _t: proposals.save_draft(proposal_id, doc),
            lambda saved: self._saved(saved, local),
            self._save_failed,
        )

    def _saved(self, saved: DraftSaved, local: list[Problem]) -> None:
        self._in_flight -= 1
        if self._in_flight == 0 and not self._dirty:
            # Only the newest save speaks for the form; an older one describes text since changed.
            self._show_problems(local + list(saved.problems), list(saved.warnings))
            self.status.setText(self.tr("Saved %1").replace("%1", datetime.now().strftime("%H:%M:%S")))
        self.draft_did_save.emit(self.proposal_id)
        if self._finish_when_saved and self._in_flight == 0 and not self._dirty:
            self._finish_when_saved = False
            self.finish()

    def _save_failed(self, text: str) -> None:
        self._in_flight -= 1
        self._dirty = True
        self._finish_when_saved = False
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    def _same_person_toggled(self, checked: bool) -> None:
        self.insured.setVisible(not checked)
        self._changed()

    # ---- finishing and correcting -------------------------------------------------------

    def finish(self) -> None:
        if not self.editable or self.view is None:
            return
        if self._dirty or self._in_flight:
            self._finish_when_saved = True
            self.save_now()
            return
        _, local = self.build_doc()  # a form just opened has not been read yet (unanswered questions)
        missing = [p for p in local if p not in self.problems]
        if missing:
            self._show_problems(missing + self.problems, self.warnings)
        if self.problems:
            # All of them at once: beside their fields and in the list, the first one's field focused.
            self.board.reveal_all()
            self._fill_problem_list()
            first = self.problem_list.item(0)
            if first is not None:
                self.problem_list.setCurrentRow(0)
                self._go_to_problem(first)
            if QApplication.focusWidget() is self.finish_button or first is None:
                self.problem_list.setFocus()
            return
        from app.rules.proposal import required_roles

        doc, _ = self.build_doc()
        signers = [(role, getattr(doc, role).name) for role in required_roles(doc)]
        self.signing = SigningDialog(signers, proposal_summary(doc, current_language()), self)
        self.signing.signatures_did_confirm.connect(self._sign)
        self.signing.open()

    def _sign(self, signatures: dict[str, Any]) -> None:
        proposals, proposal_id, dialog = self.ctx.proposals, self.proposal_id, self.signing
        assert dialog is not None

        def finished(_result: object) -> None:
            dialog.accept()
            self.proposal_did_finish.emit(proposal_id)
            self.reload()

        self.submit(lambda _t: proposals.finish(proposal_id, signatures), finished, dialog.show_refusal)

    def ask_correction(self) -> None:
        self.reason_dialog = ReasonDialog(
            self.tr("Correct the proposal"),
            self.tr("A correction is a new version of this finished proposal. Why is it needed?"),
            self,
        )
        self.reason_dialog.text_did_confirm.connect(self._correct)
        self.reason_dialog.open()

    def _correct(self, reason: str) -> None:
        proposals, proposal_id = self.ctx.proposals, self.proposal_id

        def made(new_id: ProposalId) -> None:
            self.correction_did_create.emit(new_id)
            self.accept()

        self.submit(lambda _t: proposals.correct(proposal_id, reason), made)

    # ---- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        # Close, Esc and the window's close button all end here: nothing typed is lost.
        self.save_now()
        super().reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.isVisible():
            self.save_now()
        return False
