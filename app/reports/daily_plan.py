"""The daily plan (每日工作计划表), the morning half of the bank's 每日工作计划与总结表.

Targets, the day's agenda, each visit with its “3S” checklist (拜访前 / 拜访中 / 拜访后) as
rows under it, what is due, and room to write.  Ticks are printed as they stand, so the paper
can be carried on the round and completed by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.day.today import TodayData
from app.planner.records import ACTIVE, ChecklistEntry
from app.reference.deadlines import today_calendar_dates
from app.reports import labels as zh
from app.reports.common import Letterhead, blank_lines, calendar_line, chinese_date, opening, ruled, sign_off
from app.reports.data import VisitSheet
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, PageInfo, Styles, build_pdf, paragraph, styles

TITLE = "每日工作计划表"
REMINDERS_PRINTED = 30  # a big book has hundreds due in a week; the paper lists the most pressing
VISIT_FILL = colors.HexColor("#f4f6f9")
PHASE_W = 20 * mm
W = CONTENT_WIDTH


def _targets(data: TodayData, s: Styles) -> Flowable:
    rows: list[list[object]] = [["项目", "今日目标", "当前完成", "情况"]]
    for line in data.progress:
        met = "已达成" if line.met else ""
        rows.append([zh.label(zh.MEASURES, line.measure), str(line.target), str(line.actual), met])
    return ruled(rows, (W * 0.4, W * 0.2, W * 0.2, W * 0.2), s, centre=(1, 2, 3))


def _agenda(data: TodayData, s: Styles) -> Flowable:
    rows: list[list[object]] = [["时间", "类型", "客户 / 网点", "事项", "地点", "状态"]]
    for visit in data.agenda:
        rows.append([
            f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}", zh.label(zh.VISIT_KINDS, visit.kind), visit.who,
            zh.label(zh.PURPOSES, visit.purpose), visit.location, zh.label(zh.VISIT_STATUSES, visit.status),
        ])  # fmt: skip
    for follow_up in data.follow_ups:
        rows.append(["—", "购后回访", follow_up.client_name, f"购买后 10 日内回访：{follow_up.detail}", "", "待办"])
    extra: list[tuple[object, ...]] = []
    if len(rows) == 1:
        rows.append(["今日无拜访安排", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = (24 * mm, 20 * mm, 30 * mm, 44 * mm, W - 136 * mm, 18 * mm)
    return ruled(rows, widths, s, centre=(0, 1, 5), extra=extra)


def _ticks(items: Sequence[ChecklistEntry]) -> str:
    return "　".join(f"{zh.DONE if item.done else zh.NOT_DONE} {item.label}" for item in items) or "—"


def _checklists(sheets: Sequence[VisitSheet], s: Styles) -> Flowable:
    """One shaded row per visit, then its three phases as rows under it."""
    rows: list[list[object]] = [["阶段", f"检查事项（{zh.DONE} 已完成　{zh.NOT_DONE} 未完成）"]]
    extra: list[tuple[object, ...]] = []
    for detail in sheets:
        view = detail.visit
        parts = [f"{view.starts_at:%H:%M}–{view.ends_at:%H:%M}", view.who, zh.label(zh.PURPOSES, view.purpose)]
        if view.location:
            parts.append(view.location)
        if detail.outcome:
            parts.append(f"结果：{zh.label(zh.OUTCOMES, detail.outcome)}")
        row = len(rows)
        rows.append([paragraph("　".join(parts), s.cell), ""])
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), VISIT_FILL)]
        for phase in ("before", "during", "after"):
            rows.append([zh.PHASES[phase], _ticks(detail.phase(phase))])
        if detail.agenda.strip():
            rows.append(["议程", detail.agenda.strip()])
        # A visit and its checklist stay on one page: its rows would mean nothing without it.
        extra.append(("NOSPLIT", (0, row), (-1, len(rows) - 1)))
    if len(rows) == 1:
        rows.append(["今日无客户或网点拜访", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    return ruled(rows, (PHASE_W, W - PHASE_W), s, centre=(0,), extra=extra)


def _reminders(data: TodayData, s: Styles) -> list[Flowable]:
    shown = data.reminders[:REMINDERS_PRINTED]
    if not shown:
        return [paragraph("近期无到期提醒。", s.body)]
    rows: list[list[object]] = [["类型", "客户", "到期日", "事项", "状态"]]
    for reminder in shown:
        detail = " ".join(filter(None, (zh.label(zh.LETTERS, reminder.letter_kind), reminder.detail)))
        if reminder.years is not None and reminder.kind == "birthday":
            detail = f"{reminder.years} 岁生日"
        rows.append([zh.label(zh.REMINDERS, reminder.kind), reminder.client_name, reminder.due_on.isoformat(), detail,
                     "已逾期" if reminder.overdue else ""])  # fmt: skip
    widths = (24 * mm, 30 * mm, 24 * mm, W - 96 * mm, 18 * mm)
    story: list[Flowable] = [ruled(rows, widths, s, centre=(0, 2, 4))]
    if len(data.reminders) > len(shown):
        story += [
            Spacer(1, 1.5 * mm),
            paragraph(f"另有 {len(data.reminders) - len(shown)} 条提醒未列出，请在系统中查看。", s.small),
        ]
    return story


def daily_plan_pdf(
    data: TodayData, sheets: Sequence[VisitSheet], head: Letterhead, font: FontChoice | None = None
) -> bytes:
    """The day's plan as an A4 PDF.  `sheets` are the day's visits with their checklists;
    cancelled and rescheduled ones stay in the agenda but get no checklist rows."""
    font = font or cjk_font()
    s = styles(font)
    weekday = zh.WEEKDAYS[data.day.weekday()]
    state = "（工作日志已关闭）" if data.day_closed else ""
    story: list[Flowable] = [
        paragraph(TITLE, s.title),
        paragraph(f"日期：{chinese_date(data.day)}　{weekday}{state}", s.body),
        *calendar_line(today_calendar_dates(data), s),
        *opening(1, "今日目标", s), _targets(data, s),
        *opening(2, "今日日程", s), _agenda(data, s),
        *opening(3, "拜访准备与执行（3S）", s),
        _checklists([sheet for sheet in sheets if sheet.visit.status in ACTIVE], s),
        *opening(4, "到期提醒", s), *_reminders(data, s),
        # Kept with the sign-off, so no one signs under a page of nothing.
        KeepTogether([*opening(5, "备注", s), blank_lines(3, s), Spacer(1, 4 * mm),
                      sign_off(("客户经理签字", "主管审阅"), s)]),
    ]  # fmt: skip
    info = PageInfo(TITLE, head.manager, head.outlet, data.day)
    return build_pdf(story, info, font, author=head.manager)
