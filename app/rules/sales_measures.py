"""The five measures of the manual's 每日工作计划与总结表, counted from the work log, and their
roll-ups per day, ISO week, month, quarter and year.

Pure (stdlib only): the service (app/day/summaries.py) reads the rows, these rules count them.

- 有效电话数量 (`calls`): a live work-log entry of kind "call" that is effective. When a call
  record (电话邀约记录表) links the entry, the record decides: it is done and its outcome is an
  appointment or a clear answer. An entry no record links counts by its own `effective` flag.
- 需求面谈数量 (`needs_interviews`): a live entry linked by a needs interview (需求面谈表) marked done.
- 成交面谈数量 (`closing_interviews`): a live entry linked by a closing interview (成交面谈记录表)
  marked done.
- 销售产品及金额 (`sales_cents`, `policies`): finished proposals (投保单), each correction chain once:
  sold on the day its first version was finished, for the product and premium of its latest
  finished version; whole fen, by product line from the catalogue.
- 售后服务数 (`after_sales`): a live entry that is after-sales work as the manual lists it
  (feedback on products bought, greetings on important dates, delivering the policy): the entry
  of a client visit whose purpose is policy delivery (保单递送) or care (客户关怀), and the
  entry a care message or follow-up wrote for a maturity, a birthday, an important date or the
  revisit after a purchase (reminder actions in AFTER_SALES_ACTIONS).

"Live" is the work log's correction rule: an entry a correction replaced no longer counts, its
correction does, on its day. A form links the entry it wrote; when that entry was corrected the
form counts through the correction, so a form and its entry, or an entry and its correction,
count once. Every count is per entry (a form is one entry, quantity 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

MEASURES = ("calls", "needs_interviews", "closing_interviews", "sales_cents", "after_sales")
# English and the manual's Chinese name of each measure.
MEASURE_NAMES: dict[str, tuple[str, str]] = {
    "calls": ("Effective calls", "有效电话数量"),
    "needs_interviews": ("Needs interviews", "需求面谈数量"),
    "closing_interviews": ("Closing interviews", "成交面谈数量"),
    "sales_cents": ("Products sold and amounts", "销售产品及金额"),
    "after_sales": ("After-sales services", "售后服务数"),
}
EFFECTIVE_CALL_OUTCOMES = ("appointment", "clear_answer")
AFTER_SALES_PURPOSES = ("policy_delivery", "care")
AFTER_SALES_ACTIONS = (
    "care:maturity", "care:birthday", "care:important_date", "care:purchase_follow_up",
    "maturity", "birthday", "anniversary", "purchase_follow_up", "policy_delivery",
)  # fmt: skip
FORMS = ("call", "needs", "closing")
PERIODS = ("month", "quarter", "year")
ALL_LINES = "all"
OTHER_LINE = "other"  # a product the catalogue held does not know


@dataclass(frozen=True)
class LogRow:
    """One work-log entry, as much of it as the counts need."""

    id: str
    day: date
    kind: str
    quantity: int = 1
    corrects_id: str | None = None
    visit_id: str | None = None
    effective: bool = False


@dataclass(frozen=True)
class FormLink:
    """A sales form (call record, needs or closing interview) and the entry it wrote."""

    form: str  # call | needs | closing
    status: str  # prepared | draft | done
    worklog_id: str | None
    outcome: str | None = None  # a call's outcome


@dataclass(frozen=True)
class SaleRow:
    """A finished proposal version."""

    id: str
    previous_id: str | None
    finished_on: date  # the manager's local day it was finished
    product_code: str
    product_name: str
    premium_cents: int | None
    line: str  # the product's line in the catalogue, OTHER_LINE if unknown


@dataclass(frozen=True)
class ProductSale:
    line: str
    product_code: str
    product_name: str
    policies: int
    cents: int


@dataclass(frozen=True)
class Measures:
    """The five measures (and the number of policies behind the amount)."""

    calls: int = 0
    needs_interviews: int = 0
    closing_interviews: int = 0
    sales_cents: int = 0
    after_sales: int = 0
    policies: int = 0

    def __add__(self, other: Measures) -> Measures:
        return Measures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def get(self, measure: str) -> int:
        return int(getattr(self, measure))


@dataclass(frozen=True)
class DayMeasures:
    day: date
    measures: Measures = Measures()
    sales: tuple[ProductSale, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MeasureLine:
    measure: str
    plan: int
    actual: int

    @property
    def percent(self) -> int | None:
        return percent_reached(self.actual, self.plan)

    @property
    def met(self) -> bool:
        return self.plan > 0 and self.actual >= self.plan


def percent_reached(actual: int, target: int) -> int | None:
    """Whole per cent of the target reached, rounded down (99.9% is not 100%); None when there is
    no target (0 or less): nothing to reach, so no percentage, never a division by zero."""
    if target <= 0:
        return None
    return max(actual, 0) * 100 // target


def measure_lines(plan: Measures, actual: Measures) -> tuple[MeasureLine, ...]:
    return tuple(MeasureLine(m, plan.get(m), actual.get(m)) for m in MEASURES)


# ---- the work log's correction rule ------------------------------------------------------------


def live_heads(rows: Iterable[LogRow]) -> tuple[dict[str, LogRow], dict[str, str]]:
    """The entries that count (no correction replaced them), and for every entry id the live
    entry it became (itself, or the last correction of its chain)."""
    by_id = {r.id: r for r in rows}
    corrected_by = {r.corrects_id: r.id for r in by_id.values() if r.corrects_id}
    live = {i: r for i, r in by_id.items() if i not in corrected_by}
    head: dict[str, str] = {}
    for entry_id in by_id:
        current, seen = entry_id, {entry_id}
        while current in corrected_by and corrected_by[current] not in seen:
            current = corrected_by[current]
            seen.add(current)
        if current in live:
            head[entry_id] = current
    return live, head


# ---- counting ---------------------------------------------------------------------------------


def count_days(
    rows: Iterable[LogRow],
    forms: Iterable[FormLink] = (),
    sales: Iterable[SaleRow] = (),
    visit_purposes: Mapping[str, str] | None = None,
    after_sales_entries: Iterable[str] = (),
) -> dict[date, DayMeasures]:
    """The five measures per day, for the days the rows fall on.

    `rows` are the work-log entries of the days counted (all versions), `forms` the sales forms
    linking any of them, `visit_purposes` visit id -> purpose for the visits they record,
    `after_sales_entries` the entry ids reminder actions in AFTER_SALES_ACTIONS wrote."""
    live, head = live_heads(rows)
    purposes = visit_purposes or {}
    call_by_form: dict[str, bool] = {}
    needs: set[str] = set()
    closing: set[str] = set()
    for form in forms:
        entry = head.get(form.worklog_id) if form.worklog_id else None
        if entry is None:
            continue
        if form.form == "call":
            effective = form.status == "done" and form.outcome in EFFECTIVE_CALL_OUTCOMES
            call_by_form[entry] = call_by_form.get(entry, False) or effective
        elif form.form == "needs" and form.status == "done":
            needs.add(entry)
        elif form.form == "closing" and form.status == "done":
            closing.add(entry)
    after = {head[i] for i in after_sales_entries if i in head}
    counts: dict[date, dict[str, int]] = {}
    for entry_id, row in live.items():
        sums = counts.setdefault(row.day, dict.fromkeys(MEASURES, 0))
        # A call record decides for the entry it wrote; an entry of its own carries its flag.
        if row.kind == "call" and call_by_form.get(entry_id, row.effective):
            sums["calls"] += row.quantity
        sums["needs_interviews"] += entry_id in needs
        sums["closing_interviews"] += entry_id in closing
        visit_after = row.kind == "visit" and purposes.get(row.visit_id or "") in AFTER_SALES_PURPOSES
        sums["after_sales"] += row.quantity if (visit_after or entry_id in after) else 0
    result = {d: DayMeasures(d, Measures(**c)) for d, c in counts.items()}
    for day, sold in sales_by_day(sales).items():
        measures = result.get(day, DayMeasures(day)).measures
        extra = Measures(sales_cents=sum(s.cents for s in sold), policies=sum(s.policies for s in sold))
        result[day] = DayMeasures(day, measures + extra, sold)
    return result


def sales_by_day(rows: Iterable[SaleRow]) -> dict[date, tuple[ProductSale, ...]]:
    """Finished proposals per day, each correction chain once (see the module's docstring),
    added up per product, in line then product code order."""
    by_id = {r.id: r for r in rows}
    newer = {r.previous_id for r in by_id.values() if r.previous_id in by_id}
    sums: dict[date, dict[tuple[str, str], tuple[str, int, int]]] = {}
    for latest in by_id.values():
        if latest.id in newer:
            continue
        first, seen = latest, {latest.id}
        while first.previous_id in by_id and first.previous_id not in seen:
            first = by_id[first.previous_id]
            seen.add(first.id)
        day = min(by_id[i].finished_on for i in seen)
        key = (latest.line, latest.product_code)
        products = sums.setdefault(day, {})
        name, policies, cents = products.get(key, (latest.product_name, 0, 0))
        products[key] = (name, policies + 1, cents + (latest.premium_cents or 0))
    return {
        day: tuple(
            ProductSale(line, code, name, n, cents) for (line, code), (name, n, cents) in sorted(products.items())
        )
        for day, products in sums.items()
    }


def merge_sales(sales: Iterable[ProductSale]) -> tuple[ProductSale, ...]:
    """Product sales of several days added up per product."""
    sums: dict[tuple[str, str], ProductSale] = {}
    for sale in sales:
        key = (sale.line, sale.product_code)
        old = sums.get(key)
        if old is not None:
            sale = ProductSale(sale.line, sale.product_code, old.product_name, old.policies + sale.policies,
                               old.cents + sale.cents)  # fmt: skip
        sums[key] = sale
    return tuple(sums[key] for key in sorted(sums))


def by_line(sales: Iterable[ProductSale]) -> dict[str, tuple[int, int]]:
    """line -> (policies, fen)."""
    lines: dict[str, tuple[int, int]] = {}
    for sale in sales:
        policies, cents = lines.get(sale.line, (0, 0))
        lines[sale.line] = (policies + sale.policies, cents + sale.cents)
    return lines


def rollup(days: Mapping[date, DayMeasures], first: date, last: date) -> DayMeasures:
    """The measures of `first`..`last` (both included) added up; the day is `first`."""
    total, sold = Measures(), list[ProductSale]()
    for day, measures in days.items():
        if first <= day <= last:
            total += measures.measures
            sold += measures.sales
    return DayMeasures(first, total, merge_sales(sold))


# ---- periods ----------------------------------------------------------------------------------


def iso_week(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding `day` (a week may cross a month or a year)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_span(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def quarter_span(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    last_month = date(day.year, first.month + 2, 1)
    return first, month_span(last_month)[1]


def year_span(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def period_span(period: str, day: date) -> tuple[date, date]:
    """The month, quarter or year holding `day`: its first and last day."""
    spans = {"month": month_span, "quarter": quarter_span, "year": year_span}
    if period not in spans:
        raise ValueError(period)
    return spans[period](day)


def days_between(first: date, last: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


# ---- targets by period and product line (个人指标进度情况表) -------------------------------------------


@dataclass(frozen=True)
class LineTargetRow:
    period: str  # month | quarter | year
    starts_on: date
    line: str  # a catalogue line, or ALL_LINES
    premium_cents: int
    policies: int


@dataclass(frozen=True)
class LineProgress:
    period: str
    starts_on: date
    ends_on: date
    line: str
    target_cents: int
    target_policies: int
    actual_cents: int
    actual_policies: int

    @property
    def percent_cents(self) -> int | None:
        return percent_reached(self.actual_cents, self.target_cents)

    @property
    def percent_policies(self) -> int | None:
        return percent_reached(self.actual_policies, self.target_policies)


def line_progress(targets: Iterable[LineTargetRow], days: Mapping[date, DayMeasures]) -> tuple[LineProgress, ...]:
    """Each target beside what its period sold in its line (all lines for ALL_LINES), in
    period (year, quarter, month), start and line order."""
    result = []
    for target in targets:
        first, last = period_span(target.period, target.starts_on)
        sold = rollup(days, first, last).sales
        if target.line == ALL_LINES:
            policies, cents = sum(s.policies for s in sold), sum(s.cents for s in sold)
        else:
            policies, cents = by_line(sold).get(target.line, (0, 0))
        result.append(LineProgress(target.period, first, last, target.line, target.premium_cents,
                                   target.policies, cents, policies))  # fmt: skip
    order = {p: n for n, p in enumerate(reversed(PERIODS))}
    return tuple(sorted(result, key=lambda p: (order[p.period], p.starts_on, p.line != ALL_LINES, p.line)))
