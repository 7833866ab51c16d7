"""The filled proposal form (人身保险投保单): every section, the declaration and the signatures.

ID, phone and account numbers print masked unless the caller reveals them (and records that
it did: `PrintService.proposal(..., reveal=True)`).  A draft prints with blank signature boxes.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.handover.records import SignatureView
from app.proposals.service import ProposalView
from app.reports import labels as zh
from app.reports.common import Letterhead, Masks, chinese_date, field_grid, ink, iso, named, opening, ruled
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, GRID, PageInfo, Styles, build_pdf, paragraph, styles
from app.rules.money import yuan_text
from app.rules.proposal import PartyDoc, required_roles

TITLE = "人身保险投保单"
DECLARATION = (
    "投保人、被保险人声明：本人已阅读保险条款、产品说明书及投保提示，了解本产品的保险责任、责任免除、"
    "犹豫期、退保等重要内容；投保单所填各项内容及健康告知均属实。如有不实告知，保险公司有权依法解除合同。"
)
ACCOUNT_MASKED_NOTE = "注：为保护客户信息，证件号码、手机号码及缴费账号已部分遮蔽。"
ROLE_NAMES = {"policyholder": "投保人", "insured": "被保险人"}


def _money(cents: int | None) -> str:
    return f"{yuan_text(cents)} 元" if cents is not None else ""


def _party(party: PartyDoc, masks: Masks, extra: Sequence[tuple[str, str]], s: Styles) -> Flowable:
    pairs = [
        ("姓名", party.name), ("性别", zh.label(zh.GENDERS, party.gender)),
        ("出生日期", iso(party.birth_date)), ("证件类型", zh.label(zh.ID_TYPES, party.id_type)),
        ("证件号码", masks.id(party.id_number)), ("手机号码", masks.phone(party.mobile)),
        ("职业", party.occupation), *extra, ("联系地址*", party.address),
    ]  # fmt: skip
    return field_grid(pairs, s)


def _insured_extra(view: ProposalView) -> list[tuple[str, str]]:
    insured = view.doc.insured
    extra = [("与投保人关系", zh.label(zh.RELATIONS, view.doc.relation))]
    if insured.pregnancy_weeks is not None:
        weeks = insured.pregnancy_weeks
        extra.append(("孕期", f"怀孕 {weeks} 周" if weeks >= 0 else f"产后第 {-weeks} 周"))
    extra.append(("残疾", "是" if insured.disabled else "否"))
    return extra


def _beneficiaries(view: ProposalView, masks: Masks, s: Styles) -> Flowable:
    rows: list[list[object]] = [["受益顺序", "姓名", "与被保险人关系", "证件类型", "证件号码", "受益比例"]]
    for b in view.doc.beneficiaries:
        if b.legal_heirs:
            cells = ["法定继承人", "", "", ""]
        else:
            cells = [b.name, zh.label(zh.RELATIONS, b.relation_to_insured), zh.label(zh.ID_TYPES, b.id_type),
                     masks.id(b.id_number)]  # fmt: skip
        rows.append([str(b.order), *cells, f"{b.share_basis_points / 100:g}%"])
    extra: list[tuple[object, ...]] = []
    if not view.doc.beneficiaries:
        rows.append(["未指定（法定继承人）", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = (20 * mm, 26 * mm, 30 * mm, 26 * mm, CONTENT_WIDTH - 122 * mm, 20 * mm)
    return ruled(rows, widths, s, centre=(0, 5), extra=extra)


def _health(view: ProposalView, s: Styles) -> Flowable:
    rows: list[list[object]] = [["告知事项", "回答"]]
    answers = dict(view.doc.health_answers)
    for key in [*zh.HEALTH_QUESTIONS, *sorted(set(answers) - set(zh.HEALTH_QUESTIONS))]:
        value = answers.get(key)
        text = "是" if value is True else "否" if value is False or value is None else str(value)
        rows.append([zh.label(zh.HEALTH_QUESTIONS, key), text])
    return ruled(rows, (CONTENT_WIDTH - 30 * mm, 30 * mm), s, centre=(1,))


def _signatures(view: ProposalView, signatures: Sequence[SignatureView], s: Styles) -> Table:
    by_role = {sig.role: sig for sig in signatures}
    needed = required_roles(view.doc)
    columns = []
    for role in ("policyholder", "insured"):
        sig = by_role.get(role)
        if sig is None and role not in needed:
            body: list[Flowable] = [Spacer(1, 6 * mm), paragraph("被保险人即投保人本人，由投保人签名。", s.small)]
        else:
            body = [ink(sig.png if sig else None)]
        when = chinese_date(sig.signed_at.astimezone().date()) if sig else "________年_____月_____日"
        name = getattr(view.doc, role).name
        columns.append([paragraph(f"{ROLE_NAMES[role]}签名：", s.body), *body,
                        paragraph(f"姓名：{name}", s.body), paragraph(f"日期：{when}", s.body)])  # fmt: skip
    half = CONTENT_WIDTH / 2
    table = Table([columns], colWidths=[half, half])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (0, 0), 0.6, GRID), ("BOX", (1, 0), (1, 0), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))  # fmt: skip
    return table


def proposal_pdf(
    view: ProposalView,
    signatures: Sequence[SignatureView],
    head: Letterhead,
    font: FontChoice | None = None,
    *,
    not_sent: bool = False,
    reveal: bool = False,
) -> bytes:
    """The proposal as an A4 PDF with its signature images (`signatures`: PNGs by role)."""
    font = font or cjk_font()
    s = styles(font)
    doc, masks = view.doc, Masks(reveal)
    status = "已完成签名" if view.status == "finished" else "草稿（未签名）"
    facts = [f"投保单号：{doc.id[:8].upper()}", f"版本：{view.version}", f"状态：{status}"]
    if view.content_hash:
        facts.append(f"内容摘要：{view.content_hash[:16]}")
    years = f"{doc.payment_years} 年" if doc.payment_years else ""
    story: list[Flowable] = [
        paragraph(TITLE, s.title),
        paragraph("　".join(facts), s.small),
    ]
    if view.correction_reason:
        story.append(paragraph(f"更正原因：{view.correction_reason}", s.small))
    story += [
        *opening(1, "投保信息", s),
        field_grid([
            ("产品名称", doc.product_name), ("产品代码", doc.product_code),
            ("投保日期", iso(doc.application_date)), ("保险金额", _money(doc.sum_insured_cents)),
            ("保险费", _money(doc.premium_cents)), ("缴费方式", zh.label(zh.PAYMENT_MODES, doc.payment_mode)),
            ("缴费年期", years),
        ], s),
        *opening(2, "投保人", s), _party(doc.policyholder, masks, (), s),
        *opening(3, "被保险人", s), _party(doc.insured, masks, _insured_extra(view), s),
        *opening(4, "身故受益人", s), _beneficiaries(view, masks, s),
        *opening(5, "健康告知（被保险人）", s), _health(view, s),
        *opening(6, "缴费账户", s),
        field_grid([("缴费银行*", doc.payment_bank), ("账户户名", doc.payment_account_holder),
                    ("缴费账号", masks.id(doc.payment_account))], s),
        *opening(7, "客户经理", s),
        field_grid([("姓名", doc.manager_name), ("工号", doc.manager_code), ("联系电话", doc.manager_phone)], s),
        KeepTogether([*opening(8, "声明与签名", s), paragraph(DECLARATION, s.small), Spacer(1, 3 * mm),
                      _signatures(view, signatures, s)]),
    ]  # fmt: skip
    if not reveal:
        story += [Spacer(1, 3 * mm), paragraph(ACCOUNT_MASKED_NOTE, s.small)]
    day = doc.application_date or head.printed_on
    info = PageInfo(TITLE, head.manager, head.outlet, day, not_sent=not_sent)
    return build_pdf(story, info, font, author=named(doc.manager_name, doc.manager_code))
