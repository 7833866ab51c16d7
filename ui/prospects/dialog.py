"""Capture or edit a prospect: a name and a mobile, the rest when known; no ID number.

A mobile that a client card or another prospect already has is not saved twice: the dialog
shows who has it and offers to open that one, or to keep both (a family's shared phone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.prospects.records import CaptureResult, MobileMatch, ProspectDetail, ProspectId, ProspectInput, ProspectRow
from app.rules.ids import ClientId
from ui.common.palette import set_tone
from ui.common.task_runner import TaskRunner
from ui.common.widgets.client_picker import ClientPicker
from ui.prospects.texts import ProspectTexts

if TYPE_CHECKING:
    from app.context import AppContext


class ProspectDialog(QDialog):
    prospect_did_save = Signal(object)  # the ProspectRow
    match_did_open = Signal(object)  # the MobileMatch the user chose to open instead

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        prospects: list[ProspectRow],
        prospect_id: ProspectId | None = None,
        referred_by: ProspectRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._id = prospect_id
        self._match: MobileMatch | None = None
        self._referrer_client: ClientId | None = None
        texts = ProspectTexts(self)
        self.setWindowTitle(self.tr("Edit prospect") if prospect_id else self.tr("New prospect"))
        self.name = QLineEdit(self)
        self.mobile = QLineEdit(self)
        self.mobile.setPlaceholderText(self.tr("11-digit mobile, e.g. 13812345678"))
        self.gender = QComboBox(self)
        self.gender.addItem(self.tr("Not known"), None)
        for code, text in texts.genders().items():
            self.gender.addItem(text, code)
        self.age = QSpinBox(self)
        self.age.setRange(0, 120)
        self.age.setSpecialValueText(self.tr("Not known"))
        self.occupation = QLineEdit(self)
        self.housing = QLineEdit(self)
        self.car = QLineEdit(self)
        self.family = QLineEdit(self)
        self.interests = QLineEdit(self)
        self.source = QComboBox(self)
        for code, text in texts.sources().items():
            self.source.addItem(text, code)
        self.referrer_prospect = QComboBox(self)
        self.referrer_prospect.setObjectName("referrerProspect")
        self.referrer_prospect.addItem(self.tr("None"), None)
        for row in prospects:
            if row.id != prospect_id and row.converted_client_id is None:
                self.referrer_prospect.addItem(f"{row.name}  {row.mobile_masked}", row.id)
        self.referrer_client = ClientPicker(runner, self)
        self.referrer_client.attach(ctx.clients)
        self.clear_client = QPushButton(self.tr("C&lear"), self)
        self.clear_client.setToolTip(self.tr("No referring client"))
        self.notes = QLineEdit(self)
        for widget, limit in ((self.name, 50), (self.occupation, 100), (self.housing, 100), (self.car, 100),
                              (self.family, 200), (self.interests, 200), (self.mobile, 20)):  # fmt: skip
            widget.setMaxLength(limit)

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Mobile"), self.mobile)
        form.addRow(self.tr("&Gender"), self.gender)
        form.addRow(self.tr("&Age"), self.age)
        form.addRow(self.tr("&Occupation"), self.occupation)
        form.addRow(self.tr("&Housing"), self.housing)
        form.addRow(self.tr("Ca&r"), self.car)
        form.addRow(self.tr("&Family"), self.family)
        form.addRow(self.tr("&Interests"), self.interests)
        form.addRow(self.tr("So&urce"), self.source)
        form.addRow(self.tr("Referred by a &prospect"), self.referrer_prospect)
        client_row = QHBoxLayout()
        client_row.addWidget(self.referrer_client, 1)
        client_row.addWidget(self.clear_client)
        referrer_label = QLabel(self.tr("Referred by a cli&ent"), self)
        referrer_label.setBuddy(self.referrer_client.search)
        form.addRow(referrer_label, client_row)
        form.addRow(self.tr("Note&s"), self.notes)

        self.problem = QLabel(self)
        self.problem.setObjectName("prospectProblem")
        self.problem.setWordWrap(True)
        set_tone(self.problem, "problem")
        self.problem.hide()
        self.match_box = QFrame(self)
        self.match_box.setObjectName("prospectMatch")
        self.match_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.match_text = QLabel(self.match_box)
        self.match_text.setWordWrap(True)
        self.open_match = QPushButton(self.tr("Open &that one"), self.match_box)
        self.keep_both = QPushButton(self.tr("&Keep both"), self.match_box)
        self.keep_both.setToolTip(self.tr("Save this prospect too, e.g. for a phone a family shares"))
        match_layout = QHBoxLayout(self.match_box)
        match_layout.addWidget(self.match_text, 1)
        match_layout.addWidget(self.open_match)
        match_layout.addWidget(self.keep_both)
        self.match_box.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.match_box)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        self.open_match.clicked.connect(self._open_match)
        self.keep_both.clicked.connect(lambda: self.save(keep_duplicate=True))
        self.referrer_client.client_did_choose.connect(self._client_chosen)
        self.referrer_prospect.currentIndexChanged.connect(self._prospect_chosen)
        self.clear_client.clicked.connect(self._clear_client)
        self.mobile.textEdited.connect(lambda _t: self.match_box.hide())
        if referred_by is not None:
            self.referrer_prospect.setCurrentIndex(max(0, self.referrer_prospect.findData(referred_by.id)))
        if prospect_id is not None:
            prospects_service = ctx.prospects
            runner.submit(
                lambda _t: prospects_service.get(prospect_id), on_done=self._fill, on_error=self._show_problem
            )
        self.name.setFocus()

    # ---- filling and reading the form ----------------------------------------------------

    def _fill(self, detail: ProspectDetail) -> None:
        fields = detail.fields
        for widget, value in ((self.name, fields.name), (self.mobile, fields.mobile),
                              (self.occupation, fields.occupation), (self.housing, fields.housing),
                              (self.car, fields.car), (self.family, fields.family),
                              (self.interests, fields.interests), (self.notes, fields.notes)):  # fmt: skip
            widget.setText(value)
        self.gender.setCurrentIndex(max(0, self.gender.findData(fields.gender)))
        self.age.setValue(fields.age or 0)
        self.source.setCurrentIndex(max(0, self.source.findData(fields.source)))
        if fields.referred_by_prospect_id:
            self.referrer_prospect.setCurrentIndex(
                max(0, self.referrer_prospect.findData(fields.referred_by_prospect_id))
            )
        elif fields.referred_by_client_id and detail.referred_by is not None:
            self._referrer_client = fields.referred_by_client_id
            self.referrer_client.show_chosen(detail.referred_by.name)

    def fields(self) -> ProspectInput:
        prospect = self.referrer_prospect.currentData()
        return ProspectInput(
            name=self.name.text(),
            mobile=self.mobile.text(),
            gender=self.gender.currentData(),
            age=self.age.value() or None,
            occupation=self.occupation.text(),
            housing=self.housing.text(),
            car=self.car.text(),
            family=self.family.text(),
            interests=self.interests.text(),
            source=self.source.currentData(),
            referred_by_client_id=None if prospect else self._referrer_client,
            referred_by_prospect_id=prospect,
            notes=self.notes.text(),
        )

    def _client_chosen(self, row: object) -> None:
        self._referrer_client = row.id  # type: ignore[attr-defined]
        self.referrer_prospect.setCurrentIndex(0)  # one referrer: the client just picked

    def _prospect_chosen(self, index: int) -> None:
        if index > 0:
            self._clear_client()

    def _clear_client(self) -> None:
        self._referrer_client = None
        self.referrer_client.show_chosen("")

    # ---- saving --------------------------------------------------------------------------

    def save(self, keep_duplicate: bool = False) -> None:
        service, fields, prospect_id = self._ctx.prospects, self.fields(), self._id
        self.problem.hide()
        if prospect_id is None:
            work = lambda _t: service.capture(fields, keep_duplicate=keep_duplicate)  # noqa: E731
        else:
            work = lambda _t: service.update(prospect_id, fields, keep_duplicate=keep_duplicate)  # noqa: E731
        self.buttons.setEnabled(False)
        self._runner.submit(work, lane="db", on_done=self._saved, on_error=self._show_problem)

    def _saved(self, result: CaptureResult) -> None:
        self.buttons.setEnabled(True)
        if result.match is not None:
            self._match = result.match
            kind = self.tr("a client card") if result.match.kind == "client" else self.tr("a prospect")
            self.match_text.setText(
                self.tr("This mobile belongs to %1 (%2), %3. Open that one instead?")
                .replace("%1", result.match.name)
                .replace("%2", result.match.mobile_masked)
                .replace("%3", kind)
            )
            self.match_box.show()
            self.open_match.setFocus()
            return
        self.prospect_did_save.emit(result.prospect)
        self.accept()

    def _open_match(self) -> None:
        if self._match is not None:
            self.match_did_open.emit(self._match)
            self.reject()

    def _show_problem(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(text)
        self.problem.show()
