"""The policy receipt (保单回执): what was delivered, the cooling-off and return dates, the signature.

Signed on screen, the client's ink is printed; signed on paper, the form says so and that the
scan is attached.  A draft prints a blank box, so it can be signed by hand.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.receipts.service import ReceiptView
from app.reports import labels as zh
from app.reports.common import (
    MASKED_NOTE,
    Letterhead,
    Masks,
    calendar_line,
    chinese_date,
    field_grid,
    ink,
    iso,
    opening,
)
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, GRID, PageInfo, Styles, build_pdf, paragraph, styles
from app.rules.proposal import PartyDoc
from app.rules.reminders import RECEIPT_RETURN_WORKING_DAYS

TITLE = "保单回执"
STATEMENT = (
    "本人已收到上述保险合同（含保险条款、保单及相关资料），客户经理已向本人讲解保险责任、责任免除、"
    "犹豫期及退保等重要内容。本人知悉：犹豫期自本人签收保险合同之日起计算，犹豫期内解除合同的，"
    "保险公司扣除不超过规定的工本费后退还全部保险费。"
)
SCAN_KINDS = {"application/pdf": "PDF", "image/png": "PNG 图片", "image/jpeg": "JPEG 图片"}


def _size(size: int | None) -> str:
    if not size:
        return ""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _signature(view: ReceiptView, s: Styles) -> Table:
    if view.scan_mime is not None:
        kind = zh.label(SCAN_KINDS, view.scan_mime)
        note = f"客户已在纸质回执上签收，扫描件已附（{kind}，{_size(view.scan_size)}）。"
        body: list[Flowable] = [Spacer(1, 4 * mm), paragraph(note, s.body)]
    else:
        body = [ink(view.signature_png)]
    when = chinese_date(view.fields.signed_on) if view.status == "signed" else "________年_____月_____日"
    cell = [paragraph("投保人签收：", s.body), *body, paragraph(f"姓名：{view.policyholder_name}", s.body),
            paragraph(f"签收日期：{when}", s.body)]  # fmt: skip
    table = Table([[cell]], colWidths=[CONTENT_WIDTH])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, GRID), ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))  # fmt: skip
    return table


def receipt_pdf(
    view: ReceiptView,
    holder: PartyDoc | None,
    head: Letterhead,
    font: FontChoice | None = None,
    *,
    not_sent: bool = False,
    reveal: bool = False,
) -> bytes:
    """The receipt as an A4 PDF; `holder` is the proposal's policyholder, for ID and phone."""
    font = font or cjk_font()
    s = styles(font)
    masks = Masks(reveal)
    fields = view.fields
    status = "已签收" if view.status == "signed" else "草稿（待客户签收）"
    facts = [f"回执编号：{view.id[:8].upper()}", f"状态：{status}"]
    if view.content_hash:
        facts.append(f"内容摘要：{view.content_hash[:16]}")
    policy = [
        ("保单号", fields.policy_number), ("产品代码", view.product_code), ("产品名称*", view.product_name),
        ("投保人", view.policyholder_name),
    ]  # fmt: skip
    if holder is not None:
        policy += [("证件号码", masks.id(holder.id_number)), ("手机号码", masks.phone(holder.mobile))]
    policy += [("送达日期", iso(fields.delivered_on)), ("签收日期", iso(fields.signed_on))]
    dates = [
        ("犹豫期", f"{fields.cooling_off_days} 天"), ("犹豫期截止", iso(view.cooling_off_ends_on)),
        ("回执返还截止", iso(view.return_due_on)), ("已返还银行", iso(view.returned_on) or "尚未返还"),
    ]  # fmt: skip
    story: list[Flowable] = [
        paragraph(TITLE, s.title), paragraph("　".join(facts), s.small),
        *opening(1, "保单信息", s), field_grid(policy, s),
        *opening(2, "犹豫期与回执返还", s), field_grid(dates, s), Spacer(1, 1.5 * mm),
        paragraph(f"客户签收后，客户经理须在 {RECEIPT_RETURN_WORKING_DAYS} 个工作日内将回执交回银行。", s.small),
        *calendar_line([view.return_due_on], s),
        KeepTogether([*opening(3, "客户声明与签收", s), paragraph(STATEMENT, s.small), Spacer(1, 3 * mm),
                      _signature(view, s)]),
    ]  # fmt: skip
    if not reveal and holder is not None:
        story += [Spacer(1, 3 * mm), paragraph(MASKED_NOTE, s.small)]
    info = PageInfo(TITLE, head.manager, head.outlet, fields.signed_on or head.printed_on, not_sent=not_sent)
    return build_pdf(story, info, font, author=head.manager)
