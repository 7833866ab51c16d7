"""需求面谈表 on screen: before (preparation), during (relationship, needs found; family, income,
existing cover and assets, goals, the calculators' inputs), after (analysis). The figures and the
chart beside the tabs follow every key; the form saves as typed (250 ms after the last key, and on
Close); *Mark done* counts the interview once in the work log and writes its conclusions to the
client card (app/sales_forms/needs.py).

Numbers are typed as text, so an empty field means "not known": yuan for money, whole years for
ages, per cent for rates. A number that does not read is shown in the status line and not kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.rules.money import cents_from_text, yuan_text
from app.rules.needs_calculators import (
    DEFAULT_INCOME_YEARS,
    DEFAULT_INFLATION_BP,
    DEFAULT_RETIREMENT_YEARS,
    DEFAULT_RETURN_BP,
    DEFAULT_STUDY_YEARS,
    DEFAULT_UNIVERSITY_AGE,
)
from app.sales_forms.needs import GOALS, NeedsDraft, NeedsFigures, NeedsInputs, NeedsInterviewView, figures
from ui.common.i18n import current_language
from ui.common.palette import set_tone
from ui.common.qdates import pydate, qdate
from ui.common.task_runner import TaskRunner
from ui.sales_forms.form_dialog import button_row, save_as_you_type, status_line
from ui.sales_forms.needs_chart import NeedsChart

if TYPE_CHECKING:
    from app.context import AppContext

AUTOSAVE_MS = 250
MONEY = ("annual_income_cents", "debts_cents", "existing_cover_cents", "liquid_assets_cents", "university_cost_cents",
         "education_saved_cents", "desired_monthly_cents", "social_monthly_cents", "pension_saved_cents")  # fmt: skip
RATES = ("inflation_bp", "return_bp")
TEXTS = ("family", "assets_notes", "child_name")


def _text(parent: QWidget, height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def _number(value: str) -> str:
    # Full-width digits from a Chinese input method read as ASCII ones.
    return unicodedata.normalize("NFKC", value).replace(",", "").strip()


class NeedsInterviewDialog(QDialog):
    interview_did_change = Signal(str)  # the interview's id, after a save or a status change

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
        self.ctx, self.runner = ctx, runner
        self.view: NeedsInterviewView | None = None
        self.created = False  # made by this dialog: closed without typing, it is not kept
        self.typed = False
        self._loading = True
        self.setWindowTitle(self.tr("Needs interview"))
        self.resize(1040, 700)

        self.tabs = QTabWidget(self)
        before = QWidget()
        self.held_on = QDateEdit(before)
        self.held_on.setCalendarPopup(True)
        self.preparation = _text(before, 200)
        form = QFormLayout(before)
        form.addRow(self.tr("Da&te"), self.held_on)
        form.addRow(self.tr("P&reparation"), self.preparation)
        self.tabs.addTab(before, self.tr("&Before"))

        during = QWidget()
        self.relationship, self.needs_found = _text(during), _text(during)
        self.family, self.assets_notes = _text(during, 50), _text(during, 50)
        self.goals = {goal: QCheckBox(name, during) for goal, name in self.goal_names().items()}
        self.inputs: dict[str, QLineEdit] = {}
        talk = QFormLayout()
        talk.addRow(self.tr("&Relationship"), self.relationship)
        talk.addRow(self.tr("&Needs found"), self.needs_found)
        talk.addRow(self.tr("Fa&mily"), self.family)
        goals = QHBoxLayout()
        for box in self.goals.values():
            goals.addWidget(box)
        goals.addStretch(1)
        talk.addRow(self.tr("Goals"), goals)
        income = self._group(during, self.tr("Income, cover and assets"), self.income_fields())
        income.layout_form.addRow(self.tr("Cover and assets in words"), self.assets_notes)
        education = self._group(during, self.tr("Children's education"), self.education_fields())
        pension = self._group(during, self.tr("Pension"), self.pension_fields())
        rates = self._group(during, self.tr("Rates"), self.rate_fields())
        column = QVBoxLayout(during)
        column.addLayout(talk)
        for group in (income, education, pension, rates):
            column.addWidget(group)
        scroll = QScrollArea()
        scroll.setWidget(during)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(scroll, self.tr("D&uring"))

        after = QWidget()
        self.analysis = _text(after, 200)
        form = QFormLayout(after)
        form.addRow(self.tr("&Analysis"), self.analysis)
        self.tabs.addTab(after, self.tr("A&fter"))

        side = QWidget(self)
        self.who = QLabel(side)
        self.who.setWordWrap(True)
        self.protection_text, self.education_text, self.pension_text = QLabel(side), QLabel(side), QLabel(side)
        self.chart = NeedsChart(side)
        self.problems = QLabel(side)
        set_tone(self.problems, "problem")
        self.problems.setWordWrap(True)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.who)
        for label in (self.protection_text, self.education_text, self.pension_text):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            side_layout.addWidget(label)
        side_layout.addWidget(self.chart)
        side_layout.addWidget(self.problems)
        side_layout.addStretch(1)
        side.setMinimumWidth(360)

        self.status = status_line(self)
        self.done_button = QPushButton(self.tr("Mark &done"), self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        close = QPushButton(self.tr("Close"), self)
        buttons = button_row(self.status, self.done_button, self.print_button, close)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        body.addWidget(side, 2)
        root = QVBoxLayout(self)
        root.addLayout(body, 1)
        root.addLayout(buttons)

        self.done_button.clicked.connect(self.toggle_done)
        self.print_button.clicked.connect(self.open_print)
        close.clicked.connect(self.reject)
        self._autosave = save_as_you_type(self, self.save, AUTOSAVE_MS)
        for edit in (self.preparation, self.relationship, self.needs_found, self.family, self.assets_notes,
                     self.analysis):  # fmt: skip
            edit.textChanged.connect(self._typed)
        for field in self.inputs.values():
            field.textChanged.connect(self._typed)
        for box in self.goals.values():
            box.toggled.connect(self._typed)
        self.held_on.dateChanged.connect(self._typed)
        self.done_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.show_figures()
        self.load(interview_id, visit_id, client_id)

    # ---- texts ------------------------------------------------------------------------------

    def goal_names(self) -> dict[str, str]:
        names = {
            "education": self.tr("Children's education"),
            "pension": self.tr("Pension"),
            "health": self.tr("Health"),
            "wealth": self.tr("Wealth"),
            "protection": self.tr("Protection"),
        }
        return {goal: names[goal] for goal in GOALS}

    def income_fields(self) -> list[tuple[str, str, str]]:
        """(input, label, placeholder) of each group's fields."""
        return [
            ("annual_income_cents", self.tr("Annual &income (yuan)"), ""),
            ("debts_cents", self.tr("Debts (yuan)"), ""),
            ("existing_cover_cents", self.tr("Existing life cover (yuan)"), ""),
            ("liquid_assets_cents", self.tr("Liquid assets (yuan)"), ""),
            ("income_years", self.tr("Years of income to cover"), str(DEFAULT_INCOME_YEARS)),
        ]

    def education_fields(self) -> list[tuple[str, str, str]]:
        return [
            ("child_name", self.tr("Child's name"), ""),
            ("child_age", self.tr("Child's age"), ""),
            ("university_cost_cents", self.tr("University cost a year, today (yuan)"), ""),
            ("start_age", self.tr("Age starting university"), str(DEFAULT_UNIVERSITY_AGE)),
            ("study_years", self.tr("Years of study"), str(DEFAULT_STUDY_YEARS)),
            ("education_saved_cents", self.tr("Set aside for it (yuan)"), ""),
        ]

    def pension_fields(self) -> list[tuple[str, str, str]]:
        return [
            ("current_age", self.tr("Current age"), ""),
            ("retirement_age", self.tr("Retirement age"), ""),
            ("desired_monthly_cents", self.tr("Monthly income wanted, today (yuan)"), ""),
            ("social_monthly_cents", self.tr("Social pension a month, today (yuan)"), ""),
            ("retirement_years", self.tr("Years in retirement"), str(DEFAULT_RETIREMENT_YEARS)),
            ("pension_saved_cents", self.tr("Pension savings (yuan)"), ""),
        ]

    def rate_fields(self) -> list[tuple[str, str, str]]:
        return [
            ("inflation_bp", self.tr("Inflation (% a year)"), self.percent(DEFAULT_INFLATION_BP)),
            ("return_bp", self.tr("Expected return (% a year)"), self.percent(DEFAULT_RETURN_BP)),
        ]

    def percent(self, bp: int) -> str:
        return f"{Decimal(bp) / 100:f}".rstrip("0").rstrip(".")

    def _group(self, parent: QWidget, title: str, rows: list[tuple[str, str, str]]) -> _Group:
        group = _Group(title, parent)
        for name, label, placeholder in rows:
            field = QLineEdit(group)
            field.setObjectName(name)
            field.setPlaceholderText(placeholder)
            if name not in TEXTS:
                field.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.inputs[name] = field
            group.layout_form.addRow(label, field)
        return group

    # ---- loading ----------------------------------------------------------------------------

    def load(self, interview_id: str | None, visit_id: str | None, client_id: str | None) -> None:
        service = self.ctx.needs_interviews

        def find(_task: object) -> tuple[NeedsInterviewView, bool]:
            if interview_id is not None:
                return service.get(interview_id), False
            if visit_id is not None:
                found = service.for_visit(visit_id)
                if found is not None:
                    return found, False
            return service.create(visit_id=visit_id, client_id=client_id), True

        self.runner.submit(find, lane="db", on_done=self._loaded, on_error=self.status.setText)

    def _loaded(self, loaded: tuple[NeedsInterviewView, bool]) -> None:
        view, created = loaded
        self.created = created
        self._loading = True
        self.view = view
        draft = view.draft
        self.held_on.setDate(qdate(draft.held_on))
        for name in ("preparation", "relationship", "needs_found", "analysis"):
            edit: QPlainTextEdit = getattr(self, name)
            edit.setPlainText(getattr(draft, name))
        for goal, box in self.goals.items():
            box.setChecked(goal in draft.goals)
        self.family.setPlainText(draft.inputs.family)
        self.assets_notes.setPlainText(draft.inputs.assets_notes)
        for name, field in self.inputs.items():
            field.setText(self.shown(name, getattr(draft.inputs, name)))
        self._loading = False
        self.show_view(view)
        self.show_figures()
        self.done_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.preparation.setFocus()

    def shown(self, name: str, value: object) -> str:
        if value is None:
            return ""
        if name in MONEY and isinstance(value, int):
            return yuan_text(value, grouping=False).removesuffix(".00")
        if name in RATES and isinstance(value, int):
            return self.percent(value)
        return str(value)

    def show_view(self, view: NeedsInterviewView) -> None:
        when = QLocale().toString(qdate(view.draft.held_on), QLocale.FormatType.ShortFormat)
        self.setWindowTitle(self.tr("Needs interview: %1, %2").replace("%1", view.who).replace("%2", when))
        state = self.tr("Done: counted in the work log.") if view.done else self.tr("Draft")
        self.who.setText(f"<b>{view.who}</b> — {state}")
        self.done_button.setText(self.tr("&Take back done") if view.done else self.tr("Mark &done"))
        self.held_on.setEnabled(not view.done)

    # ---- the figures --------------------------------------------------------------------------

    def read_inputs(self) -> tuple[NeedsInputs, list[str]]:
        """The inputs as typed, and a sentence for each number that does not read."""
        values: dict[str, object] = {
            "family": self.family.toPlainText(),
            "assets_notes": self.assets_notes.toPlainText(),
        }
        bad: list[str] = []
        labels = {name: label for name, label, _p in self.all_fields()}
        for name, field in self.inputs.items():
            text = field.text()
            if name in TEXTS:
                values[name] = text.strip()
                continue
            try:
                values[name] = self.parse(name, text)
                field.setProperty("invalid", False)
                field.style().polish(field)
            except ValueError:
                field.setProperty("invalid", True)
                field.style().polish(field)
                bad.append(self.tr("%1: “%2” is not a number.").replace("%1", labels[name].replace("&", "")).replace(
                    "%2", text))  # fmt: skip
        known = {f.name for f in fields(NeedsInputs)}
        return NeedsInputs(**{k: v for k, v in values.items() if k in known}), bad  # type: ignore[arg-type]

    def all_fields(self) -> list[tuple[str, str, str]]:
        return self.income_fields() + self.education_fields() + self.pension_fields() + self.rate_fields()

    def parse(self, name: str, text: str) -> int | None:
        cleaned = _number(text)
        if not cleaned:
            return None
        if name in MONEY:
            return cents_from_text(cleaned)
        if name in RATES:
            try:
                bp = Decimal(cleaned) * 100
            except InvalidOperation as exc:
                raise ValueError(text) from exc
            if not bp.is_finite() or bp != bp.to_integral_value():
                raise ValueError(text)
            return int(bp)
        if not cleaned.lstrip("-").isdigit():
            raise ValueError(text)
        return int(cleaned)

    def show_figures(self) -> NeedsFigures:
        inputs, bad = self.read_inputs()
        result = figures(inputs)
        money = self.tr("%1 yuan")
        yuan = lambda cents: money.replace("%1", yuan_text(cents))  # noqa: E731
        if result.protection is not None:
            p = result.protection
            self.protection_text.setText(
                self.tr("Protection gap: %1 (need %2, cover %3); premium budget %4 a year")
                .replace("%1", yuan(p.gap_cents)).replace("%2", yuan(p.need_cents))
                .replace("%3", yuan(p.cover_cents)).replace("%4", yuan(p.premium_budget_cents))
            )  # fmt: skip
        else:
            self.protection_text.setText(self.tr("Protection gap: type the annual income."))
        if result.education is not None:
            e = result.education
            self.education_text.setText(
                self.tr("Education fund: %1 needed today (%2 as spent over %3 years from %4 years on); gap %5")
                .replace("%1", yuan(e.need_today_cents)).replace("%2", yuan(e.total_cents))
                .replace("%3", str(e.years_ahead)).replace("%4", str(e.years_until_start))
                .replace("%5", yuan(e.gap_cents))
            )  # fmt: skip
        else:
            self.education_text.setText(self.tr("Education fund: type the child's age and the cost a year."))
        if result.pension is not None:
            s = result.pension
            self.pension_text.setText(
                self.tr("Pension gap: %1 (%2 needed at retirement in %3 years, savings then %4)")
                .replace("%1", yuan(s.gap_cents)).replace("%2", yuan(s.lump_sum_cents))
                .replace("%3", str(s.years_to_retirement)).replace("%4", yuan(s.cover_cents))
            )  # fmt: skip
        else:
            self.pension_text.setText(self.tr("Pension gap: type the current age and the monthly income wanted."))
        self.chart.show_figures(result)
        language = current_language()
        self.problems.setText("\n".join([*bad, *(p.message(language) for p in result.problems)]))
        return result

    # ---- saving -------------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._loading:
            return
        self.show_figures()
        if self.view is not None:
            self.typed = True
            self._autosave.start()

    def draft(self) -> NeedsDraft:
        inputs, _bad = self.read_inputs()
        goals = tuple(goal for goal, box in self.goals.items() if box.isChecked())
        return NeedsDraft(
            pydate(self.held_on.date()), self.preparation.toPlainText(), self.relationship.toPlainText(),
            self.needs_found.toPlainText(), self.analysis.toPlainText(), goals, inputs,
        )  # fmt: skip

    def save(self) -> None:
        self._autosave.stop()
        if self.view is None:
            return
        service, interview_id, draft = self.ctx.needs_interviews, self.view.id, self.draft()
        self.runner.submit(lambda _t: service.save(interview_id, draft), lane="db", on_done=self._saved,
                           on_error=self.status.setText)  # fmt: skip

    def _saved(self, view: NeedsInterviewView) -> None:
        self.view = view
        self.status.setText(self.tr("Saved."))
        self.interview_did_change.emit(view.id)

    def toggle_done(self) -> None:
        if self.view is None:
            return
        self.save()  # first, on the same one-thread lane: done judges what was typed
        service, interview_id, done = self.ctx.needs_interviews, self.view.id, self.view.done
        work = (lambda _t: service.reopen(interview_id)) if done else (lambda _t: service.mark_done(interview_id))
        self.runner.submit(work, lane="db", on_done=self._status_changed, on_error=self.status.setText)

    def _status_changed(self, view: NeedsInterviewView) -> None:
        self.view = view
        self.typed = True  # a done interview is kept
        self.show_view(view)
        self.status.setText(self.tr("Marked done.") if view.done else self.tr("Back to draft."))
        self.interview_did_change.emit(view.id)

    def open_print(self) -> None:
        if self.view is None:
            return
        from app.reports.needs_interview import print_needs_interview
        from ui.common.print_actions import open_preview

        self.save()  # first, on the same lane: the paper shows what was typed
        ctx, interview_id = self.ctx, self.view.id
        open_preview(self, self.runner, self.tr("Needs interview"), lambda: print_needs_interview(ctx, interview_id),
                     "needs-interview.pdf", pdf_lane="db")  # fmt: skip

    def reject(self) -> None:
        """Close keeps what was typed; a new interview closed without typing is not kept."""
        if self.view is not None and self.created and not self.typed:
            service, interview_id = self.ctx.needs_interviews, self.view.id
            self.runner.submit(lambda _t: service.delete_draft(interview_id), lane="db", on_error=self.status.setText)
        elif self._autosave.isActive():
            self.save()
        super().reject()


class _Group(QGroupBox):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.layout_form = QFormLayout(self)


def open_needs_interview(
    parent: QWidget | None,
    ctx: AppContext,
    runner: TaskRunner,
    *,
    visit_id: str | None = None,
    client_id: str | None = None,
    interview_id: str | None = None,
) -> NeedsInterviewDialog:
    """Open the visit's interview (or the one named), else a new one; not modal, deleted on close."""
    dialog = NeedsInterviewDialog(
        ctx, runner, interview_id=interview_id, visit_id=visit_id, client_id=client_id, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
