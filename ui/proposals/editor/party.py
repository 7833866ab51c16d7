"""The policyholder's and the insured's sections: chosen from a client card or typed inline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.id_numbers import InvalidResidentId, parse_resident_id
from app.rules.problem import Problem
from app.rules.proposal import PartyDoc
from ui.common.task_runner import TaskRunner
from ui.common.widgets.client_picker import ClientPicker
from ui.proposals.editor.choices import ProposalChoices
from ui.proposals.editor.fields import ProblemBoard, combo, parse_date, select

if TYPE_CHECKING:
    from app.clients.records import ClientRow
    from app.clients.service import ClientService
    from app.proposals.records import ClientLink


class ClientPickerDialog(QDialog):
    """Type a name, Enter takes the first match; Esc leaves the party as it is."""

    client_did_choose = Signal(object)  # the ClientRow

    def __init__(self, runner: TaskRunner, clients: ClientService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a client"))
        self.picker = ClientPicker(runner, self)
        self.picker.attach(clients)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        self.picker.client_did_choose.connect(self._chosen)
        self.picker.search.setFocus()

    def _chosen(self, row: ClientRow) -> None:
        self.client_did_choose.emit(row)
        self.accept()


class PartySection(QGroupBox):
    """One party's fields; `role` is the path prefix the rules use (policyholder | insured)."""

    section_did_change = Signal()
    choose_did_request = Signal(str)  # role
    save_as_client_did_request = Signal(str)
    unlink_did_request = Signal(str)

    def __init__(self, role: str, title: str, board: ProblemBoard, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.role = role
        choices = ProposalChoices(self)
        self.link_label = QLabel(self)
        self.link_label.setObjectName(f"{role}_link")
        self.choose_button = QPushButton(self.tr("Choose client…"), self)
        self.save_as_client_button = QPushButton(self.tr("Keep as new client card"), self)
        self.save_as_client_button.setToolTip(self.tr("Save what is typed here as a client card and link it"))
        self.unlink_button = QPushButton(self.tr("Unlink card"), self)
        self.unlink_button.hide()
        self.name = QLineEdit(self)
        self.id_type = combo(self, choices.id_types())
        self.id_number = QLineEdit(self)
        self.id_number.setPlaceholderText(self.tr("fills birth date and gender"))
        self.gender = combo(self, choices.genders())
        self.birth_date = QLineEdit(self)
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.mobile, self.address, self.occupation = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for widget, key in ((self.name, "name"), (self.id_number, "id_number"), (self.birth_date, "birth_date"),
                            (self.mobile, "mobile"), (self.address, "address"), (self.occupation, "occupation"),
                            (self.id_type, "id_type"), (self.gender, "gender")):  # fmt: skip
            widget.setObjectName(f"{role}_{key}")

        links = QHBoxLayout()
        links.addWidget(self.link_label, 1)
        links.addWidget(self.choose_button)
        links.addWidget(self.save_as_client_button)
        links.addWidget(self.unlink_button)
        self.form = QFormLayout()
        for key, text, widget in (
            ("name", self.tr("Name"), self.name), ("id_type", self.tr("ID document"), self.id_type),
            ("id_number", self.tr("ID number"), self.id_number), ("gender", self.tr("Gender"), self.gender),
            ("birth_date", self.tr("Birth date"), self.birth_date), ("mobile", self.tr("Mobile"), self.mobile),
            ("address", self.tr("Address"), self.address), ("occupation", self.tr("Occupation"), self.occupation),
        ):  # fmt: skip
            board.add_row(self.form, f"{role}.{key}", text, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(links)
        layout.addLayout(self.form)

        for edit in (self.name, self.birth_date, self.mobile, self.address, self.occupation, self.id_number):
            edit.textEdited.connect(self.section_did_change)
        for box in (self.id_type, self.gender):
            box.currentIndexChanged.connect(self.section_did_change)
        self.id_number.textEdited.connect(self._fill_from_id)
        self.choose_button.clicked.connect(lambda: self.choose_did_request.emit(role))
        self.save_as_client_button.clicked.connect(lambda: self.save_as_client_did_request.emit(role))
        self.unlink_button.clicked.connect(lambda: self.unlink_did_request.emit(role))

    def focus_chain(self) -> list[QWidget]:
        return [self.choose_button, self.save_as_client_button, self.unlink_button, self.name, self.id_type,
                self.id_number, self.gender, self.birth_date, self.mobile, self.address, self.occupation]  # fmt: skip

    def inputs(self) -> list[QWidget]:
        return [self.name, self.id_type, self.id_number, self.gender, self.birth_date, self.mobile,
                self.address, self.occupation]  # fmt: skip

    def show_party(self, party: PartyDoc) -> None:
        self.name.setText(party.name)
        select(self.id_type, party.id_type)
        self.id_number.setText(party.id_number)
        select(self.gender, party.gender)
        self.birth_date.setText(party.birth_date.isoformat() if party.birth_date else "")
        self.mobile.setText(party.mobile)
        self.address.setText(party.address)
        self.occupation.setText(party.occupation)

    def show_link(self, link: ClientLink | None, editable: bool) -> None:
        if link is None:
            self.link_label.setText(self.tr("Typed inline (no client card)"))
        else:
            self.link_label.setText(
                self.tr("Client card: %1 %2").replace("%1", link.name).replace("%2", link.mobile_masked)
            )
        self.choose_button.setVisible(editable)
        self.save_as_client_button.setVisible(editable and link is None)
        self.unlink_button.setVisible(editable and link is not None)

    def party(self, problems: list[Problem], pregnancy_weeks: int | None = None, disabled: bool = False) -> PartyDoc:
        """The party as typed; what cannot be read is left blank and reported in `problems`."""
        birth, problem = parse_date(self.birth_date.text(), f"{self.role}.birth_date")
        if problem is not None:
            problems.append(problem)
        return PartyDoc(
            name=self.name.text().strip(), gender=self.gender.currentData(), birth_date=birth,
            id_type=self.id_type.currentData(), id_number=self.id_number.text().strip(),
            mobile=self.mobile.text().strip(), address=self.address.text().strip(),
            occupation=self.occupation.text().strip(), pregnancy_weeks=pregnancy_weeks, disabled=disabled,
        )  # fmt: skip

    def _fill_from_id(self, text: str) -> None:
        """A complete resident ID says the birth date and gender: fill them as the manager types."""
        if self.id_type.currentData() != "resident_id" or len(text.strip()) < 18:
            return
        try:
            parsed = parse_resident_id(text)
        except InvalidResidentId:
            return
        self.birth_date.setText(parsed.birth_date.isoformat())
        select(self.gender, parsed.gender)
        self.section_did_change.emit()

    def set_editable(self, editable: bool) -> None:
        for edit in (self.name, self.id_number, self.birth_date, self.mobile, self.address, self.occupation):
            edit.setReadOnly(not editable)
        for box in (self.id_type, self.gender):
            box.setEnabled(editable)
        if not editable:
            for button in (self.choose_button, self.save_as_client_button, self.unlink_button):
                button.hide()
