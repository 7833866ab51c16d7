"""The editor for one outlet file: details, deposits and targets, then staff, competitors and
stock in tabs. It turns what is typed into an OutletDraft and shows the service's problems
beside the fields they concern."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.outlets.records import MONEY_FIELDS, OutletDraft, OutletFile, OutletProblem
from app.rules.ids import OutletId
from app.rules.money import large_amount_text
from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.outlets.fields import MoneyEdit
from ui.outlets.tables import CompetitorTable, EntryTable, StaffTable, StockTable


class OutletEditor(QWidget):
    editor_did_change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outlet_id: OutletId | None = None
        self._loading = False
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("outletProblems")
        self.problems_label.setWordWrap(True)
        set_tone(self.problems_label, "problem")
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.hide()

        self.code = QLineEdit(self)
        self.code.setMaxLength(32)
        self.outlet_name = QLineEdit(self)
        self.bank = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("010-62345678")
        self.address = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.money = {name: MoneyEdit(self) for name in MONEY_FIELDS}
        self.deposit_progress = QLabel(self)
        self.deposit_progress.setObjectName("depositProgress")
        set_tone(self.deposit_progress, "muted")
        self.fields: dict[str, QWidget] = {
            "code": self.code,
            "name": self.outlet_name,
            "bank": self.bank,
            "phone": self.phone,
            "address": self.address,
            "notes": self.notes,
            **self.money,
        }

        self.staff = StaffTable(self)
        self.competitors = CompetitorTable(self)
        self.stock = StockTable(self)
        self.tables: dict[str, EntryTable] = {t.section: t for t in (self.staff, self.competitors, self.stock)}
        self.sections = QTabWidget(self)
        self.add_buttons: dict[str, QPushButton] = {}
        self.remove_buttons: dict[str, QPushButton] = {}
        for table, add_text, hint in (
            (self.staff, self.tr("Add staff member"), self.tr("Birthdays as year-month-day, e.g. 1985-03-14.")),
            (self.competitors, self.tr("Add competitor"), self.tr("Premiums in yuan.")),
            (self.stock, self.tr("Add item"), self.tr("Rows at or below their reorder level are highlighted.")),
        ):
            self.sections.addTab(self._table_page(table, add_text, hint), "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problems_label)
        layout.addLayout(self._details_grid())
        layout.addWidget(self._deposits_box())
        layout.addWidget(self.sections, 1)
        self._set_tab_order()
        self._connect_changes()
        self.load(None)

    # ---- building ----------------------------------------------------------------------

    def _details_grid(self) -> QGridLayout:
        grid = QGridLayout()
        rows = (
            ((self.tr("Co&de"), self.code), (self.tr("&Name"), self.outlet_name)),
            ((self.tr("&Bank"), self.bank), (self.tr("P&hone"), self.phone)),
            ((self.tr("&Address"), self.address),),
            ((self.tr("Not&es"), self.notes),),
        )
        for row, pairs in enumerate(rows):
            for pair, (text, widget) in enumerate(pairs):
                label = QLabel(text, self)
                label.setBuddy(widget)
                # Beside a multi-line box the label sits at its top, as in any form.
                align = Qt.AlignmentFlag.AlignTop if widget is self.notes else Qt.AlignmentFlag.AlignVCenter
                grid.addWidget(label, row, pair * 2, align)
                grid.addWidget(widget, row, pair * 2 + 1, 1, 1 if len(pairs) > 1 else 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        return grid

    def _deposits_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Deposits && targets (yuan)"), self)
        grid = QGridLayout(box)
        labels = {
            "deposit_personal_cents": self.tr("Personal deposits"),
            "deposit_corporate_cents": self.tr("Corporate deposits"),
            "deposit_target_cents": self.tr("Deposit target"),
            "premium_target_cents": self.tr("Premium target"),
        }
        for index, name in enumerate(MONEY_FIELDS):
            label = QLabel(labels[name], box)
            label.setBuddy(self.money[name])
            row, col = index % 2, (index // 2) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(self.money[name], row, col + 1)
        grid.addWidget(self.deposit_progress, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _table_page(self, table: EntryTable, add_text: str, hint: str) -> QWidget:
        page = QWidget(self)
        hint_label = QLabel(hint, page)
        set_tone(hint_label, "muted")
        add = QPushButton(add_text, page)
        remove = QPushButton(self.tr("Remove selected"), page)
        remove.setToolTip(self.tr("Removes the selected rows (Delete key)"))
        add.clicked.connect(table.add_row)
        remove.clicked.connect(table.remove_selected)
        self.add_buttons[table.section] = add
        self.remove_buttons[table.section] = remove
        buttons = QHBoxLayout()
        buttons.addWidget(hint_label, 1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)
        return page

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.code,
            self.outlet_name,
            self.bank,
            self.phone,
            self.address,
            self.notes,
            *(self.money[name] for name in MONEY_FIELDS),
            self.sections,
        ]
        for table in self.tables.values():
            chain += [table, self.add_buttons[table.section], self.remove_buttons[table.section]]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _connect_changes(self) -> None:
        for edit in (self.code, self.outlet_name, self.bank, self.phone, self.address, *self.money.values()):
            edit.textEdited.connect(self._did_edit)
        for edit in self.money.values():
            edit.textChanged.connect(self._update_summaries)
        self.notes.textChanged.connect(self._did_edit)
        for table in self.tables.values():
            table.table_did_change.connect(self._did_edit)
            table.table_did_change.connect(self._update_summaries)

    def _did_edit(self) -> None:
        if not self._loading:
            self.editor_did_change.emit()

    # ---- filling and reading -----------------------------------------------------------

    def load(self, file: OutletFile | None) -> None:
        """Show `file`, or an empty form for a new outlet when None."""
        self._loading = True
        self.outlet_id = file.id if file else None
        for name, edit in (
            ("code", self.code),
            ("name", self.outlet_name),
            ("bank", self.bank),
            ("phone", self.phone),
            ("address", self.address),
        ):
            edit.setText(getattr(file, name) if file else "")
        self.notes.setPlainText(file.notes if file else "")
        for name, edit in self.money.items():
            edit.set_cents(getattr(file, name) if file else None)
        self.staff.set_entries(file.staff if file else ())
        self.competitors.set_entries(file.competitors if file else ())
        self.stock.set_entries(file.stock if file else ())
        self.show_problems([])
        self._update_summaries()
        self._loading = False

    def draft(self) -> tuple[OutletDraft | None, list[OutletProblem]]:
        """The form as a draft, or the cells that could not be read (then no draft)."""
        problems: list[OutletProblem] = []
        amounts: dict[str, int | None] = {}
        for name, edit in self.money.items():
            try:
                amounts[name] = edit.cents()
            except ValueError:
                problems.append(OutletProblem("outlet", name, "money_unreadable", f"Cannot read {edit.text()!r}."))
        rows = {}
        for section, table in self.tables.items():
            rows[section], unreadable = table.entries()
            problems += unreadable
        if problems:
            return None, problems
        return OutletDraft(
            id=self.outlet_id,
            code=self.code.text(),
            name=self.outlet_name.text(),
            bank=self.bank.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
            staff=tuple(rows["staff"]),
            competitors=tuple(rows["competitors"]),
            stock=tuple(rows["stock"]),
            **amounts,
        ), []

    # ---- problems ----------------------------------------------------------------------

    def show_problems(self, problems: list[OutletProblem]) -> None:
        """List the problems above the form, mark their fields and cells, focus the first."""
        self.problems_label.setText("\n".join(self.problem_text(p) for p in problems))
        self.problems_label.setVisible(bool(problems))
        marked = {p.field for p in problems if p.section == "outlet"}
        for name, widget in self.fields.items():
            widget.setProperty("invalid", name in marked)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        for section, table in self.tables.items():
            table.mark_invalid([p for p in problems if p.section == section])
        if problems:
            self._focus_problem(problems[0])

    def show_failure(self, text: str) -> None:
        self.problems_label.setText(text)
        self.problems_label.show()

    def _focus_problem(self, problem: OutletProblem) -> None:
        table = self.tables.get(problem.section)
        if table is None:
            self.fields.get(problem.field, self.code).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.sections.setCurrentIndex(list(self.tables).index(problem.section))
        cell = table.first_invalid()
        if cell is not None:
            table.setCurrentCell(*cell)
        table.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem_text(self, problem: OutletProblem) -> str:
        texts = {
            ("outlet", "code_required"): self.tr("Enter the outlet code."),
            ("outlet", "code_too_long"): self.tr("The outlet code has at most 32 characters."),
            ("outlet", "code_taken"): self.tr("Another outlet already has the code %1.").replace(
                "%1", self.code.text().strip().upper()
            ),
            ("outlet", "name_required"): self.tr("Enter the outlet name."),
            ("outlet", "phone_invalid"): self.tr(
                "Enter the outlet phone as a landline with its area code (e.g. 010-62345678) or a mobile number."
            ),
            ("outlet", "amount_negative"): self.tr("Amounts cannot be negative."),
            ("outlet", "money_unreadable"): self.tr("Enter amounts in yuan, e.g. 1,250,000.00."),
            ("staff", "name_required"): self.tr("enter the name."),
            ("staff", "role_invalid"): self.tr("choose a role."),
            ("staff", "phone_invalid"): self.tr(
                "enter a mobile number (e.g. 13812345678) or a landline with its area code (e.g. 010-62345678)."
            ),
            ("staff", "birthday_in_future"): self.tr("the birthday is in the future."),
            ("staff", "date_unreadable"): self.tr("enter the birthday as year-month-day, e.g. 1985-03-14."),
            ("competitors", "company_required"): self.tr("enter the company."),
            ("competitors", "amount_negative"): self.tr("amounts cannot be negative."),
            ("competitors", "money_unreadable"): self.tr("enter amounts in yuan, e.g. 1,250,000.00."),
            ("stock", "kind_invalid"): self.tr("choose form or brochure."),
            ("stock", "item_required"): self.tr("enter the item."),
            ("stock", "count_negative"): self.tr("counts cannot be negative."),
            ("stock", "count_unreadable"): self.tr("enter a whole number."),
        }
        text = texts.get((problem.section, problem.code), problem.message)
        if problem.row is None or (problem.section, problem.code) not in texts:
            return text
        where = {
            "staff": self.tr("Staff row %1: %2"),
            "competitors": self.tr("Competitors row %1: %2"),
            "stock": self.tr("Stock row %1: %2"),
        }[problem.section]
        return where.replace("%1", str(problem.row + 1)).replace("%2", text)

    # ---- summaries ---------------------------------------------------------------------

    def _update_summaries(self) -> None:
        self.sections.setTabText(0, self.tr("S&taff (%1)").replace("%1", str(self.staff.rowCount())))
        self.sections.setTabText(1, self.tr("Co&mpetitors (%1)").replace("%1", str(self.competitors.rowCount())))
        low = self.stock.low_count()
        self.sections.setTabText(2, self.tr("St&ock (%1 low)").replace("%1", str(low)) if low else self.tr("St&ock"))
        self.deposit_progress.setText(self._progress_text())

    def _progress_text(self) -> str:
        try:
            personal, corporate, target = (
                self.money[name].cents()
                for name in ("deposit_personal_cents", "deposit_corporate_cents", "deposit_target_cents")
            )
        except ValueError:
            return ""
        if personal is None and corporate is None:
            return ""
        total = (personal or 0) + (corporate or 0)
        # At a glance, as the manuals write deposits: 17.96 亿元 rather than 1,796,000,000.00 元.
        shown = large_amount_text(total, current_language())
        if not target:
            return self.tr("Total deposits: %1").replace("%1", shown)
        return (
            self.tr("Total deposits: %1, %2% of the target")
            .replace("%1", shown)
            .replace("%2", f"{total * 100 / target:.1f}")
        )
