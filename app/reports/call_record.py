"""电话邀约记录表 on paper: one A4 page like the manual's form — the call's date and time, the
preparation (client basics, the invitation script), the agreed time and place, the self-review.

The phone prints masked (the call record's view hands out only the masked number).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.reports import labels as zh
from app.reports.common import Letterhead, blank_lines, chinese_date, field_grid, ruled, section, signed_form_pdf, tick
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, paragraph, styles
from app.sales_forms.calls import OUTCOME_ZH

if TYPE_CHECKING:
    from app.context import AppContext
    from app.sales_forms.calls import CallRecordView

TITLE = "电话邀约记录表"
W = CONTENT_WIDTH


def call_record_pdf(view: CallRecordView, head: Letterhead, font: FontChoice | None = None) -> bytes:
    """The form as an A4 PDF."""
    font = font or cjk_font()
    s = styles(font)
    who = view.subject
    name = who.name + ("（准客户）" if who.kind == "prospect" else "")
    done = view.status == "done"
    agreed_time = f"{chinese_date(view.agreed_at.date())} {view.agreed_at:%H:%M}" if view.agreed_at else ""
    story: list[Flowable] = [paragraph(TITLE, s.title)]
    story += [
        field_grid(
            [
                ("日期", chinese_date(view.call_on)),
                ("通话时间", f"{view.called_at:%H:%M}" if view.called_at else ""),
                ("记录状态", "已拨打" if done else "已准备（尚未拨打）"),
                ("客户经理", head.manager),
            ],
            s,
        ),
        section(1, "准备：客户基本情况与邀约话术", s),
        field_grid(
            [
                ("客户姓名", name),
                ("性别", zh.label(zh.GENDERS, who.gender)),
                ("年龄", f"{who.age} 岁" if who.age is not None else ""),
                ("手机号码", who.mobile_masked),
                ("以往购买产品*", "、".join(who.products) or "无"),
                ("邀约话术设计*", view.script),
            ],
            s,
        ),
        section(2, "邀约结果", s),
        field_grid(
            [
                ("通话结果", OUTCOME_ZH.get(view.outcome or "", "") if done else ""),
                ("有效电话", ("是" if view.effective else "否") if done else ""),
                ("约定时间", agreed_time),
                ("约定地点", view.agreed_place),
            ],
            s,
        ),
        section(3, "通话自评：优点", s),
        ruled(
            [
                [
                    tick(view.review_prepared, "准备充分"),
                    tick(view.review_warm, "微笑、热情"),
                    tick(view.review_opening, "开场白"),
                    tick(bool(view.review_other.strip()), "其他"),
                ]
            ],
            [W / 4] * 4,
            s,
            header_rows=0,
        ),
        Spacer(1, 2 * mm),
        field_grid([("其他*", view.review_other), ("备注*", view.notes)], s),
    ]
    if not done:
        story += [Spacer(1, 2 * mm), blank_lines(3, s, "通话记录：")]
    return signed_form_pdf(story, s, font, head, f"{TITLE}：{name}", view.call_on)


def print_call_record(ctx: AppContext, record_id: str) -> bytes:
    """`branchdesk print call-record ID` and the form's print."""
    printing = ctx.printing
    return call_record_pdf(ctx.call_records.get(record_id), printing.letterhead(), printing.font())
