"""Summaries page (Ctrl+7): the week's and the month's summary of the manual's five measures and
the daily targets, and the personal target-progress table (个人指标进度情况表) with its targets by
month, quarter and year per product line, set here. Each prints on A4 (app/reports/summaries.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.i18n import current_language
from ui.common.page import Page
from ui.common.print_actions import open_preview, print_button, print_shortcut
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.summaries.chart import BarChart, Series

if TYPE_CHECKING:
    from app.context import AppContext
    from app.day.summaries import PeriodSummary, TargetProgress
    from ui.common.print_preview import PrintPreviewDialog

COUNTED = ("calls", "needs_interviews", "closing_interviews", "after_sales")
MEASURES = ("calls", "needs_interviews", "closing_interviews", "sales_cents", "after_sales")
PERIODS = ("month", "quarter", "year")
MAX_YUAN = 100_000_000_000


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(headers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


class PeriodView(QWidget):
    """One summary (a week or a month): tables of the measures and targets, and two charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measures = _tree(self, [self.tr("Measure"), self.tr("Planned"), self.tr("Done"), self.tr("Reached")])
        self.daily = _tree(self, [self.tr("Daily target"), self.tr("Target"), self.tr("Done"), self.tr("Reached")])
        self.lines = _tree(self, [self.tr("Product line"), self.tr("Policies"), self.tr("Amount")])
        self.counts_chart = BarChart(self.tr("Measures done"), self)
        self.sales_chart = BarChart(self.tr("Sales: planned and done (10,000 yuan)"), self)
        self.heading = QLabel(self)
        tables = QHBoxLayout()
        for tree in (self.measures, self.daily, self.lines):
            tables.addWidget(tree)
        charts = QHBoxLayout()
        charts.addWidget(self.counts_chart)
        charts.addWidget(self.sales_chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tables, 1)
        layout.addLayout(charts, 1)

    def measure_names(self) -> dict[str, str]:
        return {
            "calls": self.tr("Effective calls"),
            "needs_interviews": self.tr("Needs interviews"),
            "closing_interviews": self.tr("Closing interviews"),
            "sales_cents": self.tr("Products sold and amounts"),
            "after_sales": self.tr("After-sales services"),
        }

    def daily_names(self) -> dict[str, str]:
        return {
            "visits": self.tr("Effective visits"),
            "leaflets": self.tr("Leaflets"),
            "prospects": self.tr("New prospects"),
            "sms": self.tr("Care SMS"),
        }

    def show_summary(self, summary: PeriodSummary, line_names: dict[str, str]) -> None:
        locale = QLocale()
        first = locale.toString(qdate(summary.first), QLocale.FormatType.ShortFormat)
        last = locale.toString(qdate(summary.last), QLocale.FormatType.ShortFormat)
        self.heading.setText(
            self.tr("%1 to %2, %n working day(s)", "", summary.working_days).replace("%1", first).replace("%2", last)
        )
        names = self.measure_names()
        self.measures.clear()
        for line in summary.measures:
            self.measures.addTopLevelItem(QTreeWidgetItem([
                names[line.measure], self.figure(line.measure, line.plan), self.figure(line.measure, line.actual),
                _percent(line.percent),
            ]))  # fmt: skip
        self.daily.clear()
        daily = self.daily_names()
        for progress in summary.daily:
            reached = progress.actual * 100 // progress.target if progress.target > 0 else None
            self.daily.addTopLevelItem(QTreeWidgetItem([
                daily.get(progress.measure, progress.measure), str(progress.target), str(progress.actual),
                _percent(reached),
            ]))  # fmt: skip
        self.lines.clear()
        for line_code, (policies, cents) in sorted(summary.lines.items()):
            self.lines.addTopLevelItem(
                QTreeWidgetItem(
                    [line_names.get(line_code, line_code), str(policies), self.figure("sales_cents", cents)]
                )
            )
        categories = [self.bucket_name(summary, i) for i in range(len(summary.buckets))]
        self.counts_chart.show_data(
            categories,
            [Series(names[m], tuple(float(b.actual.get(m)) for b in summary.buckets)) for m in COUNTED],
        )
        self.sales_chart.show_data(
            categories,
            [
                Series(self.tr("Planned"), tuple(b.plan.sales_cents / 1_000_000 for b in summary.buckets)),
                Series(self.tr("Done"), tuple(b.actual.sales_cents / 1_000_000 for b in summary.buckets)),
            ],
        )

    def bucket_name(self, summary: PeriodSummary, index: int) -> str:
        bucket = summary.buckets[index]
        locale = QLocale()
        if summary.kind == "week":
            return locale.dayName(bucket.first.isoweekday(), QLocale.FormatType.ShortFormat)
        return f"{bucket.first.day}–{bucket.last.day}"

    @staticmethod
    def figure(measure: str, value: int) -> str:
        if measure == "sales_cents":
            return QLocale().toCurrencyString(value / 100, "¥")
        return QLocale().toString(value)


class SummariesPage(Page):
    shows = frozenset({
        "worklog", "daily_plans", "proposals", "line_targets", "call_records", "needs_interviews",
        "closing_interviews", "visits", "reminder_actions", "prospects",
    })  # fmt: skip

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Summaries"),
            self.tr(
                "The week's and the month's five measures and daily targets, and your targets by period "
                "and product line, for the weekly meeting and the monthly analysis."
            ),
            parent,
        )
        self.runner = runner
        self.ctx: AppContext | None = None
        self.week: PeriodSummary | None = None
        self.month: PeriodSummary | None = None
        self.progress: TargetProgress | None = None
        self.preview: PrintPreviewDialog | None = None

        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate.currentDate())
        date_label = QLabel(self.tr("&Date:"), self)
        date_label.setBuddy(self.date)
        self.previous_button = QPushButton(self.tr("Pre&vious"), self)
        self.next_button = QPushButton(self.tr("&Next"), self)
        actions = []
        for name, text in (
            ("week_summary", self.tr("Week summary")),
            ("month_summary", self.tr("Month summary")),
            ("target_progress", self.tr("Target progress")),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, n=name, t=text: self.print_document(n, t))
            actions.append(action)
        self.print_actions = actions
        self.print_button = print_button(self, self.tr("&Print…"), actions)
        print_shortcut(self, self.print_button)
        bar = QHBoxLayout()
        for widget in (date_label, self.date, self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)

        self.tabs = QTabWidget(self)
        self.week_view, self.month_view = PeriodView(self), PeriodView(self)
        self.tabs.addTab(self.week_view, self.tr("&Week"))
        self.tabs.addTab(self.month_view, self.tr("&Month"))
        self.tabs.addTab(self._targets_tab(), self.tr("T&argets"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.content.addLayout(bar)
        self.content.addWidget(self.tabs, 1)
        self.content.addWidget(self.status)

        self.date.dateChanged.connect(lambda _d: self.reload())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))

    def _targets_tab(self) -> QWidget:
        tab = QWidget(self)
        self.targets = _tree(tab, [
            self.tr("Period"), self.tr("Product line"), self.tr("Target premium"), self.tr("Sold"),
            self.tr("Reached"), self.tr("Target policies"), self.tr("Policies"), self.tr("Reached"),
        ])  # fmt: skip
        self.targets_chart = BarChart(self.tr("Share of each target reached (%)"), tab)
        box = QGroupBox(self.tr("Set a target"), tab)
        self.period = QComboBox(box)
        for key, name in self.period_names().items():
            self.period.addItem(name, key)
        self.line = QComboBox(box)
        for key, name in self.line_names().items():
            self.line.addItem(name, key)
        self.premium = QDoubleSpinBox(box)
        self.premium.setRange(0, MAX_YUAN)
        self.premium.setDecimals(2)
        self.premium.setGroupSeparatorShown(True)
        self.premium.setSuffix(self.tr(" yuan"))
        self.policies = QSpinBox(box)
        self.policies.setRange(0, 1_000_000)
        self.save_target_button = QPushButton(self.tr("&Save target"), box)
        self.save_target_button.setToolTip(self.tr("Both at 0 removes the target"))
        form = QFormLayout(box)
        form.addRow(self.tr("P&eriod"), self.period)
        form.addRow(self.tr("&Line"), self.line)
        form.addRow(self.tr("Premium ta&rget"), self.premium)
        form.addRow(self.tr("Polic&ies target"), self.policies)
        form.addRow("", self.save_target_button)
        self.save_target_button.clicked.connect(self.save_target)
        lower = QHBoxLayout()
        lower.addWidget(self.targets_chart, 1)
        lower.addWidget(box)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.targets, 1)
        layout.addLayout(lower, 1)
        return tab

    def period_names(self) -> dict[str, str]:
        return {"month": self.tr("Month"), "quarter": self.tr("Quarter"), "year": self.tr("Year")}

    def line_names(self) -> dict[str, str]:
        from app.rules.product_catalogue import LINES

        zh = current_language() == "zh_CN"
        names = {"all": self.tr("All products")}
        names.update({key: (chinese if zh else english) for key, (english, chinese) in LINES.items()})
        names["other"] = self.tr("Other products")
        return names

    # ---- loading -------------------------------------------------------------------------------

    def attach(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.reload()

    def reload_changed(self) -> None:
        self.reload()

    def day(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def step(self, direction: int) -> None:
        """A week back or on (Week tab), else a month."""
        current = self.date.date()
        if self.tabs.currentWidget() is self.week_view:
            self.date.setDate(current.addDays(7 * direction))
        else:
            self.date.setDate(current.addMonths(direction))

    def reload(self) -> None:
        if self.ctx is None:
            return
        summaries, day = self.ctx.summaries, self.day()

        def load(_task: object) -> tuple[PeriodSummary, PeriodSummary, TargetProgress]:
            # The target table carries its month's summary: the month is read once, not twice.
            progress = summaries.target_progress(day)
            return summaries.week(day), progress.month, progress

        self.runner.submit(
            load,
            on_done=self._show,
            on_error=self.status.setText,
        )

    def _show(self, loaded: tuple[PeriodSummary, PeriodSummary, TargetProgress]) -> None:
        self.week, self.month, self.progress = loaded
        names = self.line_names()
        self.week_view.show_summary(self.week, names)
        self.month_view.show_summary(self.month, names)
        periods = self.period_names()
        self.targets.clear()
        labels = []
        for row in self.progress.rows:
            first = QLocale().toString(qdate(row.starts_on), QLocale.FormatType.ShortFormat)
            period = f"{periods[row.period]} {first}"
            labels.append(f"{period} {names.get(row.line, row.line)}")
            self.targets.addTopLevelItem(QTreeWidgetItem([
                period, names.get(row.line, row.line), PeriodView.figure("sales_cents", row.target_cents),
                PeriodView.figure("sales_cents", row.actual_cents), _percent(row.percent_cents),
                str(row.target_policies), str(row.actual_policies), _percent(row.percent_policies),
            ]))  # fmt: skip
        shares = []
        for row in self.progress.rows:
            share = row.percent_cents if row.percent_cents is not None else row.percent_policies
            shares.append(share or 0)
        self.targets_chart.show_data(
            labels, [Series(self.tr("Reached"), tuple(float(s) for s in shares))], [[f"{s}%" for s in shares]]
        )
        self.status.setText("" if self.progress.rows else self.tr("No targets set for this month, quarter or year."))

    # ---- acting --------------------------------------------------------------------------------

    def save_target(self) -> None:
        if self.ctx is None:
            return
        summaries, day = self.ctx.summaries, self.day()
        period, line = self.period.currentData(), self.line.currentData()
        cents, policies = round(self.premium.value() * 100), self.policies.value()

        def saved(_row: object) -> None:
            self.status.setText(self.tr("Target saved."))
            self.reload()

        self.runner.submit(
            lambda _t: summaries.set_line_target(period, day, line, cents, policies),
            lane="db",
            on_done=saved,
            on_error=self.status.setText,
        )

    def print_document(self, name: str, title: str) -> None:
        if self.ctx is None:
            return
        printing, day = self.ctx.printing, self.day()
        self.preview = open_preview(
            self, self.runner, title, lambda: getattr(printing, name)(day), f"{name}-{day.isoformat()}.pdf"
        )
