"""Death beneficiaries (身故受益人): a row of fields per person, or "legal heirs" alone.

Rows are widgets rather than table cells so that Tab walks through them like any other
field and each row carries its own problem line.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.rules.problem import Problem
from app.rules.proposal import BeneficiaryDoc
from app.rules.proposal_rules import FULL_SHARE
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.editor.fields import ProblemBoard, combo, parse_percent, percent_text, problem_label, select

PREFIX = "beneficiaries"
LEGAL_HEIRS = BeneficiaryDoc(
    legal_heirs=True, name="", relation_to_insured=None, id_type="resident_id", id_number="",
    order=1, share_basis_points=FULL_SHARE,
)  # fmt: skip


class BeneficiaryRow(QWidget):
    row_did_change = Signal()
    remove_did_request = Signal(object)  # this row

    def __init__(self, choices: ProposalChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = QSpinBox(self)
        self.order.setRange(1, 9)
        self.order.setAccessibleName(self.tr("Order"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name"))
        self.relation = combo(self, choices.beneficiary_relations())
        self.relation.setAccessibleName(self.tr("Relation to the insured"))
        self.id_type = combo(self, choices.id_types())
        self.id_number = QLineEdit(self)
        self.id_number.setAccessibleName(self.tr("ID number"))
        self.share = QLineEdit(self)
        self.share.setAccessibleName(self.tr("Share %"))
        self.share.setMaximumWidth(80)
        self.remove = QPushButton(self.tr("Remove"), self)
        # In a dialog a button that had the focus becomes the default: Enter elsewhere would remove the row.
        self.remove.setAutoDefault(False)
        self.problem = problem_label(self, "beneficiaryProblem")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate([*self.inputs(), self.remove]):
            grid.addWidget(widget, 0, column)
        grid.addWidget(self.problem, 1, 0, 1, 7)
        set_columns(grid)
        for edit in (self.name, self.id_number, self.share):
            edit.textEdited.connect(self.row_did_change)
        self.order.valueChanged.connect(self.row_did_change)
        for box in (self.relation, self.id_type):
            box.currentIndexChanged.connect(self.row_did_change)
        self.remove.clicked.connect(lambda: self.remove_did_request.emit(self))

    def inputs(self) -> list[QWidget]:
        return [self.order, self.name, self.relation, self.id_type, self.id_number, self.share]

    def show_doc(self, doc: BeneficiaryDoc) -> None:
        self.order.setValue(max(1, doc.order))
        self.name.setText(doc.name)
        select(self.relation, doc.relation_to_insured)
        select(self.id_type, doc.id_type)
        self.id_number.setText(doc.id_number)
        self.share.setText(percent_text(doc.share_basis_points) if doc.share_basis_points else "")

    def doc(self, index: int, problems: list[Problem]) -> BeneficiaryDoc:
        share, problem = parse_percent(self.share.text(), f"{PREFIX}[{index}].share_basis_points")
        if problem is not None:
            problems.append(problem)
        return BeneficiaryDoc(
            legal_heirs=False, name=self.name.text().strip(), relation_to_insured=self.relation.currentData(),
            id_type=self.id_type.currentData(), id_number=self.id_number.text().strip(),
            order=self.order.value(), share_basis_points=share,
        )  # fmt: skip

    def set_editable(self, editable: bool) -> None:
        for edit in (self.name, self.id_number, self.share):
            edit.setReadOnly(not editable)
        self.order.setReadOnly(not editable)
        for box in (self.relation, self.id_type):
            box.setEnabled(editable)
        self.remove.setVisible(editable)


def set_columns(grid: QGridLayout) -> None:
    for column, stretch in enumerate((0, 3, 2, 2, 3, 1, 0)):
        grid.setColumnStretch(column, stretch)


class BeneficiariesSection(QGroupBox):
    section_did_change = Signal()
    rows_did_change = Signal()  # added or removed: the tab order must be laid again

    def __init__(self, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Death beneficiaries"), parent)
        self._board = board
        self._choices = ProposalChoices(self)
        self.rows: list[BeneficiaryRow] = []
        self.legal_heirs = QCheckBox(self.tr("Legal heirs instead of named beneficiaries"), self)
        self.legal_heirs.setObjectName("legalHeirs")
        self.heirs_problem = problem_label(self, "problem_beneficiaries")
        self.table = QWidget(self)
        header = QGridLayout()
        header.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate((self.tr("Order"), self.tr("Name"), self.tr("Relation to the insured"),
                                       self.tr("ID document"), self.tr("ID number"), self.tr("Share %"))):  # fmt: skip
            header.addWidget(QLabel(text, self.table), 0, column)
        set_columns(header)
        self.row_layout = QVBoxLayout(self.table)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.addLayout(header)
        self.add_button = QPushButton(self.tr("&Add beneficiary"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legal_heirs)
        layout.addWidget(self.heirs_problem)
        layout.addWidget(self.table)
        layout.addWidget(self.add_button)
        self._register()
        self.legal_heirs.toggled.connect(self._heirs_toggled)
        self.add_button.clicked.connect(self._add_clicked)

    def focus_chain(self) -> list[QWidget]:
        return [self.legal_heirs, *(w for row in self.rows for w in [*row.inputs(), row.remove]), self.add_button]

    def show_docs(self, docs: tuple[BeneficiaryDoc, ...]) -> None:
        heirs = any(b.legal_heirs for b in docs)
        self.legal_heirs.blockSignals(True)
        self.legal_heirs.setChecked(heirs)
        self.legal_heirs.blockSignals(False)
        named = [b for b in docs if not b.legal_heirs]
        while len(self.rows) > len(named):
            self._drop(self.rows[-1])
        while len(self.rows) < len(named):
            self._append()
        for row, doc in zip(self.rows, named, strict=True):
            row.show_doc(doc)
        self._heirs_shown(heirs)
        self._register()
        self.rows_did_change.emit()

    def docs(self, problems: list[Problem]) -> tuple[BeneficiaryDoc, ...]:
        if self.legal_heirs.isChecked():
            return (LEGAL_HEIRS,)
        return tuple(row.doc(i, problems) for i, row in enumerate(self.rows))

    def add_row(self) -> BeneficiaryRow:
        row = self._append()
        if len(self.rows) == 1:
            row.share.setText("100")  # one beneficiary takes it all, the usual case
        self._register()
        self.rows_did_change.emit()
        self.section_did_change.emit()
        return row

    def set_editable(self, editable: bool) -> None:
        self.legal_heirs.setEnabled(editable)
        self.add_button.setVisible(editable)
        for row in self.rows:
            row.set_editable(editable)

    # ---- rows -------------------------------------------------------------------------

    def _append(self) -> BeneficiaryRow:
        row = BeneficiaryRow(self._choices, self.table)
        self.row_layout.addWidget(row)
        # Shown now rather than on the layout's next pass, so the new row can take the focus.
        row.setVisible(self.table.isVisibleTo(self))
        row.row_did_change.connect(self.section_did_change)
        row.remove_did_request.connect(self._remove)
        self.rows.append(row)
        return row

    def _drop(self, row: BeneficiaryRow) -> None:
        self.rows.remove(row)
        self.row_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _add_clicked(self) -> None:
        self.add_row().name.setFocus()

    def _remove(self, row: BeneficiaryRow) -> None:
        index = self.rows.index(row)
        self._drop(row)
        self._register()
        self.rows_did_change.emit()
        self.section_did_change.emit()
        target = self.rows[min(index, len(self.rows) - 1)].name if self.rows else self.add_button
        target.setFocus()

    def _register(self) -> None:
        """Problem paths follow the rows' positions, which shift when one is removed."""
        self._board.forget(f"{PREFIX}[")
        self._board.register(PREFIX, self.heirs_problem, self.legal_heirs)
        for i, row in enumerate(self.rows):
            for key, widget in (("order", row.order), ("name", row.name), ("relation_to_insured", row.relation),
                                ("id_type", row.id_type), ("id_number", row.id_number),
                                ("share_basis_points", row.share), ("legal_heirs", row.name)):  # fmt: skip
                self._board.register(f"{PREFIX}[{i}].{key}", row.problem, widget)

    def _heirs_toggled(self, checked: bool) -> None:
        self._heirs_shown(checked)
        self.section_did_change.emit()

    def _heirs_shown(self, checked: bool) -> None:
        self.table.setVisible(not checked)
        self.add_button.setEnabled(not checked)
