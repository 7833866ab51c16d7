"""The week plan (周工作计划表): the week at a glance, then every visit, day by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.planner.records import ACTIVE, VisitView
from app.reports import labels as zh
from app.reports.common import Letterhead, calendar_line, chinese_date, opening, ruled, sign_off
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, PageInfo, Styles, build_pdf, paragraph, styles

TITLE = "周工作计划表"
DAY_FILL = colors.HexColor("#f4f6f9")
W = CONTENT_WIDTH


def _by_day(monday: date, visits: Sequence[VisitView]) -> list[tuple[date, list[VisitView]]]:
    days: list[tuple[date, list[VisitView]]] = [(monday + timedelta(days=n), []) for n in range(7)]
    for visit in visits:
        offset = (visit.starts_at.date() - monday).days
        if 0 <= offset < 7:
            days[offset][1].append(visit)
    return days


def _overview(days: list[tuple[date, list[VisitView]]], working: Sequence[bool], s: Styles) -> Flowable:
    rows: list[list[object]] = [["日期", "星期", "客户拜访", "网点拜访", "准备进度", "备注"]]
    totals = [0, 0]
    for (day, visits), is_working in zip(days, working, strict=True):
        active = [v for v in visits if v.status in ACTIVE]
        clients = sum(v.kind == "client" for v in active)
        outlets = len(active) - clients
        totals[0] += clients
        totals[1] += outlets
        done, total = sum(v.checks_done for v in active), sum(v.checks_total for v in active)
        rows.append([f"{day.month}月{day.day}日", zh.WEEKDAYS[day.weekday()], str(clients), str(outlets),
                     f"{done} / {total}" if total else "—", "" if is_working else "休息日"])  # fmt: skip
    rows.append(["合计", "", str(totals[0]), str(totals[1]), "", ""])
    return ruled(rows, (W * 0.18, W * 0.14, W * 0.15, W * 0.15, W * 0.18, W * 0.20), s, centre=range(6),
                 total_rows=1, extra=[("SPAN", (0, -1), (1, -1))])  # fmt: skip


def _schedule(days: list[tuple[date, list[VisitView]]], s: Styles) -> Flowable:
    rows: list[list[object]] = [["时间", "类型", "客户 / 网点", "事项", "地点", "状态", "准备"]]
    extra: list[tuple[object, ...]] = []
    for day, visits in days:
        if not visits:
            continue
        row = len(rows)
        rows.append([paragraph(f"{chinese_date(day)}　{zh.WEEKDAYS[day.weekday()]}", s.cell), "", "", "", "", "", ""])
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), DAY_FILL)]
        for visit in visits:
            status = zh.label(zh.VISIT_STATUSES, visit.status)
            if visit.outcome:
                status += f"·{zh.label(zh.OUTCOMES, visit.outcome)}"
            rows.append([
                f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}", zh.label(zh.VISIT_KINDS, visit.kind), visit.who,
                zh.label(zh.PURPOSES, visit.purpose), visit.location, status,
                f"{visit.checks_done}/{visit.checks_total}" if visit.checks_total else "—",
            ])  # fmt: skip
    if len(rows) == 1:
        rows.append(["本周尚无拜访安排", "", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = (24 * mm, 18 * mm, 34 * mm, 20 * mm, W - 136 * mm, 28 * mm, 12 * mm)
    return ruled(rows, widths, s, centre=(0, 1, 5, 6), extra=extra)


def week_plan_pdf(
    monday: date,
    visits: Sequence[VisitView],
    working: Sequence[bool],
    head: Letterhead,
    font: FontChoice | None = None,
) -> bytes:
    """The week from `monday` as an A4 PDF; `working[n]` says whether day n is a working day."""
    font = font or cjk_font()
    s = styles(font)
    sunday = monday + timedelta(days=6)
    days = _by_day(monday, visits)
    story: list[Flowable] = [
        paragraph(TITLE, s.title),
        paragraph(f"本周：{chinese_date(monday)} 至 {chinese_date(sunday)}", s.body),
        *calendar_line([monday, sunday], s),  # which days are working days
        *opening(1, "本周概览", s), _overview(days, working, s),
        *opening(2, "拜访安排", s), _schedule(days, s),
        KeepTogether([Spacer(1, 8 * mm), sign_off(("客户经理签字", "主管审阅"), s)]),
    ]  # fmt: skip
    info = PageInfo(f"{TITLE}（{monday:%m-%d} 至 {sunday:%m-%d}）", head.manager, head.outlet, monday)
    return build_pdf(story, info, font, author=head.manager)
