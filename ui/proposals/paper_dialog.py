"""Register paper proposal…: a proposal filled on paper at the counter, with the initial review.

The form number, the application date, the policyholder and the insured (typed, or chosen from
a client card), the product from the catalogue (the editor's picker), the premium (the amount
field) and the initial-review checklist (初审, app/rules/paper_review.py) as check boxes: the
core refuses it, saying why, until every item is ticked. Registered, it is a finished proposal
queued for head office like the others.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.rules import paper_review
from app.rules.ids import ClientId, ProposalId
from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.common.qdates import pydate, qdate
from ui.common.task_runner import TaskRunner
from ui.common.widgets.amount_edit import AmountEdit
from ui.proposals.editor.party import ClientPickerDialog
from ui.proposals.editor.product_picker import ChosenProduct, ProductPicker, search_keys

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.context import AppContext
    from app.rules.product_catalogue import ProductCatalogue


class PartyLine(QWidget):
    """A name typed, or taken from a client card (Choose client…); typing over it unlinks the card."""

    def __init__(self, choose_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: ClientId | None = None
        self.name = QLineEdit(self)
        self.choose = QPushButton(choose_text, self)
        self.choose.setAutoDefault(False)
        self.linked = QLabel(self)
        self.linked.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name, 1)
        row.addWidget(self.linked)
        row.addWidget(self.choose)
        self.name.textEdited.connect(lambda _text: self.take(None, ""))

    def take(self, client_id: ClientId | None, name: str) -> None:
        self.client_id = client_id
        if client_id is not None:
            self.name.setText(name)
            self.linked.setText(self.tr("client card linked"))
        self.linked.setVisible(client_id is not None)


class PaperProposalDialog(QDialog):
    proposal_did_register = Signal(str)  # the new proposal's id

    def __init__(self, ctx: AppContext, runner: TaskRunner, today: date | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register a paper proposal"))
        self.setObjectName("paperProposalDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)  # the product's panel wraps less
        self._ctx, self._runner = ctx, runner
        self._catalogue: ProductCatalogue | None = None
        self.product_code = ""
        self.client_dialog: ClientPickerDialog | None = None
        language = current_language()

        intro = QLabel(self.tr("A proposal the client filled and signed on paper at the counter: register it "
                               "after the initial review, and it goes to head office like the others."),
                       self)  # fmt: skip
        intro.setWordWrap(True)
        self.form_number = QLineEdit(self)
        self.form_number.setObjectName("paperFormNumber")
        self.form_number.setPlaceholderText(self.tr("the number printed on the form"))
        self.application_date = QDateEdit(self)
        self.application_date.setObjectName("paperApplicationDate")
        self.application_date.setCalendarPopup(True)
        self.application_date.setDisplayFormat("yyyy-MM-dd")
        day = today or date.today()
        self.application_date.setMaximumDate(qdate(day))
        self.application_date.setDate(qdate(day))
        self.policyholder = PartyLine(self.tr("Choose &client…"), self)
        self.policyholder.name.setObjectName("paperPolicyholder")
        self.insured = PartyLine(self.tr("Choose c&ard…"), self)
        self.insured.name.setObjectName("paperInsured")
        self.same_person = QCheckBox(self.tr("The insured is the policyholder"), self)
        self.picker = ProductPicker(self)
        self.chosen = ChosenProduct(self)
        for product_part in (self.picker, self.chosen):  # as tall as they need, never more: rows stay together
            product_part.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.premium = AmountEdit(self)
        self.premium.setObjectName("paperPremium")

        form = QFormLayout()
        for text, widget, buddy in (
            (self.tr("Form &number"), self.form_number, self.form_number),
            (self.tr("Application &date"), self.application_date, self.application_date),
            (self.tr("Polic&yholder"), self.policyholder, self.policyholder.name),
            (self.tr("&Insured"), self.insured, self.insured.name),
            (self.tr("Pr&oduct"), self.picker, self.picker.search),
            (self.tr("Pre&mium (yuan)"), self.premium, self.premium),
        ):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, widget)
            if widget is self.insured:
                form.addRow("", self.same_person)
            elif widget is self.picker:
                form.addRow("", self.chosen)

        self.review_box = QGroupBox(self.tr("Initial review: tick each item checked on the paper"), self)
        self.review: dict[str, QCheckBox] = {}
        review_layout = QVBoxLayout(self.review_box)
        for item in paper_review.CHECKLIST:
            box = QCheckBox(item.text(language), self.review_box)
            box.setObjectName(f"review_{item.key}")
            self.review[item.key] = box
            review_layout.addWidget(box)

        self.problems = QLabel(self)
        self.problems.setObjectName("paperProblems")
        self.problems.setWordWrap(True)
        set_tone(self.problems, "problem")
        # Plain buttons, none default: Enter picks a product in the search field, it never registers.
        self.register_button = QPushButton(self.tr("&Register"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.register_button, self.cancel_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.review_box)
        layout.addStretch(1)  # room the product matches left behind stays here, not between the rows
        layout.addWidget(self.problems)
        layout.addLayout(self.buttons)

        self.policyholder.choose.clicked.connect(lambda: self._choose(self.policyholder))
        self.insured.choose.clicked.connect(lambda: self._choose(self.insured))
        self.same_person.toggled.connect(self._same_person)
        self.policyholder.name.textChanged.connect(lambda _t: self._same_person(self.same_person.isChecked()))
        self.picker.product_did_pick.connect(self._picked)
        self.register_button.clicked.connect(self.register)
        self.cancel_button.clicked.connect(self.reject)
        self.form_number.setFocus()

        catalogue = ctx.catalogue()
        runner.submit(lambda _t: (catalogue, search_keys(catalogue)), lane="cpu",
                      on_done=self._catalogue_ready, on_error=self.problems.setText)  # fmt: skip

    # ---- filling in -------------------------------------------------------------------------

    def _catalogue_ready(self, found: tuple[ProductCatalogue, dict[str, str]]) -> None:
        self._catalogue = found[0]
        self.picker.set_catalogue(*found)

    def _picked(self, code: str) -> None:
        product = self._catalogue.find(code) if self._catalogue is not None else None
        if product is None:
            return
        self.product_code = product.code
        # Code and name only: the selling points the editor shows are for a sale, this one is made.
        self.chosen.show_product(product.code, product.name_zh, None)
        self.premium.setFocus()
        QTimer.singleShot(0, self.adjustSize)  # the room the matches took is given back

    def _choose(self, party: PartyLine) -> None:
        self.client_dialog = ClientPickerDialog(self._runner, self._ctx.clients, self)
        self.client_dialog.client_did_choose.connect(lambda row: self._chosen(party, row))
        self.client_dialog.open()

    def _chosen(self, party: PartyLine, row: ClientRow) -> None:
        party.take(row.id, row.name)
        party.name.setFocus()

    def _same_person(self, same: bool) -> None:
        self.insured.setEnabled(not same)
        if same:
            self.insured.name.setText(self.policyholder.name.text())
            self.insured.client_id = self.policyholder.client_id
            self.insured.linked.setVisible(self.insured.client_id is not None)

    def ticked(self) -> dict[str, bool]:
        return {key: box.isChecked() for key, box in self.review.items()}

    # ---- registering ------------------------------------------------------------------------

    def register(self) -> None:
        try:
            premium = self.premium.cents()
        except ValueError:
            self.problems.setText(self.tr("The premium cannot be read: type it as 20,000 or 2万."))
            self.premium.setFocus()
            return
        self._same_person(self.same_person.isChecked())
        paper, review = self._ctx.paper_proposals, self.ticked()
        number, day = self.form_number.text(), pydate(self.application_date.date())
        holder, insured = self.policyholder, self.insured
        holder_name, holder_id, insured_name, insured_id = (holder.name.text(), holder.client_id, insured.name.text(),
                                                            insured.client_id)  # fmt: skip
        code = self.product_code
        self.register_button.setEnabled(False)
        self.problems.setText(self.tr("Registering…"))
        self._runner.submit(
            lambda _t: paper.register(number, day, holder_id, holder_name, insured_name, code, premium, review,
                                      insured_client_id=insured_id),
            lane="db", on_done=self._registered, on_error=self._refused,
        )  # fmt: skip

    def _registered(self, proposal_id: ProposalId) -> None:
        self.problems.setText("")
        self.proposal_did_register.emit(proposal_id)
        self.accept()

    def _refused(self, text: str) -> None:
        self.register_button.setEnabled(True)
        self.problems.setText(text)
