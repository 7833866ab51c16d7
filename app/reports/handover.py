"""The handover list (交接清单) on paper: the bank's form, filled in, with both signatures.

A draft prints the same form with blank signature lines, so it can also be signed by hand.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.handover.records import POLICY_CONTRACTS, HandoverView, SignatureView
from app.reports.common import SIGNATURE_BOX, chinese_date, ink
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, PageInfo, Styles, build_pdf, grid_table, paragraph, styles

NUMBER_W, POLICYHOLDER_W, COPIES_W = 14 * mm, 34 * mm, 18 * mm
NOTE = "以上资料已由双方当面清点核对无误。本清单一式两份，客户经理与柜员各执一份。"


def _manager_text(view: HandoverView) -> str:
    return f"{view.manager_name}（{view.manager_code}）" if view.manager_code else view.manager_name


def _outlet_text(view: HandoverView) -> str:
    return f"{view.outlet_name}（{view.outlet_code}）" if view.outlet_code else view.outlet_name


def _details(view: HandoverView, s: Styles) -> Table:
    status = "已签字" if view.status == "signed" else "草稿（未签字）"
    cells = [
        [
            paragraph(f"网点：{_outlet_text(view) or '—'}", s.body),
            paragraph(f"交接日期：{chinese_date(view.day)}", s.body),
        ],
        [paragraph(f"客户经理：{_manager_text(view)}", s.body), paragraph(f"接收柜员：{view.teller_name}", s.body)],
        [paragraph(f"清单编号：{view.id[:8].upper()}", s.small), paragraph(f"状态：{status}", s.small)],
    ]
    table = Table(cells, colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _items(view: HandoverView, s: Styles) -> Table:
    document = "单证名称" if view.kind == POLICY_CONTRACTS else "资料名称"
    rows: list[list[object]] = [[paragraph(text, s.head_cell) for text in ("序号", document, "投保人", "份数")]]
    for item in view.items:
        rows.append([
            paragraph(str(item.number), s.cell_centre), paragraph(item.description, s.cell),
            paragraph(item.policyholder, s.cell_centre), paragraph(str(item.copies), s.cell_centre),
        ])  # fmt: skip
    rows.append([
        paragraph("合计", s.cell_centre), paragraph(f"共 {len(view.items)} 件", s.cell), "",
        paragraph(str(view.total_copies), s.cell_centre),
    ])  # fmt: skip
    document_w = CONTENT_WIDTH - NUMBER_W - POLICYHOLDER_W - COPIES_W
    return grid_table(rows, (NUMBER_W, document_w, POLICYHOLDER_W, COPIES_W), total_rows=1)


def _ink(signature: SignatureView | None) -> Flowable:
    """The signature's PNG scaled into the box, or an empty box of the same size to sign on."""
    return ink(signature.png if signature is not None else None, SIGNATURE_BOX)


def _signatures(view: HandoverView, s: Styles) -> Table:
    day = chinese_date(view.day) if view.status == "signed" else "________年_____月_____日"
    columns = []
    for role, label, name in (("manager", "移交人（客户经理）签字：", view.manager_name),
                              ("teller", "接收人（柜员）签字：", view.teller_name)):  # fmt: skip
        columns.append([
            paragraph(label, s.body), _ink(view.signature(role)),
            paragraph(f"姓名：{name}", s.body), paragraph(f"日期：{day}", s.body),
        ])  # fmt: skip
    half = CONTENT_WIDTH / 2
    table = Table([[columns[0], columns[1]]], colWidths=[half, half])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (0, 0), 0.6, "#333333"), ("BOX", (1, 0), (1, 0), 0.6, "#333333"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))  # fmt: skip
    return table


def handover_pdf(view: HandoverView, font: FontChoice | None = None, *, not_sent: bool = False) -> bytes:
    """The list as a PDF (A4).  `font` defaults to the system's CJK font (`cjk_font()`)."""
    font = font or cjk_font()
    s = styles(font)
    story: list[Flowable] = [
        paragraph(view.title, s.title),
        _details(view, s),
        Spacer(1, 4 * mm),
        _items(view, s),
        Spacer(1, 4 * mm),
        # The note and both signatures stay on one page, so no one signs under an empty page.
        KeepTogether([paragraph(NOTE, s.small), Spacer(1, 3 * mm), _signatures(view, s)]),
    ]
    info = PageInfo(view.title, _manager_text(view), _outlet_text(view), view.day, not_sent=not_sent)
    return build_pdf(story, info, font, author=view.manager_name)
