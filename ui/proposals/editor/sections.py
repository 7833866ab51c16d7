"""The editor's plain sections: relation, product, payment, health questions, manager."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from app.rules.money import capital_amount_text
from app.rules.problem import Problem
from app.rules.product_catalogue import ProductCatalogue
from app.rules.proposal import HealthAnswer, ProposalDoc
from ui.common.widgets.amount_edit import AmountEdit
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.editor.fields import ProblemBoard, combo, parse_date, parse_yuan, select
from ui.proposals.editor.product_picker import ChosenProduct, ProductPicker

# The questionnaire of the demo products and the sample form; q3 and q4 feed the rules'
# pregnancy window (P040) and the medical review of a disabled insured (W001).
HEALTH_QUESTIONS = ("q1_hospitalised", "q2_chronic_disease", "q3_pregnant", "q4_disability")
MAX_PAYMENT_YEARS = 100


class Section(QGroupBox):
    section_did_change = Signal()

    def __init__(self, title: str, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.board = board
        self.form = QFormLayout(self)

    def row(self, path: str, text: str, widget: QWidget) -> None:
        widget.setObjectName(path)
        self.board.add_row(self.form, path, text, widget)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.section_did_change)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.section_did_change)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self.section_did_change)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.section_did_change)
        elif isinstance(widget, YesNo):
            widget.answer_did_change.connect(self.section_did_change)

    def set_editable(self, editable: bool) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QSpinBox)):
                widget.setReadOnly(not editable)
            elif isinstance(widget, (QCheckBox, QComboBox, YesNo)):
                widget.setEnabled(editable)


class YesNo(QWidget):
    """A question answered 是 or 否, and unanswered until one is chosen (no default answer)."""

    answer_did_change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yes, self.no = QRadioButton(self.tr("Yes"), self), QRadioButton(self.tr("No"), self)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.answer_did_change.emit()

    def answer(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None

    def set_answer(self, answer: bool | None) -> None:
        self.blockSignals(True)
        self.group.setExclusive(False)  # an exclusive group cannot go back to unanswered
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)
        self.group.setExclusive(True)
        self.blockSignals(False)


class RelationSection(Section):
    """Is the insured the policyholder, and if not, what they are to the policyholder."""

    same_person_did_toggle = Signal(bool)

    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        # The insured's own fields come under the next heading (被保险人): this one is the relation.
        super().__init__(self.tr("Relation of the insured to the policyholder"), board, parent)
        self.same_person = QCheckBox(self.tr("The insured is the policyholder"), self)
        self.relation = combo(self, ProposalChoices(self).relations())
        self.row("same_person", "", self.same_person)
        self.row("relation", self.tr("Insured is the policyholder's"), self.relation)
        self.same_person.toggled.connect(self._toggled)

    def focus_chain(self) -> list[QWidget]:
        return [self.same_person, self.relation]

    def show_relation(self, relation: str | None) -> None:
        self.same_person.blockSignals(True)
        self.same_person.setChecked(relation == "self")
        self.same_person.blockSignals(False)
        select(self.relation, None if relation == "self" else relation)
        self.relation.setEnabled(relation != "self")

    def value(self) -> str | None:
        return "self" if self.same_person.isChecked() else self.relation.currentData()

    def _toggled(self, checked: bool) -> None:
        self.relation.setEnabled(not checked)
        self.same_person_did_toggle.emit(checked)


class ProductSection(Section):
    """The application date, the product picked from the catalogue (`ProductPicker`), the amounts."""

    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Product"), board, parent)
        self.application_date = QLineEdit(self)
        self.application_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.picker = ProductPicker(self)
        self.chosen = ChosenProduct(self)
        self.product_code, self.product_name = self.chosen.code, self.chosen.name
        self.catalogue_version: int | None = None
        self.sum_insured, self.premium = AmountEdit(self), AmountEdit(self)
        self.capitals: dict[AmountEdit, QLabel] = {}
        self.row("application_date", self.tr("Application date"), self.application_date)
        # Not through `row`: typing a search changes nothing on the form until a product is picked.
        self.picker.setObjectName("product_code")
        self.board.add_row(self.form, "product_code", self.tr("&Product"), self.picker)
        self.board.refocus("product_code", self.picker.search)
        holder = self.picker.parentWidget()
        label = self.form.labelForField(holder) if holder is not None else None
        if isinstance(label, QLabel):
            label.setBuddy(self.picker.search)
        self.chosen.setObjectName("product_name")
        self.board.add_row(self.form, "product_name", self.tr("Chosen product"), self.chosen)
        self.board.refocus("product_name", self.picker.search)
        self.amount_row("sum_insured_cents", self.tr("Sum insured (yuan)"), self.sum_insured)
        self.amount_row("premium_cents", self.tr("Premium (yuan)"), self.premium)
        self.picker.product_did_pick.connect(self._picked)

    def amount_row(self, path: str, text: str, edit: AmountEdit) -> None:
        """The amount with its 大写金额 beside it, kept in step as it is typed."""
        holder = QWidget(self)
        edit.setParent(holder)
        edit.setObjectName(path)
        capital = self.capitals[edit] = QLabel(holder)
        capital.setObjectName(f"{path}_capital")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(capital, 1)
        self.board.add_row(self.form, path, text, holder)
        self.board.refocus(path, edit)
        edit.textEdited.connect(self.section_did_change)
        edit.textChanged.connect(lambda _text: self._show_capital(edit))

    def _show_capital(self, edit: AmountEdit) -> None:
        cents = edit.cents_or_none()
        self.capitals[edit].setText(capital_amount_text(cents) if cents is not None else "")

    def focus_chain(self) -> list[QWidget]:
        return [self.application_date, self.picker.search, self.sum_insured, self.premium]

    def set_catalogue(self, catalogue: ProductCatalogue, keys: dict[str, str]) -> None:
        self.picker.set_catalogue(catalogue, keys)

    def show_doc(self, doc: ProposalDoc) -> None:
        self.application_date.setText(doc.application_date.isoformat() if doc.application_date else "")
        self.catalogue_version = doc.catalogue_version
        catalogue = self.picker.catalogue
        product = catalogue.find(doc.product_code) if catalogue is not None and doc.product_code else None
        # A code the catalogue no longer lists stays as it was saved: the rules say it is gone.
        self.chosen.show_product(doc.product_code, doc.product_name, product)
        self.sum_insured.set_cents(doc.sum_insured_cents)
        self.premium.set_cents(doc.premium_cents)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.product_code.setReadOnly(True)
        self.product_name.setReadOnly(True)
        self.picker.setVisible(editable)

    def _picked(self, code: str) -> None:
        catalogue = self.picker.catalogue
        product = catalogue.find(code) if catalogue is not None else None
        if catalogue is None or product is None:
            return
        self.catalogue_version = catalogue.version
        self.chosen.show_product(product.code, product.name_zh, product)
        self.section_did_change.emit()

    def values(self, problems: list[Problem]) -> dict[str, object]:
        day, bad_day = parse_date(self.application_date.text(), "application_date")
        insured, bad_sum = parse_yuan(self.sum_insured.text(), "sum_insured_cents")
        premium, bad_premium = parse_yuan(self.premium.text(), "premium_cents")
        problems += [p for p in (bad_day, bad_sum, bad_premium) if p is not None]
        return {
            "application_date": day, "product_code": self.product_code.text().strip(),
            "product_name": self.product_name.text().strip(), "catalogue_version": self.catalogue_version,
            "sum_insured_cents": insured,
            "premium_cents": premium,
        }  # fmt: skip


class PaymentSection(Section):
    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Payment"), board, parent)
        self.mode = combo(self, ProposalChoices(self).payment_modes())
        self.years = QSpinBox(self)
        self.years.setRange(0, MAX_PAYMENT_YEARS)
        self.years.setSpecialValueText(" ")  # 0 stands for "not given"
        self.years.setSuffix(self.tr(" years"))
        self.bank, self.account, self.holder = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.holder.setPlaceholderText(self.tr("the policyholder"))
        self.row("payment_mode", self.tr("Payment mode"), self.mode)
        self.row("payment_years", self.tr("Paying for"), self.years)
        self.row("payment_bank", self.tr("Paying bank"), self.bank)
        self.row("payment_account", self.tr("Account number"), self.account)
        self.row("payment_account_holder", self.tr("Account holder"), self.holder)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def focus_chain(self) -> list[QWidget]:
        return [self.mode, self.years, self.bank, self.account, self.holder]

    def show_doc(self, doc: ProposalDoc) -> None:
        select(self.mode, doc.payment_mode)
        self.years.setValue(doc.payment_years or 0)
        self.bank.setText(doc.payment_bank)
        self.account.setText(doc.payment_account)
        self.holder.setText(doc.payment_account_holder)

    def values(self) -> dict[str, object]:
        regular = self.mode.currentData() == "regular"
        return {
            "payment_mode": self.mode.currentData(),
            # Single payment has no years: a number left over from "regular" is not sent.
            "payment_years": (self.years.value() or None) if regular else None,
            "payment_bank": self.bank.text().strip(), "payment_account": self.account.text().strip(),
            "payment_account_holder": self.holder.text().strip(),
        }  # fmt: skip

    def _mode_changed(self) -> None:
        self.years.setEnabled(self.mode.currentData() == "regular" and self.mode.isEnabled())


class HealthSection(Section):
    """Health disclosure (健康告知); the pregnancy and disability answers are the insured's fields.
    Every question starts unanswered: the client answers each one, 否 is never assumed."""

    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Health questions (about the insured)"), board, parent)
        self.texts = {
            "q1_hospitalised": self.tr("Hospitalised or operated on in the past two years"),
            "q2_chronic_disease": self.tr("A chronic disease (e.g. high blood pressure, diabetes)"),
            "q3_pregnant": self.tr("Pregnant, or gave birth in the past weeks"),
            "q4_disability": self.tr("Disabled"),
        }
        self.questions = {key: YesNo(self) for key in self.texts}
        self.weeks = QSpinBox(self)
        self.weeks.setRange(-52, 45)
        self.weeks.setToolTip(self.tr("Weeks pregnant; a negative number counts the weeks since birth"))
        for key in ("q1_hospitalised", "q2_chronic_disease", "q3_pregnant"):
            self.row(self.path(key), self.texts[key], self.questions[key])
        self.row("insured.pregnancy_weeks", self.tr("Weeks pregnant (−: since birth)"), self.weeks)
        self.row("insured.disabled", self.texts["q4_disability"], self.questions["q4_disability"])
        for key, question in self.questions.items():
            self.board.refocus(self.path(key), question.yes)
            self.board.alias(question.no, question.yes)  # leaving either answer is leaving the question
        self.questions["q3_pregnant"].answer_did_change.connect(self._pregnant_toggled)
        self._pregnant_toggled()

    @staticmethod
    def path(key: str) -> str:
        return "insured.disabled" if key == "q4_disability" else f"health_answers.{key}"

    def focus_chain(self) -> list[QWidget]:
        q = self.questions
        return [q["q1_hospitalised"].yes, q["q1_hospitalised"].no, q["q2_chronic_disease"].yes,
                q["q2_chronic_disease"].no, q["q3_pregnant"].yes, q["q3_pregnant"].no, self.weeks,
                q["q4_disability"].yes, q["q4_disability"].no]  # fmt: skip

    def show_doc(self, doc: ProposalDoc) -> None:
        for key, question in self.questions.items():
            answer = doc.health_answers.get(key)
            question.set_answer(None if answer is None else bool(answer))
        if doc.insured.pregnancy_weeks is not None:
            self.questions["q3_pregnant"].set_answer(True)
        if doc.insured.disabled:
            self.questions["q4_disability"].set_answer(True)
        self.weeks.setValue(doc.insured.pregnancy_weeks or 0)
        self._pregnant_toggled()

    def answers(self) -> Mapping[str, HealthAnswer]:
        """The questions answered so far; one left unanswered is not in the form at all."""
        return {key: answer for key, q in self.questions.items() if (answer := q.answer()) is not None}

    def unanswered(self, template: str) -> list[Problem]:
        """A problem for each question not yet answered; `template` is the translated message, %1
        the question (the same words in both languages' slots: the form shows what the UI speaks)."""
        problems = []
        for key, question in self.questions.items():
            if question.answer() is None:
                text = template.replace("%1", self.texts[key])
                problems.append(Problem(self.path(key), "U002_unanswered", text, text))
        return problems

    def pregnancy_weeks(self) -> int | None:
        return self.weeks.value() if self.questions["q3_pregnant"].answer() else None

    def disabled(self) -> bool:
        return self.questions["q4_disability"].answer() is True

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._pregnant_toggled()

    def _pregnant_toggled(self) -> None:
        pregnant = self.questions["q3_pregnant"]
        self.weeks.setEnabled(pregnant.answer() is True and pregnant.isEnabled())


class ManagerSection(Section):
    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Account manager"), board, parent)
        self.name, self.code, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.row("manager_name", self.tr("Name"), self.name)
        self.row("manager_code", self.tr("Code"), self.code)
        self.row("manager_phone", self.tr("Phone"), self.phone)

    def focus_chain(self) -> list[QWidget]:
        return [self.name, self.code, self.phone]

    def show_doc(self, doc: ProposalDoc) -> None:
        self.name.setText(doc.manager_name)
        self.code.setText(doc.manager_code)
        self.phone.setText(doc.manager_phone)

    def values(self) -> dict[str, object]:
        return {"manager_name": self.name.text().strip(), "manager_code": self.code.text().strip(),
                "manager_phone": self.phone.text().strip()}  # fmt: skip
