"""The client file card (客户档案) on paper: personal, family, products, dates, contact history.

ID and phone numbers print masked unless the caller reveals them; a reveal is recorded in the
audit log by `PrintService.client_card(..., reveal=True)`, never here.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.clients.records import ClientCard, HistoryEntry
from app.reports import labels as zh
from app.reports.common import MASKED_NOTE, Letterhead, Masks, field_grid, iso, opening, ruled
from app.reports.fonts import FontChoice, cjk_font
from app.reports.page import CONTENT_WIDTH, PageInfo, Styles, build_pdf, paragraph, styles
from app.rules.money import yuan_text

TITLE = "客户档案"
HISTORY_PRINTED = 30
CODE_WORDS = {
    **zh.VISIT_STATUSES,
    **zh.OUTCOMES,
    **zh.SALES_STEPS,
    "draft": "草稿",
    "finished": "已完成",
    "signed": "已签收",
}
W = CONTENT_WIDTH


def _table(heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], s: Styles) -> Flowable:
    if not rows:
        return paragraph("无", s.body)
    return ruled([list(heads), *(list(row) for row in rows)], widths, s)


def _personal(card: ClientCard, masks: Masks, s: Styles) -> Flowable:
    d = card.draft
    age = f"{card.age} 岁" if card.age is not None else ""
    if card.segment:
        age += f"（{zh.label(zh.SEGMENTS, card.segment)}）"
    return field_grid([
        ("姓名", d.name), ("性别", zh.label(zh.GENDERS, d.gender)), ("出生日期", iso(d.birth_date)), ("年龄", age),
        ("证件类型", zh.label(zh.ID_TYPES, d.id_type)), ("证件号码", masks.id(d.id_number)),
        ("手机号码", masks.phone(d.mobile)), ("其他电话", masks.phone(d.phone_other)),
        ("职业", d.occupation), ("工作单位", d.employer), ("联系地址*", d.address),
    ], s)  # fmt: skip


def _relationship(card: ClientCard, s: Styles) -> Flowable:
    d = card.draft
    last = card.last_contact_at.date().isoformat() if card.last_contact_at else ""
    pairs = [
        ("客户等级", zh.label(zh.TIERS, d.tier)), ("客户来源", zh.label(zh.SOURCES, d.source)),
        ("风险偏好", zh.label(zh.RISKS, d.risk_preference)), ("收入水平", d.income_band or ""),
        ("行内资产", f"{yuan_text(d.assets_cents)} 元"), ("所属网点", card.outlet_name),
        ("最近联系", last), ("最近到期", iso(card.next_maturity_on)), ("标签*", "、".join(d.tags)),
    ]  # fmt: skip
    if d.blacklisted:
        pairs.append(("黑名单*", f"是（{d.blacklist_reason}）" if d.blacklist_reason else "是"))
    return field_grid(pairs, s)


def _family(card: ClientCard, s: Styles) -> Flowable:
    rows = [
        (zh.label(zh.RELATIONS, f.relation), f.name, iso(f.birth_date), zh.label(zh.EDUCATION, f.education_stage),
         "是" if f.supported else "", f.notes)
        for f in card.draft.family
    ]  # fmt: skip
    return _table(("关系", "姓名", "出生日期", "教育阶段", "赡养/抚养", "备注"), rows,
                  (W * 0.12, W * 0.18, W * 0.18, W * 0.14, W * 0.14, W * 0.24), s)  # fmt: skip


def _products(card: ClientCard, s: Styles) -> Flowable:
    rows = [
        (zh.label(zh.PRODUCT_TYPES, p.product_type), p.product_name, f"{yuan_text(p.amount_cents)}",
         iso(p.start_on), iso(p.maturity_on))
        for p in card.draft.products
    ]  # fmt: skip
    return _table(("类型", "产品名称", "金额（元）", "起始日", "到期日"), rows,
                  (W * 0.12, W * 0.38, W * 0.18, W * 0.16, W * 0.16), s)  # fmt: skip


def _dates(card: ClientCard, s: Styles) -> Flowable:
    rows = [(zh.label(zh.DATE_KINDS, d.kind), iso(d.on), "每年" if d.yearly else "一次", d.label)
            for d in card.draft.dates]  # fmt: skip
    return _table(("类型", "日期", "周期", "说明"), rows, (W * 0.2, W * 0.2, W * 0.15, W * 0.45), s)


def _history_texts(entry: HistoryEntry) -> tuple[str, str]:
    """The entry's title and detail in words: the service hands out codes joined by “ · ”."""
    titles = {"visit": zh.PURPOSES, "worklog": zh.LOG_KINDS}.get(entry.kind, {})
    detail = "，".join(zh.label(CODE_WORDS, part) for part in entry.detail.split(" · ") if part)
    return zh.label(titles, entry.title), detail


def _history(history: Sequence[HistoryEntry], s: Styles) -> list[Flowable]:
    shown = history[:HISTORY_PRINTED]
    rows = [(entry.at.date().isoformat(), zh.label(zh.HISTORY_KINDS, entry.kind), *_history_texts(entry))
            for entry in shown]  # fmt: skip
    story = [_table(("日期", "类型", "事项", "详情"), rows, (W * 0.16, W * 0.14, W * 0.3, W * 0.4), s)]
    if len(history) > len(shown):
        story += [Spacer(1, 1.5 * mm), paragraph(f"另有 {len(history) - len(shown)} 条较早的记录未列出。", s.small)]
    return story


def client_card_pdf(
    card: ClientCard,
    history: Sequence[HistoryEntry],
    head: Letterhead,
    font: FontChoice | None = None,
    *,
    reveal: bool = False,
) -> bytes:
    """The card as an A4 PDF: ID and phone masked unless `reveal`."""
    font = font or cjk_font()
    s = styles(font)
    d = card.draft
    story: list[Flowable] = [paragraph(TITLE, s.title)]
    if card.status == "draft":
        story.append(paragraph("（草稿：资料尚不完整）", s.small))
    story += [
        *opening(1, "基本信息", s), _personal(card, Masks(reveal), s),
        *opening(2, "客户关系", s), _relationship(card, s),
        *opening(3, "家庭成员", s), _family(card, s),
        *opening(4, "持有产品", s), _products(card, s),
        *opening(5, "重要日期", s), _dates(card, s),
        *opening(6, "投资、爱好与备注", s),
        field_grid([("投资情况*", d.investments), ("兴趣爱好*", d.hobbies), ("备注*", d.notes)], s),
        *opening(7, "联系记录", s), *_history(history, s),
    ]  # fmt: skip
    if not reveal:
        story += [Spacer(1, 3 * mm), paragraph(MASKED_NOTE, s.small)]
    info = PageInfo(f"{TITLE}：{d.name}", head.manager, head.outlet, head.printed_on)
    return build_pdf(story, info, font, author=head.manager)
