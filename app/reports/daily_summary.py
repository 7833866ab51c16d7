"""The daily plan & summary (每日工作计划与总结表) as the manual's paper form, on ONE A4 page.

The five measures with their plan and actual (有效电话数量, 需求面谈数量, 成交面谈数量, 销售产品及金额,
售后服务数) and the products sold; the manuals' daily targets beside them (5 visits, 50 leaflets,
10 prospects, 20 care messages); 各环节成败分析与总结 per step of the sales flow; the review; the next
working day's plan numbers; and the signatures with the supervisor's review line. The form is
shrunk to fit its page if the notes run long; the day's work log follows as an attachment page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from app.day.daily_plans import DailySummary
from app.day.summaries import line_name
from app.day.worklog import LogEntry
from app.reports import labels as zh
from app.reports.common import Letterhead, calendar_line, chinese_date, field_grid, ruled, section
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
from app.rules.sales_measures import MEASURE_NAMES, Measures

TITLE = "每日工作计划与总结表"
W = CONTENT_WIDTH
DAILY = ("visits", "leaflets", "prospects", "sms")  # the manuals' daily targets
TOMORROW_VISITS = 6  # listed by name on the form; the rest as a count
REVIEW_LINE = "主管审阅：________________________________"


def _rate(actual: int, target: int) -> str:
    return f"{actual * 100 // target}%" if target > 0 else "—"


def _figure(measure: str, value: int) -> str:
    return f"{yuan_text(value)} 元" if measure == "sales_cents" else str(value)


def _measures(summary: DailySummary, s: Styles) -> list[Flowable]:
    rows: list[list[object]] = [["项目", "计划", "实际", "完成率"]]
    for line in summary.measures:
        rows.append([MEASURE_NAMES[line.measure][1], _figure(line.measure, line.plan),
                     _figure(line.measure, line.actual), _rate(line.actual, line.plan)])  # fmt: skip
    table = ruled(rows, (W * 0.34, W * 0.24, W * 0.24, W * 0.18), s, centre=(1, 2, 3))
    sold = "；".join(
        f"{sale.product_name or sale.product_code}（{line_name(sale.line)}）"
        f"{sale.policies} 件 {yuan_text(sale.cents)} 元"
        for sale in summary.sales
    )
    return [table, Spacer(1, 1 * mm), paragraph(f"销售产品：{sold or '无'}", s.small)]


def _daily(summary: DailySummary, s: Styles) -> Flowable:
    lines = [p for p in summary.progress if p.measure in DAILY]
    rows: list[list[object]] = [["每日目标", *(zh.label(zh.MEASURES, p.measure) for p in lines)]]
    rows.append(["目标", *(str(p.target) for p in lines)])
    rows.append(["实际", *(f"{p.actual}{'（达成）' if p.met else ''}" for p in lines)])
    width = (W - W * 0.16) / max(len(lines), 1)
    return ruled(rows, (W * 0.16, *([width] * len(lines))), s, centre=tuple(range(len(lines) + 1)))


def _steps(summary: DailySummary, s: Styles) -> Flowable:
    rows: list[list[object]] = [["销售流程环节", "到达（人次）", "止步（人次）", "成败分析与总结"]]
    for step in summary.steps:
        rows.append([step.name, str(step.reached), str(step.stopped), summary.step_analysis.get(step.step, "")])
    return ruled(rows, (W * 0.16, W * 0.13, W * 0.13, W * 0.58), s, centre=(1, 2))


def _review(s: Styles) -> Flowable:
    """The signatures: the manager's, and the supervisor's review line."""
    cells = [[paragraph("客户经理签字：____________________", s.body), paragraph(REVIEW_LINE, s.body)],
             [paragraph("日期：________年_____月_____日", s.small)] * 2]  # fmt: skip
    table = Table(cells, colWidths=[W * 0.42, W * 0.58], rowHeights=[11 * mm, 6 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.4, GRID)]))  # fmt: skip
    return table


def _log(entries: Sequence[LogEntry], s: Styles) -> Flowable:
    rows: list[list[object]] = [["时间", "类型", "数量", "客户 / 网点", "环节", "有效", "结果 / 备注"]]
    for entry in entries:
        if not entry.counts:
            continue  # replaced by a correction, which is listed in its place
        note = "；".join(
            filter(
                None,
                (entry.outcome, entry.notes, f"更正：{entry.correction_reason}" if entry.correction_reason else ""),
            )
        )
        rows.append([
            f"{entry.at:%H:%M}", zh.label(zh.LOG_KINDS, entry.kind), str(entry.quantity),
            entry.client_name or entry.outlet_name, zh.label(zh.SALES_STEPS, entry.sales_step),
            zh.DONE if entry.effective else "", note,
        ])  # fmt: skip
    extra: list[tuple[object, ...]] = []
    if len(rows) == 1:
        rows.append(["当日无工作日志", "", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = (15 * mm, 22 * mm, 13 * mm, 30 * mm, 22 * mm, 12 * mm, W - 114 * mm)
    return ruled(rows, widths, s, centre=(0, 1, 2, 4, 5), extra=extra)


def _tomorrow(summary: DailySummary, s: Styles) -> list[Flowable]:
    plan = summary.tomorrow
    measures: Measures = plan.measures
    story: list[Flowable] = [
        paragraph(f"日期：{chinese_date(plan.day)}　{zh.WEEKDAYS[plan.day.weekday()]}", s.body),
        *calendar_line([plan.day], s),  # "the next working day" was counted Monday to Friday
    ]  # fmt: skip
    heads = [MEASURE_NAMES[m][1] for m in MEASURE_NAMES] + [zh.MEASURES[m] for m in DAILY]
    values = [_figure(m, measures.get(m)) for m in MEASURE_NAMES] + [str(getattr(plan.targets, m)) for m in DAILY]
    # The amount takes the room of two counts, so it stays on one line.
    weights = [2.0 if m == "sales_cents" else 1.0 for m in MEASURE_NAMES] + [1.0] * len(DAILY)
    widths = [W * w / sum(weights) for w in weights]
    story.append(ruled([heads, values], widths, s, centre=tuple(range(len(heads)))))
    visits = "；".join(
        f"{v.starts_at:%H:%M} {v.who}（{zh.label(zh.PURPOSES, v.purpose)}）" for v in plan.visits[:TOMORROW_VISITS]
    )
    more = len(plan.visits) - TOMORROW_VISITS
    visits += f"；另有 {more} 次" if more > 0 else ""
    story += [
        Spacer(1, 1 * mm),
        paragraph(f"已安排拜访：{visits or '尚未安排拜访。'}", s.small),
        Spacer(1, 1 * mm),
        field_grid([("明日安排*", summary.tomorrow_notes)], s),
    ]
    return story


def daily_summary_pdf(
    summary: DailySummary, entries: Sequence[LogEntry], head: Letterhead, font: FontChoice | None = None
) -> bytes:
    """The day's plan & summary as an A4 PDF: the form on page 1, then the day's work log
    (`entries`, all versions) as an attachment."""
    font = font or cjk_font()
    s = styles(font)
    state = "工作日志已关闭" if summary.closed else "工作日志未关闭，数字可能仍会变化"
    form: list[Flowable] = [
        paragraph(TITLE, s.title),
        paragraph(f"日期：{chinese_date(summary.day)}　{zh.WEEKDAYS[summary.day.weekday()]}　（{state}）", s.body),
        section(1, "工作计划与完成情况", s), *_measures(summary, s), Spacer(1, 2 * mm), _daily(summary, s),
        section(2, "各环节成败分析与总结", s), _steps(summary, s), Spacer(1, 1 * mm),
        field_grid([("做得好的*", summary.went_well), ("需要改进*", summary.went_badly)], s),
        section(3, "次日工作计划", s), *_tomorrow(summary, s),
        Spacer(1, 3 * mm), _review(s),
    ]  # fmt: skip
    story: list[Flowable] = [
        KeepInFrame(W, FORM_HEIGHT, form, mode="shrink"),
        PageBreak(),
        section(1, "附页：当日工作日志", s),
        _log(entries, s),
    ]
    info = PageInfo(TITLE, head.manager, head.outlet, summary.day)
    return build_pdf(story, info, font, author=head.manager)
