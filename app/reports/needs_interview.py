"""需求面谈表 on paper: one A4 page — before (preparation), during (relationship, needs found, family,
income, existing cover and assets, goals), the manager's sums (protection gap, education fund,
pension gap) as a table and a bar chart drawn with reportlab's own graphics, after (analysis).

The client's phone prints masked; the form carries no ID number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.reports import labels as zh
from app.reports.common import MASKED_NOTE, Letterhead, field_grid, interview_head, ruled, section, signed_form_pdf
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, Styles, paragraph, styles
from app.rules.masking import mask_phone
from app.rules.money import yuan_text
from app.sales_forms.needs import GOAL_TAGS, GOALS, NeedsFigures, NeedsInterviewView, figures

if TYPE_CHECKING:
    from app.context import AppContext

TITLE = "需求面谈表"
METHOD_NOTE = (
    "测算方法：保障缺口按双十原则（约十年收入）加负债，减已有保额与可变现资产；教育金与养老金按通胀增长、"
    "按预期收益率折算。"
)
BARS = (("需求", "#1a73e8"), ("已有准备", "#1e8e3e"), ("缺口", "#c5221f"))
W = CONTENT_WIDTH


def _yuan(cents: int | None) -> str:
    return f"{yuan_text(cents)} 元" if cents is not None else ""


def _rows(result: NeedsFigures) -> list[tuple[str, int, int, int, str]]:
    """(calculator, need, cover, gap, how) for each calculator worked out."""
    rows = []
    if (p := result.protection) is not None:
        how = f"双十原则：收入×年数+负债；年缴保费预算 {yuan_text(p.premium_budget_cents)}"
        rows.append(("保障缺口", p.need_cents, p.cover_cents, p.gap_cents, how))
    if (e := result.education) is not None:
        how = f"{e.years_until_start} 年后入学读 {e.years_ahead} 年，届时共 {yuan_text(e.total_cents)}，折今"
        rows.append(("教育金", e.need_today_cents, e.cover_cents, e.gap_cents, how))
    if (s := result.pension) is not None:
        how = f"{s.years_to_retirement} 年后退休，每月缺口（今日）{yuan_text(s.monthly_shortfall_cents)}"
        rows.append(("养老缺口", s.lump_sum_cents, s.cover_cents, s.gap_cents, how))
    return rows


TABLE_W = W * 0.58  # the figures' table; the chart takes the rest of the row


def figures_table(result: NeedsFigures, s: Styles) -> Flowable:
    rows: list[tuple[str, ...]] = [("测算项目", "需求", "已有准备", "缺口")]
    rows += [(name, yuan_text(need), yuan_text(cover), yuan_text(gap)) for name, need, cover, gap, _ in _rows(result)]
    if len(rows) == 1:
        rows.append(("（未测算）", "", "", ""))
    return ruled(rows, (TABLE_W * 0.22, TABLE_W * 0.26, TABLE_W * 0.26, TABLE_W * 0.26), s, centre=(0,))


def figures_notes(result: NeedsFigures, s: Styles) -> list[Flowable]:
    """How each figure was reached, one small line a calculator."""
    rows = _rows(result)
    if not rows:
        return [paragraph("所需数字未填写，未作测算。", s.small)]
    return [paragraph(f"{name}：{how}", s.small) for name, _need, _cover, _gap, how in rows]


def figures_chart(result: NeedsFigures, font: str, width: float) -> Drawing | None:
    """Need, cover and gap of each calculator as horizontal bars, in 万元, labelled with their values."""
    rows = _rows(result)
    if not rows:
        return None
    height = 14 * mm + 11 * mm * len(rows)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    # Whole points: the stubs type the positions as int, and a fraction of a point is invisible.
    chart.x, chart.y = round(20 * mm), round(6 * mm)
    chart.width, chart.height = round(width - 24 * mm), round(height - 14 * mm)
    # reportlab draws categories, and the series within one, from the bottom up: both reversed,
    # so the first calculator is on top with its need first, as in the table and the legend.
    ordered = list(reversed(rows))
    series = list(reversed(range(len(BARS))))
    amounts = [(need, cover, gap) for _name, need, cover, gap, _how in ordered]
    chart.data = [tuple(values[n] / 1_000_000 for values in amounts) for n in series]
    chart.categoryAxis.categoryNames = [row[0] for row in ordered]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    # Room on the right for the longest bar's label.
    chart.valueAxis.valueMax = max(max(values) for values in amounts) / 1_000_000 * 1.25 or 1
    chart.valueAxis.labelTextFormat = "%.0f"
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barSpacing = 1
    chart.groupSpacing = 4
    for index, n in enumerate(series):
        chart.bars[index].fillColor = colors.HexColor(BARS[n][1])
        chart.bars[index].strokeColor = None
    legend = Legend()
    legend.x, legend.y = chart.x, round(height - 2 * mm)
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"  # the swatch, then its name
    legend.columnMaximum = 1  # side by side, in one row above the bars
    legend.deltax = round(22 * mm)
    legend.colorNamePairs = [(colors.HexColor(colour), name) for name, colour in BARS]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def figures_row(result: NeedsFigures, s: Styles, font: str) -> Flowable:
    """The table (and the notes under it) on the left, the chart on the right."""
    chart = figures_chart(result, font, W - TABLE_W - 2 * mm)
    left = [figures_table(result, s), Spacer(1, 1.5 * mm), *figures_notes(result, s)]
    row = Table([[left, chart or ""]], colWidths=[TABLE_W + 2 * mm, W - TABLE_W - 2 * mm])
    row.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), 2 * mm), ("RIGHTPADDING", (1, 0), (1, 0), 0),
    ]))  # fmt: skip
    return row


def _ticks(goals: tuple[str, ...]) -> str:
    return "　".join(f"{zh.DONE if g in goals else zh.NOT_DONE} {GOAL_TAGS[g]}" for g in GOALS)


def needs_interview_pdf(
    view: NeedsInterviewView, phone: str, where: str, head: Letterhead, font: FontChoice | None = None
) -> bytes:
    """The form as an A4 PDF; `phone` is the client's mobile (printed masked), `where` the visit."""
    font = font or cjk_font()
    s = styles(font)
    draft, inputs = view.draft, view.draft.inputs
    result = figures(inputs)
    who = view.who if view.client_id or not view.who else f"{view.who}（准客户）"
    story: list[Flowable] = [paragraph(TITLE, s.title)]
    story += [
        interview_head(who, mask_phone(phone), draft.held_on, where, view.status, head, s),
        section(1, "面谈前：准备", s),
        field_grid([("面谈准备*", draft.preparation)], s),
        section(2, "面谈中：建立关系、挖掘需求", s),
        field_grid(
            [
                ("建立关系*", draft.relationship),
                ("发现的需求*", draft.needs_found),
                ("家庭情况*", inputs.family),
                ("需求目标*", _ticks(draft.goals)),
                ("年收入", _yuan(inputs.annual_income_cents)),
                ("负债", _yuan(inputs.debts_cents)),
                ("已有寿险保额", _yuan(inputs.existing_cover_cents)),
                ("可变现资产", _yuan(inputs.liquid_assets_cents)),
                ("保障与资产*", inputs.assets_notes),
            ],
            s,
        ),
        section(3, "需求测算（表：元；图：万元）", s),
        figures_row(result, s, font.name),
    ]
    story += [
        section(4, "面谈后：分析与记录", s),
        field_grid([("客户情况分析*", draft.analysis)], s),
    ]
    return signed_form_pdf(story, s, font, head, f"{TITLE}：{who}", draft.held_on, METHOD_NOTE + MASKED_NOTE, 3 * mm)


def print_needs_interview(ctx: AppContext, interview_id: str) -> bytes:
    """`branchdesk print needs-interview ID` and the dialog's Print… button."""
    printing = ctx.printing
    view = ctx.needs_interviews.get(interview_id)
    phone = ctx.clients.get(view.client_id).draft.mobile if view.client_id else ""
    where = ""
    if view.visit_id:
        visit = ctx.planner.get(view.visit_id).view
        where = f"{visit.starts_at:%H:%M} {visit.location}".strip()
    return needs_interview_pdf(view, phone, where, printing.letterhead(), printing.font())
