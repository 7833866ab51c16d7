"""The daily summary (每日工作总结表), the evening half of the bank's 每日工作计划与总结表.

Targets beside what the log adds up to, how far the day's contacts got along the five steps
of the sales flow, the log itself, what went well and badly, and tomorrow's plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.day.daily_plans import DailySummary
from app.day.worklog import LogEntry
from app.reports import labels as zh
from app.reports.common import Letterhead, chinese_date, field_grid, opening, ruled, sign_off
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, PageInfo, Styles, build_pdf, paragraph, styles

TITLE = "每日工作总结表"
W = CONTENT_WIDTH


def _rate(actual: int, target: int) -> str:
    return f"{actual * 100 // target}%" if target else "—"


def _targets(summary: DailySummary, s: Styles) -> Flowable:
    rows: list[list[object]] = [["项目", "目标", "实际", "完成率", "结果"]]
    for line in summary.progress:
        rows.append([zh.label(zh.MEASURES, line.measure), str(line.target), str(line.actual),
                     _rate(line.actual, line.target), "达成" if line.met else "未达成"])  # fmt: skip
    return ruled(rows, (W * 0.36, W * 0.16, W * 0.16, W * 0.16, W * 0.16), s, centre=(1, 2, 3, 4))


def _steps(summary: DailySummary, s: Styles) -> Flowable:
    rows: list[list[object]] = [["序号", "销售流程环节", "到达该环节（人次）", "止步于该环节（人次）"]]
    for number, step in enumerate(summary.steps, start=1):
        rows.append([str(number), step.name, str(step.reached), str(step.stopped)])
    contacts = summary.steps[0].reached if summary.steps else 0
    rows.append(["合计", f"接触客户 {contacts} 人次", "", ""])
    return ruled(rows, (W * 0.12, W * 0.36, W * 0.26, W * 0.26), s, centre=(0, 2, 3), total_rows=1)


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
    targets = plan.targets
    figures = "　".join(f"{zh.MEASURES[name]} {getattr(targets, name)}" for name in zh.MEASURES)
    story: list[Flowable] = [
        paragraph(f"日期：{chinese_date(plan.day)}　{zh.WEEKDAYS[plan.day.weekday()]}", s.body),
        paragraph(f"目标：{figures}", s.body), Spacer(1, 2 * mm),
    ]  # fmt: skip
    rows: list[list[object]] = [["时间", "客户 / 网点", "事项", "地点"]]
    for visit in plan.visits:
        rows.append([f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}", visit.who,
                     zh.label(zh.PURPOSES, visit.purpose), visit.location])  # fmt: skip
    if plan.visits:
        story.append(ruled(rows, (26 * mm, 40 * mm, 36 * mm, W - 102 * mm), s, centre=(0,)))
    else:
        story.append(paragraph("尚未安排拜访。", s.body))
    # The last words stay with the signatures, so no one signs under an empty page.
    notes = field_grid([("明日安排*", summary.tomorrow_notes)], s)
    story += [Spacer(1, 2 * mm), KeepTogether([notes, Spacer(1, 6 * mm), sign_off(("客户经理签字", "主管审阅"), s)])]
    return story


def daily_summary_pdf(
    summary: DailySummary, entries: Sequence[LogEntry], head: Letterhead, font: FontChoice | None = None
) -> bytes:
    """The day's summary as an A4 PDF; `entries` are the day's work log (all versions)."""
    font = font or cjk_font()
    s = styles(font)
    state = "工作日志已关闭" if summary.closed else "工作日志未关闭，数字可能仍会变化"
    story: list[Flowable] = [
        paragraph(TITLE, s.title),
        paragraph(f"日期：{chinese_date(summary.day)}　{zh.WEEKDAYS[summary.day.weekday()]}　（{state}）", s.body),
        *opening(1, "目标完成情况", s), _targets(summary, s),
        *opening(2, "销售流程各环节", s), _steps(summary, s),
        *opening(3, "工作日志", s), _log(entries, s),
        *opening(4, "工作小结", s),
        field_grid([("做得好的*", summary.went_well), ("需要改进*", summary.went_badly)], s),
        *opening(5, "明日计划", s), *_tomorrow(summary, s),
    ]  # fmt: skip
    info = PageInfo(TITLE, head.manager, head.outlet, summary.day)
    return build_pdf(story, info, font, author=head.manager)
