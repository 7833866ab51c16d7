"""成交面谈记录表 on paper: one A4 page like the manual's form — the plan presented, the objections
and how each was handled, the review ticks, what to improve, the outcome and the follow-up.

The client's phone prints masked (a closing interview never needs it in full); the form carries
no ID number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.reports import labels as zh
from app.reports.common import (
    Letterhead,
    blank_lines,
    chinese_date,
    field_grid,
    interview_head,
    ruled,
    section,
    signed_form_pdf,
    tick,
)
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, Styles, paragraph, styles
from app.rules.masking import mask_phone
from app.rules.money import yuan_text
from app.rules.product_catalogue import LINES, ProductCatalogue

if TYPE_CHECKING:
    from app.context import AppContext
    from app.sales_forms.closing import ClosingView

TITLE = "成交面谈记录表"
OUTCOMES = {"closed": "已成交", "follow_up": "待跟进", "declined": "未成交"}
# The paper form leaves this many rows for objections; more rows print when more were handled.
OBJECTION_ROWS = 4
W = CONTENT_WIDTH


def _objections(view: ClosingView, s: Styles) -> Flowable:
    rows = [(str(n), o.objection, o.handling) for n, o in enumerate(view.data.objections, start=1)]
    rows += [(str(n), "", "") for n in range(len(rows) + 1, OBJECTION_ROWS + 1)]
    return ruled([("序号", "客户异议", "处理方法"), *rows], (W * 0.08, W * 0.42, W * 0.5), s, centre=(0,))


def _follow_up(view: ClosingView) -> str:
    data = view.data
    if data.outcome != "follow_up" or data.follow_up_on is None:
        return ""
    how = "已安排拜访" if view.follow_up_visit_id else "提醒"
    return f"{chinese_date(data.follow_up_on)}（{how}）"


def closing_interview_pdf(
    view: ClosingView, catalogue: ProductCatalogue, head: Letterhead, font: FontChoice | None = None
) -> bytes:
    """The form as an A4 PDF."""
    font = font or cjk_font()
    s = styles(font)
    data = view.data
    product = catalogue.find(data.product_code) if data.product_code else None
    line = LINES[product.line][1] if product is not None and product.line in LINES else ""
    where = view.visit_location
    if view.visit_starts_at is not None:
        where = f"{view.visit_starts_at:%H:%M} {where}".strip()
    who = view.client_name or (f"{view.prospect_name}（准客户）" if view.prospect_name else "")
    story: list[Flowable] = [paragraph(TITLE, s.title)]
    story += [
        interview_head(who, mask_phone(view.client_phone), data.held_on, where, view.status, head, s),
        section(1, "面谈前：理财方案", s),
        field_grid(
            [
                ("呈现产品", f"{view.product_name}（{data.product_code}）" if data.product_code else ""),
                ("产品类别", line),
                ("保费/金额", f"{yuan_text(data.premium_cents)} 元" if data.premium_cents else ""),
                (
                    "FAB 要点*",
                    f"特点：{product.fab.feature}；优势：{product.fab.advantage}；利益：{product.fab.benefit}"
                    if product is not None and product.fab.feature
                    else "",
                ),
            ],
            s,
        ),
        section(2, "面谈中：方案呈现与异议处理", s),
        _objections(view, s),
        section(3, "面谈回顾", s),
        ruled(
            [
                [
                    tick(data.fab_presented, "FAB的呈现"),
                    tick(data.three_attempts, "促成时坚持三次以上"),
                    tick(bool(data.objections), "异议处理"),
                    tick(bool(data.other.strip()), "其他"),
                ]
            ],
            [W / 4] * 4,
            s,
            header_rows=0,
        ),
        Spacer(1, 2 * mm),
        field_grid([("其他*", data.other), ("本次面谈需改进之处*", data.improve)], s),
        section(4, "面谈结果与后续跟进", s),
        field_grid(
            [
                ("面谈结果", zh.label(OUTCOMES, data.outcome)),
                ("后续跟进", _follow_up(view)),
                ("投保单*", "已据本次面谈新建投保单" if view.proposal_id else ""),
            ],
            s,
        ),
    ]
    if not data.improve.strip() and view.status == "draft":
        story += [Spacer(1, 2 * mm), blank_lines(2, s, "补充记录：")]
    return signed_form_pdf(story, s, font, head, f"{TITLE}：{who}", data.held_on)


def print_closing_interview(ctx: AppContext, interview_id: str) -> bytes:
    """`branchdesk print closing-interview ID` and the form's print button."""
    printing = ctx.printing
    view = ctx.closing_interviews.get(interview_id)
    return closing_interview_pdf(view, ctx.catalogue(), printing.letterhead(), printing.font())
