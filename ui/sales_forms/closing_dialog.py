"""成交面谈记录表: the closing interview as a form that saves as it is typed.

Opened from a visit (the Planner's visit dialog, Today's agenda) or for a client; the core keeps
one form a visit. Marking it done counts it once in the work log; a closed outcome offers a new
proposal, which the shell opens on the Proposals page (`proposal_did_request`).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId, ProposalId, VisitId
from app.rules.money import cents_from_amount, yuan_text
from app.sales_forms.closing import ClosingInput, ClosingView, Objection
from ui.common.palette import set_tone
from ui.common.print_actions import open_preview
from ui.common.qdates import pydate, qdate
from ui.common.task_runner import TaskRunner
from ui.common.widgets.entry_table import Column, EntryTable
from ui.sales_forms.form_dialog import button_row, save_as_you_type

if TYPE_CHECKING:
    from app.context import AppContext
    from app.rules.product_catalogue import ProductCatalogue
    from ui.common.print_preview import PrintPreviewDialog

SAVE_DELAY_MS = 400  # typing pauses this long before the form is saved


class ClosingInterviewDialog(QDialog):
    proposal_did_request = Signal(str)  # the proposal id: open it in the Proposals page
    form_did_save = Signal(object)  # the ClosingView as saved

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        interview_id: str | None = None,
        visit_id: str | None = None,
        client_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._service = ctx.closing_interviews
        self._catalogue: ProductCatalogue = ctx.catalogue()
        self.view: ClosingView | None = None
        self._product_code = ""
        self._loading = False
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Closing interview"))
        self.setObjectName("closingInterviewDialog")

        self.who = QLabel(self)
        self.who.setObjectName("closingWho")
        self.held_on = QDateEdit(self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.product = QLineEdit(self)
        self.product.setObjectName("closingProduct")
        self.product.setPlaceholderText(self.tr("Product code or name, then pick it from the list"))
        names = [f"{p.name_zh} {p.code}" for p in self._catalogue.products]
        self.completer = QCompleter(QStringListModel(names, self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product.setCompleter(self.completer)
        self.product_panel = QLabel(self)
        self.product_panel.setWordWrap(True)
        self.product_panel.setStyleSheet("color: palette(mid);")
        self.premium = QLineEdit(self)
        self.premium.setObjectName("closingPremium")
        self.premium.setPlaceholderText(self.tr("e.g. 200000 or 20万"))
        self.premium_shown = QLabel(self)
        self.fab = QCheckBox(self.tr("&FAB presented"), self)
        self.three = QCheckBox(self.tr("Kept at the close &three times or more"), self)
        self.objections = EntryTable(
            [Column("objection", self.tr("Objection")), Column("handling", self.tr("How it was handled"))], self
        )
        self.objections.setObjectName("closingObjections")
        self.objections.setTabKeyNavigation(False)
        self.add_objection = QPushButton(self.tr("&Add an objection"), self)
        self.other = QPlainTextEdit(self)
        self.improve = QPlainTextEdit(self)
        for edit in (self.other, self.improve):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("closingOutcome")
        for key, name in self.outcome_names().items():
            self.outcome.addItem(name, key)
        self.follow_up = QDateEdit(self)
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_label = QLabel(self.tr("Follow-&up on"), self)
        self.follow_up_label.setBuddy(self.follow_up)
        self.follow_up_note = QLabel(self)
        self.follow_up_note.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("closingState")
        self.problem = QLabel(self)
        self.problem.setObjectName("closingProblem")
        self.problem.setWordWrap(True)
        set_tone(self.problem, "problem")
        self.problem.hide()
        self.done_button = QPushButton(self.tr("Mark &done"), self)
        self.done_button.setObjectName("closingDone")
        self.proposal_button = QPushButton(self.tr("New p&roposal…"), self)
        self.proposal_button.setObjectName("closingProposal")
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self._lay_out()

        self._timer = save_as_you_type(self, self.save_now, SAVE_DELAY_MS)
        for line in (self.product, self.premium):
            line.textEdited.connect(self._typed)
        for edit in (self.other, self.improve):
            edit.textChanged.connect(self._typed)
        for box in (self.fab, self.three):
            box.toggled.connect(self._typed)
        for date_edit in (self.held_on, self.follow_up):
            date_edit.dateChanged.connect(self._typed)
        self.outcome.currentIndexChanged.connect(self._outcome_did_change)
        self.objections.table_did_change.connect(self._typed)
        self.completer.activated.connect(self._product_picked)
        self.product.editingFinished.connect(self._product_left)
        self.add_objection.clicked.connect(self._add_objection)
        self.done_button.clicked.connect(self.toggle_done)
        self.proposal_button.clicked.connect(self.new_proposal)
        self.print_button.clicked.connect(self.print_form)
        self.close_button.clicked.connect(self.accept)
        self._set_enabled(False)

        if interview_id is not None:
            service, wanted = self._service, interview_id
            runner.submit(lambda _t: service.get(wanted), lane="db", on_done=self.load, on_error=self.show_problem)
        else:
            service = self._service
            visit = VisitId(visit_id) if visit_id else None
            client = ClientId(client_id) if client_id else None
            runner.submit(lambda _t: service.start(visit_id=visit, client_id=client), lane="db",
                          on_done=self.load, on_error=self.show_problem)  # fmt: skip

    def _lay_out(self) -> None:
        form = QFormLayout()
        held_label = QLabel(self.tr("&Held on"), self)
        held_label.setBuddy(self.held_on)
        form.addRow(held_label, self.held_on)
        product_label = QLabel(self.tr("Plan pre&sented"), self)
        product_label.setBuddy(self.product)
        form.addRow(product_label, self.product)
        form.addRow("", self.product_panel)
        premium_row = QHBoxLayout()
        premium_row.addWidget(self.premium, 1)
        premium_row.addWidget(self.premium_shown)
        premium_label = QLabel(self.tr("Pre&mium (yuan)"), self)
        premium_label.setBuddy(self.premium)
        form.addRow(premium_label, premium_row)
        ticks = QHBoxLayout()
        ticks.addWidget(self.fab)
        ticks.addWidget(self.three)
        ticks.addStretch(1)
        form.addRow(self.tr("Review"), ticks)
        objections_label = QLabel(self.tr("O&bjections and how each was handled"), self)
        objections_label.setBuddy(self.objections)
        other_label = QLabel(self.tr("&Other"), self)
        other_label.setBuddy(self.other)
        improve_label = QLabel(self.tr("What to &improve this time"), self)
        improve_label.setBuddy(self.improve)
        outcome_label = QLabel(self.tr("Outcom&e"), self)
        outcome_label.setBuddy(self.outcome)
        after = QFormLayout()
        after.addRow(other_label, self.other)
        after.addRow(improve_label, self.improve)
        after.addRow(outcome_label, self.outcome)
        after.addRow(self.follow_up_label, self.follow_up)
        after.addRow("", self.follow_up_note)
        buttons = button_row(self.state, self.done_button, self.proposal_button, self.print_button, self.close_button)
        objection_buttons = QHBoxLayout()
        objection_buttons.addWidget(self.add_objection)
        objection_buttons.addWidget(QLabel(self.tr("Delete removes the selected row."), self), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(objections_label)
        layout.addWidget(self.objections, 1)
        layout.addLayout(objection_buttons)
        layout.addLayout(after)
        layout.addLayout(buttons)
        chain: list[QWidget] = [
            self.held_on, self.product, self.premium, self.fab, self.three, self.objections, self.add_objection,
            self.other, self.improve, self.outcome, self.follow_up, self.done_button, self.proposal_button,
            self.print_button, self.close_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.resize(760, 720)

    def outcome_names(self) -> dict[str | None, str]:
        return {
            None: self.tr("(not decided yet)"),
            "closed": self.tr("Closed"),
            "follow_up": self.tr("Follow up"),
            "declined": self.tr("Declined"),
        }

    # ---- showing ---------------------------------------------------------------------

    def load(self, view: ClosingView) -> None:
        self._loading = True
        try:
            self.view = view
            data = view.data
            self.who.setText(self._who_text(view))
            self.held_on.setDate(qdate(data.held_on))
            self._product_code = data.product_code
            self.product.setText(f"{view.product_name} {data.product_code}" if data.product_code else "")
            self._show_product()
            self.premium.setText(yuan_text(data.premium_cents, grouping=False) if data.premium_cents else "")
            self._show_premium()
            self.fab.setChecked(data.fab_presented)
            self.three.setChecked(data.three_attempts)
            self.objections.set_rows([{"objection": o.objection, "handling": o.handling} for o in data.objections])
            self.other.setPlainText(data.other)
            self.improve.setPlainText(data.improve)
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(data.outcome)))
            self.follow_up.setDate(qdate(data.follow_up_on or data.held_on))
        finally:
            self._loading = False
        self._set_enabled(True)
        self._show_state(view)
        self.product.setFocus()

    def _who_text(self, view: ClosingView) -> str:
        who = view.client_name or self.tr("%1 (prospect)").replace("%1", view.prospect_name)
        if view.visit_starts_at is not None:
            when = view.visit_starts_at.strftime("%Y-%m-%d %H:%M")
            return (
                self.tr("%1 — visit at %2 %3").replace("%1", who).replace("%2", when).replace("%3", view.visit_location)
            )
        return who

    def _show_state(self, view: ClosingView) -> None:
        done = view.status == "done"
        self.state.setText(
            self.tr("Done: counted once in the work log.") if done else self.tr("Draft: saved as typed.")
        )
        self.done_button.setText(self.tr("Mark not &done") if done else self.tr("Mark &done"))
        closed = self.outcome.currentData() == "closed"
        self.proposal_button.setEnabled(closed and bool(view.data.client_id))
        self.proposal_button.setText(self.tr("Open the p&roposal…") if view.proposal_id else self.tr("New p&roposal…"))
        following = self.outcome.currentData() == "follow_up"
        self.follow_up.setVisible(following)
        self.follow_up_label.setVisible(following)
        if following and view.follow_up_visit_id:
            self.follow_up_note.setText(self.tr("A follow-up visit is in the planner."))
        elif following and not view.data.client_id:
            self.follow_up_note.setText(self.tr("A prospect has no card to visit: the date stays on this form."))
        elif following:
            self.follow_up_note.setText(self.tr("Marked done, the follow-up becomes a visit in the planner."))
        self.follow_up_note.setVisible(following)

    def _show_product(self) -> None:
        product = self._catalogue.find(self._product_code) if self._product_code else None
        if product is None:
            self.product_panel.hide()
            return
        fab = product.fab
        self.product_panel.setText(
            self.tr("F: %1  A: %2  B: %3").replace("%1", fab.feature).replace("%2", fab.advantage)
            .replace("%3", fab.benefit)
        )  # fmt: skip
        self.product_panel.setVisible(bool(fab.feature))

    def _show_premium(self) -> bool:
        try:
            cents = cents_from_amount(self.premium.text())
        except ValueError:
            cents = -1
        if cents is not None and cents < 0:
            self.premium_shown.setText(self.tr("not an amount"))
            return False
        self.premium_shown.setText(self.tr("= %1 yuan").replace("%1", yuan_text(cents)) if cents else "")
        return True

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.held_on, self.product, self.premium, self.fab, self.three, self.objections,
                       self.add_objection, self.other, self.improve, self.outcome, self.follow_up,
                       self.done_button, self.print_button):  # fmt: skip
            widget.setEnabled(enabled)
        if not enabled:
            self.proposal_button.setEnabled(False)

    # ---- reacting --------------------------------------------------------------------

    def _typed(self) -> None:
        if self._loading or self.view is None:
            return
        self._show_premium()
        self._timer.start()

    def _outcome_did_change(self) -> None:
        if self.view is not None and not self._loading:
            self._show_state(self.view)
        self._typed()

    def _product_picked(self, text: str) -> None:
        code = text.rsplit(" ", 1)[-1]
        if self._catalogue.find(code) is not None:
            self._product_code = code
            self._show_product()
            self._typed()

    def _product_left(self) -> None:
        """Leaving the field: an exact code or name picks that product; an empty field none."""
        text = self.product.text().strip()
        if not text:
            self._product_code = ""
        else:
            found = self._catalogue.find(text.rsplit(" ", 1)[-1]) or next(
                (p for p in self._catalogue.products if p.name_zh == text), None
            )
            if found is None:
                self.show_problem(self.tr("Pick the product from the list: type part of its name or code."))
                return
            self._product_code = found.code
            self.product.setText(f"{found.name_zh} {found.code}")
        self._show_product()
        self._typed()

    def _add_objection(self) -> None:
        self.objections.add_row()
        row = self.objections.rowCount() - 1
        self.objections.setCurrentCell(row, 0)
        self.objections.setFocus()
        item = self.objections.item(row, 0)
        if item is not None:
            self.objections.editItem(item)

    # ---- saving ----------------------------------------------------------------------

    def data(self) -> ClosingInput | None:
        if self.view is None:
            return None
        base = self.view.data
        try:
            premium = cents_from_amount(self.premium.text())
        except ValueError:
            premium = base.premium_cents  # kept as last saved until the amount reads
        rows, _bad = self.objections.rows()
        outcome = self.outcome.currentData()
        return ClosingInput(
            held_on=pydate(self.held_on.date()),
            client_id=base.client_id,
            prospect_id=base.prospect_id,
            visit_id=base.visit_id,
            product_code=self._product_code,
            premium_cents=premium,
            fab_presented=self.fab.isChecked(),
            three_attempts=self.three.isChecked(),
            objections=tuple(Objection(r["objection"] or "", r["handling"] or "") for r in rows),
            other=self.other.toPlainText(),
            improve=self.improve.toPlainText(),
            outcome=outcome,
            follow_up_on=pydate(self.follow_up.date()) if outcome == "follow_up" else None,
        )

    def save_now(self) -> None:
        self._timer.stop()
        data = self.data()
        if data is None or self.view is None:
            return
        service, interview_id = self._service, self.view.id
        self._runner.submit(lambda _t: service.save(interview_id, data), lane="db", on_done=self._saved,
                            on_error=self.show_problem)  # fmt: skip

    def _saved(self, view: ClosingView) -> None:
        if self.view is None or view.id != self.view.id:
            return
        self.view = view
        self.show_problem("")
        self._show_state(view)
        self.form_did_save.emit(view)

    def toggle_done(self) -> None:
        if self.view is None:
            return
        self._timer.stop()
        service, interview_id, data = self._service, self.view.id, self.data()
        if self.view.status == "done":
            work = lambda _t: service.reopen(interview_id)  # noqa: E731
        else:
            work = lambda _t: service.mark_done(interview_id, data)  # noqa: E731
        self._runner.submit(work, lane="db", on_done=self._saved, on_error=self.show_problem)

    def new_proposal(self) -> None:
        """Save what is typed, then the proposal it leads to (made once), opened by the shell."""
        if self.view is None:
            return
        self.save_now()
        service, interview_id = self._service, self.view.id
        self._runner.submit(lambda _t: service.new_proposal(interview_id), lane="db",
                            on_done=self._proposal_made, on_error=self.show_problem)  # fmt: skip

    def _proposal_made(self, proposal_id: ProposalId) -> None:
        self.proposal_did_request.emit(str(proposal_id))
        self.accept()

    def print_form(self) -> None:
        if self.view is None:
            return
        self.save_now()
        ctx, interview_id, when = self._ctx, self.view.id, self.view.data.held_on

        def make() -> bytes:
            from app.reports.closing_interview import print_closing_interview

            return print_closing_interview(ctx, interview_id)

        name = f"成交面谈记录表-{_name(self.view)}-{when.isoformat()}.pdf"
        # On the db lane: after the save just queued, so the paper shows what is on screen.
        self.preview = open_preview(self, self._runner, self.tr("Closing interview"), make, name, pdf_lane="db")

    # ---- closing ---------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self._timer.isActive():
            self.save_now()  # typed just before closing: kept
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._timer.isActive():
            self.save_now()
        super().closeEvent(event)


def _name(view: ClosingView) -> str:
    return view.client_name or view.prospect_name or "—"


def open_closing_interview(
    parent: QWidget | None,
    ctx: AppContext,
    runner: TaskRunner,
    *,
    visit_id: str | None = None,
    client_id: str | None = None,
    interview_id: str | None = None,
) -> ClosingInterviewDialog:
    """The visit's closing interview (or the one named), else a new one for the client; not modal,
    deleted on close."""
    dialog = ClosingInterviewDialog(
        ctx, runner, interview_id=interview_id, visit_id=visit_id, client_id=client_id, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.activateWindow()  # over the visit dialog that asked, which stays open beneath
    return dialog
