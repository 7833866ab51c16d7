"""The client file card dialog: every edit is saved as a draft as the user types.

A card with problems is kept as a draft (never as valid) and each problem shows under its
field in the user's language. ID and phone numbers stay masked until Reveal, which the core
records in the audit log. A card that looks like an existing one offers to open or merge.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId
from app.rules.money import yuan_text
from ui.clients.card.sections import FieldRows, SecretField, check, combo, history_tree, notes_edit
from ui.common.client_choices import Choices
from ui.common.i18n import current_language
from ui.common.print_actions import open_preview, print_button
from ui.common.qdates import qdatetime
from ui.common.task_runner import TaskRunner
from ui.common.visit_texts import PlannerTexts
from ui.common.widgets.entry_table import EntryTable, card_cents

if TYPE_CHECKING:
    from app.clients.records import ClientCard, ClientRow, HistoryEntry, SaveResult
    from app.context import AppContext
    from app.rules.problem import Problem
    from ui.common.print_preview import PrintPreviewDialog

AUTOSAVE_MS = 500
FORM_KINDS = ("call_record", "needs_interview", "closing_interview")
FORM_ROLE = Qt.ItemDataRole.UserRole
SECRETS = ("id_number", "mobile", "phone_other")


class ClientCardDialog(QDialog):
    card_did_save = Signal(str)
    card_did_merge = Signal(str)
    card_did_delete = Signal(str)
    open_other = Signal(object)
    form_did_request = Signal(str, str)  # a sales form in the history: kind, record id

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, client_id: ClientId | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.client_id = client_id
        self._card: ClientCard | None = None
        self._loading = client_id is not None
        self._dirty = False
        self._duplicates: list[ClientRow] = []
        # A card this dialog created: "open existing" then drops it rather than leave a duplicate.
        self._created_here = client_id is None
        self._status: str | None = None  # draft | valid, once loaded or saved
        self.choices = Choices(self)
        self.setWindowTitle(self.tr("Client file card"))
        self.resize(760, 640)
        self._build()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._connect_changes()
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save_now)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.print_button.showMenu)
        if client_id is not None:
            self.status.setText(self.tr("Opening…"))
            clients = ctx.clients
            runner.submit(lambda _t: (clients.get(client_id), clients.history(client_id)), on_done=self._show_card,
                          on_error=self._open_failed)  # fmt: skip
        else:
            self.status.setText(self.tr("New card: it is saved as you type, once it has a name."))
        outlets = ctx.outlets
        runner.submit(lambda _t: outlets.list(), on_done=self._fill_outlets, on_error=self.status.setText)

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        c = self.choices
        self.tabs = QTabWidget(self)
        _personal, self.personal_rows = self._form_tab(self.tr("&Personal"))
        self.name = QLineEdit(self)
        self.gender = combo(self, c.genders())
        self.birth_date = QLineEdit(self)
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD, filled from the ID number"))
        self.id_type = combo(self, c.id_types())
        self.secrets = {key: SecretField(self.tr("Reveal"), self) for key in SECRETS}
        self.address, self.occupation, self.employer = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        widget: QWidget  # each row's field: a line edit, a combo, a table, a check box…
        for key, label, widget in (
            ("name", self.tr("Name"), self.name),
            ("id_type", self.tr("ID document"), self.id_type),
            ("id_number", self.tr("ID number"), self.secrets["id_number"]),
            ("gender", self.tr("Gender"), self.gender),
            ("birth_date", self.tr("Birth date"), self.birth_date),
            ("mobile", self.tr("Mobile"), self.secrets["mobile"]),
            ("phone_other", self.tr("Other phone"), self.secrets["phone_other"]),
            ("address", self.tr("Address"), self.address),
            ("occupation", self.tr("Occupation"), self.occupation),
            ("employer", self.tr("Employer"), self.employer),
        ):
            self.personal_rows.add(key, label, widget)

        family = QWidget()
        self.family = EntryTable(c.family_columns(), family)
        self._table_tab(family, self.family, self.tr("&Family"), self.tr("Add family member"))

        _financial, self.financial_rows = self._form_tab(self.tr("F&inancial"))
        self.assets = QLineEdit(self)
        self.assets.setPlaceholderText(self.tr("yuan, e.g. 500000.00"))
        self.income_band, self.investments = QLineEdit(self), QLineEdit(self)
        self.risk = combo(self, c.risks())
        self.products = EntryTable(c.product_columns(), self)
        for key, label, widget in (
            ("assets", self.tr("Assets at the bank"), self.assets),
            ("income_band", self.tr("Income"), self.income_band),
            ("risk_preference", self.tr("Risk preference"), self.risk),
            ("investments", self.tr("Investments"), self.investments),
            ("products", self.tr("Products held"), self.products),
        ):
            self.financial_rows.add(key, label, widget)
        add_product = QPushButton(self.tr("Add product"), self)
        add_product.clicked.connect(lambda: self.products.add_row())
        self.financial_rows.form.addRow("", add_product)

        _relationship, self.relation_rows = self._form_tab(self.tr("&Relationship"))
        self.tier, self.source = combo(self, c.tiers()), combo(self, c.sources())
        self.segment = QLabel(self)
        self.outlet = combo(self, [(None, self.tr("No outlet"))])
        self.tags, self.hobbies = QLineEdit(self), QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("separate tags with spaces"))
        self.dates = EntryTable(c.date_columns(), self)
        self.notes = notes_edit(self)
        self.blacklisted = check(self, self.tr("Blacklisted (loan overdue)"))
        self.blacklist_reason = QLineEdit(self)
        for key, label, widget in (
            ("tier", self.tr("Tier"), self.tier),
            ("segment", self.tr("Segment"), self.segment),
            ("source", self.tr("Source"), self.source),
            ("outlet", self.tr("Outlet"), self.outlet),
            ("tags", self.tr("Tags"), self.tags),
            ("hobbies", self.tr("Hobbies"), self.hobbies),
            ("dates", self.tr("Important dates"), self.dates),
            ("notes", self.tr("Notes"), self.notes),
            ("blacklisted", "", self.blacklisted),
            ("blacklist_reason", self.tr("Blacklist reason"), self.blacklist_reason),
        ):
            self.relation_rows.add(key, label, widget)
        add_date = QPushButton(self.tr("Add date"), self)
        add_date.clicked.connect(lambda: self.dates.add_row())
        self.relation_rows.form.addRow("", add_date)

        self.history = history_tree(self, [self.tr("When"), self.tr("What"), self.tr("Subject"), self.tr("Details")])
        self.tabs.addTab(self.history, self.tr("&History"))
        # Enter or double-click on a call or interview opens its form (the shell routes it).
        self.history.itemActivated.connect(self._open_history_form)

        self.duplicate_banner = QFrame(self)
        self.duplicate_banner.setObjectName("duplicateBanner")
        self.duplicate_text = QLabel(self.duplicate_banner)
        self.duplicate_text.setWordWrap(True)
        self.open_duplicate = QPushButton(self.tr("&Open existing card"), self.duplicate_banner)
        self.merge_duplicate = QPushButton(self.tr("&Merge into existing card"), self.duplicate_banner)
        banner = QHBoxLayout(self.duplicate_banner)
        banner.addWidget(self.duplicate_text, 1)
        banner.addWidget(self.open_duplicate)
        banner.addWidget(self.merge_duplicate)
        self.duplicate_banner.hide()
        self.open_duplicate.clicked.connect(self._open_duplicate)
        self.merge_duplicate.clicked.connect(self._merge_duplicate)

        self.status = QLabel(self)
        self.status.setObjectName("cardStatus")
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        self.print_action = QAction(self.tr("Client &card…"), self)
        self.print_revealed_action = QAction(self.tr("Card with &full ID and phone numbers…"), self)
        self.print_action.triggered.connect(lambda: self.print_card(reveal=False))
        self.print_revealed_action.triggered.connect(lambda: self.print_card(reveal=True))
        self.print_button = print_button(self, self.tr("Prin&t…"), [self.print_action, self.print_revealed_action],
                                         self.tr("Print the card as saved, or save it as a PDF (Ctrl+P)"))  # fmt: skip
        self.preview: PrintPreviewDialog | None = None
        self.delete_button = QPushButton(self.tr("&Delete draft…"), self)
        self.delete_button.setToolTip(self.tr("Delete this draft card; you are asked first"))
        self.delete_button.clicked.connect(self.ask_delete)
        self._enable_print()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.duplicate_banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        for key, field in self.secrets.items():
            field.reveal.clicked.connect(lambda _=False, k=key: self._reveal(k))

    def _form_tab(self, title: str) -> tuple[QWidget, FieldRows]:
        page = QWidget()
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return page, FieldRows(form)

    def _table_tab(self, page: QWidget, table: EntryTable, title: str, add_text: str) -> None:
        add = QPushButton(add_text, page)
        add.clicked.connect(lambda: table.add_row())
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addWidget(add)
        self.tabs.addTab(page, title)

    def _connect_changes(self) -> None:
        for edit in (
            self.name,
            self.birth_date,
            self.address,
            self.occupation,
            self.employer,
            self.assets,
            self.income_band,
            self.investments,
            self.tags,
            self.hobbies,
            self.blacklist_reason,
            *(f.edit for f in self.secrets.values()),
        ):
            edit.textEdited.connect(self._changed)
        for box in (self.gender, self.id_type, self.risk, self.tier, self.source, self.outlet):
            box.currentIndexChanged.connect(self._changed)
        for table in (self.family, self.products, self.dates):
            table.table_did_change.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.blacklisted.toggled.connect(self._changed)
        self.secrets["id_number"].edit.textEdited.connect(self._fill_from_id)

    # ---- showing ----------------------------------------------------------------------

    def _fill_outlets(self, outlets: list[Any]) -> None:
        current = self.outlet.currentData()
        self.outlet.blockSignals(True)
        for outlet in outlets:
            self.outlet.addItem(f"{outlet.name} ({outlet.code})", outlet.id)
        self.outlet.setCurrentIndex(max(0, self.outlet.findData(current)))
        self.outlet.blockSignals(False)

    def _show_card(self, loaded: tuple[ClientCard, list[HistoryEntry]]) -> None:
        card, history = loaded
        self._card = card
        self._status = card.status
        self._enable_print()
        d = card.draft
        self._loading = True
        self.name.setText(d.name)
        self._select(self.gender, d.gender)
        self.birth_date.setText(d.birth_date.isoformat() if d.birth_date else "")
        self._select(self.id_type, d.id_type)
        self.secrets["id_number"].show_masked(card.id_masked)
        self.secrets["mobile"].show_masked(card.mobile_masked)
        self.secrets["phone_other"].show_masked(card.phone_other_masked)
        self.address.setText(d.address)
        self.occupation.setText(d.occupation)
        self.employer.setText(d.employer)
        self.assets.setText(yuan_text(d.assets_cents, grouping=False))
        self.income_band.setText(d.income_band or "")
        self._select(self.risk, d.risk_preference)
        self.investments.setText(d.investments)
        self.products.set_rows([vars(p) for p in d.products])
        self.family.set_rows([vars(f) for f in d.family])
        self._select(self.tier, d.tier)
        self._select(self.source, d.source)
        self._select(self.outlet, d.outlet_id)
        self.tags.setText(" ".join(d.tags))
        self.hobbies.setText(d.hobbies)
        self.dates.set_rows([vars(x) for x in d.dates])
        self.notes.setPlainText(d.notes)
        self.blacklisted.setChecked(d.blacklisted)
        self.blacklist_reason.setText(d.blacklist_reason)
        self._show_segment(card.age, card.segment)
        self._show_problems(card.problems, self._id_warnings(d))
        self._show_history(history)
        self.setWindowTitle(self.tr("Client file card: %1").replace("%1", d.name))
        self.status.setText(self._saved_text(card.status, len(card.problems)))
        self._loading = False

    def _open_failed(self, text: str) -> None:
        """The card could not be read (merged away or deleted meanwhile): said, and nothing
        typed here can be saved over it."""
        self.status.setText(text)
        self.tabs.setEnabled(False)
        for action in (self.print_action, self.print_revealed_action):
            action.setEnabled(False)

    def _select(self, box: Any, value: Any) -> None:
        box.setCurrentIndex(max(0, box.findData(value)))

    def _show_segment(self, age: int | None, segment: str | None) -> None:
        if age is None:
            self.segment.setText(self.tr("(from the birth date)"))
        else:
            self.segment.setText(
                self.tr("%1, age %2").replace("%1", self.choices.segments()[segment or "young"]).replace("%2", str(age))
            )

    def _show_problems(
        self, problems: tuple[Problem, ...] | list[Problem], warnings: tuple[Problem, ...] | list[Problem] = ()
    ) -> None:
        """Each problem in red under its field; a warning (the card stays valid) in orange."""
        language = current_language()
        by_field: dict[str, list[str]] = {}
        refused: set[str] = set()
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message(language))
            refused.add(problem.field)
        for warning in warnings:
            by_field.setdefault(warning.field, []).append(warning.message(language))
        for rows in (self.personal_rows, self.financial_rows, self.relation_rows):
            for key, label in rows.problems.items():
                label.setText(" ".join(by_field.get(key, [])))
                label.setStyleSheet("color: #c5221f;" if key in refused else "color: #a35200;")
                label.setVisible(key in by_field)

    def _id_warnings(self, draft: Any) -> list[Problem]:
        """What the card shows but does not refuse (an ID region code no code table knows)."""
        from app.rules.client_card import id_warnings

        return id_warnings(draft.id_type, draft.id_number)

    def _show_history(self, history: list[HistoryEntry]) -> None:
        kinds = {**self.choices.history_kinds(), **self._form_kinds()}
        forms = self._form_titles()
        texts = PlannerTexts(self)
        words = {**texts.statuses(), **texts.outcomes(), **self._paper_statuses()}
        codes = {"visit": texts.purposes(), "worklog": texts.work_kinds(), "proposal": {}, "receipt": {}}
        self.history.clear()
        locale = QLocale()
        for entry in history:
            when = locale.toString(qdatetime(entry.at.astimezone()), QLocale.FormatType.ShortFormat)
            title = forms.get(entry.title, entry.title) if entry.kind in FORM_KINDS else entry.title
            detail = entry.detail
            if entry.kind in codes:  # the core gives codes here (purpose, status · outcome): said in words
                title = codes[entry.kind].get(title, title)
                detail = " · ".join(words.get(part, part) for part in detail.split(" · "))
            item = QTreeWidgetItem([when, kinds.get(entry.kind, entry.kind), title, detail])
            if entry.kind in FORM_KINDS:
                item.setData(0, FORM_ROLE, (entry.kind, entry.record_id))
            self.history.addTopLevelItem(item)

    def _form_kinds(self) -> dict[str, str]:
        return {
            "call_record": self.tr("Phone invitation"),
            "needs_interview": self.tr("Needs interview"),
            "closing_interview": self.tr("Closing interview"),
        }

    def _paper_statuses(self) -> dict[str, str]:
        """A proposal's or receipt's status code, and a work-log entry's step, in words."""
        return {
            "draft": self.tr("Draft"),
            "finished": self.tr("Finished"),
            "signed": self.tr("Signed"),
            "closed": self.tr("Closed the sale"),
            "not_closed": self.tr("Not closed"),
        }

    def _form_titles(self) -> dict[str, str]:
        """A form's status or outcome code in words (call records, needs and closing interviews)."""
        return {
            "prepared": self.tr("Prepared"),
            "draft": self.tr("Draft"),
            "done": self.tr("Done"),
            "appointment": self.tr("Appointment agreed"),
            "clear_answer": self.tr("Clear answer"),
            "call_back": self.tr("Call back"),
            "no_answer": self.tr("No answer"),
            "refused": self.tr("Refused"),
            "closed": self.tr("Closed the sale"),
            "follow_up": self.tr("Follow-up"),
            "declined": self.tr("Declined"),
        }

    def _open_history_form(self, item: QTreeWidgetItem) -> None:
        form = item.data(0, FORM_ROLE)
        if form:
            self.form_did_request.emit(*form)

    def _saved_text(self, status: str, problems: int) -> str:
        if status == "valid":
            return self.tr("Saved.")
        return self.tr("Saved as a draft: %n problem(s) to fix before the card is valid.", "", problems)

    # ---- editing and saving -----------------------------------------------------------

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._dirty = True
        self.status.setText(self.tr("Editing…"))
        self._autosave.start()

    def _fill_from_id(self, text: str) -> None:
        """Typing a valid resident ID fills birth date and gender, as the manager expects."""
        from app.rules.id_numbers import InvalidResidentId, parse_resident_id

        if self.id_type.currentData() != "resident_id" or len(text.strip()) < 18:
            return
        try:
            parsed = parse_resident_id(text)
        except InvalidResidentId:
            return
        if not self.birth_date.text().strip():
            self.birth_date.setText(parsed.birth_date.isoformat())
        if self.gender.currentData() is None:
            self._select(self.gender, parsed.gender)

    def build_draft(self) -> tuple[Any, list[Problem]]:
        from app.clients.records import ClientDraft, DateEntry, FamilyEntry, ProductEntry
        from app.rules.problem import Problem

        local: list[Problem] = []
        birth = None
        text = self.birth_date.text().strip()
        if text:
            try:
                birth = date.fromisoformat(text)
            except ValueError:
                local.append(
                    Problem(
                        "birth_date",
                        "date_format",
                        "Write the date as YYYY-MM-DD, e.g. 1985-06-15.",
                        "日期格式应为 年-月-日，例如 1985-06-15。",
                    )
                )
        assets = 0
        if self.assets.text().strip():
            try:
                assets = card_cents(self.assets.text()) or 0
            except ValueError:
                local.append(
                    Problem(
                        "assets",
                        "amount_format",
                        "Enter an amount in yuan, e.g. 500000.00.",
                        "请填写以元为单位的金额，例如 500000.00。",
                    )
                )
        tables = {}
        for key, table in (("family", self.family), ("products", self.products), ("dates", self.dates)):
            rows, bad = table.rows()
            tables[key] = rows
            if bad:
                local.append(
                    Problem(
                        key,
                        "cell_format",
                        "Check these cells: " + "; ".join(bad),
                        "请检查这些单元格：" + "；".join(bad),
                    )
                )
        real = self._card.draft if self._card else None
        secrets = {
            key: (getattr(real, key) if real is not None and field.is_masked else field.edit.text())
            for key, field in self.secrets.items()
        }
        draft = ClientDraft(
            id=self.client_id,
            name=self.name.text(),
            gender=self.gender.currentData(),
            birth_date=birth,
            id_type=self.id_type.currentData(),
            address=self.address.text(),
            occupation=self.occupation.text(),
            employer=self.employer.text(),
            tier=self.tier.currentData(),
            source=self.source.currentData(),
            risk_preference=self.risk.currentData(),
            income_band=self.income_band.text() or None,
            assets_cents=assets,
            investments=self.investments.text(),
            hobbies=self.hobbies.text(),
            notes=self.notes.toPlainText(),
            blacklisted=self.blacklisted.isChecked(),
            blacklist_reason=self.blacklist_reason.text(),
            outlet_id=self.outlet.currentData(),
            tags=tuple(self.tags.text().replace("，", " ").replace(",", " ").split()),
            family=tuple(FamilyEntry(**r) for r in tables["family"] if r.get("relation")),
            products=tuple(ProductEntry(**r) for r in tables["products"] if r.get("product_name")),
            dates=tuple(DateEntry(**r) for r in tables["dates"] if r.get("on")),
            **secrets,
        )
        return draft, local

    def save_now(self) -> None:
        self._autosave.stop()
        if not self._dirty:
            return
        draft, local = self.build_draft()
        if not draft.name.strip():
            self._show_problems(local + [p for p in self.ctx.clients.check(draft) if p.field == "name"])
            self.status.setText(self.tr("Not saved yet: a card needs a name."))
            return
        self._dirty = False
        self.status.setText(self.tr("Saving…"))
        clients = self.ctx.clients
        self.runner.submit(
            lambda _t: (clients.save(draft, extra_problems=local), clients.find_duplicates(draft)),
            lane="db",
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, outcome: tuple[SaveResult, list[ClientRow]]) -> None:
        result, duplicates = outcome
        if self.client_id is None:
            self.client_id = result.client_id
            self._card = None
            self._enable_print()
        self._status = result.status
        self._enable_print()
        typed = self.build_draft()[0]
        self._show_problems(result.problems, self._id_warnings(typed))
        self.status.setText(self._saved_text(result.status, len(result.problems)))
        self._show_duplicates([d for d in duplicates if d.id != result.client_id])
        birth = typed.birth_date
        if birth:
            from app.rules.client_card import age_on, segment_for_age

            age = age_on(birth, date.today())
            self._show_segment(age, segment_for_age(age))
        self.card_did_save.emit(result.client_id)

    def _save_failed(self, text: str) -> None:
        self._dirty = True
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    # ---- printing ----------------------------------------------------------------------

    def _enable_print(self) -> None:
        for action in (self.print_action, self.print_revealed_action):
            action.setEnabled(self.client_id is not None)  # the button follows its default action
        self.delete_button.setEnabled(self.client_id is not None and self._status == "draft")

    def print_card(self, reveal: bool) -> None:
        if self.client_id is None:
            return
        self.save_now()
        printing, client_id = self.ctx.printing, self.client_id
        name = self.name.text().strip() or client_id[:8]
        # On the db lane, after the save just queued, so the paper shows what was typed.
        self.preview = open_preview(self, self.runner, self.tr("Client card: %1").replace("%1", name),
                                    lambda: printing.client_card(client_id, reveal=reveal), f"客户档案-{name}.pdf",
                                    pdf_lane="db")  # fmt: skip

    # ---- reveal, duplicates, merge -----------------------------------------------------

    def _reveal(self, key: str) -> None:
        if self.client_id is None:
            return
        clients, client_id = self.ctx.clients, self.client_id
        self.runner.submit(
            lambda _t: clients.reveal(client_id, key),
            lane="db",
            on_done=lambda value: self.secrets[key].show_revealed(value),
            on_error=self.status.setText,
        )

    def _show_duplicates(self, duplicates: list[ClientRow]) -> None:
        self._duplicates = duplicates
        if not duplicates:
            self.duplicate_banner.hide()
            return
        first = duplicates[0]
        self.duplicate_text.setText(
            self.tr("This looks like an existing card: %1 (%2, %3). Open it, or merge this card into it?")
            .replace("%1", first.name)
            .replace("%2", first.mobile_masked)
            .replace("%3", first.id_masked)
        )
        self.duplicate_banner.show()

    def _open_duplicate(self) -> None:
        if not self._duplicates:
            return
        existing = self._duplicates[0]
        if not (self._created_here and self.client_id is not None and self._status == "draft"):
            self.open_other.emit(existing.id)
            return
        answer = QMessageBox.question(
            self, self.tr("Open existing card"),
            self.tr("Open %1's existing card and delete this new draft card? What you typed here is not "
                    "kept; to keep it, merge instead.").replace("%1", existing.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._delete(then_open=existing.id)

    def ask_delete(self) -> None:
        if self.client_id is None or self._status != "draft":
            return
        answer = QMessageBox.question(
            self, self.tr("Delete draft"),
            self.tr("Delete the draft card of %1? This cannot be undone; the audit log keeps a note of it.")
            .replace("%1", self.name.text().strip()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._delete(then_open=None)

    def _delete(self, then_open: ClientId | None) -> None:
        """Delete this draft card (after a save in flight, on the db lane), then close."""
        assert self.client_id is not None
        self._autosave.stop()
        self._dirty = False
        clients, client_id = self.ctx.clients, self.client_id

        def deleted(_result: object) -> None:
            self.card_did_delete.emit(client_id)
            if then_open is not None:
                self.open_other.emit(then_open)
            super(ClientCardDialog, self).reject()

        self.runner.submit(lambda _t: clients.delete_draft(client_id), lane="db", on_done=deleted,
                           on_error=self.status.setText)  # fmt: skip

    def _merge_duplicate(self) -> None:
        if not self._duplicates or self.client_id is None:
            return
        keep, drop = self._duplicates[0].id, self.client_id
        clients = self.ctx.clients
        self.runner.submit(
            lambda _t: clients.merge(keep, drop),
            lane="db",
            on_done=lambda _r: self._merged(keep),
            on_error=self.status.setText,
        )

    def _merged(self, keep: str) -> None:
        self.card_did_merge.emit(keep)
        self.open_other.emit(keep)
        self._dirty = False
        self.reject()

    def reject(self) -> None:
        # Close, Esc and the window's close button all end here (QDialog routes closeEvent to
        # reject). Nothing typed is lost: a pending autosave runs now.
        if self._autosave.isActive() or self._dirty:
            self.save_now()
        super().reject()
