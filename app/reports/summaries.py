"""The weekly and monthly summaries (周工作总结表, 月工作总结表) and the personal target-progress table
(个人指标进度情况表), read at the weekly meeting and the monthly analysis meeting.

Each on one A4 page (shrunk to fit when the notes run long), the charts drawn with reportlab's
own graphics (bar charts), every figure also written in a table beside them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from app.day.summaries import PeriodSummary, TargetProgress, line_name
from app.reports import labels as zh
from app.reports.common import Letterhead, chinese_date, ruled, section
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import (
    CONTENT_WIDTH,
    FORM_HEIGHT,
    GRID,
    PageInfo,
    Styles,
    build_pdf,
    paragraph,
    styles,
)
from app.rules.money import yuan_text
from app.rules.sales_measures import MEASURE_NAMES, LineProgress, MeasureLine, percent_reached

W = CONTENT_WIDTH
TITLES = {"week": "周工作总结表", "month": "月工作总结表"}
TARGETS_TITLE = "个人指标进度情况表"
PERIODS_ZH = {"month": "月度", "quarter": "季度", "year": "年度"}
COUNTED = ("calls", "needs_interviews", "closing_interviews", "after_sales")  # the bars of the counts chart
SHORT = {
    "calls": "有效电话",
    "needs_interviews": "需求面谈",
    "closing_interviews": "成交面谈",
    "after_sales": "售后服务",
}
BAR_COLOURS = (colors.HexColor("#1a73e8"), colors.HexColor("#34a853"), colors.HexColor("#fbbc04"),
               colors.HexColor("#a142f4"))  # fmt: skip
PLAN_COLOUR, ACTUAL_COLOUR = colors.HexColor("#bdc1c6"), colors.HexColor("#1a73e8")
REVIEW_LINE = "主管审阅：________________________________"
MAX_ANALYSIS_LINES = 8
CHART_HEIGHT = 44 * mm
PERCENT_CAP = 150  # bars of the target chart stop here; the table gives the true figure


def _yuan(cents: int) -> str:
    return f"{yuan_text(cents)} 元"


def _figure(measure: str, value: int) -> str:
    return _yuan(value) if measure == "sales_cents" else str(value)


def _rate(percent: int | None) -> str:
    return "—" if percent is None else f"{percent}%"


def _span_text(summary: PeriodSummary) -> str:
    first, last = summary.first, summary.last
    text = f"{chinese_date(first)} 至 {chinese_date(last)}"
    if summary.kind == "week":
        year, week, _ = first.isocalendar()
        text += f"（{year} 年第 {week} 周）"
    return f"期间：{text}　工作日 {summary.working_days} 天"


def _measures(lines: Sequence[MeasureLine], s: Styles, width: float = W) -> Flowable:
    rows: list[list[object]] = [["项目", "计划", "实际", "完成率"]]
    for line in lines:
        rows.append([MEASURE_NAMES[line.measure][1], _figure(line.measure, line.plan),
                     _figure(line.measure, line.actual), _rate(line.percent)])  # fmt: skip
    return ruled(rows, (width * 0.31, width * 0.255, width * 0.255, width * 0.18), s, centre=(1, 2, 3))


def _side_by_side(left: Flowable, right: Flowable, split: float) -> Flowable:
    """Two flowables in one row, `split` of the width on the left (a small gap between them)."""
    table = Table([[left, right]], colWidths=[W * split, W * (1 - split)])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, -1), 2 * mm), ("RIGHTPADDING", (1, 0), (1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return table


def _sales(summary: PeriodSummary, s: Styles) -> Flowable:
    rows: list[list[object]] = [["产品线", "产品", "件数", "金额"]]
    for sale in summary.sales:
        rows.append([line_name(sale.line), sale.product_name or sale.product_code, str(sale.policies),
                     _yuan(sale.cents)])  # fmt: skip
    extra: list[tuple[object, ...]] = []
    if not summary.sales:
        rows.append(["本期无已完成的投保单", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    policies = sum(p for p, _ in summary.lines.values())
    cents = sum(c for _, c in summary.lines.values())
    rows.append(["合计", f"{len(summary.lines)} 条产品线", str(policies), _yuan(cents)])
    return ruled(rows, (W * 0.18, W * 0.44, W * 0.12, W * 0.26), s, centre=(0, 2), total_rows=1, extra=extra)


def _daily(summary: PeriodSummary, s: Styles, width: float = W) -> Flowable:
    rows: list[list[object]] = [["每日目标", "目标", "实际", "完成率"]]
    for line in summary.daily:
        rows.append([zh.label(zh.MEASURES, line.measure), str(line.target), str(line.actual),
                     _rate(percent_reached(line.actual, line.target))])  # fmt: skip
    return ruled(rows, (width * 0.4, width * 0.2, width * 0.2, width * 0.2), s, centre=(1, 2, 3))


def _bucket_label(summary: PeriodSummary, index: int) -> str:
    bucket = summary.buckets[index]
    if summary.kind == "week":
        return f"{zh.WEEKDAYS[bucket.first.weekday()][-1]} {bucket.first.month}/{bucket.first.day}"
    return f"{bucket.first.month}/{bucket.first.day}–{bucket.last.month}/{bucket.last.day}"


def _by_bucket(summary: PeriodSummary, s: Styles) -> Flowable:
    head = "日期" if summary.kind == "week" else "周（ISO 周）"
    rows: list[list[object]] = [[head, *(SHORT[m] for m in COUNTED), "销售金额"]]
    for index, bucket in enumerate(summary.buckets):
        counts = [f"{bucket.actual.get(m)} / {bucket.plan.get(m)}" for m in COUNTED]
        rows.append([_bucket_label(summary, index), *counts, _yuan(bucket.actual.sales_cents)])
    widths = (W * 0.16, W * 0.15, W * 0.15, W * 0.15, W * 0.15, W * 0.24)
    return ruled(rows, widths, s, centre=(0, 1, 2, 3, 4))


def _chart_counts(summary: PeriodSummary, font: str) -> Drawing:
    """The four counted measures per day (or week), actual, as grouped bars."""
    height, width = CHART_HEIGHT, W / 2 - 2 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = _box(8 * mm, 7 * mm, width - 10 * mm, height - 21 * mm)
    chart.data = [[b.actual.get(m) for b in summary.buckets] for m in COUNTED]
    chart.categoryAxis.categoryNames = [_bucket_label(summary, i) for i in range(len(summary.buckets))]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max((v for series in chart.data for v in series), default=0)
    chart.valueAxis.valueMax = max(top, 4)
    chart.valueAxis.valueStep = max(1, (max(top, 4) + 3) // 4)
    chart.barSpacing, chart.groupSpacing = 1, 4
    for index, colour in enumerate(BAR_COLOURS):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    drawing.add(_legend([(BAR_COLOURS[i], SHORT[m]) for i, m in enumerate(COUNTED)], font, 8 * mm, height - 7 * mm))
    drawing.add(String(0, height - 4 * mm, "图 1　各项指标（实际）", fontName=font, fontSize=8))
    return drawing


def _chart_sales(summary: PeriodSummary, font: str) -> Drawing:
    """Sales per day (or week), plan beside actual, in 万元 (ten thousand yuan)."""
    height, width = CHART_HEIGHT, W / 2 - 2 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = _box(10 * mm, 7 * mm, width - 12 * mm, height - 21 * mm)
    chart.data = [[b.plan.sales_cents / 1_000_000 for b in summary.buckets],
                  [b.actual.sales_cents / 1_000_000 for b in summary.buckets]]  # fmt: skip
    chart.categoryAxis.categoryNames = [_bucket_label(summary, i) for i in range(len(summary.buckets))]
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = font, 7
    chart.valueAxis.valueMin = 0
    top = max((v for series in chart.data for v in series), default=0)
    chart.valueAxis.valueMax = max(top * 1.1, 1)
    chart.valueAxis.labelTextFormat = "%.1f"
    chart.bars[0].fillColor, chart.bars[1].fillColor = PLAN_COLOUR, ACTUAL_COLOUR
    chart.bars[0].strokeColor = chart.bars[1].strokeColor = None
    drawing.add(chart)
    drawing.add(_legend([(PLAN_COLOUR, "计划"), (ACTUAL_COLOUR, "实际")], font, 10 * mm, height - 7 * mm))
    drawing.add(String(0, height - 4 * mm, "图 2　销售金额（万元）：计划与实际", fontName=font, fontSize=8))
    return drawing


def _box(x: float, y: float, width: float, height: float) -> tuple[int, int, int, int]:
    """A chart's place in whole points (the graphics' stubs take ints; a point is fine enough)."""
    return round(x), round(y), round(width), round(height)


def _legend(pairs: Sequence[tuple[colors.Color, str]], font: str, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = round(x), round(y)
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"
    legend.colorNamePairs = list(pairs)
    legend.boxAnchor = "nw"
    legend.columnMaximum = 1  # one row, side by side
    legend.dx = legend.dy = 6
    legend.deltax = 58
    return legend


def _analysis(summary: PeriodSummary, s: Styles) -> list[Flowable]:
    lines = [f"{day.month}月{day.day}日　{zh.label(zh.SALES_STEPS, step)}：{text}"
             for day, analysis in summary.step_analysis for step, text in analysis.items()]  # fmt: skip
    if not lines:
        return [paragraph("本期没有填写各环节分析。", s.small)]
    shown = lines[:MAX_ANALYSIS_LINES]
    if len(lines) > len(shown):
        shown.append(f"……另有 {len(lines) - len(shown)} 条（见每日工作计划与总结表）")
    return [paragraph("\n".join(shown), s.small)]


def _review(s: Styles, own: str) -> Flowable:
    cells = [[paragraph(f"{own}：____________________", s.body), paragraph(REVIEW_LINE, s.body)],
             [paragraph("日期：________年_____月_____日", s.small)] * 2]  # fmt: skip
    table = Table(cells, colWidths=[W * 0.42, W * 0.58], rowHeights=[11 * mm, 6 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.4, GRID)]))  # fmt: skip
    return table


def _write_lines(label: str, count: int, s: Styles) -> Flowable:
    rows = [[paragraph(label if i == 0 else "", s.cell)] for i in range(count)]
    table = Table(rows, colWidths=[W], rowHeights=[7 * mm] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def period_summary_pdf(summary: PeriodSummary, head: Letterhead, font: FontChoice | None = None) -> bytes:
    """The week's or month's summary as one A4 page."""
    font = font or cjk_font()
    s = styles(font)
    title = TITLES[summary.kind]
    word = "本周" if summary.kind == "week" else "本月"
    form: list[Flowable] = [
        paragraph(title, s.title), paragraph(_span_text(summary), s.body),
        section(1, "五项指标与每日目标完成情况", s),
        _side_by_side(_measures(summary.measures, s, W * 0.56 - 2 * mm), _daily(summary, s, W * 0.44), 0.56),
        section(2, "销售产品及金额（按产品线）", s), _sales(summary, s),
        section(3, f"{'逐日' if summary.kind == 'week' else '逐周'}情况（实际 / 计划）", s), _by_bucket(summary, s),
        Spacer(1, 2 * mm), _side_by_side(_chart_counts(summary, s.font), _chart_sales(summary, s.font), 0.5),
        section(4, "各环节成败分析（摘录）与小结", s), *_analysis(summary, s), Spacer(1, 1 * mm),
        _write_lines(f"{word}小结与下期计划：", 2, s), Spacer(1, 3 * mm), _review(s, "客户经理签字"),
    ]  # fmt: skip
    info = PageInfo(title, head.manager, head.outlet, summary.last)
    return build_pdf([_one_page(form)], info, font, author=head.manager)


# ---- 个人指标进度情况表 ---------------------------------------------------------------------------


def _period_label(row: LineProgress) -> str:
    if row.period == "year":
        return f"{row.starts_on.year} 年"
    if row.period == "quarter":
        return f"{row.starts_on.year} 年第 {(row.starts_on.month - 1) // 3 + 1} 季度"
    return f"{row.starts_on.year} 年 {row.starts_on.month} 月"


def _targets_table(progress: TargetProgress, s: Styles) -> Flowable:
    rows: list[list[object]] = [["期间", "产品线", "目标保费", "实际保费", "完成率", "目标件数", "实际件数", "完成率"]]
    for row in progress.rows:
        rows.append([_period_label(row), line_name(row.line), _yuan(row.target_cents), _yuan(row.actual_cents),
                     _rate(row.percent_cents), str(row.target_policies), str(row.actual_policies),
                     _rate(row.percent_policies)])  # fmt: skip
    extra: list[tuple[object, ...]] = []
    if not progress.rows:
        rows.append(["尚未设定指标（在“业绩总结”页设定月度、季度、年度指标）", "", "", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = (W * 0.15, W * 0.11, W * 0.17, W * 0.17, W * 0.09, W * 0.1, W * 0.1, W * 0.11)
    return ruled(rows, widths, s, centre=(4, 5, 6, 7), extra=extra)


def _targets_chart(progress: TargetProgress, font: str) -> Drawing:
    """% of each target reached (premium, else policies), one bar per target, capped at 150%."""
    rows = progress.rows
    height = max(30 * mm, (len(rows) * 7 + 16) * mm)
    drawing = Drawing(W, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = _box(48 * mm, 8 * mm, W - 60 * mm, height - 16 * mm)
    values, labels = [], []
    for row in rows:
        percent = row.percent_cents if row.percent_cents is not None else row.percent_policies
        values.append(min(percent or 0, PERCENT_CAP))
        labels.append(_rate(percent))  # the true figure, past the cap too
    chart.data = [values or [0]]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [labels or [""]]
    chart.categoryAxis.categoryNames = [f"{_period_label(r)} {line_name(r.line)}" for r in rows] or ["—"]
    chart.categoryAxis.reverseDirection = True
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = font, 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, PERCENT_CAP, 25
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor, chart.bars[0].strokeColor = ACTUAL_COLOUR, None
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(String(0, height - 4 * mm, "图　指标完成率（保费；未设保费目标时按件数）", fontName=font, fontSize=8))
    return drawing


def target_progress_pdf(progress: TargetProgress, head: Letterhead, font: FontChoice | None = None) -> bytes:
    """个人指标进度情况表 as one A4 page: the targets of the month, quarter and year holding the
    day, with what was sold and the share reached, a bar chart, and the month's five measures."""
    font = font or cjk_font()
    s = styles(font)
    month = progress.month
    form: list[Flowable] = [
        paragraph(TARGETS_TITLE, s.title),
        paragraph(f"截至：{chinese_date(progress.day)}（实际按已完成的投保单计；更正的投保单只计一次）", s.body),
        section(1, "指标进度（按期间与产品线）", s), _targets_table(progress, s), Spacer(1, 2 * mm),
        _targets_chart(progress, s.font),
        section(2, f"{month.first.year} 年 {month.first.month} 月五项指标与每日目标", s),
        _side_by_side(_measures(month.measures, s, W * 0.56 - 2 * mm), _daily(month, s, W * 0.44), 0.56),
        section(3, "差距分析与改进措施", s), _write_lines("", 4, s), Spacer(1, 3 * mm), _review(s, "客户经理签字"),
    ]  # fmt: skip
    info = PageInfo(TARGETS_TITLE, head.manager, head.outlet, progress.day)
    return build_pdf([_one_page(form)], info, font, author=head.manager)


def _one_page(form: list[Flowable]) -> Flowable:
    """The form on its one page, shrunk if the notes run long. Left-aligned, so a shrunk table
    stays under its section bar instead of centring in the wider frame the shrink lays out in."""
    for flowable in form:
        flowable.hAlign = "LEFT"
    return KeepInFrame(W, FORM_HEIGHT, form, mode="shrink")
